// Signs as one of our schools: the one place that opens a school's private key and hands a document to the credential
// library (credentials/vc/issuer.ts), with the app's one document loader.
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DocumentLoader } from '../vc/document-loader.js';
import { issueCredential, type JsonObject, type ProofOptions } from '../vc/issuer.js';
import { DOCUMENT_LOADER } from './document-loader.provider.js';
import { IssuerIdentityService, type UnsealedIssuerKey } from './issuer-identity.service.js';

/** The key a signature is made with, as a document names it. */
export interface SigningIdentity {
  did: string;
  verificationMethod: string;
}

export interface SignedDocument extends SigningIdentity {
  document: JsonObject;
}

export interface SignOptions {
  /**
   * The transaction the key is read (or created) in. The opened key is kept for the rest of that transaction only,
   * so a batch signed in one transaction opens it once.
   */
  manager?: EntityManager;
  /**
   * The DID the document names as its issuer. The active key signs when it is of that DID; otherwise the newest key
   * of that DID (a did:key rotated since, a did:web of an earlier PUBLIC_BASE_URL), so what the document names and
   * what signs it agree. Default: the active key, whatever its DID.
   */
  did?: string;
  /** The proof's `created` (and VC 1.1 issuanceDate); now when absent. */
  date?: Date | string;
  /** An id for the new proof and, for a proof chain, the proofs it covers. */
  proof?: ProofOptions;
}

/** The credential library refused the document (safe-mode JSON-LD: an undefined term, an unknown context). */
export class UnsignableDocumentError extends Error {
  constructor(cause: unknown) {
    super(`the document cannot be signed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'UnsignableDocumentError';
  }
}

@Injectable()
export class IssuerSigner {
  /** Keys opened in a still-open transaction, dropped with its manager. */
  private readonly opened = new WeakMap<EntityManager, Map<string, Promise<UnsealedIssuerKey>>>();

  constructor(
    private readonly identity: IssuerIdentityService,
    @Inject(DOCUMENT_LOADER) private readonly documentLoader: DocumentLoader,
  ) {}

  /**
   * Adds the school's proof (eddsa-rdfc-2022, assertionMethod) to `document`. When the document names its issuer by
   * the signing DID, pass a function: it gets the DID and key the proof is made with and returns what to sign.
   */
  async sign(
    institutionId: string,
    document: JsonObject | ((signer: SigningIdentity) => JsonObject),
    options: SignOptions = {},
  ): Promise<SignedDocument> {
    const key = await this.keyFor(institutionId, options);
    const { did, verificationMethod } = key;
    const unsigned = typeof document === 'function' ? document({ did, verificationMethod }) : document;
    let signed: JsonObject;
    try {
      signed = await issueCredential({
        credential: unsigned,
        signer: key.signingKey,
        documentLoader: this.documentLoader,
        date: options.date,
        proof: options.proof,
      });
    } catch (error) {
      throw new UnsignableDocumentError(error);
    }
    return { document: signed, did, verificationMethod };
  }

  private async keyFor(institutionId: string, { manager, did }: SignOptions): Promise<UnsealedIssuerKey> {
    const active = await this.open(`active ${institutionId}`, manager, () => this.identity.unsealedKey(institutionId, manager));
    if (did === undefined || active.did === did) return active;
    return this.open(`${did} ${institutionId}`, manager, () => this.identity.unsealedKeyOfDid(institutionId, did, manager));
  }

  private open(name: string, manager: EntityManager | undefined, unseal: () => Promise<UnsealedIssuerKey>): Promise<UnsealedIssuerKey> {
    if (!manager) return unseal();
    let keys = this.opened.get(manager);
    if (!keys) this.opened.set(manager, (keys = new Map()));
    let key = keys.get(name);
    if (!key) {
      key = unseal();
      keys.set(name, key);
      // A failure is not kept: the next signature in the transaction tries again.
      key.catch(() => keys.delete(name));
    }
    return key;
  }
}
