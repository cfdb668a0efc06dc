import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { STATUSES, type Status } from '../../../common/lifecycle.js';
import { ImportWarningDto } from '../../import-warning.dto.js';

/** The text fields sent beside the file in the multipart body. */
export class CaseImportFormDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Owner institution; required for an administrator, an HR manager imports for their own',
  })
  @IsOptional()
  @IsUUID()
  ownerInstitutionId?: string;
}

export class CaseImportResultDto {
  @ApiProperty({ format: 'uuid', description: 'The framework version written (a draft)' }) frameworkId: string;
  @ApiProperty({ format: 'uuid', description: 'The CFDocument identifier, shared by all versions' }) identifier: string;
  @ApiProperty({ example: '1', description: 'CFDocument.version, or 1 when the package has none' }) version: string;
  @ApiProperty({ enum: STATUSES }) status: Status;
  @ApiProperty({ enum: ['created', 'replaced'], description: 'replaced: the same identifier and version was a draft, now overwritten' })
  outcome: 'created' | 'replaced';
  @ApiProperty({ description: 'CFItems imported' }) items: number;
  @ApiProperty({ description: 'Associations imported, besides the isChildOf ones that make the tree' }) associations: number;
  @ApiProperty({ description: 'Proficiency scales imported' }) scales: number;
  @ApiProperty({ type: [ImportWarningDto], description: 'What was not kept as the file had it, and what publishing still needs' })
  warnings: ImportWarningDto[];
}
