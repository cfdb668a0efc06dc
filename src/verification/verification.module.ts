import { Module } from '@nestjs/common';
import { PublicRateLimit } from '../common/rate-limit.js';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { PublicVerificationService } from './public-verification.service.js';
import { VerificationPageController } from './verification-page.controller.js';

@Module({
  imports: [CredentialsModule, DocumentsModule],
  controllers: [VerificationPageController],
  providers: [PublicVerificationService, PublicRateLimit],
})
export class VerificationModule {}
