import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidateNested,
} from 'class-validator';
import { STATUSES, type Status } from '../../common/lifecycle.js';
import { HasSomeLanguage, LocalizedTextDto } from '../../common/localized-text.js';
import { PageMeta, PageQuery } from '../../common/page.js';

export class CreateFrameworkDto {
  @ApiProperty({ type: LocalizedTextDto, example: { fr: 'Management des établissements de santé', ar: 'تسيير المؤسسات الصحية' } })
  @IsDefined()
  @ValidateNested()
  @Type(() => LocalizedTextDto)
  @Validate(HasSomeLanguage)
  title: LocalizedTextDto;

  @ApiPropertyOptional({ type: LocalizedTextDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocalizedTextDto)
  description?: LocalizedTextDto;

  @ApiProperty({ example: '2026.1', description: 'Version label, unique among the versions of this framework' })
  @IsString()
  @Matches(/^\S(.*\S)?$/, { message: 'version must not be blank or padded' })
  @MaxLength(40)
  version: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Owner; defaults to the HR manager’s institution, required for an admin' })
  @IsOptional()
  @IsUUID()
  ownerInstitutionId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Stable identifier to keep (e.g. from an imported CASE document); generated when absent',
  })
  @IsOptional()
  @IsUUID()
  identifier?: string;

  @ApiPropertyOptional({ description: 'Stable URI to keep; minted under PUBLIC_BASE_URL when absent' })
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  @MaxLength(2000)
  uri?: string;
}

export class UpdateFrameworkDto {
  @ApiPropertyOptional({ type: LocalizedTextDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocalizedTextDto)
  @Validate(HasSomeLanguage)
  title?: LocalizedTextDto;

  @ApiPropertyOptional({ type: LocalizedTextDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocalizedTextDto)
  description?: LocalizedTextDto;

  @ApiPropertyOptional({ example: '2026.2' })
  @IsOptional()
  @IsString()
  @Matches(/^\S(.*\S)?$/, { message: 'version must not be blank or padded' })
  @MaxLength(40)
  version?: string;
}

export class NewVersionDto {
  @ApiProperty({ example: '2027.1', description: 'Label of the new draft version' })
  @IsString()
  @Matches(/^\S(.*\S)?$/, { message: 'version must not be blank or padded' })
  @MaxLength(40)
  version: string;
}

export class LevelInputDto {
  @ApiProperty({ minimum: 1, maximum: 20, description: '1 is the lowest level; ranks run 1..n without gaps' })
  @IsInt()
  @Min(1)
  @Max(20)
  rank: number;

  @ApiProperty({ example: 'maitrise' })
  @IsString()
  @Matches(/^[\w.-]{1,40}$/, { message: 'code must be 1-40 letters, digits, dots, dashes or underscores' })
  code: string;

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
}

export class CreateScaleDto {
  @ApiProperty({ example: 'profondeur' })
  @IsString()
  @Matches(/^[\w.-]{1,40}$/, { message: 'code must be 1-40 letters, digits, dots, dashes or underscores' })
  code: string;

  @ApiProperty({ type: LocalizedTextDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => LocalizedTextDto)
  @Validate(HasSomeLanguage)
  title: LocalizedTextDto;

  @ApiProperty({ type: [LevelInputDto] })
  @ValidateNested({ each: true })
  @Type(() => LevelInputDto)
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  levels: LevelInputDto[];
}

export class LevelDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) identifier: string;
  @ApiProperty() rank: number;
  @ApiProperty() code: string;
  @ApiProperty({ type: LocalizedTextDto }) label: LocalizedTextDto;
  @ApiPropertyOptional({ type: LocalizedTextDto, nullable: true }) description: LocalizedTextDto | null;
}

export class ScaleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) identifier: string;
  @ApiProperty() code: string;
  @ApiProperty({ type: LocalizedTextDto }) title: LocalizedTextDto;
  @ApiProperty({ description: 'The scale with the lowest position is the default' }) position: number;
  @ApiProperty({ type: [LevelDto] }) levels: LevelDto[];
}

export class FrameworkDto {
  @ApiProperty({ format: 'uuid', description: 'This version' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'Shared by all versions' }) identifier: string;
  @ApiProperty() uri: string;
  @ApiProperty() version: string;
  @ApiProperty({ enum: STATUSES }) status: Status;
  @ApiProperty({ type: LocalizedTextDto }) title: LocalizedTextDto;
  @ApiPropertyOptional({ type: LocalizedTextDto, nullable: true }) description: LocalizedTextDto | null;
  @ApiProperty({ format: 'uuid' }) ownerInstitutionId: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) previousVersionId: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) publishedAt: Date | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) retiredAt: Date | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class FrameworkDetailDto extends FrameworkDto {
  @ApiProperty({ type: [ScaleDto] }) scales: ScaleDto[];
  @ApiProperty() itemCount: number;
}

export class FrameworkPageDto extends PageMeta {
  @ApiProperty({ type: [FrameworkDto] }) data: FrameworkDto[];
}

export class FrameworkListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: Status;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  ownerInstitutionId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'All versions of one framework' })
  @IsOptional()
  @IsUUID()
  identifier?: string;
}
