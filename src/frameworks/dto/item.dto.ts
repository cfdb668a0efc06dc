import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
  Validate,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { HasSomeLanguage, LocalizedTextDto } from '../../common/localized-text.js';
import { PageMeta, PageQuery } from '../../common/page.js';
import { ITEM_KINDS, type ItemKind } from '../framework-item.entity.js';
import { ASSOCIATION_TYPES, type AssociationType } from '../item-association.entity.js';

export class CreateItemDto {
  @ApiPropertyOptional({ example: 'GC-2.1', nullable: true, description: 'Human coding scheme, unique in the framework version' })
  @IsOptional()
  @IsString()
  @Matches(/^\S(.*\S)?$/, { message: 'code must not be blank or padded' })
  @MaxLength(60)
  code?: string;

  @ApiProperty({ example: 'competency', description: 'domain, competency, sub_competency, or another CASE item type' })
  @IsString()
  @Matches(/^\S(.*\S)?$/, { message: 'itemType must not be blank or padded' })
  @MaxLength(60)
  itemType: string;

  @ApiPropertyOptional({
    enum: ITEM_KINDS,
    nullable: true,
    description: 'skill (savoir-faire), knowledge (connaissance), behaviour (savoir-être)',
  })
  @IsOptional()
  @IsIn(ITEM_KINDS)
  kind?: ItemKind | null;

  @ApiProperty({ type: LocalizedTextDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => LocalizedTextDto)
  @Validate(HasSomeLanguage)
  label: LocalizedTextDto;

  @ApiPropertyOptional({ type: LocalizedTextDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocalizedTextDto)
  description?: LocalizedTextDto;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'Parent item in the same framework version; null for a top-level item',
  })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;

  @ApiPropertyOptional({ minimum: 0, description: 'Order among siblings; appended last when absent' })
  @IsOptional()
  @IsInt()
  @Min(0)
  position?: number;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Scale of this item; the framework’s default when absent' })
  @IsOptional()
  @IsUUID()
  scaleId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', description: 'Stable identifier to keep; generated when absent' })
  @IsOptional()
  @IsUUID()
  identifier?: string;

  @ApiPropertyOptional({ description: 'Stable URI to keep; minted when absent' })
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  @MaxLength(2000)
  uri?: string;
}

export class UpdateItemDto extends PartialType(OmitType(CreateItemDto, ['identifier', 'uri'] as const)) {}

export class ItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) identifier: string;
  @ApiProperty() uri: string;
  @ApiProperty({ format: 'uuid' }) frameworkId: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) parentId: string | null;
  @ApiProperty() position: number;
  @ApiPropertyOptional({ type: String, nullable: true }) code: string | null;
  @ApiProperty() itemType: string;
  @ApiPropertyOptional({ enum: ITEM_KINDS, nullable: true }) kind: ItemKind | null;
  @ApiProperty({ type: LocalizedTextDto }) label: LocalizedTextDto;
  @ApiPropertyOptional({ type: LocalizedTextDto, nullable: true }) description: LocalizedTextDto | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) scaleId: string | null;
}

export class ItemTreeNodeDto extends ItemDto {
  @ApiProperty({ type: () => [ItemTreeNodeDto] }) children: ItemTreeNodeDto[];
}

export class ItemPageDto extends PageMeta {
  @ApiProperty({ type: [ItemDto] }) data: ItemDto[];
}

export class ItemListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Text searched in code, labels and descriptions of every language, accents ignored' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ITEM_KINDS })
  @IsOptional()
  @IsIn(ITEM_KINDS)
  kind?: ItemKind;

  @ApiPropertyOptional({ example: 'competency' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  itemType?: string;
}

export class ItemSearchQuery extends ItemListQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'One framework version; otherwise every published version' })
  @IsOptional()
  @IsUUID()
  frameworkId?: string;
}

export class CreateAssociationDto {
  @ApiProperty({ format: 'uuid', description: 'An item of this framework version' })
  @IsUUID()
  originId: string;

  @ApiProperty({ enum: ASSOCIATION_TYPES })
  @IsIn(ASSOCIATION_TYPES)
  type: AssociationType;

  @ApiPropertyOptional({ format: 'uuid', description: 'An item of any framework; give this or destinationUri' })
  @ValidateIf((dto: CreateAssociationDto) => dto.destinationItemId !== undefined || dto.destinationUri === undefined)
  @IsUUID(undefined, { message: 'destinationItemId must be a UUID (or give destinationUri)' })
  destinationItemId?: string;

  @ApiPropertyOptional({
    example: 'http://data.europa.eu/esco/skill/8071881c-d652-46e7-9cf4-e06a7f1e57c7',
    description: 'An external concept, e.g. an ESCO skill',
  })
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  @MaxLength(2000)
  destinationUri?: string;

  @ApiPropertyOptional({ example: 'gérer les incidents majeurs' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  destinationLabel?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Stable identifier to keep; generated when absent' })
  @IsOptional()
  @IsUUID()
  identifier?: string;
}

export class AssociationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) identifier: string;
  @ApiProperty({ format: 'uuid' }) frameworkId: string;
  @ApiProperty({ format: 'uuid' }) originId: string;
  @ApiProperty({ description: `One of ${ASSOCIATION_TYPES.join(', ')}, or a CASE extension type ext:…` }) type: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) destinationItemId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) destinationUri: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) destinationLabel: string | null;
}
