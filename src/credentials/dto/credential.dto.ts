import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { JsonDocument } from '../../common/validation.js';
import { CREDENTIAL_KINDS, CREDENTIAL_STATES, type CredentialKind, type CredentialState } from '../credential.entity.js';

export class IssueCertificateDto {
  @ApiProperty({ format: 'uuid', description: 'The enrolment whose module the learner passed' })
  @IsUUID()
  enrolmentId: string;
}

export class PrepareDiplomaDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  programmeId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  learnerId: string;
}

export class CredentialDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: CREDENTIAL_KINDS }) kind: CredentialKind;
  @ApiProperty({ enum: CREDENTIAL_STATES, description: 'awaiting_signatures until every co-accrediting school has signed' })
  state: CredentialState;
  @ApiProperty({ format: 'uuid' }) issuerInstitutionId: string;
  @ApiProperty({ type: [String], description: 'Schools whose proof is required, lead first' }) signerInstitutionIds: string[];
  @ApiProperty({ type: [String], description: 'Schools that have signed' }) signedBy: string[];
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) learnerId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) statusReason: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    description: 'When the state last changed (prepared or issued, revoked, suspended, suspension lifted)',
  })
  statusChangedAt: Date;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) issuedAt: Date | null;
  @ApiProperty({ description: 'Public page where anyone can check it' }) verificationUrl: string;
  @ApiProperty({ type: Object, description: 'The verifiable credential (W3C VC 2.0, Open Badges 3.0) with its proofs' })
  verifiableCredential: Record<string, unknown>;
}

export class UnmetRuleDto {
  @ApiProperty() rule: string;
  @ApiProperty() reason: string;
}

/** VC-API: POST /issuers/{slug}/credentials/issue */
export class VcApiIssueRequestDto {
  @ApiProperty({ type: Object, description: 'An unsecured VC 2.0 credential; `issuer` must be this issuer’s DID (or absent)' })
  @JsonDocument()
  credential: Record<string, unknown>;

  @ApiPropertyOptional({
    type: Object,
    description: 'IssueCredentialOptions: credentialId is kept as the handle for status updates (the signed id stays credential.id)',
  })
  @IsOptional()
  @IsObject()
  options?: Record<string, unknown>;
}

export class VcApiIssueResponseDto {
  @ApiProperty({ type: Object }) verifiableCredential: Record<string, unknown>;
}

/** VC-API: POST /credentials/verify */
export class VcApiVerifyRequestDto {
  @ApiProperty({ type: Object })
  @JsonDocument()
  verifiableCredential: Record<string, unknown>;

  @ApiPropertyOptional({ type: Object })
  @IsOptional()
  @IsObject()
  options?: Record<string, unknown>;
}

/** VC-API: POST /presentations/verify */
export class VcApiVerifyPresentationRequestDto {
  @ApiPropertyOptional({ type: Object })
  @IsOptional()
  @JsonDocument()
  verifiablePresentation?: Record<string, unknown>;

  @ApiPropertyOptional({ type: Object, description: 'A presentation without proof (holder not authenticated)' })
  @IsOptional()
  @JsonDocument()
  presentation?: Record<string, unknown>;

  @ApiPropertyOptional({ type: Object, description: 'challenge and domain the holder must have signed' })
  @IsOptional()
  @IsObject()
  options?: Record<string, unknown>;
}

export class VcApiStatusEntryDto {
  @ApiProperty({ example: 'BitstringStatusList' })
  @IsString()
  type: string;

  @ApiProperty({ enum: ['revocation', 'suspension'] })
  @IsIn(['revocation', 'suspension'])
  statusPurpose: 'revocation' | 'suspension';

  @ApiPropertyOptional() @IsOptional() @IsString() id?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() statusListIndex?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() statusListCredential?: string;
}

/** VC-API: POST /credentials/status (plus a reason, recorded in the audit log). */
export class VcApiUpdateStatusDto {
  @ApiProperty({ description: 'The credential id (urn:uuid:… or the bare UUID)' })
  @IsString()
  @MaxLength(200)
  credentialId: string;

  @ApiProperty({ type: VcApiStatusEntryDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => VcApiStatusEntryDto)
  credentialStatus: VcApiStatusEntryDto;

  @ApiProperty({ description: 'true sets the status (revoke, suspend); false clears a suspension' })
  @IsBoolean()
  status: boolean;

  @ApiPropertyOptional({ example: 'Diplôme délivré par erreur (résultat corrigé par le jury)' })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason?: string;
}
