// Versioned documents (frameworks, job profiles): draft → published → retired; published content never changes.
// The one home of the lifecycle rules, used by the framework and job-profile services and the framework import. Pure:
// callers look the facts up (in their transaction) and pass them in; a broken rule throws a 409 with a stable code.
import { conflict, type FieldError } from './problems.js';

export const STATUSES = ['draft', 'published', 'retired'] as const;
export type Status = (typeof STATUSES)[number];

interface Versioned {
  status: Status;
  version: string;
}

interface Dated extends Versioned {
  publishedAt: Date | null;
  retiredAt: Date | null;
}

/** What a lineage (all versions sharing an identifier) holds, looked up before a new draft is opened or renamed. */
export interface LineageFacts {
  /** Another version of the lineage already carries the wanted version label. */
  versionTaken: boolean;
  /** The lineage has a draft already (only one at a time). */
  draftExists: boolean;
}

/** Only a draft may be edited or deleted. */
export function assertDraft(document: Versioned, what: string): void {
  if (document.status !== 'draft') {
    throw conflict('version_not_editable', `${what} version ${document.version} is ${document.status}; create a new version to change it.`);
  }
}

/** An import replaces a draft of the same version; a published or retired version stays as it is. */
export function assertReplaceable(document: Versioned, what: string): void {
  if (document.status !== 'draft') {
    throw conflict(
      'version_published',
      `${what} version ${document.version} is ${document.status} and cannot be replaced; import it under a new version label.`,
    );
  }
}

export function assertTransition(document: Versioned, to: Exclude<Status, 'draft'>, what: string): void {
  const allowed = to === 'published' ? document.status === 'draft' : document.status === 'published';
  if (!allowed) throw conflict('invalid_transition', `${what} version ${document.version} is ${document.status} and cannot become ${to}.`);
}

/** Version labels are unique within a lineage. */
export function assertVersionLabelFree(taken: boolean, version: string, what: string): void {
  if (taken)
    throw conflict('duplicate_version', `This ${what.toLowerCase()} already has a version ${version}.`, [
      { field: 'version', reason: 'already exists' },
    ]);
}

/** One draft per lineage: a second one would fork the content others are editing. */
export function assertNoOtherDraft(draftExists: boolean, what: string): void {
  if (draftExists) throw conflict('draft_exists', `This ${what.toLowerCase()} already has a draft version; publish or delete it first.`);
}

/** A new draft of an existing lineage (created with a chosen identifier, or imported). */
export function assertNewDraftAllowed(lineage: LineageFacts, version: string, what: string): void {
  assertVersionLabelFree(lineage.versionTaken, version, what);
  assertNoOtherDraft(lineage.draftExists, what);
}

/** The next version is copied from a published or retired one; a draft is edited instead. */
export function assertNextVersionAllowed(source: Versioned, lineage: LineageFacts, version: string, what: string): void {
  if (source.status === 'draft') throw conflict('version_is_draft', 'This version is still a draft; edit it instead of copying it.');
  assertNoOtherDraft(lineage.draftExists, what);
  assertVersionLabelFree(lineage.versionTaken, version, what);
}

/**
 * What publishing a framework version checks. Not a proficiency scale: a framework may list competencies without
 * levels (CASE packages often do); profiles and modules then refuse a required level on its items, field by field.
 */
export interface FrameworkContent {
  items: number;
}

export function frameworkCompleteness(content: FrameworkContent): FieldError[] {
  const problems: FieldError[] = [];
  if (content.items === 0) problems.push({ field: 'items', reason: 'a published framework needs at least one item' });
  return problems;
}

/** Publishes a framework draft (in memory: the caller saves it) once it is complete. */
export function publishFramework<T extends Dated>(framework: T, content: FrameworkContent, now: Date): T {
  assertTransition(framework, 'published', 'Framework');
  const problems = frameworkCompleteness(content);
  if (problems.length) throw conflict('framework_incomplete', 'The framework cannot be published yet.', problems);
  return markPublished(framework, now);
}

/** What publishing a job profile version checks. */
export interface ProfileContent {
  requirements: number;
}

export function publishProfile<T extends Dated>(profile: T, content: ProfileContent, now: Date): T {
  assertTransition(profile, 'published', 'Job profile');
  if (content.requirements === 0) {
    throw conflict('profile_incomplete', 'A published job profile needs at least one required competency.', [
      { field: 'requirements', reason: 'empty' },
    ]);
  }
  return markPublished(profile, now);
}

/** Retires a published version (in memory: the caller saves it); it stays readable, credentials keep pointing at it. */
export function retire<T extends Dated>(document: T, what: string, now: Date): T {
  assertTransition(document, 'retired', what);
  document.status = 'retired';
  document.retiredAt = now;
  return document;
}

function markPublished<T extends Dated>(document: T, now: Date): T {
  document.status = 'published';
  document.publishedAt = now;
  return document;
}
