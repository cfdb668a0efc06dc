import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

/** POST /learners/{id}/transcripts */
export class IssueTranscriptDto {
  @ApiProperty({ format: 'uuid', description: 'The programme whose record the transcript gives' })
  @IsUUID()
  programmeId: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The issuing school, one of the programme’s awarding schools (default: the lead one)',
  })
  @IsOptional()
  @IsUUID()
  institutionId?: string;
}
