// The credential library (credentials/vc) wired once for the app: what a verification may load, how it checks a
// status, and whom it trusts. Our own DIDs and status lists come from the database; foreign ones go through bounded
// HTTPS clients; nothing else (no context, no other URL) is ever fetched.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DOCUMENT_LOADER, extraContextsOf } from './issuers/document-loader.provider.js';
import { type IssuerInstitution, IssuerIdentityService } from './issuers/issuer-identity.service.js';
import { createStatusListFetcher } from './status/status-list-fetcher.js';
import { StatusListsService } from './status/status-lists.service.js';
import { readOwn } from './read-own.js';
import type { DocumentLoader } from './vc/document-loader.js';
import { isJsonLdContextPatchApplied } from './vc/jsonld-context-patch.js';
import { createResourceFetcher, type FetchResource } from './vc/related-resource.js';
import { createStatusChecker, type FetchStatusListCredential } from './vc/status-check.js';
import type { StatusList } from './vc/status-list.js';
import { TtlCache } from './vc/ttl-cache.js';
import { AWARDING_BODY_CONTEXT } from './vc/open-badges.js';
import type { CheckStatus, VerifyCredentialOptions } from './vc/verifier.js';

@Injectable()
export class VcEnvironment {
  readonly checkStatus: CheckStatus;
  /** The contexts a credential may be written with (see vc/signed-form.ts). */
  readonly signedForm: NonNullable<VerifyCredentialOptions['signedForm']>;
  /** A credential's relatedResource, fetched within the outbound bounds (https, public addresses) to check its digest. */
  readonly fetchResource: FetchResource = createResourceFetcher();
  private readonly ownInstitutions = new TtlCache<IssuerInstitution>({ maxEntries: 1_000, ttlMs: 60_000 });

  constructor(
    private readonly identity: IssuerIdentityService,
    statusLists: StatusListsService,
    /** The app's one document loader (issuers/document-loader.provider.ts), the one signing uses too. */
    @Inject(DOCUMENT_LOADER) readonly documentLoader: DocumentLoader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.signedForm = { inlineContexts: [AWARDING_BODY_CONTEXT], extraContextUrls: [...extraContextsOf(config).keys()] };

    const fetchForeignList = createStatusListFetcher();
    const fetchStatusListCredential: FetchStatusListCredential = async (url) => {
      // Ours from the repository: kept in memory, and dropped as soon as any process commits a change (a revocation
      // shows at once in our own verifier); never from a cache with a lifetime.
      const own = await readOwn(() => statusLists.ownListCredential(url), `the status list ${url}`);
      if (own) return own;
      if (url.startsWith(`${config.publicBaseUrl}/`)) throw new Error(`${url} is not one of this service's status lists`);
      return fetchForeignList(url);
    };
    // A school's list is shared by up to 131,072 credentials: its proof is checked once per content (a revocation
    // changes the content), not once per verification. One minute, well within the 5 minutes foreign DID documents
    // are cached; our own DID documents never drop a key.
    const verifiedLists = new TtlCache<StatusList>({ maxEntries: 1_000, ttlMs: 60_000 });
    // Our credentials carry their revocation entry only; the suspension list beside it is ours to know of.
    const suspensionListBeside = (url: string) => readOwn(() => statusLists.suspensionListBeside(url), `the status list ${url}`);
    this.checkStatus = createStatusChecker({
      fetchStatusListCredential,
      documentLoader: this.documentLoader,
      verifiedLists,
      suspensionListBeside,
    });
    if (!isJsonLdContextPatchApplied()) {
      new Logger(VcEnvironment.name).warn(
        'jsonld runs without patches/jsonld+9.0.0.patch (npm install applies it): signing and verifying take about five times longer',
      );
    }
  }

  async isTrustedIssuer(did: string): Promise<{ trusted: boolean; institution?: IssuerInstitution }> {
    // Only our schools are kept (a DID once ours stays ours); any other DID is looked up each time, so a school that
    // gets its first key is trusted at once.
    const kept = this.ownInstitutions.get(did);
    if (kept) return { trusted: true, institution: kept };
    const institution = await readOwn(() => this.identity.institutionForDid(did), `the institution of ${did}`);
    if (institution) {
      this.ownInstitutions.set(did, institution);
      return { trusted: true, institution };
    }
    return { trusted: this.config.credentials.trustedIssuerDids.includes(did) };
  }
}
