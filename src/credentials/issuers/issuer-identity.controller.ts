// Serves our schools' did:web DID documents where did:web resolution looks for them.
import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/roles.js';
import type { DidDocument } from '../vc/dids.js';
import { IssuerIdentityService } from './issuer-identity.service.js';
import { DidDocumentDto } from './issuer-keys.dto.js';

@ApiTags('credentials')
@Controller('issuers')
export class IssuerIdentityController {
  constructor(private readonly identity: IssuerIdentityService) {}

  @Get(':slug/did.json')
  @Allow('public')
  @Header('Content-Type', 'application/did+json')
  @ApiProduces('application/did+json')
  @ApiOperation({ summary: 'DID document of a school’s did:web (did:web:<host>:issuers:<slug>), retired keys included' })
  @ApiOkResponse({ type: DidDocumentDto })
  didDocument(@Param('slug') slug: string): Promise<DidDocument> {
    return this.identity.didWebDocument(slug);
  }
}
