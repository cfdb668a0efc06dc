import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { LocalizedTextDto } from '../../common/localized-text.js';
import { ASSESSMENT_KINDS, type AssessmentKind } from '../assessment.entity.js';
import { ENROLMENT_CONSENTS, ENROLMENT_STATUSES, type EnrolmentConsent, type EnrolmentStatus } from '../enrolment.entity.js';
import { EVIDENCE_SOURCES, type EvidenceSource } from '../evidence.entity.js';

export class CreateEnrolmentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  learnerId: string;
}

export class UpdateEnrolmentDto {
  @ApiPropertyOptional({ enum: ENROLMENT_STATUSES, description: 'completed records the module’s competencies as evidence' })
  @IsOptional()
  @IsIn(ENROLMENT_STATUSES)
  status?: EnrolmentStatus;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, nullable: true, description: 'Share of the session attended, in percent' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  attendanceRate?: number;
}

export class EnrolmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ format: 'uuid' }) learnerId: string;
  @ApiProperty({ enum: ENROLMENT_STATUSES }) status: EnrolmentStatus;
  @ApiProperty({
    enum: ENROLMENT_CONSENTS,
    description:
      'requested by the employer’s HR (the school accepts), offered by the school (the learner or their HR accepts), or accepted; only an accepted enrolment opens the learner’s record to the school',
  })
  consent: EnrolmentConsent;
  @ApiPropertyOptional({ type: Number, nullable: true }) attendanceRate: number | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) completedAt: Date | null;
}

export class CreateAssessmentDto {
  @ApiProperty({ format: 'uuid', description: 'An enrolled learner of the session' })
  @IsUUID()
  learnerId: string;

  @ApiProperty({ enum: ASSESSMENT_KINDS })
  @IsIn(ASSESSMENT_KINDS)
  kind: AssessmentKind;

  @ApiProperty({ example: 15.5 })
  @IsNumber({ maxDecimalPlaces: 2 })
  score: number;

  @ApiPropertyOptional({ default: 20, description: 'Top of the scale (20 in French and Algerian grading)' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(1)
  @Max(10000)
  maxScore?: number;

  @ApiPropertyOptional({ default: 10 })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  passMark?: number;

  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  assessedAt?: Date;

  @ApiPropertyOptional({ example: 'Rapport de stage validé par le maître de stage' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class AssessmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) enrolmentId: string;
  @ApiProperty({ enum: ASSESSMENT_KINDS }) kind: AssessmentKind;
  @ApiProperty() score: number;
  @ApiProperty() maxScore: number;
  @ApiProperty() passMark: number;
  @ApiProperty() passed: boolean;
  @ApiProperty() assessedAt: Date;
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
}

export class CreateEvidenceDto {
  @ApiProperty({ format: 'uuid', description: 'A framework item of a published framework version' })
  @IsUUID()
  itemId: string;

  @ApiProperty({ minimum: 1, maximum: 20, description: 'Level observed, a rank on the item’s scale' })
  @IsInt()
  @Min(1)
  @Max(20)
  level: number;

  @ApiProperty({ example: 'Observation en situation : a conduit la cellule de crise lors de l’exercice plan blanc du 12 mars.' })
  @IsString()
  @MaxLength(2000)
  note: string;

  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  observedAt?: Date;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The session the observation was made in; required of a registrar (a session of their school the learner is enrolled in)',
  })
  @IsOptional()
  @IsUUID()
  sessionId?: string;
}

export class EvidenceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty({ format: 'uuid' }) itemIdentifier: string;
  @ApiProperty() level: number;
  @ApiProperty({ enum: EVIDENCE_SOURCES }) source: EvidenceSource;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) moduleId: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) enrolmentId: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The session a registrar recorded it in' }) sessionId:
    string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) assessmentId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
  @ApiProperty() observedAt: Date;
}

export class CompetencyLevelDto {
  @ApiProperty({ format: 'uuid' }) itemIdentifier: string;
  @ApiPropertyOptional({ type: String, nullable: true }) itemCode: string | null;
  @ApiProperty({ type: LocalizedTextDto }) itemLabel: LocalizedTextDto;
  @ApiProperty({ description: 'Highest level proved' }) level: number;
  @ApiProperty({ type: LocalizedTextDto }) levelLabel: LocalizedTextDto;
  @ApiProperty({ format: 'uuid', description: 'The evidence that sets the level (highest, then most recent)' }) countedEvidenceId: string;
  @ApiProperty({ type: [EvidenceDto], description: 'All evidence on this competency, newest first' }) evidence: EvidenceDto[];
}

export class QuestionnaireComparisonDto {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ description: 'Learners with both a pre- and a post-training questionnaire' }) pairs: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Mean pre-training score, % of the maximum' }) averagePre:
    number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) averagePost: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Mean gain in percentage points' }) averageGain: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Share of learners whose score rose, 0..1' }) improvedShare:
    number | null;
  @ApiProperty({ description: 'Enrolled learners missing one of the two questionnaires' }) incomplete: number;
}
