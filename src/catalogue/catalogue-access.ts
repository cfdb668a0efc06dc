// Who may change the catalogue: an administrator, or a registrar (training coordinator) of the school that owns the
// module or programme, or organises the session. Mirrors auth/institution-access.ts, which is for HR managers.
import { forbidden, invalid } from '../common/problems.js';
import type { Actor } from '../auth/roles.js';

export function canManageCatalogue(actor: Actor | undefined, institutionId: string): boolean {
  if (!actor) return false;
  return actor.role === 'admin' || (actor.role === 'registrar' && actor.institutionId === institutionId);
}

export function assertCanManageCatalogue(actor: Actor, institutionId: string, what: string): void {
  if (!canManageCatalogue(actor, institutionId)) {
    throw forbidden('other_institution', `Only an administrator or a registrar of the responsible institution may change this ${what}.`);
  }
}

/**
 * The institution a new catalogue record belongs to: a registrar's own (naming another is forbidden);
 * an administrator must name one, since they belong to no school.
 */
export function responsibleInstitution(actor: Actor, requested: string | undefined, field: string, what: string): string {
  if (actor.role === 'admin') {
    if (!requested) throw invalid([{ field, reason: `required when an administrator creates a ${what}` }]);
    return requested;
  }
  if (!actor.institutionId || (requested && requested !== actor.institutionId)) {
    throw forbidden('other_institution', `A registrar manages the ${what}s of their own institution only.`);
  }
  return actor.institutionId;
}
