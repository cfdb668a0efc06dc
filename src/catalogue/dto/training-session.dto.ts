import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { LocalizedTextDto } from '../../common/localized-text.js';
import { PageMeta, PageQuery } from '../../common/page.js';
import { CODE_MESSAGE, CODE_PATTERN } from './training-module.dto.js';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const NOT_BLANK = /\S/;

export class CreateTrainingSessionDto {
  @ApiProperty({ example: 'GC-SSE-2026-1', description: 'Unique among the organiser’s sessions' })
  @IsString()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  code: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The module taught; give this or programmeId, not both' })
  @IsOptional()
  @IsUUID()
  moduleId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The programme run as a whole; give this or moduleId, not both' })
  @IsOptional()
  @IsUUID()
  programmeId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Organising school; a registrar’s own institution, required for an admin. Must deliver the module (be one of its providers) or award the programme',
  })
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @ApiProperty({ example: '2026-03-16', format: 'date' })
  @Matches(DATE_ONLY, { message: 'startsOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'startsOn must be a valid calendar date' })
  startsOn: string;

  @ApiProperty({ example: '2026-03-20', format: 'date', description: 'On or after startsOn' })
  @Matches(DATE_ONLY, { message: 'endsOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'endsOn must be a valid calendar date' })
  endsOn: string;

  @ApiPropertyOptional({ example: 'ENSP Alger, amphithéâtre B', nullable: true, description: 'Required for in-person and hybrid modules' })
  @IsOptional()
  @IsString()
  @Matches(NOT_BLANK, { message: 'place must not be blank' })
  @MaxLength(300)
  place?: string | null;

  @ApiPropertyOptional({
    example: 'https://moodle.ensp.example.dz/course/view.php?id=42',
    nullable: true,
    description: 'https link; required for distance modules',
  })
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true }, { message: 'onlineUrl must be an https URL' })
  @MaxLength(2000)
  onlineUrl?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['Dr Amina Belkacem', 'Pr Karim Haddad'], maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(NOT_BLANK, { each: true, message: 'trainer names must not be blank' })
  @MaxLength(200, { each: true })
  trainers?: string[];

  @ApiProperty({ minimum: 1, maximum: 500, example: 24, description: 'Seats; groups of 20 to 25 are typical' })
  @IsInt()
  @Min(1)
  @Max(500)
  capacity: number;
}

export class UpdateTrainingSessionDto extends PartialType(
  OmitType(CreateTrainingSessionDto, ['moduleId', 'programmeId', 'institutionId'] as const),
) {}

export class SessionSubjectDto {
  @ApiProperty({ enum: ['module', 'programme'] }) kind: 'module' | 'programme';
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty({ type: LocalizedTextDto }) title: LocalizedTextDto;
}

export class TrainingSessionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) moduleId: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) programmeId: string | null;
  @ApiProperty({ type: SessionSubjectDto }) subject: SessionSubjectDto;
  @ApiProperty({ format: 'uuid', description: 'Organising school' }) institutionId: string;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ format: 'date' }) endsOn: string;
  @ApiPropertyOptional({ type: String, nullable: true }) place: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) onlineUrl: string | null;
  @ApiProperty({ type: [String] }) trainers: string[];
  @ApiProperty() capacity: number;
  @ApiProperty({ description: 'Enrolments not withdrawn' }) enrolledCount: number;
  @ApiProperty() seatsLeft: number;
  @ApiProperty() createdAt: Date;
}

export class TrainingSessionPageDto extends PageMeta {
  @ApiProperty({ type: [TrainingSessionDto] }) data: TrainingSessionDto[];
}

export class TrainingSessionListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Organising school' })
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  moduleId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  programmeId?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Sessions starting on or after this date' })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'startsFrom must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'startsFrom must be a valid calendar date' })
  startsFrom?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Sessions starting on or before this date' })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'startsUntil must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'startsUntil must be a valid calendar date' })
  startsUntil?: string;
}
