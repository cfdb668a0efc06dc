// The app's one JSON-LD document loader, for signing and verifying alike: the bundled contexts (and the W3C examples
// context when ACCEPT_EXAMPLES_CONTEXT is on), our schools' DID documents from the database, foreign did:web through
// the bounded HTTPS resolver. Nothing else is ever fetched.
import type { FactoryProvider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { readOwn } from '../read-own.js';
import { EXAMPLES_V2_CONTEXT, EXAMPLES_V2_CONTEXT_URL } from '../vc/bundled-contexts.js';
import { deepFreeze } from '../vc/deep-freeze.js';
import { createDidWebResolver } from '../vc/did-web-resolver.js';
import type { DidDocument } from '../vc/dids.js';
import { createDocumentLoader, type DidResolver, type DocumentLoader } from '../vc/document-loader.js';
import { TtlCache } from '../vc/ttl-cache.js';
import { IssuerIdentityService } from './issuer-identity.service.js';

export const DOCUMENT_LOADER = Symbol('DOCUMENT_LOADER');

/** The contexts a credential may use besides the bundled ones (see vc/signed-form.ts). */
export function extraContextsOf(config: AppConfig): ReadonlyMap<string, Record<string, unknown>> {
  return new Map(config.credentials.acceptExamplesContext ? [[EXAMPLES_V2_CONTEXT_URL, EXAMPLES_V2_CONTEXT]] : []);
}

export function createAppDocumentLoader(identity: IssuerIdentityService, config: AppConfig): DocumentLoader {
  const resolveForeignDidWeb = createDidWebResolver();
  // Our schools' DID documents, asked for several times by every verification, change only when a key rotation adds
  // a key: kept a minute (frozen, shared by the verifications), and looked up afresh when a proof names a key the
  // kept copy lacks.
  const ownDidDocuments = new TtlCache<DidDocument>({ maxEntries: 1_000, ttlMs: 60_000 });
  const resolveDidWeb: DidResolver = async (did, { fresh = false } = {}) => {
    const kept = fresh ? undefined : ownDidDocuments.get(did);
    if (kept) return kept;
    const own = await readOwn(() => identity.resolveOwnDid(did), `the DID document of ${did}`);
    if (own) {
      ownDidDocuments.set(did, deepFreeze(own));
      return own;
    }
    // A DID under our own issuers path that the database does not know is unknown: asking our own host would be
    // a request to ourselves for nothing.
    if (identity.isOwnDidWeb(did)) throw new Error(`${did} is not one of this service's issuers`);
    return resolveForeignDidWeb(did);
  };
  return createDocumentLoader({ resolveDidWeb, extraContexts: extraContextsOf(config) });
}

export const documentLoaderProvider: FactoryProvider<DocumentLoader> = {
  provide: DOCUMENT_LOADER,
  inject: [IssuerIdentityService, APP_CONFIG],
  useFactory: createAppDocumentLoader,
};
