import { ApiProperty } from '@nestjs/swagger';

class BitstringStatusListDto {
  @ApiProperty({ example: 'https://competences.example.org/status-lists/6f1c2a4e-8d3b-4c1a-9e55-2b7f0c1d9a10/revocation#list' }) id: string;
  @ApiProperty({ example: 'BitstringStatusList' }) type: string;
  @ApiProperty({ enum: ['revocation', 'suspension'] }) statusPurpose: string;
  @ApiProperty({
    description: 'GZIP-compressed bitstring, multibase base64url (prefix "u"); bit i set = credential with index i revoked/suspended',
  })
  encodedList: string;
}

/** A W3C BitstringStatusListCredential signed by the school (eddsa-rdfc-2022 Data Integrity proof). */
export class StatusListCredentialDto {
  @ApiProperty({ name: '@context', type: [String], example: ['https://www.w3.org/ns/credentials/v2'] }) '@context': string[];
  @ApiProperty() id: string;
  @ApiProperty({ type: [String], example: ['VerifiableCredential', 'BitstringStatusListCredential'] }) type: string[];
  @ApiProperty({ description: 'The school’s DID' }) issuer: string;
  @ApiProperty({ format: 'date-time' }) validFrom: string;
  @ApiProperty({ type: BitstringStatusListDto }) credentialSubject: BitstringStatusListDto;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'DataIntegrityProof' }) proof: Record<string, unknown>;
}
