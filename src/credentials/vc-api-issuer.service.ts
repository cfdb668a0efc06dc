// The VC-API issuer and status service of each school: signs a credential the caller built (after checking that it
// is a well-formed VC 2.0 credential naming this school as issuer) and updates its status.
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Permission, requireOnInstitutions } from '../auth/access-policy.js';
import type { Actor } from '../auth/roles.js';
import { conflict, forbidden, invalid, notFound, type FieldError } from '../common/problems.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { InstitutionsRepository } from '../institutions/institutions.repository.js';
import { IssuerIdentityService } from '../institutions/issuer-identity.service.js';
import { AuditLog } from './audit/audit-log.service.js';
import { Credential, CredentialSignature } from './credential.entity.js';
import { CredentialsRepository } from './credentials.repository.js';
import type { VcApiUpdateStatusDto } from './dto/credential.dto.js';
import { StatusListsService } from './status/status-lists.service.js';
import { VcEnvironment } from './vc-environment.service.js';
import { issueCredential, type JsonObject } from './vc/issuer.js';
import { describeFailure } from './vc/verification-problems.js';

const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const XSD_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const isUrl = (value: unknown): boolean => typeof value === 'string' && /^[a-z][a-z0-9+.-]*:\S+$/i.test(value);

/** Structural checks the W3C VC 2.0 data model makes normative; the JSON-LD ones happen while signing. */
export function credentialProblems(credential: JsonObject): FieldError[] {
  const problems: FieldError[] = [];
  const contexts = [credential['@context']].flat();
  if (contexts[0] !== VC_V2) problems.push({ field: 'credential.@context', reason: `must start with ${VC_V2}` });
  if (!Array.isArray(credential.type) && typeof credential.type !== 'string') problems.push({ field: 'credential.type', reason: 'missing' });
  else if (![credential.type].flat().includes('VerifiableCredential')) problems.push({ field: 'credential.type', reason: 'must include VerifiableCredential' });
  const subjects = [credential.credentialSubject].flat();
  if (!credential.credentialSubject || subjects.some((subject) => !subject || typeof subject !== 'object' || !Object.keys(subject).length)) {
    problems.push({ field: 'credential.credentialSubject', reason: 'must be one or more objects with claims' });
  }
  if (credential.id !== undefined && !isUrl(credential.id)) problems.push({ field: 'credential.id', reason: 'must be a single URL' });
  if (credential.issuer === null) problems.push({ field: 'credential.issuer', reason: 'must be a URL or an object whose id is a URL' });
  // Each refreshService and credentialSchema names its type; a schema is also found at its id, a URL.
  for (const field of ['refreshService', 'credentialSchema'] as const) {
    for (const [index, entry] of [credential[field] ?? []].flat().entries()) {
      const at = Array.isArray(credential[field]) ? `credential.${field}[${index}]` : `credential.${field}`;
      if (!entry || typeof entry !== 'object' || Array.isArray(entry)) problems.push({ field: at, reason: 'must be an object' });
      else if ((entry as JsonObject).type === undefined) problems.push({ field: `${at}.type`, reason: 'required' });
      else if (field === 'credentialSchema' && !isUrl((entry as JsonObject).id)) problems.push({ field: `${at}.id`, reason: 'must be a URL' });
    }
  }
  for (const field of ['validFrom', 'validUntil'] as const) {
    if (credential[field] !== undefined && (typeof credential[field] !== 'string' || !XSD_DATE_TIME.test(credential[field] as string))) problems.push({ field: `credential.${field}`, reason: 'must be an XML Schema dateTime with a time zone' });
  }
  if (typeof credential.validFrom === 'string' && typeof credential.validUntil === 'string' && Date.parse(credential.validUntil) < Date.parse(credential.validFrom)) {
    problems.push({ field: 'credential.validUntil', reason: 'is before validFrom' });
  }
  if (credential.proof !== undefined) problems.push({ field: 'credential.proof', reason: 'send the credential unsecured; this issuer adds the proof' });
  if (credential.credentialStatus !== undefined) problems.push({ field: 'credential.credentialStatus', reason: 'this issuer allocates the status entry itself' });
  // A joint award needs every awarding school's own proof: it is issued from the programme's records, never from a claim.
  if (credential.awardingBody !== undefined) problems.push({ field: 'credential.awardingBody', reason: 'co-accredited diplomas are issued through POST /credentials/diplomas' });
  return problems;
}

@Injectable()
export class VcApiIssuerService {
  constructor(
    private readonly institutions: InstitutionsRepository,
    private readonly credentials: CredentialsRepository,
    private readonly identity: IssuerIdentityService,
    private readonly statusLists: StatusListsService,
    private readonly audit: AuditLog,
    private readonly vc: VcEnvironment,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async issue(slug: string, credential: JsonObject, options: JsonObject | undefined, actor: Actor): Promise<{ verifiableCredential: JsonObject }> {
    if (!this.config.credentials.vcApiIssuance) {
      throw forbidden('vc_api_issuance_disabled', 'VC-API issuance is off (VC_API_ISSUANCE=true turns it on for a test-suite run); certificates and diplomas are issued from the school\'s records.');
    }
    const school = await this.institutions.findBySlug(slug);
    if (!school) throw notFound('Issuer', slug);
    requireOnInstitutions(actor, Permission.CredentialIssue, [school.id]);
    const problems = credentialProblems(credential);
    if (problems.length) throw invalid(problems, 'The credential is not a valid VC 2.0 credential to issue.');
    const id = (options?.credentialId as string | undefined) ?? (credential.id as string | undefined);
    // A caller's id must not be (or look up as) one already issued, here or by another school.
    if (id !== undefined && (await this.credentials.findByCredentialId(id))) throw conflict('credential_id_taken', `A credential with the id ${id} exists already.`);

    return this.credentials.transaction(async (manager) => {
      const signer = await this.identity.signer(school.id, manager);
      const issuerId = typeof credential.issuer === 'string' ? credential.issuer : (credential.issuer as JsonObject | undefined)?.id;
      if (issuerId !== undefined && issuerId !== signer.did) {
        throw invalid([{ field: 'credential.issuer', reason: `must be this issuer's DID ${signer.did}` }]);
      }
      const status = await this.statusLists.allocate(school.id, manager);
      const rowId = randomUUID();
      const unsigned: JsonObject = {
        ...credential,
        id: id ?? `urn:uuid:${rowId}`,
        issuer: typeof credential.issuer === 'object' && credential.issuer ? { ...(credential.issuer as JsonObject), id: signer.did } : signer.did,
        credentialStatus: status.credentialStatus,
      };
      let signed: JsonObject;
      try {
        signed = await issueCredential({ credential: unsigned, signer: signer.signingKey, documentLoader: this.vc.documentLoader });
      } catch (error) {
        // Safe-mode JSON-LD: an undefined term, an unknown context, a malformed value.
        throw invalid([{ field: 'credential', reason: describeFailure(error).message.slice(0, 300) }], 'The credential cannot be signed as it is.');
      }
      const issuedAt = new Date();
      await manager.save(manager.create(Credential, {
        id: rowId, kind: 'external', state: 'issued', document: signed, issuerInstitutionId: school.id, signerInstitutionIds: [school.id], learnerId: null,
        enrolmentId: null, moduleId: null, programmeId: null, statusListId: status.statusListId, statusListIndex: status.statusListIndex,
        statusReason: null, statusChangedAt: issuedAt, batchId: null, issuedAt,
      }));
      await manager.save(manager.create(CredentialSignature, { credentialId: rowId, institutionId: school.id, verificationMethod: signer.verificationMethod, signedById: actor.userId }));
      await this.audit.record(manager, { action: 'credential.issued', actorId: actor.userId, institutionId: school.id, credentialId: rowId, details: { kind: 'external', via: 'vc-api' } });
      return { verifiableCredential: signed };
    });
  }

  /** VC-API status update: revocation is final; suspension can be set and cleared. */
  async updateStatus(slug: string, dto: VcApiUpdateStatusDto, actor: Actor): Promise<{ credentialId: string; state: string; statusReason: string | null }> {
    const school = await this.institutions.findBySlug(slug);
    if (!school) throw notFound('Issuer', slug);
    // Before any lookup: another school learns nothing about this school's credentials.
    requireOnInstitutions(actor, Permission.CredentialStatusChange, [school.id]);
    const credential = await this.credentials.findByCredentialId(dto.credentialId);
    if (!credential || credential.issuerInstitutionId !== school.id) throw notFound('Credential', dto.credentialId);
    const purpose = dto.credentialStatus.statusPurpose;
    if (purpose === 'revocation' && !dto.status) throw conflict('revocation_is_final', 'A revoked credential cannot be reinstated; issue a new one.');
    const change = purpose === 'revocation' ? 'revoke' : dto.status ? 'suspend' : 'unsuspend';
    return this.statusLists.changeStatus(credential.id, change, dto.reason, actor);
  }
}
