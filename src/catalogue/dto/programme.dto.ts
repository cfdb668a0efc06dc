import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
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
import { HasSomeLanguage, LocalizedTextDto } from '../../common/localized-text.js';
import { PageMeta, PageQuery } from '../../common/page.js';
import { PROGRAMME_KINDS, type ProgrammeKind } from '../programme.entity.js';
import { MODALITIES, type Modality } from '../training-module.entity.js';
import { CODE_MESSAGE, CODE_PATTERN } from './training-module.dto.js';

export class ProgrammeModuleInputDto {
  @ApiProperty({ format: 'uuid', description: 'A training module' })
  @IsUUID()
  moduleId: string;

  @ApiProperty({ description: 'Required, or an elective counted in its elective group' })
  @IsBoolean()
  required: boolean;

  @ApiPropertyOptional({ example: 'options', description: 'For an elective: the code of its group in electiveGroups' })
  @IsOptional()
  @IsString()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  electiveGroup?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Modules of this programme to pass first; cycles are refused' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  prerequisites?: string[];
}

export class ElectiveGroupInputDto {
  @ApiProperty({ example: 'options' })
  @IsString()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  code: string;

  @ApiProperty({ minimum: 1, maximum: 100, description: '"n of these modules": how many of the group a learner must pass' })
  @IsInt()
  @Min(1)
  @Max(100)
  minimumModules: number;
}

export class CreateProgrammeDto {
  @ApiProperty({ example: 'DMH', description: 'Unique among the owner’s programmes' })
  @IsString()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  code: string;

  @ApiProperty({ enum: PROGRAMME_KINDS })
  @IsIn(PROGRAMME_KINDS)
  kind: ProgrammeKind;

  @ApiProperty({ type: LocalizedTextDto, example: { fr: 'Diplôme de management hospitalier', ar: 'شهادة التسيير الاستشفائي' } })
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

  @ApiPropertyOptional({ format: 'uuid', description: 'The lead school; a registrar’s own institution, required for an admin' })
  @IsOptional()
  @IsUUID()
  ownerInstitutionId?: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Awarding schools in order, the lead (owner) first; several for a co-accredited diploma. Defaults to the owner alone',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  awardingInstitutionIds?: string[];

  @ApiProperty({ type: [ProgrammeModuleInputDto], description: 'Modules in teaching order' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ProgrammeModuleInputDto)
  modules: ProgrammeModuleInputDto[];

  @ApiPropertyOptional({ type: [ElectiveGroupInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ElectiveGroupInputDto)
  electiveGroups?: ElectiveGroupInputDto[];

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 100,
    nullable: true,
    description: 'Completion rule: minimum average of module scores, in percent',
  })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  minimumAverage?: number | null;

  @ApiPropertyOptional({ default: false, description: 'Completion rule: an internship report must be validated' })
  @IsOptional()
  @IsBoolean()
  internshipRequired?: boolean;
}

export class UpdateProgrammeDto extends PartialType(OmitType(CreateProgrammeDto, ['ownerInstitutionId'] as const)) {}

export class AwardingInstitutionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: LocalizedTextDto }) name: LocalizedTextDto;
  @ApiProperty({ description: 'The lead school, which manages the programme' }) lead: boolean;
}

export class ProgrammeModuleDto {
  @ApiProperty({ format: 'uuid' }) moduleId: string;
  @ApiProperty() code: string;
  @ApiProperty({ type: LocalizedTextDto }) title: LocalizedTextDto;
  @ApiProperty() hours: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) ectsCredits: number | null;
  @ApiProperty({ enum: MODALITIES }) modality: Modality;
  @ApiProperty() required: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) electiveGroup: string | null;
  @ApiProperty({ type: [String], format: 'uuid' }) prerequisites: string[];
}

export class ElectiveGroupDto {
  @ApiProperty() code: string;
  @ApiProperty() minimumModules: number;
  @ApiProperty({ type: [String], format: 'uuid' }) moduleIds: string[];
}

export class ProgrammeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty({ enum: PROGRAMME_KINDS }) kind: ProgrammeKind;
  @ApiProperty({ type: LocalizedTextDto }) title: LocalizedTextDto;
  @ApiPropertyOptional({ type: LocalizedTextDto, nullable: true }) description: LocalizedTextDto | null;
  @ApiProperty({ format: 'uuid' }) ownerInstitutionId: string;
  @ApiProperty({ type: [AwardingInstitutionDto], description: 'In order, the lead first' }) awardingInstitutions: AwardingInstitutionDto[];
  @ApiProperty({ type: [ProgrammeModuleDto], description: 'In teaching order' }) modules: ProgrammeModuleDto[];
  @ApiProperty({ type: [ElectiveGroupDto] }) electiveGroups: ElectiveGroupDto[];
  @ApiPropertyOptional({ type: Number, nullable: true }) minimumAverage: number | null;
  @ApiProperty() internshipRequired: boolean;
  @ApiProperty({
    description: 'Least hours to complete: required modules plus, in each elective group, its minimumModules modules with the fewest hours',
  })
  totalHours: number;
  @ApiProperty({ description: 'Least ECTS credits, computed the same way on its own (a module without credits counts 0)' })
  totalCredits: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class ProgrammePageDto extends PageMeta {
  @ApiProperty({ type: [ProgrammeDto] }) data: ProgrammeDto[];
}

export class ProgrammeListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  ownerInstitutionId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Programmes this institution awards, as lead or partner' })
  @IsOptional()
  @IsUUID()
  awardingInstitutionId?: string;

  @ApiPropertyOptional({ enum: PROGRAMME_KINDS })
  @IsOptional()
  @IsIn(PROGRAMME_KINDS)
  kind?: ProgrammeKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'Programmes that include this module' })
  @IsOptional()
  @IsUUID()
  moduleId?: string;

  @ApiPropertyOptional({ description: 'Text in the code or title, any language; accents and case ignored' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  q?: string;
}
