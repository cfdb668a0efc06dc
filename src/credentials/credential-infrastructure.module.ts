// What issuance and verification stand on: issuer identities and keys (IssuersModule), status lists, the audit log
// and the wired credential library. Global, so the credential services inject these without importing the module.
import { Global, Module } from '@nestjs/common';
import { AuditEventsController } from './audit/audit-events.controller.js';
import { AuditLogRepository } from './audit/audit-log.repository.js';
import { AuditLog } from './audit/audit-log.service.js';
import { IssuersModule } from './issuers/issuers.module.js';
import { StatusListsController } from './status/status-lists.controller.js';
import { StatusListsRepository } from './status/status-lists.repository.js';
import { StatusListsService } from './status/status-lists.service.js';
import { VcEnvironment } from './vc-environment.service.js';

@Global()
@Module({
  imports: [IssuersModule],
  controllers: [StatusListsController, AuditEventsController],
  providers: [StatusListsRepository, StatusListsService, AuditLogRepository, AuditLog, VcEnvironment],
  exports: [IssuersModule, StatusListsService, AuditLog, VcEnvironment],
})
export class CredentialInfrastructureModule {}
