import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { LocalizedTextDto } from '../../common/localized-text.js';
import { MODALITIES, type Modality } from '../training-module.entity.js';

export class CatalogueQuery {
  @ApiPropertyOptional({ minimum: 2000, maximum: 2100, description: 'Calendar year the sessions start in; defaults to the current year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class CatalogueSessionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ format: 'date' }) endsOn: string;
  @ApiPropertyOptional({ type: String, nullable: true }) place: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) onlineUrl: string | null;
  @ApiProperty({ type: [String] }) trainers: string[];
  @ApiProperty() capacity: number;
  @ApiProperty() seatsLeft: number;
}

export class CatalogueEntryDto {
  @ApiProperty({ enum: ['module', 'programme'] }) kind: 'module' | 'programme';
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty({ type: LocalizedTextDto }) title: LocalizedTextDto;
  @ApiProperty({ description: 'A module’s hours; a programme’s least total hours (see ProgrammeDto.totalHours)' }) hours: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'A module’s ECTS credits; a programme’s least total' }) ectsCredits:
    number | null;
  @ApiProperty({ enum: MODALITIES, isArray: true, description: 'A module’s modality, or the distinct modalities of a programme’s modules' })
  modalities: Modality[];
  @ApiProperty({ type: [CatalogueSessionDto], description: 'By start date' }) sessions: CatalogueSessionDto[];
}

export class InstitutionRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: LocalizedTextDto }) name: LocalizedTextDto;
}

export class CatalogueDto {
  @ApiProperty({ type: InstitutionRefDto }) institution: InstitutionRefDto;
  @ApiProperty() year: number;
  @ApiProperty({ type: [CatalogueEntryDto], description: 'One entry per module or programme, ordered by its first session of the year' })
  entries: CatalogueEntryDto[];
}
