// Publishes our signed status list credentials; verifiers everywhere download them, hence public and cacheable.
import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/roles.js';
import { ParseIdPipe } from '../../common/validation.js';
import { StatusListCredentialDto } from './status-lists.dto.js';
import { StatusListsService } from './status-lists.service.js';

/**
 * Not VC 2.0's `application/vc`: stock verifiers (the DCC verifier-core among them) read a status list only when it is
 * served as JSON, which `+ld+json` says and `application/vc` does not (test/dcc-verifier-core.e2e-spec.ts).
 */
const MEDIA_TYPE = 'application/vc+ld+json';
const CACHE = 'public, max-age=60';

@ApiTags('credentials')
@Controller('status-lists')
export class StatusListsController {
  constructor(private readonly statusLists: StatusListsService) {}

  @Get(':id/revocation')
  @Allow('public')
  @Header('Content-Type', MEDIA_TYPE)
  @Header('Cache-Control', CACHE)
  @ApiProduces(MEDIA_TYPE)
  @ApiOperation({ summary: 'Signed revocation status list (BitstringStatusListCredential)' })
  @ApiOkResponse({ type: StatusListCredentialDto })
  revocation(@Param('id', ParseIdPipe) id: string): Promise<Record<string, unknown>> {
    return this.statusLists.statusListCredential(id, 'revocation');
  }

  @Get(':id/suspension')
  @Allow('public')
  @Header('Content-Type', MEDIA_TYPE)
  @Header('Cache-Control', CACHE)
  @ApiProduces(MEDIA_TYPE)
  @ApiOperation({ summary: 'Signed suspension status list (BitstringStatusListCredential)' })
  @ApiOkResponse({ type: StatusListCredentialDto })
  suspension(@Param('id', ParseIdPipe) id: string): Promise<Record<string, unknown>> {
    return this.statusLists.statusListCredential(id, 'suspension');
  }
}
