// The schools' issuer identities: their DIDs, their signing keys (sealed under the key-encryption key) and the DID
// documents served for them. The audit log comes from the global CredentialInfrastructureModule.
import { Module } from '@nestjs/common';
import { InstitutionsModule } from '../../institutions/institutions.module.js';
import { IssuerIdentityController } from './issuer-identity.controller.js';
import { IssuerIdentityService } from './issuer-identity.service.js';
import { IssuerKeysController } from './issuer-keys.controller.js';
import { IssuerKeysRepository } from './issuer-keys.repository.js';
import { IssuerKeysService } from './issuer-keys.service.js';

@Module({
  imports: [InstitutionsModule],
  controllers: [IssuerIdentityController, IssuerKeysController],
  providers: [IssuerKeysService, IssuerKeysRepository, IssuerIdentityService],
  exports: [IssuerIdentityService],
})
export class IssuersModule {}
