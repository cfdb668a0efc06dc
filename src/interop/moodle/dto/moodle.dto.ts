import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { LANGUAGES, type Language } from '../../../common/localized-text.js';
import { STATUSES, type Status } from '../../../common/lifecycle.js';
import { ImportWarningDto } from '../../import-warning.dto.js';

/** The text fields sent with the file (multipart form). */
export class MoodleImportFormDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Owner; defaults to the HR manager’s institution, required for an admin' })
  @IsOptional()
  @IsUUID()
  ownerInstitutionId?: string;

  @ApiPropertyOptional({ example: '2026.1', default: '1', description: 'Version label of the imported framework' })
  @IsOptional()
  @IsString()
  @Matches(/^\S(.*\S)?$/, { message: 'version must not be blank or padded' })
  @MaxLength(40)
  version?: string;

  @ApiPropertyOptional({ enum: LANGUAGES, default: 'fr', description: 'Language of the file’s texts' })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;
}

export class MoodleImportResultDto {
  @ApiProperty({ format: 'uuid' }) frameworkId: string;
  @ApiProperty({ format: 'uuid', description: 'Stable across re-imports of the same Moodle framework by the same institution' })
  identifier: string;
  @ApiProperty() version: string;
  @ApiProperty({ enum: STATUSES }) status: Status;
  @ApiProperty({ enum: ['created', 'replaced'], description: '`replaced`: the same version was a draft and now holds the file' }) outcome:
    'created' | 'replaced';
  @ApiProperty({ description: 'Competencies imported' }) items: number;
  @ApiProperty({ description: 'Related-competency links (cross references) imported' }) associations: number;
  @ApiProperty({ description: 'Proficiency scales (the framework’s and any competency’s own)' }) scales: number;
  @ApiProperty({ type: [ImportWarningDto], description: 'What was not kept as the file had it, and what publishing still needs' })
  warnings: ImportWarningDto[];
}

export class MoodleExportQuery {
  @ApiPropertyOptional({
    enum: LANGUAGES,
    description:
      'Language of the texts; defaults to the language the framework was imported in, else French (missing texts fall back to another language)',
  })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;
}
