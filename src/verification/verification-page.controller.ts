// The public verification page (the QR code's target) and the file-verification API, both rate limited.
import { Controller, Get, Header, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow } from '../auth/roles.js';
import { invalid } from '../common/problems.js';
import { PublicRateLimit } from '../common/rate-limit.js';
import { FileUpload, type ReceivedFile, UploadedFile } from '../interop/upload.js';
import { MESSAGES, pickLanguage } from './verification-messages.js';
import { renderVerificationPage, type PageModel } from './verification-page.js';
import { PublicVerificationService, type PublicVerification, VERIFY_UPLOAD_MAX_BYTES } from './public-verification.service.js';
import { answerStatus } from '../credentials/vc-api.controller.js';

const isUuid = (value: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
const outcomeOf = (result: PublicVerification): PageModel['outcome'] => ({
  verified: result.verdict.verified,
  outcome: result.verdict.outcome,
  externalClaims: result.externalClaims,
  checks: result.verdict.checks,
  summary: result.summary,
  status: result.status,
  statusReason: result.statusReason,
  statusChangedAt: result.statusChangedAt,
  ...(result.content ? { content: result.content } : {}),
  schoolProofs: result.schoolProofs,
  credential: result.credential,
  signedAsShown: result.signedAsShown,
});
const pageStatus = (result: PublicVerification): number => (result.verdict.outcome === 'indeterminate' ? 503 : 200);

@ApiTags('verification')
@Controller()
@UseGuards(PublicRateLimit)
@ApiTooManyRequestsResponse({ description: 'Too many verifications from this address (VERIFY_RATE_LIMIT per minute)' })
export class VerificationPageController {
  constructor(private readonly verification: PublicVerificationService) {}

  @Get('verify')
  @Allow('public')
  @ApiOperation({ summary: 'Page to upload a certificate PDF or credential JSON' })
  @ApiProduces('text/html')
  @ApiQuery({ name: 'lang', required: false, enum: ['fr', 'ar', 'en'] })
  @Header('Content-Type', 'text/html; charset=utf-8')
  form(@Query('lang') lang: string | undefined, @Req() request: FastifyRequest): string {
    return renderVerificationPage({ language: pickLanguage(lang, request.headers['accept-language']), path: '/verify' });
  }

  @Get('verify/:id')
  @Allow('public')
  @ApiOperation({ summary: 'Verification page of one credential (the QR code link)' })
  @ApiProduces('text/html')
  @ApiQuery({ name: 'lang', required: false, enum: ['fr', 'ar', 'en'] })
  async page(
    @Param('id') id: string,
    @Query('lang') lang: string | undefined,
    @Req() request: FastifyRequest,
    @Res() response: FastifyReply,
  ): Promise<void> {
    const language = pickLanguage(lang, request.headers['accept-language']);
    const result = isUuid(id) ? await this.verification.byId(id) : null;
    const model: PageModel = result
      ? { language, path: `/verify/${id}`, outcome: outcomeOf(result) }
      : { language, path: `/verify/${id}`, problem: MESSAGES[language].notFound };
    sendPage(response, result ? pageStatus(result) : 404, model);
  }

  @Post('verify')
  @HttpCode(200)
  @Allow('public')
  @ApiOperation({ summary: 'Verification page for an uploaded PDF certificate or JSON credential' })
  @ApiProduces('text/html')
  @FileUpload(
    'A certificate PDF (with its embedded credential, at most 10 MiB) or a credential JSON file (at most 1 MiB)',
    {},
    VERIFY_UPLOAD_MAX_BYTES,
  )
  async upload(
    @UploadedFile() file: ReceivedFile | undefined,
    @Query('lang') lang: string | undefined,
    @Req() request: FastifyRequest,
    @Res() response: FastifyReply,
  ): Promise<void> {
    const language = pickLanguage(lang, request.headers['accept-language']);
    const result = await this.verification.fromUpload(file?.buffer);
    if ('problem' in result)
      return sendPage(response, 400, { language, path: '/verify', problem: MESSAGES[language].problems[result.problem] ?? result.message });
    sendPage(response, pageStatus(result), { language, path: '/verify', outcome: outcomeOf(result) });
  }

  @Post('verifications')
  @HttpCode(200)
  @Allow('public')
  @ApiOperation({ summary: 'Verify an uploaded PDF certificate or JSON credential; 400 when it does not verify' })
  @FileUpload(
    'A certificate PDF (with its embedded credential, at most 10 MiB) or a credential JSON file (at most 1 MiB)',
    {},
    VERIFY_UPLOAD_MAX_BYTES,
  )
  @ApiOkResponse({ description: 'Verified: the checks and what the credential states' })
  @ApiBadRequestResponse({ description: 'Not a PDF or JSON, no embedded credential, or not verified (the body lists the checks)' })
  async verifyFile(@UploadedFile() file: ReceivedFile | undefined, @Res({ passthrough: true }) response: FastifyReply) {
    const result = await this.verification.fromUpload(file?.buffer);
    if ('problem' in result) throw invalid([{ field: 'file', reason: result.message }], `The file cannot be verified (${result.problem}).`);
    answerStatus(response, result.verdict.outcome);
    const { report: _report, ...verdict } = result.verdict;
    return {
      ...verdict,
      credential: result.summary,
      status: result.status,
      statusReason: result.statusReason,
      statusChangedAt: result.statusChangedAt,
      externalClaims: result.externalClaims,
    };
  }
}

function sendPage(response: FastifyReply, status: number, model: PageModel): void {
  void response
    .status(status)
    .header('Content-Type', 'text/html; charset=utf-8')
    // No script at all; styles inline; the form posts back here only.
    .header(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    )
    .header('Referrer-Policy', 'no-referrer')
    .send(renderVerificationPage(model));
}
