import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Something the file said that the import could not keep as it was, or what the version still needs. */
export class ImportWarningDto {
  @ApiProperty({ example: 'items.educationalLevel' }) field: string;
  @ApiProperty({ example: 'CASE 1.0 spelling, kept as educationLevel' }) reason: string;
  @ApiPropertyOptional({ description: 'Line (CSV) or position (JSON array index) in the file' }) line?: number;
}
