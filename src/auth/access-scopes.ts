// The access policy's rules as query scopes (what a list shows each caller) and as the owner of a new record, so
// lists, single reads and writes agree. With access-policy.ts, the only place that reads a caller's role.
import { invalid } from '../common/problems.js';
import { type InstitutionPermission, mayOnInstitution, Permission, requireOnInstitutions } from './access-policy.js';
import type { Actor, Role } from './roles.js';

/** Drafts a caller sees besides published versions: every one (admin), their institution's (its HR), or none. */
export type DraftScope = { every: true } | { ownerInstitutionId: string } | null;

export function draftScope(actor: Actor | undefined): DraftScope {
  if (actor?.role === 'admin') return { every: true };
  return actor?.institutionId && mayOnInstitution(actor, Permission.FrameworkManage, actor.institutionId)
    ? { ownerInstitutionId: actor.institutionId }
    : null;
}

/** The learners a caller may list: the same rule as Permission.LearnerRead, as filters (none set: every learner). */
export interface LearnerScope {
  employerInstitutionId?: string;
  /** Accepted, not withdrawn enrolment in a session of this school. */
  trainingWithInstitutionId?: string;
  userId?: string;
}

export function learnerScope(actor: Actor): LearnerScope {
  switch (actor.role) {
    case 'admin':
      return {};
    case 'hr_manager':
      return { employerInstitutionId: actor.institutionId ?? NO_ONE };
    case 'registrar':
      return { trainingWithInstitutionId: actor.institutionId ?? NO_ONE };
    case 'learner':
      return { userId: actor.userId };
  }
}

const NO_ONE = '00000000-0000-0000-0000-000000000000';

/** The school whose sessions a caller's bulk work is limited to; null for an administrator (any school). */
export function organiserScope(actor: Actor): string | null {
  return actor.role === 'admin' ? null : (actor.institutionId ?? NO_ONE);
}

/**
 * The institution a new record belongs to: an administrator names one (they belong to none); anyone else's own, and
 * naming another is refused (403 other_institution), as is holding no permission on their own.
 */
export function institutionForNew(
  actor: Actor,
  requested: string | undefined,
  permission: InstitutionPermission,
  field: string,
  what: string,
): string {
  if (actor.role === 'admin') {
    if (!requested) throw invalid([{ field, reason: `required when an administrator creates ${what}` }]);
    return requested;
  }
  const institutionId = requested ?? actor.institutionId ?? NO_ONE;
  requireOnInstitutions(actor, permission, [institutionId]);
  return institutionId;
}

/** A login that may be linked to a learner record (so its holder reads their own record). */
export const isLearnerAccount = (user: { role: Role }): boolean => user.role === 'learner';
