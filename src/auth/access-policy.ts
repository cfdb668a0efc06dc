// The one access policy (after immich's requireAccess): each permission is one rule of the caller against the ids it
// names, checked at the top of the service method that acts on them. @Allow on the route stays the coarse gate by
// role; this decides which objects. Rules by institution need no lookup; the others load their facts in bulk.
import { Injectable } from '@nestjs/common';
import { forbidden, notFound } from '../common/problems.js';
import { AccessRepository, type LearnerOwners } from './access.repository.js';
import type { Actor, Role } from './roles.js';

export enum Permission {
  // ids: institutions (the owner of the object, or the one a new object would belong to)
  FrameworkManage = 'framework.manage',
  CatalogueManage = 'catalogue.manage',
  StaffRegister = 'staff.register',
  TeamGapsRead = 'team-gaps.read',
  CredentialIssue = 'credential.issue',
  TranscriptIssue = 'transcript.issue',
  CredentialStatusChange = 'credential.status.change',
  SignatureQueueRead = 'signature-queue.read',
  AuditLogRead = 'audit-log.read',
  IssuerKeyRead = 'issuer-key.read',
  IssuerKeyRotate = 'issuer-key.rotate',
  InstitutionLogoUpdate = 'institution.logo.update',
  // ids: learners
  LearnerRead = 'learner.read',
  LearnerUpdate = 'learner.update',
  LearnerEvidenceCreate = 'learner.evidence.create',
  EnrolmentRequest = 'enrolment.request',
  // ids: sessions
  SessionRecordsManage = 'session.records.manage',
  // ids: enrolments
  EnrolmentRead = 'enrolment.read',
  EnrolmentUpdate = 'enrolment.update',
  EnrolmentAccept = 'enrolment.accept',
  EnrolmentEvidenceCreate = 'enrolment.evidence.create',
  // ids: credentials
  CredentialRead = 'credential.read',
  CredentialSign = 'credential.sign',
}

/** Permissions on institutions: an administrator, or a member of the institution in this role. */
const BY_INSTITUTION = {
  [Permission.FrameworkManage]: {
    role: 'hr_manager',
    detail: 'Only an administrator or an HR manager of the owning institution may change its frameworks and job profiles.',
  },
  [Permission.CatalogueManage]: {
    role: 'registrar',
    detail: 'Only an administrator or a registrar of the responsible institution may change its catalogue and training records.',
  },
  [Permission.StaffRegister]: {
    role: 'hr_manager',
    detail: 'Only an administrator or an HR manager of the employer may register its staff.',
  },
  [Permission.TeamGapsRead]: { role: 'hr_manager', detail: 'An HR manager sees the team view of their own institution only.' },
  [Permission.CredentialIssue]: {
    role: 'registrar',
    detail: 'Only an administrator or a registrar of the responsible school may issue its credentials.',
  },
  [Permission.TranscriptIssue]: {
    role: 'registrar',
    detail: 'Only an administrator or a registrar of the issuing school (an awarding school of the programme) may issue its transcripts.',
  },
  [Permission.CredentialStatusChange]: {
    role: 'registrar',
    detail: 'Only an administrator or a registrar of the issuing school may change this credential’s status.',
  },
  [Permission.SignatureQueueRead]: { role: 'registrar', detail: 'A registrar sees their own school’s signature queue only.' },
  [Permission.AuditLogRead]: { role: 'registrar', detail: 'A registrar reads the audit log of their own institution only.' },
  [Permission.IssuerKeyRead]: {
    role: 'registrar',
    detail: 'Only an administrator or a registrar of this institution may list its signing keys.',
  },
  [Permission.IssuerKeyRotate]: {
    role: 'registrar',
    detail: 'Only an administrator or a registrar of this institution may rotate its signing key.',
  },
  [Permission.InstitutionLogoUpdate]: {
    role: 'registrar',
    detail: 'Only the school’s registrars or an administrator may change its logo.',
  },
} satisfies Record<string, { role: Role; detail: string }>;

export type InstitutionPermission = keyof typeof BY_INSTITUTION;

/** What a refusal answers: 404 where even the existence of a record is private, else 403 with a stable code. */
const DENIALS: Record<Exclude<Permission, InstitutionPermission>, { hidden: string } | { code: string; detail: string }> = {
  [Permission.LearnerRead]: { hidden: 'Learner' },
  [Permission.LearnerUpdate]: {
    code: 'not_employer',
    detail: 'Only the employer’s HR managers or an administrator may change a learner’s record.',
  },
  [Permission.LearnerEvidenceCreate]: {
    code: 'not_employer',
    detail:
      'Evidence outside a session is recorded by the employer’s HR managers or an administrator; a registrar names the session (sessionId), and a learner cannot record evidence on their own record.',
  },
  [Permission.EnrolmentRequest]: { code: 'not_employer', detail: 'An HR manager asks for places for their own institution’s staff only.' },
  [Permission.SessionRecordsManage]: {
    code: 'other_institution',
    detail: 'Only an administrator or a registrar of the organising school may manage this session’s records.',
  },
  [Permission.EnrolmentRead]: { hidden: 'Enrolment' },
  [Permission.EnrolmentUpdate]: {
    code: 'other_institution',
    detail: 'Only an administrator or a registrar of the organising school may change this enrolment.',
  },
  [Permission.EnrolmentAccept]: {
    code: 'not_the_other_party',
    detail: 'A request is accepted by the organising school; an offer by the learner (or their employer’s HR managers).',
  },
  [Permission.EnrolmentEvidenceCreate]: {
    code: 'not_training_here',
    detail: 'A registrar records evidence within an accepted, active enrolment of the learner in a session of their school.',
  },
  [Permission.CredentialRead]: { hidden: 'Credential' },
  [Permission.CredentialSign]: {
    code: 'not_a_signer',
    detail: 'Only a registrar of one of the awarding schools may sign this credential, with their own school’s key.',
  },
};

const isInstitutionPermission = (permission: Permission): permission is InstitutionPermission => permission in BY_INSTITUTION;

/** The ids of institutions on which the caller holds an institution permission; no lookup needed. */
export function institutionsAllowed(actor: Actor | undefined, permission: InstitutionPermission, ids: Iterable<string>): Set<string> {
  const wanted = new Set(ids);
  if (!actor) return new Set();
  if (actor.role === 'admin') return wanted;
  const { role } = BY_INSTITUTION[permission];
  return actor.role === role && actor.institutionId && wanted.has(actor.institutionId) ? new Set([actor.institutionId]) : new Set();
}

export function mayOnInstitution(actor: Actor | undefined, permission: InstitutionPermission, institutionId: string): boolean {
  return institutionsAllowed(actor, permission, [institutionId]).has(institutionId);
}

/** Throws 403 `other_institution` unless the caller holds the permission on every institution named. */
export function requireOnInstitutions(actor: Actor | undefined, permission: InstitutionPermission, ids: string[]): void {
  const allowed = institutionsAllowed(actor, permission, ids);
  if (ids.some((id) => !allowed.has(id))) throw forbidden('other_institution', BY_INSTITUTION[permission].detail);
}

export interface AccessRequest {
  actor: Actor | undefined;
  permission: Permission;
  ids: Iterable<string>;
}

@Injectable()
export class AccessPolicy {
  constructor(private readonly facts: AccessRepository) {}

  /** Throws unless the caller holds the permission on every id: 404 for private records, 403 otherwise. */
  async require(request: AccessRequest): Promise<void> {
    const ids = [...new Set(request.ids)];
    const allowed = await this.check({ ...request, ids });
    const refused = ids.find((id) => !allowed.has(id));
    if (refused === undefined) return;
    if (isInstitutionPermission(request.permission)) throw forbidden('other_institution', BY_INSTITUTION[request.permission].detail);
    const denial = DENIALS[request.permission];
    throw 'hidden' in denial ? notFound(denial.hidden, refused) : forbidden(denial.code, denial.detail);
  }

  /** The ids among those asked about on which the caller holds the permission (for filtering lists). */
  async check({ actor, permission, ids }: AccessRequest): Promise<Set<string>> {
    const wanted = [...new Set(ids)];
    if (!actor || !wanted.length) return new Set();
    if (isInstitutionPermission(permission)) return institutionsAllowed(actor, permission, wanted);
    const allowedIf = <T extends { id: string }>(rows: T[], rule: (row: T) => boolean) => new Set(rows.filter(rule).map((row) => row.id));
    switch (permission) {
      case Permission.LearnerRead: {
        if (actor.role === 'registrar') return actor.institutionId ? this.facts.trainingWith(wanted, actor.institutionId) : new Set();
        return allowedIf(await this.facts.learners(wanted), (learner) => ownsRecord(actor, learner));
      }
      case Permission.LearnerUpdate:
      case Permission.LearnerEvidenceCreate:
      case Permission.EnrolmentRequest:
        return allowedIf(await this.facts.learners(wanted), (learner) => isEmployerSide(actor, learner));
      case Permission.SessionRecordsManage: {
        const organisers = await this.facts.sessionOrganisers(wanted);
        return new Set([...organisers].filter(([, school]) => isOrganiserSide(actor, school)).map(([id]) => id));
      }
      case Permission.EnrolmentRead:
        return allowedIf(
          await this.facts.enrolments(wanted),
          (enrolment) => ownsRecord(actor, enrolment) || isOrganiserSide(actor, enrolment.organiserId),
        );
      case Permission.EnrolmentUpdate:
        return allowedIf(await this.facts.enrolments(wanted), (enrolment) => isOrganiserSide(actor, enrolment.organiserId));
      case Permission.EnrolmentAccept:
        // Each side accepts what the other asked for; an accepted enrolment stays acceptable to both (a repeat is a no-op).
        return allowedIf(
          await this.facts.enrolments(wanted),
          (enrolment) =>
            (enrolment.consent !== 'offered' && isOrganiserSide(actor, enrolment.organiserId)) ||
            (enrolment.consent !== 'requested' && (isEmployerSide(actor, enrolment) || isTheLearner(actor, enrolment))),
        );
      case Permission.EnrolmentEvidenceCreate:
        return allowedIf(
          await this.facts.enrolments(wanted),
          (enrolment) =>
            enrolment.consent === 'accepted' && enrolment.status !== 'withdrawn' && isOrganiserSide(actor, enrolment.organiserId),
        );
      case Permission.CredentialRead:
        return allowedIf(await this.facts.credentials(wanted), (credential) => {
          if (actor.role === 'admin') return true;
          if (actor.role === 'registrar') return !!actor.institutionId && credential.signerInstitutionIds.includes(actor.institutionId);
          // A co-accredited diploma reaches the learner only once every school has signed.
          if (actor.role === 'learner' && credential.state === 'awaiting_signatures') return false;
          return !!credential.learner && ownsRecord(actor, credential.learner);
        });
      case Permission.CredentialSign:
        return allowedIf(
          await this.facts.credentials(wanted),
          (credential) =>
            actor.role === 'registrar' && !!actor.institutionId && credential.signerInstitutionIds.includes(actor.institutionId),
        );
    }
  }
}

/** The learner themself, their employer's HR managers, an administrator (not a school: see trainingWith). */
function ownsRecord(actor: Actor, learner: Pick<LearnerOwners, 'employerInstitutionId' | 'userId'>): boolean {
  return isTheLearner(actor, learner) || isEmployerSide(actor, learner);
}

function isTheLearner(actor: Actor, learner: Pick<LearnerOwners, 'userId'>): boolean {
  return actor.role === 'learner' && learner.userId === actor.userId;
}

function isEmployerSide(actor: Actor, learner: Pick<LearnerOwners, 'employerInstitutionId'>): boolean {
  return actor.role === 'admin' || (actor.role === 'hr_manager' && actor.institutionId === learner.employerInstitutionId);
}

function isOrganiserSide(actor: Actor, organiserId: string): boolean {
  return actor.role === 'admin' || (actor.role === 'registrar' && actor.institutionId === organiserId);
}
