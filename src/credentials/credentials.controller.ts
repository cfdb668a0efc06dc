import { Body, Controller, Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type Actor, Allow, CurrentActor, ROLES } from '../auth/roles.js';
import { ParseIdPipe } from '../common/validation.js';
import { CredentialRecordsService } from './credential-records.service.js';
import { CredentialDto, IssueCertificateDto, PrepareDiplomaDto } from './dto/credential.dto.js';
import { IssuanceService } from './issuance.service.js';

@ApiTags('credentials')
@Controller()
export class CredentialsController {
  constructor(
    private readonly issuance: IssuanceService,
    private readonly records: CredentialRecordsService,
  ) {}

  @Post('credentials/certificates')
  @Allow('admin', 'registrar')
  @ApiOperation({ summary: 'Issue the certificate of a passed module (409 listing what is unmet otherwise)' })
  certify(@Body() dto: IssueCertificateDto, @CurrentActor() actor: Actor): Promise<CredentialDto> {
    return this.issuance.issueCertificate(dto.enrolmentId, actor);
  }

  @Post('credentials/diplomas')
  @Allow('admin', 'registrar')
  @ApiOperation({ summary: 'Prepare a diploma (lead school): signed at once, or an unsigned draft that co-accrediting schools endorse' })
  prepareDiploma(@Body() dto: PrepareDiplomaDto, @CurrentActor() actor: Actor): Promise<CredentialDto> {
    return this.issuance.prepareDiploma(dto.programmeId, dto.learnerId, actor);
  }

  @Post('credentials/:id/signatures')
  @HttpCode(200)
  @Allow('registrar')
  @ApiOperation({
    summary:
      'A co-accrediting school signs its EndorsementCredential of the diploma; at the last one the lead school’s proof is added and the diploma released',
  })
  sign(@Param('id', ParseIdPipe) id: string, @CurrentActor() actor: Actor): Promise<CredentialDto> {
    return this.issuance.sign(id, actor);
  }

  @Get('credentials/:id')
  @Allow(...ROLES)
  @ApiOperation({ summary: 'One credential (learners: their own, once released)' })
  get(@Param('id', ParseIdPipe) id: string, @CurrentActor() actor: Actor): Promise<CredentialDto> {
    return this.records.get(id, actor);
  }

  @Get('credentials/:id/download')
  @Allow(...ROLES)
  @ApiOperation({ summary: 'Download the signed credential as a JSON file' })
  @Header('Content-Type', 'application/vc')
  async download(
    @Param('id', ParseIdPipe) id: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<string> {
    response.header('Content-Disposition', `attachment; filename="credential-${id}.json"`);
    return JSON.stringify(await this.records.document(id, actor), null, 2);
  }

  @Get('learners/:id/credentials')
  @Allow(...ROLES)
  @ApiOperation({ summary: 'A learner’s credentials (the learner sees released ones)' })
  @ApiOkResponse({ type: [CredentialDto] })
  forLearner(@Param('id', ParseIdPipe) id: string, @CurrentActor() actor: Actor): Promise<CredentialDto[]> {
    return this.records.listForLearner(id, actor);
  }

  @Get('institutions/:id/credentials/awaiting-signature')
  @Allow('admin', 'registrar')
  @ApiOperation({ summary: 'Co-accredited diplomas waiting for this school’s endorsement' })
  @ApiOkResponse({ type: [CredentialDto] })
  awaiting(@Param('id', ParseIdPipe) id: string, @CurrentActor() actor: Actor): Promise<CredentialDto[]> {
    return this.records.awaitingSignature(id, actor);
  }
}
