import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  Validate,
  ValidateNested,
} from 'class-validator';
import { HasSomeLanguage, LANGUAGES, type Language, LocalizedTextDto } from '../../common/localized-text.js';
import { PageMeta, PageQuery } from '../../common/page.js';
import { MODALITIES, type Modality } from '../training-module.entity.js';

export const CODE_PATTERN = /^[\w.-]{1,40}$/;
export const CODE_MESSAGE = 'code must be 1-40 letters, digits, dots, dashes or underscores';

export class OutcomeInputDto {
  @ApiPropertyOptional({
    type: LocalizedTextDto,
    nullable: true,
    example: { fr: 'Déclencher le plan blanc et organiser la cellule de crise' },
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocalizedTextDto)
  description?: LocalizedTextDto;

  @ApiProperty({ format: 'uuid', description: 'A competency (framework item) of a published framework version' })
  @IsUUID()
  itemId: string;

  @ApiProperty({
    minimum: 1,
    maximum: 20,
    description: 'Rank reached on the item’s proficiency scale (its own, or the framework’s default)',
  })
  @IsInt()
  @Min(1)
  @Max(20)
  level: number;
}

export class CreateTrainingModuleDto {
  @ApiProperty({ example: 'GC-SSE', description: 'Unique among the owner’s modules' })
  @IsString()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  code: string;

  @ApiProperty({
    type: LocalizedTextDto,
    example: { fr: 'Gestion de crise et situations sanitaires exceptionnelles', ar: 'إدارة الأزمات والأوضاع الصحية الاستثنائية' },
  })
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

  @ApiPropertyOptional({ format: 'uuid', description: 'Owner; a registrar’s own institution, required for an admin' })
  @IsOptional()
  @IsUUID()
  ownerInstitutionId?: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Institutions that deliver the module; the owner is always one of them',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  providerInstitutionIds?: string[];

  @ApiProperty({ example: 35, minimum: 0.1, maximum: 2000, description: 'Contact hours, more than 0, one decimal at most' })
  @IsNumber({ maxDecimalPlaces: 1, allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(2000)
  hours: number;

  @ApiPropertyOptional({ example: 3, minimum: 0, maximum: 60, nullable: true })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 1, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(60)
  ectsCredits?: number | null;

  @ApiProperty({ enum: MODALITIES })
  @IsIn(MODALITIES)
  modality: Modality;

  @ApiProperty({ enum: LANGUAGES, description: 'Teaching language' })
  @IsIn(LANGUAGES)
  language: Language;

  @ApiPropertyOptional({ type: [OutcomeInputDto], description: 'Learning outcomes, each mapped to a competency at a level' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => OutcomeInputDto)
  outcomes?: OutcomeInputDto[];
}

export class UpdateTrainingModuleDto extends PartialType(OmitType(CreateTrainingModuleDto, ['ownerInstitutionId', 'outcomes'] as const)) {}

export class ReplaceOutcomesDto {
  @ApiProperty({ type: [OutcomeInputDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => OutcomeInputDto)
  outcomes: OutcomeInputDto[];
}

export class OutcomeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() position: number;
  @ApiPropertyOptional({ type: LocalizedTextDto, nullable: true }) description: LocalizedTextDto | null;
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty({ format: 'uuid', description: 'Stable item identifier (same in every framework version)' }) itemIdentifier: string;
  @ApiPropertyOptional({ type: String, nullable: true }) itemCode: string | null;
  @ApiProperty({ type: LocalizedTextDto }) itemLabel: LocalizedTextDto;
  @ApiProperty({ format: 'uuid' }) frameworkId: string;
  @ApiProperty({ description: 'Rank on the item’s scale' }) level: number;
  @ApiProperty({ type: LocalizedTextDto }) levelLabel: LocalizedTextDto;
}

export class TrainingModuleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty({ type: LocalizedTextDto }) title: LocalizedTextDto;
  @ApiPropertyOptional({ type: LocalizedTextDto, nullable: true }) description: LocalizedTextDto | null;
  @ApiProperty({ format: 'uuid' }) ownerInstitutionId: string;
  @ApiProperty({ type: [String], format: 'uuid', description: 'Owner first' }) providerInstitutionIds: string[];
  @ApiProperty() hours: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) ectsCredits: number | null;
  @ApiProperty({ enum: MODALITIES }) modality: Modality;
  @ApiProperty({ enum: LANGUAGES }) language: string;
  @ApiProperty({ type: [OutcomeDto] }) outcomes: OutcomeDto[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class TrainingModulePageDto extends PageMeta {
  @ApiProperty({ type: [TrainingModuleDto] }) data: TrainingModuleDto[];
}

export class TrainingModuleListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  ownerInstitutionId?: string;

  @ApiPropertyOptional({ enum: MODALITIES })
  @IsOptional()
  @IsIn(MODALITIES)
  modality?: Modality;

  @ApiPropertyOptional({ description: 'Text in the code or title, any language; accents and case ignored' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Modules with a learning outcome on this competency (stable item identifier, any framework version)',
  })
  @IsOptional()
  @IsUUID()
  itemIdentifier?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 20, description: 'With itemIdentifier: only outcomes at this rank or above' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  minLevel?: number;
}
