// What issuance and verification stand on: issuer identities and keys, status lists, the audit log and the wired
// credential library. Global, so the credential services inject these without importing the module.
import { Global, Module } from '@nestjs/common';
import { InstitutionsModule } from '../institutions/institutions.module.js';
import { IssuerIdentityController } from '../institutions/issuer-identity.controller.js';
import { IssuerIdentityService } from '../institutions/issuer-identity.service.js';
import { IssuerKeysController } from '../institutions/issuer-keys.controller.js';
import { IssuerKeysRepository } from '../institutions/issuer-keys.repository.js';
import { IssuerKeysService } from '../institutions/issuer-keys.service.js';
import { AuditEventsController } from './audit/audit-events.controller.js';
import { AuditLogRepository } from './audit/audit-log.repository.js';
import { AuditLog } from './audit/audit-log.service.js';
import { StatusListsController } from './status/status-lists.controller.js';
import { StatusListsRepository } from './status/status-lists.repository.js';
import { StatusListsService } from './status/status-lists.service.js';
import { VcEnvironment } from './vc-environment.service.js';

@Global()
@Module({
  imports: [InstitutionsModule],
  controllers: [IssuerIdentityController, IssuerKeysController, StatusListsController, AuditEventsController],
  providers: [IssuerKeysService, IssuerKeysRepository, IssuerIdentityService, StatusListsRepository, StatusListsService, AuditLogRepository, AuditLog, VcEnvironment],
  exports: [IssuerIdentityService, StatusListsService, AuditLog, VcEnvironment],
})
export class CredentialInfrastructureModule {}
