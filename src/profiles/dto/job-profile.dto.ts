import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
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
  MinLength,
  Validate,
  ValidateNested,
} from 'class-validator';
import { STATUSES, type Status } from '../../common/lifecycle.js';
import { HasSomeLanguage, LocalizedTextDto } from '../../common/localized-text.js';
import { PageMeta, PageQuery } from '../../common/page.js';

export class RequirementInputDto {
  @ApiProperty({ format: 'uuid', description: 'A competency (framework item) of a published framework version' })
  @IsUUID()
  itemId: string;

  @ApiProperty({ minimum: 1, maximum: 20, description: 'Required rank on the item’s proficiency scale' })
  @IsInt()
  @Min(1)
  @Max(20)
  level: number;

  @ApiPropertyOptional({ default: true, description: 'Essential (indispensable) or optional for the job' })
  @IsOptional()
  @IsBoolean()
  essential?: boolean;
}

export class CreateJobProfileDto {
  @ApiProperty({ example: 'DIR-01', description: 'Unique among the institution’s job profiles' })
  @IsString()
  @Matches(/^[\w.-]{1,40}$/, { message: 'code must be 1-40 letters, digits, dots, dashes or underscores' })
  code: string;

  @ApiProperty({ example: '2026.1' })
  @IsString()
  @Matches(/^\S(.*\S)?$/, { message: 'version must not be blank or padded' })
  @MaxLength(40)
  version: string;

  @ApiProperty({ type: LocalizedTextDto, example: { fr: 'Directeur d’établissement de santé', ar: 'مدير مؤسسة صحية' } })
  @IsDefined()
  @ValidateNested()
  @Type(() => LocalizedTextDto)
  @Validate(HasSomeLanguage)
  title: LocalizedTextDto;

  @ApiPropertyOptional({ type: LocalizedTextDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocalizedTextDto)
  definition?: LocalizedTextDto;

  @ApiPropertyOptional({ type: LocalizedTextDto, nullable: true, example: { fr: 'Management, gestion et aide à la décision' } })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocalizedTextDto)
  family?: LocalizedTextDto;

  @ApiPropertyOptional({ type: LocalizedTextDto, nullable: true, example: { fr: 'Direction' } })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocalizedTextDto)
  subFamily?: LocalizedTextDto;

  @ApiPropertyOptional({ type: [LocalizedTextDto], description: 'Activities the job covers' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => LocalizedTextDto)
  @Validate(HasSomeLanguage, { each: true })
  activities?: LocalizedTextDto[];

  @ApiPropertyOptional({ example: '1342', nullable: true, description: 'ISCO-08 code (1 to 4 digits)' })
  @IsOptional()
  @Matches(/^\d{1,4}$/, { message: 'iscoCode must be an ISCO-08 code of 1 to 4 digits' })
  iscoCode?: string;

  @ApiPropertyOptional({ example: 'http://data.europa.eu/esco/occupation/4a29eab1-5f02-4723-a863-e2d5a0614dfa', nullable: true })
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  @MaxLength(2000)
  escoUri?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Owner; defaults to the HR manager’s institution, required for an admin' })
  @IsOptional()
  @IsUUID()
  ownerInstitutionId?: string;

  @ApiPropertyOptional({ type: [RequirementInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => RequirementInputDto)
  requirements?: RequirementInputDto[];
}

export class UpdateJobProfileDto extends PartialType(OmitType(CreateJobProfileDto, ['ownerInstitutionId', 'requirements'] as const)) {}

export class ReplaceRequirementsDto {
  @ApiProperty({ type: [RequirementInputDto] })
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => RequirementInputDto)
  requirements: RequirementInputDto[];
}

export class NewProfileVersionDto {
  @ApiProperty({ example: '2027.1' })
  @IsString()
  @Matches(/^\S(.*\S)?$/, { message: 'version must not be blank or padded' })
  @MaxLength(40)
  version: string;
}

export class RequirementDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty({ format: 'uuid', description: 'Stable item identifier (same in every framework version)' }) itemIdentifier: string;
  @ApiPropertyOptional({ type: String, nullable: true }) itemCode: string | null;
  @ApiProperty({ type: LocalizedTextDto }) itemLabel: LocalizedTextDto;
  @ApiProperty({ format: 'uuid' }) frameworkId: string;
  @ApiProperty() level: number;
  @ApiProperty({ type: LocalizedTextDto }) levelLabel: LocalizedTextDto;
  @ApiProperty() essential: boolean;
}

export class JobProfileDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) identifier: string;
  @ApiProperty() version: string;
  @ApiProperty({ enum: STATUSES }) status: Status;
  @ApiProperty() code: string;
  @ApiProperty({ type: LocalizedTextDto }) title: LocalizedTextDto;
  @ApiPropertyOptional({ type: LocalizedTextDto, nullable: true }) definition: LocalizedTextDto | null;
  @ApiPropertyOptional({ type: LocalizedTextDto, nullable: true }) family: LocalizedTextDto | null;
  @ApiPropertyOptional({ type: LocalizedTextDto, nullable: true }) subFamily: LocalizedTextDto | null;
  @ApiProperty({ type: [LocalizedTextDto] }) activities: LocalizedTextDto[];
  @ApiPropertyOptional({ type: String, nullable: true }) iscoCode: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) escoUri: string | null;
  @ApiProperty({ format: 'uuid' }) ownerInstitutionId: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) previousVersionId: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) publishedAt: Date | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) retiredAt: Date | null;
}

export class JobProfileDetailDto extends JobProfileDto {
  @ApiProperty({ type: [RequirementDto] }) requirements: RequirementDto[];
}

export class JobProfilePageDto extends PageMeta {
  @ApiProperty({ type: [JobProfileDto] }) data: JobProfileDto[];
}

export class JobProfileListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: Status;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  ownerInstitutionId?: string;

  @ApiPropertyOptional({ example: 'DIR-01' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  code?: string;

  @ApiPropertyOptional({ description: 'Text in the title, any language' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  q?: string;
}

export class ComparisonQuery {
  @ApiProperty({ format: 'uuid', description: 'The job profile the person holds now' })
  @IsUUID()
  from: string;
}

export class ComparisonLineDto {
  @ApiProperty({ format: 'uuid' }) itemIdentifier: string;
  @ApiPropertyOptional({ type: String, nullable: true }) itemCode: string | null;
  @ApiProperty({ type: LocalizedTextDto }) itemLabel: LocalizedTextDto;
  @ApiProperty({ description: 'Level the target profile requires' }) requiredLevel: number;
  @ApiProperty({ description: 'Level the current profile already requires (0 when absent)' }) currentLevel: number;
  @ApiProperty({ description: 'Levels to add (0 when already covered)' }) delta: number;
  @ApiProperty() essential: boolean;
  @ApiProperty({ enum: ['new', 'raise', 'covered'] }) status: 'new' | 'raise' | 'covered';
}

export class ComparisonDto {
  @ApiProperty({ format: 'uuid' }) fromProfileId: string;
  @ApiProperty({ format: 'uuid' }) toProfileId: string;
  @ApiProperty({ type: [ComparisonLineDto], description: 'Every requirement of the target profile; gaps first' })
  lines: ComparisonLineDto[];
  @ApiProperty() newItems: number;
  @ApiProperty() raisedItems: number;
  @ApiProperty() coveredItems: number;
  @ApiProperty({ description: 'Sum of level deltas over essential requirements' }) essentialLevelGap: number;
}
