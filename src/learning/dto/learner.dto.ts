import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { LocalizedTextDto } from '../../common/localized-text.js';
import { PageMeta, PageQuery } from '../../common/page.js';
import { WithoutBidiControls } from '../../common/storable-text.js';

export class CreateLearnerDto {
  @ApiProperty({ example: 'Amina' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @WithoutBidiControls()
  givenName: string;

  @ApiProperty({ example: 'Belkacem' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @WithoutBidiControls()
  familyName: string;

  @ApiPropertyOptional({ example: 'DZ-16-004512', nullable: true, description: 'National staff number, unique within the employer' })
  @IsOptional()
  @Matches(/^[\w./-]{1,40}$/, { message: 'staffNumber must be 1-40 letters, digits, dots, slashes or dashes' })
  staffNumber?: string;

  @ApiPropertyOptional({ example: 'a.belkacem@chu-oran.example.dz', nullable: true })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  email?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Employer; an HR manager’s own institution by default' })
  @IsOptional()
  @IsUUID()
  employerInstitutionId?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Job profile (version) held now' })
  @IsOptional()
  @IsUUID()
  currentProfileId?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Job profile (version) aimed at' })
  @IsOptional()
  @IsUUID()
  targetProfileId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'The learner’s own login (role learner), so they can read their record',
  })
  @IsOptional()
  @IsUUID()
  userId?: string;
}

export class UpdateLearnerDto extends PartialType(OmitType(CreateLearnerDto, ['employerInstitutionId'] as const)) {}

export class LearnerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() givenName: string;
  @ApiProperty() familyName: string;
  @ApiPropertyOptional({ type: String, nullable: true }) staffNumber: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ format: 'uuid' }) employerInstitutionId: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) currentProfileId: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) targetProfileId: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) userId: string | null;
}

export class LearnerPageDto extends PageMeta {
  @ApiProperty({ type: [LearnerDto] }) data: LearnerDto[];
}

export class LearnerListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  employerInstitutionId?: string;

  @ApiPropertyOptional({ description: 'Name, email or staff number' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  q?: string;
}

export class GapQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Job profile to compare with; the target profile, else the current one, by default' })
  @IsOptional()
  @IsUUID()
  profileId?: string;
}

export class TeamGapQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only staff holding (or aiming at) this job profile version' })
  @IsOptional()
  @IsUUID()
  profileId?: string;

  @ApiPropertyOptional({
    enum: ['current', 'target'],
    default: 'current',
    description: 'Compare with the profile held now or the one aimed at',
  })
  @IsOptional()
  @IsIn(['current', 'target'])
  basis: 'current' | 'target' = 'current';
}

export class GapLineDto {
  @ApiProperty({ format: 'uuid' }) itemIdentifier: string;
  @ApiPropertyOptional({ type: String, nullable: true }) itemCode: string | null;
  @ApiProperty({ type: LocalizedTextDto }) itemLabel: LocalizedTextDto;
  @ApiProperty() requiredLevel: number;
  @ApiProperty({ description: '0 when nothing is proved' }) currentLevel: number;
  @ApiProperty() gap: number;
  @ApiProperty() essential: boolean;
}

export class RecommendedModuleDto {
  @ApiProperty({ format: 'uuid' }) moduleId: string;
  @ApiProperty() code: string;
  @ApiProperty({ type: LocalizedTextDto }) title: LocalizedTextDto;
  @ApiProperty() hours: number;
  @ApiProperty({ type: [String], description: 'Identifiers of the gaps the module closes' }) closes: string[];
}

export class RecommendationDto {
  @ApiProperty({ type: [RecommendedModuleDto] }) modules: RecommendedModuleDto[];
  @ApiProperty() totalHours: number;
  @ApiProperty({ type: [GapLineDto], description: 'Gaps that no module of the catalogue closes' }) uncovered: GapLineDto[];
  @ApiProperty({ enum: ['exact', 'greedy'] }) method: 'exact' | 'greedy';
}

export class GapReportDto {
  @ApiProperty({ format: 'uuid' }) learnerId: string;
  @ApiProperty({ format: 'uuid' }) profileId: string;
  @ApiProperty({ type: [GapLineDto] }) lines: GapLineDto[];
  @ApiProperty() gapCount: number;
  @ApiProperty() essentialGapCount: number;
  @ApiProperty({ type: RecommendationDto }) recommendation: RecommendationDto;
}
