// The neutral shape every importer (CASE, Moodle, ESCO) parses its file into, and the checks that apply to all.
import { createHash } from 'node:crypto';
import type { LocalizedText } from '../common/localized-text.js';
import type { FieldError } from '../common/problems.js';
import type { ItemKind } from '../frameworks/framework-item.entity.js';

export interface ImportedLevel {
  identifier?: string;
  rank: number;
  code: string;
  label: LocalizedText;
  description?: LocalizedText | null;
}

export interface ImportedScale {
  identifier?: string;
  code: string;
  title: LocalizedText;
  levels: ImportedLevel[];
}

export interface ImportedItem {
  identifier: string;
  uri?: string;
  parentIdentifier?: string | null;
  position?: number;
  code?: string | null;
  itemType: string;
  kind?: ItemKind | null;
  label: LocalizedText;
  description?: LocalizedText | null;
  /** Code of one of the package's scales; the framework's default scale when absent. */
  scaleCode?: string | null;
  extras?: Record<string, unknown> | null;
  /** Where the item was read (CSV line, JSON array index), for the error report. */
  line?: number;
}

export interface ImportedAssociation {
  identifier: string;
  originIdentifier: string;
  type: string;
  /** An item of this package, or of a framework already stored here. */
  destinationIdentifier?: string | null;
  /** An external concept (or the URI of the destination item). */
  destinationUri?: string | null;
  destinationLabel?: string | null;
  extras?: Record<string, unknown> | null;
  line?: number;
}

export interface ImportedFramework {
  identifier: string;
  uri?: string;
  version: string;
  title: LocalizedText;
  description?: LocalizedText | null;
  extras?: Record<string, unknown> | null;
  scales: ImportedScale[];
  items: ImportedItem[];
  associations: ImportedAssociation[];
  /** What the file said that could not be kept as it was (or what the import cannot do yet): the report lists them. */
  warnings?: FieldError[];
}

export const MAX_REPORTED_ERRORS = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TRAILING_UUID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

export const isUuid = (value: string): boolean => UUID.test(value);

/**
 * A stable UUID for a concept: the UUID its URI ends with (ESCO, CASE), otherwise a name-based UUID (v5 layout)
 * derived from the URI, so the same concept always gets the same identifier across imports.
 */
export function identifierFor(uriOrId: string): string {
  if (UUID.test(uriOrId)) return uriOrId.toLowerCase();
  const trailing = TRAILING_UUID.exec(uriOrId);
  if (trailing) return trailing[1].toLowerCase();
  const hash = createHash('sha1').update(uriOrId).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Checks a parsed package as a whole: identifiers and codes unique, parents present, no cycle in the tree,
 * associations anchored in the package. Returns the items parents-first, ready to insert.
 */
export function checkImportedFramework(model: ImportedFramework): { errors: FieldError[]; orderedItems: ImportedItem[] } {
  const errors: FieldError[] = [];
  const report = (error: FieldError) => errors.push(error);
  const where = (kind: string, index: number, line?: number) => (line === undefined ? `${kind}[${index}]` : kind);

  if (!isUuid(model.identifier)) report({ field: 'identifier', reason: `${model.identifier} is not a UUID` });
  if (!model.version?.trim()) report({ field: 'version', reason: 'missing' });
  if (!hasText(model.title)) report({ field: 'title', reason: 'missing' });

  const scaleCodes = new Set<string>();
  model.scales.forEach((scale, index) => {
    if (scaleCodes.has(scale.code)) report({ field: `scales[${index}].code`, reason: `duplicate scale code ${scale.code}` });
    scaleCodes.add(scale.code);
    const ranks = scale.levels.map((level) => level.rank).sort((a, b) => a - b);
    if (ranks.some((rank, i) => rank !== i + 1))
      report({ field: `scales[${index}].levels`, reason: `ranks must run 1..${ranks.length} without gaps or repeats` });
  });

  const items = new Map<string, ImportedItem>();
  const codes = new Map<string, string>();
  model.items.forEach((item, index) => {
    const at = where('items', index, item.line);
    const line = item.line;
    if (!isUuid(item.identifier)) report({ field: `${at}.identifier`, reason: `${item.identifier} is not a UUID`, line });
    if (items.has(item.identifier)) report({ field: `${at}.identifier`, reason: `duplicate identifier ${item.identifier}`, line });
    items.set(item.identifier, item);
    if (item.code) {
      if (codes.has(item.code)) report({ field: `${at}.code`, reason: `duplicate code ${item.code}`, line });
      codes.set(item.code, item.identifier);
    }
    if (!hasText(item.label)) report({ field: `${at}.label`, reason: 'missing', line });
    if (item.scaleCode && !scaleCodes.has(item.scaleCode))
      report({ field: `${at}.scale`, reason: `no scale ${item.scaleCode} in the file`, line });
  });
  model.items.forEach((item, index) => {
    if (item.parentIdentifier && !items.has(item.parentIdentifier)) {
      report({
        field: `${where('items', index, item.line)}.parent`,
        reason: `parent ${item.parentIdentifier} is not in the file`,
        line: item.line,
      });
    }
  });

  const orderedItems = parentsFirst(model.items, items);
  if (orderedItems.length < items.size) {
    const inCycle = model.items.filter((item) => !orderedItems.includes(item));
    for (const item of inCycle.slice(0, 10)) {
      report({
        field: `${where('items', model.items.indexOf(item), item.line)}.parent`,
        reason: `${item.code ?? item.identifier} is its own ancestor (cycle in the tree)`,
        line: item.line,
      });
    }
  }

  const associationIds = new Set<string>();
  model.associations.forEach((association, index) => {
    const at = where('associations', index, association.line);
    const line = association.line;
    if (!isUuid(association.identifier)) report({ field: `${at}.identifier`, reason: `${association.identifier} is not a UUID`, line });
    if (associationIds.has(association.identifier))
      report({ field: `${at}.identifier`, reason: `duplicate identifier ${association.identifier}`, line });
    associationIds.add(association.identifier);
    if (!items.has(association.originIdentifier))
      report({ field: `${at}.origin`, reason: `origin ${association.originIdentifier} is not an item of the file`, line });
    if (!association.destinationIdentifier && !association.destinationUri) report({ field: `${at}.destination`, reason: 'missing', line });
    if (association.destinationIdentifier === association.originIdentifier)
      report({ field: `${at}.destination`, reason: 'an item cannot be associated with itself', line });
  });
  return { errors, orderedItems };
}

/** Kahn's algorithm; items on a cycle (or below one) are left out, which is how cycles are found. */
function parentsFirst(list: ImportedItem[], byIdentifier: Map<string, ImportedItem>): ImportedItem[] {
  const children = new Map<string, ImportedItem[]>();
  const roots: ImportedItem[] = [];
  for (const item of list) {
    const parent = item.parentIdentifier && byIdentifier.has(item.parentIdentifier) ? item.parentIdentifier : null;
    if (!parent) roots.push(item);
    else children.set(parent, [...(children.get(parent) ?? []), item]);
  }
  const ordered: ImportedItem[] = [];
  const queue = [...roots];
  // With a duplicate identifier a subtree can be reached twice and loop for ever: expand each identifier once.
  const expanded = new Set<string>();
  for (let i = 0; i < queue.length; i++) {
    ordered.push(queue[i]);
    if (expanded.has(queue[i].identifier)) continue;
    expanded.add(queue[i].identifier);
    queue.push(...(children.get(queue[i].identifier) ?? []));
  }
  return ordered;
}

const hasText = (text: LocalizedText | null | undefined): boolean => !!text && Object.values(text).some((value) => !!value?.trim());
