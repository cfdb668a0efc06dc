// Each institution's issuer identity: its DID (did:web under PUBLIC_BASE_URL, or did:key offline), its signing key
// created on first use, rotation, and the DID documents of our own DIDs answered from the database.
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Permission, requireOnInstitutions } from '../../auth/access-policy.js';
import type { Actor } from '../../auth/roles.js';
import type { LocalizedText } from '../../common/localized-text.js';
import { notFound } from '../../common/problems.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { AuditLog } from '../audit/audit-log.service.js';
import { buildDidWebDocument, type DidDocument, didKeyDocument, type DidWebLocation, didWebFromLocation } from '../vc/dids.js';
import type { SigningKey } from '../vc/issuer.js';
import type { Institution } from '../../institutions/institution.entity.js';
import { InstitutionsRepository } from '../../institutions/institutions.repository.js';
import type { IssuerKey } from './issuer-key.entity.js';
import type { IssuerKeyDto } from './issuer-keys.dto.js';
import { IssuerKeysRepository } from './issuer-keys.repository.js';
import { IssuerKeysService } from './issuer-keys.service.js';

/** A key opened for signing; only IssuerSigner (issuer-signer.ts) asks for one. */
export interface UnsealedIssuerKey {
  institutionId: string;
  did: string;
  verificationMethod: string;
  /** The key pair with its private half decrypted: use it for this signature and drop it. */
  signingKey: SigningKey;
}

export interface IssuerInstitution {
  id: string;
  slug: string;
  name: LocalizedText;
}

@Injectable()
export class IssuerIdentityService {
  /** Host, port and base path of PUBLIC_BASE_URL: our did:web DIDs are `did:web:<host>[%3A<port>][:<path>]:issuers:<slug>`. */
  private readonly didWebRoot: DidWebLocation & { path: string[] };
  /** `did:web:<host>…:issuers:`, or null when PUBLIC_BASE_URL cannot carry a did:web (an IP address). */
  private readonly ownDidWebPrefix: string | null;

  constructor(
    private readonly keys: IssuerKeysRepository,
    private readonly keyMaterial: IssuerKeysService,
    private readonly institutions: InstitutionsRepository,
    private readonly audit: AuditLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const base = new URL(config.publicBaseUrl);
    this.didWebRoot = {
      host: base.hostname,
      ...(base.port ? { port: Number(base.port) } : {}),
      path: base.pathname.split('/').filter(Boolean).map(decodeURIComponent),
    };
    try {
      this.ownDidWebPrefix = `${didWebFromLocation({ ...this.didWebRoot, path: [...this.didWebRoot.path, 'issuers'] })}:`;
    } catch (error) {
      // Fail at start, not at the first issuance.
      if (config.credentials.didMethod === 'web') {
        throw new Error(
          `PUBLIC_BASE_URL ${config.publicBaseUrl} cannot form did:web identifiers (${(error as Error).message}); use a DNS host name or ISSUER_DID_METHOD=key`,
          { cause: error },
        );
      }
      this.ownDidWebPrefix = null;
    }
  }

  /** The did:web an institution slug gets under PUBLIC_BASE_URL (whatever the configured method). Throws for a slug no did:web can carry. */
  didWebFor(slug: string): string {
    return didWebFromLocation({ ...this.didWebRoot, path: [...this.didWebRoot.path, 'issuers', slug] });
  }

  async unsealedKey(institutionId: string, manager?: EntityManager): Promise<UnsealedIssuerKey> {
    const key = await this.activeKey(institutionId, manager);
    const keyPair = await this.keyMaterial.unseal(key);
    return {
      institutionId,
      did: key.did,
      verificationMethod: key.verificationMethod,
      signingKey: { keyPair, verificationMethod: key.verificationMethod },
    };
  }

  async issuerDid(institutionId: string, manager?: EntityManager): Promise<string> {
    return (await this.activeKey(institutionId, manager)).did;
  }

  /** The id of the active key (created on first use), as a proof by it names it. */
  async activeVerificationMethod(institutionId: string, manager?: EntityManager): Promise<string> {
    return (await this.activeKey(institutionId, manager)).verificationMethod;
  }

  /**
   * The newest key of one of the institution's DIDs, retired or not. Only for re-signing a status list that belongs
   * to an earlier DID (a did:key before rotation, a did:web before PUBLIC_BASE_URL changed): a status list must be
   * issued by the DID its credentials name, so no other key can keep those credentials' status checkable.
   */
  async unsealedKeyOfDid(institutionId: string, did: string, manager?: EntityManager): Promise<UnsealedIssuerKey> {
    const key = await this.keys.findNewestOfDid(institutionId, did, manager);
    if (!key) throw new Error(`institution ${institutionId} holds no key of ${did}`);
    const keyPair = await this.keyMaterial.unseal(key);
    return {
      institutionId,
      did: key.did,
      verificationMethod: key.verificationMethod,
      signingKey: { keyPair, verificationMethod: key.verificationMethod },
    };
  }

  async resolveOwnDid(did: string): Promise<DidDocument | null> {
    if (!did.startsWith('did:web:') && !did.startsWith('did:key:')) return null;
    const keys = await this.keys.findByDid(did);
    if (keys.length === 0) return null;
    if (did.startsWith('did:key:')) return didKeyDocument(did);
    const current = keys.find((key) => key.retiredAt === null) ?? keys[keys.length - 1];
    return buildDidWebDocument({
      did,
      keys: keys.map((key) => ({ publicKeyMultibase: key.publicKeyMultibase, id: key.verificationMethod })),
      currentKeyId: current.verificationMethod,
    });
  }

  /** Whether a did:web lies under this service's issuers path: such DIDs are answered from the database or not at all. */
  isOwnDidWeb(did: string): boolean {
    return this.ownDidWebPrefix !== null && did.startsWith(this.ownDidWebPrefix);
  }

  /**
   * The DID document served at /issuers/:slug/did.json. In did:web mode a school gets its key (and so its document)
   * on the first request. A renamed school keeps the DID of its old slug (others point at it), served there.
   */
  async didWebDocument(slug: string): Promise<DidDocument> {
    // did:key mode: there is no document to serve (a did:key's document is derived from the DID itself), so the
    // answer says which DID the school signs with: what a test-suite configuration needs as the issuer's id.
    if (this.config.credentials.didMethod === 'key') {
      const institution = await this.institutions.findBySlug(slug);
      if (!institution) throw notFound('Issuer', slug);
      const key = await this.keys.findActive(institution.id);
      const detail = key?.did.startsWith('did:key:')
        ? `${slug} signs as ${key.did} (ISSUER_DID_METHOD=key): a did:key resolves from the DID itself, no did.json is served.`
        : `${slug} has no signing key yet (ISSUER_DID_METHOD=key): its did:key is created when it first issues, and then named here.`;
      throw new NotFoundException({ code: 'issuer_uses_did_key', detail });
    }
    let did: string;
    try {
      did = this.didWebFor(slug);
    } catch {
      throw notFound('Issuer', slug);
    }
    const existing = await this.resolveOwnDid(did);
    if (existing) return existing;
    const institution = this.config.credentials.didMethod === 'web' ? await this.institutions.findBySlug(slug) : null;
    if (!institution || (await this.issuerDid(institution.id)) !== did) throw notFound('Issuer', slug);
    return (await this.resolveOwnDid(did))!;
  }

  async institutionForDid(did: string): Promise<IssuerInstitution | null> {
    const institution = await this.keys.findInstitutionOfDid(did);
    return institution ? { id: institution.id, slug: institution.slug, name: institution.name } : null;
  }

  async rotate(institutionId: string, actor: Actor, reason?: string): Promise<IssuerKeyDto> {
    requireOnInstitutions(actor, Permission.IssuerKeyRotate, [institutionId]);
    return this.keys.transaction(async (manager) => {
      const institution = await this.keys.lockInstitution(institutionId, manager);
      if (!institution) throw notFound('Institution', institutionId);
      const previous = await this.keys.findActive(institutionId, manager);
      const key = await this.replaceKey(institution, previous, manager);
      await this.audit.record(manager, {
        action: 'issuer_key.rotated',
        actorId: actor.userId,
        institutionId,
        reason: reason?.trim() || null,
        details: { verificationMethod: key.verificationMethod, previousVerificationMethod: previous?.verificationMethod ?? null },
      });
      return toIssuerKeyDto(key);
    });
  }

  async listKeys(institutionId: string, actor: Actor): Promise<IssuerKeyDto[]> {
    requireOnInstitutions(actor, Permission.IssuerKeyRead, [institutionId]);
    if (!(await this.institutions.findById(institutionId))) throw notFound('Institution', institutionId);
    return (await this.keys.findByInstitution(institutionId)).map(toIssuerKeyDto);
  }

  /**
   * The active key, with its sealed private key; created on first use. Also replaced when it cannot serve the
   * configured method (did:key ↔ did:web, or a did:web under another PUBLIC_BASE_URL). The fast path takes no lock.
   */
  private async activeKey(institutionId: string, manager?: EntityManager): Promise<IssuerKey> {
    const active = await this.keys.findActiveForSigning(institutionId, manager);
    if (active && this.fitsMethod(active)) return active;
    const create = async (tx: EntityManager): Promise<IssuerKey> => {
      const institution = await this.keys.lockInstitution(institutionId, tx);
      if (!institution) throw notFound('Institution', institutionId);
      // Someone may have created it while we waited for the lock.
      const current = await this.keys.findActiveForSigning(institutionId, tx);
      if (current && this.fitsMethod(current)) return current;
      const key = await this.replaceKey(institution, current, tx);
      await this.audit.record(tx, {
        action: 'issuer_key.created',
        institutionId,
        details: {
          verificationMethod: key.verificationMethod,
          ...(current ? { replacedVerificationMethod: current.verificationMethod, why: 'the DID method or PUBLIC_BASE_URL changed' } : {}),
        },
      });
      return key;
    };
    return manager ? create(manager) : this.keys.transaction(create);
  }

  private fitsMethod(key: IssuerKey): boolean {
    return this.config.credentials.didMethod === 'web' ? this.isOwnDidWeb(key.did) : key.did.startsWith('did:key:');
  }

  /**
   * Retires `previous` (it stays listed in its DID document) and stores a new active key. A did:web is kept across
   * rotations and slug renames, since credentials and partners point at it; a did:key is new with every key.
   * The caller holds the institution lock.
   */
  private async replaceKey(institution: Institution, previous: IssuerKey | null, manager: EntityManager): Promise<IssuerKey> {
    if (previous) await this.keys.retire(previous.id, manager);
    const controller =
      this.config.credentials.didMethod === 'key'
        ? undefined
        : previous && this.fitsMethod(previous)
          ? previous.did
          : this.didWebFor(institution.slug);
    const sealed = await this.keyMaterial.generate(controller);
    return this.keys.insert({ institutionId: institution.id, ...sealed }, manager);
  }
}

export const toIssuerKeyDto = (key: IssuerKey): IssuerKeyDto => ({
  verificationMethod: key.verificationMethod,
  did: key.did,
  publicKeyMultibase: key.publicKeyMultibase,
  createdAt: key.createdAt,
  retiredAt: key.retiredAt,
});
