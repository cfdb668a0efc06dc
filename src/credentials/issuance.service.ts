// Issuance: a certificate when the learner passed the module, a diploma when the programme's completion rule holds.
// A co-accredited diploma is prepared by the lead school, endorsed by each co-accrediting school and signed by the
// lead school when the last has endorsed it, then released to the learner. Index, proofs and audit commit together.
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager, QueryDeepPartialEntity } from 'typeorm';
import { AccessPolicy, Permission, requireOnInstitutions } from '../auth/access-policy.js';
import type { Actor } from '../auth/roles.js';
import { assertSessionStarted } from '../catalogue/session-rules.js';
import { Clock, IdSource } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { conflict, invalid, notFound } from '../common/problems.js';
import { IssuerIdentityService } from './issuers/issuer-identity.service.js';
import { IssuerSigner } from './issuers/issuer-signer.js';
import type { Institution } from '../institutions/institution.entity.js';
import { buildAward } from './achievement-credentials.js';
import { endorse, profileOf } from './co-accreditation.js';
import { AuditLog } from './audit/audit-log.service.js';
import { Credential, CredentialSignature } from './credential.entity.js';
import { type AlignedItem, CredentialsRepository } from './credentials.repository.js';
import type { CredentialDto } from './dto/credential.dto.js';
import { describeUnmet } from './eligibility.js';
import { programmeOutcome } from './programme-outcome.js';
import { StatusListsService } from './status/status-lists.service.js';
import { VcEnvironment } from './vc-environment.service.js';
import type { JsonObject } from './vc/issuer.js';
import type { ProfileInput } from './vc/open-badges.js';

/** Builds a credential's document around what signing decides: the issuers' profiles, its id, status entries and date. */
export type BuildDocument = (issuers: ProfileInput[], credentialId: string, credentialStatus: JsonObject, issuedAt: Date) => JsonObject;

/** What an issuance can be traced to, for the audit log: a person or a bulk batch. */
export interface IssuingActor {
  userId: string | null;
  batchId?: string;
}

@Injectable()
export class IssuanceService {
  constructor(
    private readonly credentials: CredentialsRepository,
    private readonly identity: IssuerIdentityService,
    private readonly signer: IssuerSigner,
    private readonly statusLists: StatusListsService,
    private readonly audit: AuditLog,
    private readonly vc: VcEnvironment,
    private readonly access: AccessPolicy,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  async issueCertificate(enrolmentId: string, actor: Actor): Promise<CredentialDto> {
    return this.credentials.transaction(async (manager) => {
      const enrolment = await this.credentials.findEnrolment(enrolmentId, manager);
      if (!enrolment) throw invalid([{ field: 'enrolmentId', reason: 'no such enrolment' }]);
      requireOnInstitutions(actor, Permission.CredentialIssue, [enrolment.session!.institutionId]);
      const existing = await this.credentials.findCertificateOf(enrolmentId, manager);
      if (existing) throw conflict('already_issued', `A certificate was already issued for this enrolment: ${existing.id}.`);
      // One active certificate per learner and module, whichever session: a new one is a re-issue, after revoking.
      const held = enrolment.session!.moduleId
        ? await this.credentials.findActiveCertificateOfModule(enrolment.learnerId, enrolment.session!.moduleId, manager)
        : null;
      if (held) {
        throw conflict(
          'already_certified',
          `The learner already holds an active certificate for this module: ${held.id}; revoke it first to issue another.`,
          [{ field: 'enrolmentId', reason: `the learner already holds certificate ${held.id} for this module` }],
        );
      }
      const credential = await this.certify(enrolmentId, { userId: actor.userId }, manager);
      return this.toDto(credential, manager);
    });
  }

  /**
   * Signs and stores the certificate of one passed enrolment, in the caller's transaction (shared with bulk jobs,
   * which check for an existing certificate themselves). Refuses when the module is not passed.
   */
  async certify(enrolmentId: string, by: IssuingActor, manager: EntityManager): Promise<Credential> {
    return (await this.certifyMany([enrolmentId], by, manager))[0];
  }

  /**
   * certify() for several enrolments in one transaction (a bulk job's chunk), in their order. Every one is checked
   * before anything is signed; what they share (school, module competencies, signing key) is read once, the status
   * indexes are allocated together and the rows written with one INSERT per table.
   */
  async certifyMany(enrolmentIds: string[], by: IssuingActor, manager: EntityManager): Promise<Credential[]> {
    if (enrolmentIds.length === 0) return [];
    const found = await this.credentials.findEnrolments(enrolmentIds, manager);
    const now = this.clock.now();
    const enrolments = enrolmentIds.map((enrolmentId) => {
      const enrolment = found.get(enrolmentId);
      if (!enrolment) throw invalid([{ field: 'enrolmentId', reason: `no such enrolment: ${enrolmentId}` }]);
      if (!enrolment.session!.module)
        throw conflict('not_eligible', 'This session runs a programme: a diploma, not a certificate, is awarded for it.');
      if (enrolment.status !== 'completed') {
        throw conflict('not_eligible', 'The module is not passed.', [
          { field: 'enrolment', reason: `the enrolment is ${enrolment.status}, not completed` },
        ]);
      }
      // A completion recorded before the rule (or by hand in the database) does not make a session that has not begun passed.
      assertSessionStarted(enrolment.session!.startsOn, now, 'enrolmentId', 'nobody has passed it yet.');
      return enrolment;
    });
    const schools = new Map(
      (await this.credentials.findInstitutions([...new Set(enrolments.map((e) => e.session!.institutionId))], manager)).map((school) => [
        school.id,
        school,
      ]),
    );
    const items = new Map<string, AlignedItem[]>();
    for (const moduleId of new Set(enrolments.map((e) => e.session!.module!.id)))
      items.set(moduleId, await this.credentials.alignedItems([moduleId], manager));
    const scores = await this.credentials.bestScores(enrolmentIds, manager);

    const credentials: Credential[] = [];
    const bySchool = new Map<string, { credential: Credential; build: BuildDocument }[]>();
    for (const enrolment of enrolments) {
      const session = enrolment.session!;
      const module = session.module!;
      const school = schools.get(session.institutionId)!;
      const score = scores.get(enrolment.id);
      const credential = manager.create(Credential, {
        kind: 'certificate',
        state: 'issued',
        issuerInstitutionId: school.id,
        signerInstitutionIds: [school.id],
        learnerId: enrolment.learnerId,
        enrolmentId: enrolment.id,
        moduleId: module.id,
        programmeId: null,
        statusReason: null,
        batchId: by.batchId ?? null,
      });
      const build: BuildDocument = (issuers, credentialId, credentialStatus, issuedAt) =>
        buildAward(
          {
            credentialId,
            awardingBodies: issuers,
            learner: enrolment.learner!,
            credentialStatus,
            issuedAt,
            items: items.get(module.id)!,
            achievement: {
              id: `${this.config.publicBaseUrl}/modules/${module.id}`,
              title: module.title,
              description: module.description,
              code: module.code,
              hours: module.hours,
              credits: module.ectsCredits,
            },
            result: score ? `${score.score}/${score.maxScore}` : undefined,
          },
          'certificate',
        );
      credentials.push(credential);
      if (!bySchool.has(school.id)) bySchool.set(school.id, []);
      bySchool.get(school.id)!.push({ credential, build });
    }
    for (const [schoolId, group] of bySchool) await this.signAndStore(group, manager, [schools.get(schoolId)!], by);
    return credentials;
  }

  /** The lead school prepares a diploma: signed at once when it awards it alone, else a draft awaiting endorsements. */
  async prepareDiploma(programmeId: string, learnerId: string, actor: Actor): Promise<CredentialDto> {
    return this.credentials.transaction(async (manager) => {
      const programme = await this.credentials.findProgramme(programmeId, manager);
      if (!programme) throw invalid([{ field: 'programmeId', reason: 'no such programme' }]);
      requireOnInstitutions(actor, Permission.CredentialIssue, [programme.ownerInstitutionId]);
      const learner = await this.credentials.findLearner(learnerId, manager);
      if (!learner) throw invalid([{ field: 'learnerId', reason: 'no such learner' }]);
      const existing = await this.credentials.findDiplomaOf(learnerId, programmeId, manager);
      if (existing) throw conflict('already_issued', `This learner already has this diploma: ${existing.id}.`);

      const entries = programme.modules ?? [];
      const outcome = await programmeOutcome(this.credentials, programme, learnerId, manager);
      if (!outcome.eligible) {
        throw conflict(
          'not_eligible',
          'The programme’s completion rule does not hold yet.',
          outcome.unmet.map((rule) => ({ field: rule.rule, reason: describeUnmet(rule) })),
        );
      }
      const schools = (programme.awards ?? []).map((award) => award.institution!);
      const items = await this.credentials.alignedItems(outcome.counted, manager);
      const hours = entries
        .filter((entry) => outcome.counted.includes(entry.moduleId))
        .reduce((sum, entry) => sum + entry.module!.hours, 0);
      const credits = entries
        .filter((entry) => outcome.counted.includes(entry.moduleId))
        .reduce((sum, entry) => sum + (entry.module!.ectsCredits ?? 0), 0);
      const credential = manager.create(Credential, {
        kind: 'diploma',
        state: schools.length > 1 ? 'awaiting_signatures' : 'issued',
        issuerInstitutionId: schools[0].id,
        signerInstitutionIds: schools.map((school) => school.id),
        learnerId,
        enrolmentId: null,
        moduleId: null,
        programmeId,
        statusReason: null,
        batchId: null,
      });
      await this.signAndStore(
        [
          {
            credential,
            build: (issuers, credentialId, credentialStatus, issuedAt) =>
              buildAward(
                {
                  credentialId,
                  awardingBodies: issuers,
                  learner,
                  credentialStatus,
                  issuedAt,
                  items,
                  achievement: {
                    id: `${this.config.publicBaseUrl}/programmes/${programme.id}`,
                    title: programme.title,
                    description: programme.description,
                    code: programme.code,
                    hours,
                    credits: credits || null,
                  },
                  result: outcome.average !== null ? `moyenne ${outcome.average} %` : undefined,
                },
                'diploma',
              ),
          },
        ],
        manager,
        schools,
        { userId: actor.userId },
      );
      return this.toDto(credential, manager);
    });
  }

  /**
   * A co-accrediting school's registrar approves the diploma: the school signs an EndorsementCredential bound to the
   * draft (its id and the digest of its content), embedded in `endorsement`. When the last one has, the server signs
   * the whole (endorsements included) with the lead school's key: the released diploma has one proof, by its issuer,
   * which stock verifiers accept, and a verifier can still require every school's own signed approval.
   */
  async sign(credentialId: string, actor: Actor): Promise<CredentialDto> {
    if (!(await this.credentials.findCredential(credentialId))) throw notFound('Credential', credentialId);
    // Who signs never changes after preparation, so the check may precede the transaction.
    await this.access.require({ actor, permission: Permission.CredentialSign, ids: [credentialId] });
    return this.credentials.transaction(async (manager) => {
      const credential = await this.credentials.lockCredential(credentialId, manager);
      if (!credential) throw notFound('Credential', credentialId);
      const school = actor.institutionId!; // a registrar of a signing school, as the policy just checked
      const signed = await this.credentials.signedBy(credentialId, manager);
      if (signed.includes(school)) throw conflict('already_signed', 'Your school has already signed this credential.');
      if (credential.state !== 'awaiting_signatures') throw conflict('not_awaiting_signatures', `The credential is ${credential.state}.`);
      // The endorsement names the school by the DID the draft lists it under (awardingBody follows signerInstitutionIds).
      const profile = profileOf(credential.document, credential.signerInstitutionIds.indexOf(school));
      const date = this.clock.now();
      let endorsedWith = '';
      credential.document = await endorse({
        draft: credential.document,
        school: profile,
        documentLoader: this.vc.documentLoader,
        date,
        id: `urn:uuid:${this.ids.uuid()}`,
        sign: async (endorsement) => {
          const signed = await this.signer.sign(school, endorsement, { manager, did: profile.id, date });
          endorsedWith = signed.verificationMethod;
          return signed.document;
        },
      });
      await manager.save(
        manager.create(CredentialSignature, {
          credentialId,
          institutionId: school,
          verificationMethod: endorsedWith,
          signedById: actor.userId,
        }),
      );
      await this.audit.record(manager, {
        action: 'credential.signed',
        actorId: actor.userId,
        institutionId: school,
        credentialId,
        details: { verificationMethod: endorsedWith, as: 'endorsement' },
      });
      if (signed.length + 1 === credential.signerInstitutionIds.length) {
        credential.state = 'issued';
        credential.issuedAt = this.clock.now();
        credential.statusChangedAt = credential.issuedAt;
        const lead = await this.signer.sign(credential.issuerInstitutionId, credential.document, {
          manager,
          did: profileOf(credential.document, 0).id,
          date: credential.issuedAt,
        });
        credential.document = lead.document;
        await manager.update(
          CredentialSignature,
          { credentialId, institutionId: credential.issuerInstitutionId },
          { verificationMethod: lead.verificationMethod },
        );
        await this.audit.record(manager, {
          action: 'credential.issued',
          actorId: actor.userId,
          institutionId: credential.issuerInstitutionId,
          credentialId,
          details: { verificationMethod: lead.verificationMethod },
        });
      }
      await manager.save(credential);
      return this.toDto(credential, manager);
    });
  }

  /**
   * Allocates the status indexes, builds each document around its index, signs it with the lead school's key and
   * stores the credentials, their first proofs and the audit entries — all in the caller's transaction, so a crash
   * leaves nothing half-issued and an index is never handed out twice. The credentials share the same schools (the
   * lead first); each is completed in place (id, document, status, issuedAt) and inserted. Also used for transcripts.
   */
  async signAndStore(
    entries: { credential: Credential; build: BuildDocument }[],
    manager: EntityManager,
    schools: Institution[],
    by: IssuingActor,
  ): Promise<void> {
    const lead = schools[0];
    const statuses = await this.statusLists.allocateMany(lead.id, entries.length, manager);
    // Read after allocateMany locked the institution: a key rotation waits for this transaction, so this key stays
    // the active one for every credential signed here (IssuerSigner opens it once for the transaction).
    const leadDid = await this.identity.issuerDid(lead.id, manager);
    let verificationMethod = '';
    const issuers = await Promise.all(
      schools.map(async (school) => ({
        id: school.id === lead.id ? leadDid : await this.identity.issuerDid(school.id, manager),
        name: school.name.fr ?? school.name.en ?? school.slug,
        ...(school.website ? { url: school.website } : {}),
      })),
    );
    for (const [index, { credential, build }] of entries.entries()) {
      const status = statuses[index];
      credential.id = this.ids.uuid();
      const issuedAt = this.clock.now();
      const unsigned = build(issuers, `urn:uuid:${credential.id}`, status.credentialStatus, issuedAt);
      // A co-accredited diploma stays an unsigned draft until every school has endorsed it: a lead-only proof would
      // be accepted as the whole diploma by any verifier that is content with one proof by the issuer.
      if (credential.state === 'awaiting_signatures') credential.document = unsigned;
      else
        ({ document: credential.document, verificationMethod } = await this.signer.sign(lead.id, unsigned, {
          manager,
          did: leadDid,
          date: issuedAt,
        }));
      credential.statusListId = status.statusListId;
      credential.statusListIndex = status.statusListIndex;
      credential.issuedAt = credential.state === 'issued' ? issuedAt : null;
      credential.statusChangedAt = issuedAt;
    }
    const credentials = entries.map((entry) => entry.credential);
    // Drafts only (a co-accredited diploma): the lead's key that will sign, named now as before.
    if (!verificationMethod) verificationMethod = await this.identity.activeVerificationMethod(lead.id, manager);
    await manager.insert(Credential, credentials as QueryDeepPartialEntity<Credential>[]);
    await manager.insert(
      CredentialSignature,
      credentials.map((credential) => ({ credentialId: credential.id, institutionId: lead.id, verificationMethod, signedById: by.userId })),
    );
    await this.audit.recordMany(
      manager,
      credentials.flatMap((credential, index) => [
        {
          action: 'credential.signed' as const,
          actorId: by.userId,
          institutionId: lead.id,
          credentialId: credential.id,
          details: { verificationMethod },
        },
        {
          action: credential.state === 'issued' ? ('credential.issued' as const) : ('credential.prepared' as const),
          actorId: by.userId,
          institutionId: lead.id,
          credentialId: credential.id,
          details: {
            kind: credential.kind,
            statusListId: statuses[index].statusListId,
            statusListIndex: statuses[index].statusListIndex,
            ...(by.batchId ? { batchId: by.batchId } : {}),
          },
        },
      ]),
    );
  }

  async toDto(credential: Credential, manager?: EntityManager): Promise<CredentialDto> {
    const signedBy = await this.credentials.signedBy(credential.id, manager);
    return {
      id: credential.id,
      kind: credential.kind,
      state: credential.state,
      issuerInstitutionId: credential.issuerInstitutionId,
      signerInstitutionIds: credential.signerInstitutionIds,
      signedBy,
      learnerId: credential.learnerId,
      statusReason: credential.statusReason,
      statusChangedAt: credential.statusChangedAt,
      issuedAt: credential.issuedAt,
      verificationUrl: `${this.config.publicBaseUrl}/verify/${credential.id}`,
      verifiableCredential: credential.document,
    };
  }
}
