import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsOptional, IsUrl, Matches, MaxLength, Validate, ValidateNested } from 'class-validator';
import { HasSomeLanguage, LocalizedTextDto } from '../../common/localized-text.js';
import { INSTITUTION_KINDS, type InstitutionKind } from '../institution.entity.js';

export class CreateInstitutionDto {
  @ApiProperty({ example: 'chu-oran', description: 'Lowercase letters, digits and dashes; used in URLs and DIDs' })
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'slug must be lowercase letters, digits and single dashes' })
  @MaxLength(60)
  slug: string;

  @ApiProperty({ enum: INSTITUTION_KINDS })
  @IsIn(INSTITUTION_KINDS)
  kind: InstitutionKind;

  @ApiProperty({ type: LocalizedTextDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => LocalizedTextDto)
  @Validate(HasSomeLanguage)
  name: LocalizedTextDto;

  @ApiProperty({ example: 'DZ', description: 'ISO 3166-1 alpha-2 country code' })
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as DZ or FR' })
  country: string;

  @ApiPropertyOptional({ example: 'https://www.chu-oran.example.dz', nullable: true })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(500)
  website?: string;
}

export class UpdateInstitutionDto extends PartialType(CreateInstitutionDto) {}

export class InstitutionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty({ enum: INSTITUTION_KINDS }) kind: InstitutionKind;
  @ApiProperty({ type: LocalizedTextDto }) name: LocalizedTextDto;
  @ApiProperty() country: string;
  @ApiPropertyOptional({ type: String, nullable: true }) website: string | null;
}
