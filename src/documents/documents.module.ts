// Makes the certificate renderer injectable: one instance per application, fonts parsed at start.
import { Module } from '@nestjs/common';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { InstitutionsModule } from '../institutions/institutions.module.js';
import { CertificatePdfController } from './certificate-pdf.controller.js';
import { CertificatePdfService } from './certificate-pdf.service.js';
import { CertificateRenderer } from './certificate-renderer.js';
import { CertificatePaperRepository } from './certificate-paper.repository.js';
import { PaperBindingService } from './paper-binding.service.js';

@Module({
  imports: [CredentialsModule, InstitutionsModule],
  controllers: [CertificatePdfController],
  providers: [
    { provide: CertificateRenderer, useFactory: (): CertificateRenderer => CertificateRenderer.create() },
    CertificatePdfService,
    CertificatePaperRepository,
    PaperBindingService,
  ],
  exports: [CertificateRenderer, PaperBindingService, CertificatePaperRepository],
})
export class DocumentsModule {}
