// Institution scoping: an HR manager manages the frameworks and profiles of their own institution only.
import { forbidden } from '../common/problems.js';
import type { Actor } from './roles.js';

export function canManage(actor: Actor | undefined, ownerInstitutionId: string): boolean {
  if (!actor) return false;
  return actor.role === 'admin' || (actor.role === 'hr_manager' && actor.institutionId === ownerInstitutionId);
}

export function assertCanManage(actor: Actor, ownerInstitutionId: string, what: string): void {
  if (!canManage(actor, ownerInstitutionId)) {
    throw forbidden('other_institution', `Only an administrator or an HR manager of the owning institution may change this ${what}.`);
  }
}

/** The institution a new document belongs to: an HR manager's own; an admin must name one. */
export function owningInstitution(actor: Actor, requested: string | undefined): string | undefined {
  if (actor.role === 'admin') return requested;
  if (requested && requested !== actor.institutionId) {
    throw forbidden('other_institution', 'An HR manager creates documents for their own institution only.');
  }
  return actor.institutionId ?? undefined;
}
