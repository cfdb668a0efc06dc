import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { LANGUAGES, type Language } from '../../../common/localized-text.js';

/** The text fields sent with the files (multipart form). */
export class EscoImportFormDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Owner; defaults to the HR manager’s institution, required for an admin' })
  @IsOptional()
  @IsUUID()
  ownerInstitutionId?: string;

  @ApiPropertyOptional({
    example: '1.2.0',
    description: 'Version label of the framework and profiles; defaults to the ESCO release named in the file names (v1.2.0)',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\S(.*\S)?$/, { message: 'version must not be blank or padded' })
  @MaxLength(40)
  version?: string;

  @ApiPropertyOptional({
    example: '1342,2262',
    description: 'Only the occupations of these ISCO-08 groups (any depth), their skills and those skills’ groups',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\s*\d{1,4}(\s*,\s*\d{1,4})*\s*$/, { message: 'iscoGroups must be ISCO codes (1 to 4 digits) separated by commas' })
  iscoGroups?: string;
}

export class EscoImportResultDto {
  @ApiProperty({ format: 'uuid' }) frameworkId: string;
  @ApiProperty({ format: 'uuid', description: 'Stable for the same institution and ISCO subset across ESCO releases' }) identifier: string;
  @ApiProperty() version: string;
  @ApiProperty({ enum: LANGUAGES, isArray: true, description: 'Languages read, from the file field names' }) languages: Language[];
  @ApiProperty({ description: 'Framework items: skills and skill groups' }) items: number;
  @ApiProperty() skills: number;
  @ApiProperty() skillGroups: number;
  @ApiProperty({ description: 'Job profiles created (published), one per occupation with at least one usable skill' }) occupations: number;
  @ApiProperty({ description: 'Occupations left out because none of their relations names an imported skill' })
  occupationsWithoutSkills: number;
  @ApiProperty({ description: 'Essential and optional requirements created' }) relations: number;
  @ApiProperty({
    description:
      'Relations of the imported occupations that were skipped: no skill URI, an unknown relation type, or a skill absent from the skills files',
  })
  skippedRelations: number;
  @ApiProperty({ description: 'Time spent on the server, in milliseconds' }) durationMs: number;
}
