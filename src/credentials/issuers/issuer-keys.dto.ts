import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** Public information only: the private key never leaves the service. */
export class IssuerKeyDto {
  @ApiProperty({ example: 'did:web:competences.example.org:issuers:ensm-alger#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' })
  verificationMethod: string;
  @ApiProperty({ example: 'did:web:competences.example.org:issuers:ensm-alger' }) did: string;
  @ApiProperty({ example: 'z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' }) publicKeyMultibase: string;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Set once rotated; the key then only verifies what it signed',
  })
  retiredAt: Date | null;
}

export class RotateIssuerKeyDto {
  @ApiPropertyOptional({ example: 'Rotation annuelle', description: 'Why the key is replaced; kept in the audit log' })
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(1000)
  reason?: string;
}

class MultikeyDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'Multikey' }) type: string;
  @ApiProperty() controller: string;
  @ApiProperty() publicKeyMultibase: string;
}

/** A DID document (W3C DID Core) with Multikey verification methods. */
export class DidDocumentDto {
  @ApiProperty({ name: '@context', type: [String], example: ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'] })
  '@context': string | string[];
  @ApiProperty({ example: 'did:web:competences.example.org:issuers:ensm-alger' }) id: string;
  @ApiProperty({ type: [MultikeyDto] }) verificationMethod: MultikeyDto[];
  @ApiProperty({ type: [String], description: 'Every key, retired ones included, so what they signed still verifies' })
  assertionMethod: string[];
  @ApiPropertyOptional({ type: [String], description: 'The current key only' }) authentication?: string[];
  @ApiPropertyOptional({ type: [String] }) capabilityInvocation?: string[];
}
