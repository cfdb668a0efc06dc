// The VC-API issuer and status service of each school: signs a credential the caller built (after checking that it
// is a well-formed VC 2.0 credential naming this school as issuer, a VC 1.1 one upgraded first) and updates its status.
import { Inject, Injectable } from '@nestjs/common';
import { Permission, requireOnInstitutions } from '../auth/access-policy.js';
import type { Actor } from '../auth/roles.js';
import { Clock, IdSource } from '../common/clock.js';
import { conflict, forbidden, invalid, notFound } from '../common/problems.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { InstitutionsRepository } from '../institutions/institutions.repository.js';
import { IssuerIdentityService } from './issuers/issuer-identity.service.js';
import { IssuerSigner, UnsignableDocumentError } from './issuers/issuer-signer.js';
import { AuditLog } from './audit/audit-log.service.js';
import { Credential, CredentialSignature } from './credential.entity.js';
import { CredentialsRepository } from './credentials.repository.js';
import type { VcApiUpdateStatusDto } from './dto/credential.dto.js';
import { StatusListsService } from './status/status-lists.service.js';
import { VcEnvironment } from './vc-environment.service.js';
import type { JsonObject } from './vc/issuer.js';
import { relatedResourceProblems } from './vc/related-resource.js';
import { buildStatusEntry } from './vc/status-list.js';
import { describeFailure } from './vc/verification-problems.js';
import { credentialProblems, requestedStatusPurposes, upgradeToVc2 } from './vc-api-credential-input.js';

/** Recorded when a VC-API status update gives no reason (VCALM has none): the audit log still says how it came. */
const NO_REASON_GIVEN = 'VC-API status update (no reason given)';
const MAX_HANDLE_LENGTH = 200;

@Injectable()
export class VcApiIssuerService {
  constructor(
    private readonly institutions: InstitutionsRepository,
    private readonly credentials: CredentialsRepository,
    private readonly identity: IssuerIdentityService,
    private readonly signer: IssuerSigner,
    private readonly statusLists: StatusListsService,
    private readonly audit: AuditLog,
    private readonly vc: VcEnvironment,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  async issue(
    slug: string,
    input: JsonObject,
    options: JsonObject | undefined,
    actor: Actor,
  ): Promise<{ verifiableCredential: JsonObject }> {
    if (!this.config.credentials.vcApiIssuance) {
      throw forbidden(
        'vc_api_issuance_disabled',
        "VC-API issuance is off (VC_API_ISSUANCE=true turns it on for a test-suite run); certificates and diplomas are issued from the school's records.",
      );
    }
    const school = await this.institutions.findBySlug(slug);
    if (!school) throw notFound('Issuer', slug);
    requireOnInstitutions(actor, Permission.CredentialIssue, [school.id]);
    const { credential } = upgradeToVc2(input);
    const { purposes, problems: statusProblems } = requestedStatusPurposes(credential.credentialStatus);
    const problems = [...credentialProblems(credential), ...statusProblems];
    // options.credentialId is the caller's handle for status updates; the signed `id` stays the credential's own.
    const handle = options?.credentialId;
    if (handle !== undefined && (typeof handle !== 'string' || !handle.trim() || handle.length > MAX_HANDLE_LENGTH)) {
      problems.push({ field: 'options.credentialId', reason: `must be a non-empty string of at most ${MAX_HANDLE_LENGTH} characters` });
    }
    if (problems.length) throw invalid(problems, 'The credential is not a valid VC 2.0 credential to issue.');
    const id = credential.id as string | undefined;
    // A caller's id must not be (or look up as) one already issued, here or by another school.
    if (id !== undefined && (await this.credentials.findByCredentialId(id)))
      throw conflict('credential_id_taken', `A credential with the id ${id} exists already.`);
    // Nor may the handle be (or look up as) an issued credential's id: a status update naming it would be ambiguous.
    if (
      typeof handle === 'string' &&
      ((await this.credentials.findByVcApiCredentialId(school.id, handle)) || (await this.credentials.findByCredentialId(handle)))
    ) {
      throw conflict('credential_id_taken', `This issuer has a credential with the credentialId ${handle} already.`, [
        { field: 'options.credentialId', reason: 'taken' },
      ]);
    }
    // What the issuer signs about a related resource must hold: its digests are checked against the resource itself.
    const resourceProblems = await relatedResourceProblems(credential.relatedResource, this.vc.fetchResource, 'credential.relatedResource');
    if (resourceProblems.length)
      throw invalid(
        resourceProblems.map(({ field, reason }) => ({ field, reason })),
        'A related resource does not match its digest.',
      );

    return this.credentials.transaction(async (manager) => {
      const did = await this.identity.issuerDid(school.id, manager);
      const issuerId = typeof credential.issuer === 'string' ? credential.issuer : (credential.issuer as JsonObject | undefined)?.id;
      if (issuerId !== undefined && issuerId !== did) {
        throw invalid([{ field: 'credential.issuer', reason: `must be this issuer's DID ${did}` }]);
      }
      const status = await this.statusLists.allocate(school.id, manager);
      // The caller's entries are replaced by ours, purpose for purpose, at the index just allocated on both lists.
      const entries = purposes
        ? purposes.map((statusPurpose) =>
            buildStatusEntry({
              statusListCredential: this.statusLists.listUrl(status.statusListId, statusPurpose),
              statusListIndex: status.statusListIndex,
              statusPurpose,
            }),
          )
        : [status.credentialStatus];
      const rowId = this.ids.uuid();
      const unsigned: JsonObject = {
        ...credential,
        id: id ?? `urn:uuid:${rowId}`,
        issuer: typeof credential.issuer === 'object' && credential.issuer ? { ...(credential.issuer as JsonObject), id: did } : did,
        // One entry is written as an object: the compact form the verifier's signed-form check expects.
        credentialStatus: entries.length === 1 ? entries[0] : entries,
      };
      const issuedAt = this.clock.now();
      let signed: JsonObject;
      let verificationMethod: string;
      try {
        ({ document: signed, verificationMethod } = await this.signer.sign(school.id, unsigned, { manager, did, date: issuedAt }));
      } catch (error) {
        if (!(error instanceof UnsignableDocumentError)) throw error;
        // Safe-mode JSON-LD: an undefined term, an unknown context, a malformed value.
        throw invalid(
          [{ field: 'credential', reason: describeFailure(error.cause).message.slice(0, 300) }],
          'The credential cannot be signed as it is.',
        );
      }
      await manager.save(
        manager.create(Credential, {
          id: rowId,
          kind: 'external',
          state: 'issued',
          document: signed,
          issuerInstitutionId: school.id,
          signerInstitutionIds: [school.id],
          learnerId: null,
          enrolmentId: null,
          moduleId: null,
          programmeId: null,
          statusListId: status.statusListId,
          statusListIndex: status.statusListIndex,
          statusReason: null,
          statusChangedAt: issuedAt,
          batchId: null,
          issuedAt,
          vcApiCredentialId: typeof handle === 'string' ? handle : null,
        }),
      );
      await manager.save(
        manager.create(CredentialSignature, {
          credentialId: rowId,
          institutionId: school.id,
          verificationMethod,
          signedById: actor.userId,
        }),
      );
      await this.audit.record(manager, {
        action: 'credential.issued',
        actorId: actor.userId,
        institutionId: school.id,
        credentialId: rowId,
        details: { kind: 'external', via: 'vc-api' },
      });
      return { verifiableCredential: signed };
    });
  }

  /**
   * VC-API status update: revocation is final; suspension can be set and cleared. A change that leaves the status as
   * it is (unsuspending what is not suspended, clearing a revocation never set, setting what is set) answers the
   * current state, as a PUT would: the caller's intent already holds.
   */
  async updateStatus(
    slug: string,
    dto: VcApiUpdateStatusDto,
    actor: Actor,
  ): Promise<{ credentialId: string; state: string; statusReason: string | null }> {
    const school = await this.institutions.findBySlug(slug);
    if (!school) throw notFound('Issuer', slug);
    // Before any lookup: another school learns nothing about this school's credentials.
    requireOnInstitutions(actor, Permission.CredentialStatusChange, [school.id]);
    const credential =
      (await this.credentials.findByVcApiCredentialId(school.id, dto.credentialId)) ??
      (await this.credentials.findByCredentialId(dto.credentialId));
    if (!credential || credential.issuerInstitutionId !== school.id) throw notFound('Credential', dto.credentialId);
    const purpose = dto.credentialStatus.statusPurpose;
    const state = credential.state;
    const unchanged = { credentialId: credential.id, state, statusReason: credential.statusReason };
    if (purpose === 'revocation') {
      if (state === 'revoked') {
        if (!dto.status) throw conflict('revocation_is_final', 'A revoked credential cannot be reinstated; issue a new one.');
        return unchanged;
      }
      if (!dto.status) return unchanged;
    } else if (dto.status ? state === 'suspended' : state !== 'suspended') return unchanged;
    const change = purpose === 'revocation' ? 'revoke' : dto.status ? 'suspend' : 'unsuspend';
    return this.statusLists.changeStatus(
      credential.id,
      change,
      change === 'unsuspend' ? dto.reason : (dto.reason ?? NO_REASON_GIVEN),
      actor,
    );
  }
}
