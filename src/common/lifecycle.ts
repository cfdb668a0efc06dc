// Versioned documents (frameworks, job profiles): draft → published → retired; published content never changes.
import { conflict } from './problems.js';

export const STATUSES = ['draft', 'published', 'retired'] as const;
export type Status = (typeof STATUSES)[number];

interface Versioned {
  status: Status;
  version: string;
}

export function assertDraft(document: Versioned, what: string): void {
  if (document.status !== 'draft') {
    throw conflict('version_not_editable', `${what} version ${document.version} is ${document.status}; create a new version to change it.`);
  }
}

export function assertTransition(document: Versioned, to: Exclude<Status, 'draft'>, what: string): void {
  const allowed = to === 'published' ? document.status === 'draft' : document.status === 'published';
  if (!allowed) throw conflict('invalid_transition', `${what} version ${document.version} is ${document.status} and cannot become ${to}.`);
}
