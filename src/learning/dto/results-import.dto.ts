import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsNumber, IsOptional, IsString, MaxLength, Min } from 'class-validator';

/** Text fields sent with the file (multipart); they matter for Moodle grade exports, which cover one course. */
export class ResultsImportFields {
  @ApiPropertyOptional({ description: 'Module code of a Moodle grade export' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  moduleCode?: string;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'Completion date of a Moodle grade export (default: today)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  completedAt?: Date;

  @ApiPropertyOptional({ description: 'Top of the course total in a Moodle export (default 100)' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(1)
  maxScore?: number;
}

export class ImportedResultDto {
  @ApiProperty() line: number;
  @ApiProperty({ format: 'uuid' }) learnerId: string;
  @ApiProperty() moduleCode: string;
  @ApiProperty({ format: 'uuid' }) enrolmentId: string;
  @ApiProperty() score: number;
  @ApiProperty() passed: boolean;
}

export class ResultsImportDto {
  @ApiProperty() imported: number;
  @ApiProperty({ description: 'Rows that passed (their module’s competencies became evidence)' }) passed: number;
  @ApiProperty({ type: [ImportedResultDto] }) rows: ImportedResultDto[];
}
