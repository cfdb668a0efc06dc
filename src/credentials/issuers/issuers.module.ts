// The schools' issuer identities: their DIDs, their signing keys (sealed under the key-encryption key), the DID
// documents served for them, IssuerSigner (the one way to sign as a school) and the app's one document loader.
// The audit log comes from the global CredentialInfrastructureModule.
import { Module } from '@nestjs/common';
import { InstitutionsModule } from '../../institutions/institutions.module.js';
import { documentLoaderProvider, DOCUMENT_LOADER } from './document-loader.provider.js';
import { IssuerIdentityController } from './issuer-identity.controller.js';
import { IssuerIdentityService } from './issuer-identity.service.js';
import { IssuerKeysController } from './issuer-keys.controller.js';
import { IssuerKeysRepository } from './issuer-keys.repository.js';
import { IssuerKeysService } from './issuer-keys.service.js';
import { IssuerSigner } from './issuer-signer.js';

@Module({
  imports: [InstitutionsModule],
  controllers: [IssuerIdentityController, IssuerKeysController],
  providers: [IssuerKeysService, IssuerKeysRepository, IssuerIdentityService, documentLoaderProvider, IssuerSigner],
  exports: [IssuerIdentityService, IssuerSigner, DOCUMENT_LOADER],
})
export class IssuersModule {}
