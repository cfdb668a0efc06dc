import { Module } from '@nestjs/common';
import { InstitutionsModule } from '../institutions/institutions.module.js';
import { LearningModule } from '../learning/learning.module.js';
import { CredentialBatchesController } from './batch/credential-batches.controller.js';
import { CredentialBatchesService } from './batch/credential-batches.service.js';
import { PublicRateLimit } from '../common/rate-limit.js';
import { CredentialRecordsService } from './credential-records.service.js';
import { CredentialsController } from './credentials.controller.js';
import { CredentialsRepository } from './credentials.repository.js';
import { IssuanceService } from './issuance.service.js';
import { TranscriptsController } from './transcripts/transcripts.controller.js';
import { TranscriptsService } from './transcripts/transcripts.service.js';
import { VcApiIssuerService } from './vc-api-issuer.service.js';
import { VcApiController } from './vc-api.controller.js';
import { VerificationService } from './verification.service.js';

/** Issuance, co-signing, learners' credentials, verification and the VC-API. Keys, status lists and audit come
 * from the global CredentialInfrastructureModule. */
@Module({
  imports: [InstitutionsModule, LearningModule],
  controllers: [CredentialsController, VcApiController, CredentialBatchesController, TranscriptsController],
  providers: [
    CredentialsRepository,
    IssuanceService,
    CredentialRecordsService,
    VcApiIssuerService,
    VerificationService,
    CredentialBatchesService,
    PublicRateLimit,
    TranscriptsService,
  ],
  exports: [IssuanceService, VerificationService, CredentialsRepository, CredentialRecordsService, TranscriptsService],
})
export class CredentialsModule {}
