// How our model maps onto CASE, shared by the package reader and writer: languages, the fields kept in `extras`,
// our `extensions` keys, association types, and identifiers derived for objects we do not store.
import { createHash } from 'node:crypto';
import { LANGUAGES, type Language, type LocalizedText } from '../../common/localized-text.js';
import { ASSOCIATION_TYPES } from '../../frameworks/item-association.entity.js';
import { identifierFor, isUuid } from '../imported-framework.js';
import { isJsonObject, type LinkUri } from './case-package.types.js';

/** CASE fields with no column of ours, kept verbatim in `extras` and written back on export. */
export const DOCUMENT_FIELDS = [
  'creator',
  'officialSourceURL',
  'publisher',
  'subject',
  'subjectURI',
  'language',
  'adoptionStatus',
  'statusStartDate',
  'statusEndDate',
  'licenseURI',
  'notes',
  'frameworkType',
  'caseVersion',
  'lastChangeDateTime',
  'CFPackageURI',
] as const;
export const ITEM_FIELDS = [
  'alternativeLabel',
  'CFItemTypeURI',
  'listEnumeration',
  'abbreviatedStatement',
  'conceptKeywords',
  'conceptKeywordsURI',
  'notes',
  'language',
  'educationLevel',
  'licenseURI',
  'statusStartDate',
  'statusEndDate',
  'lastChangeDateTime',
  'subject',
  'subjectURI',
] as const;
export const ASSOCIATION_FIELDS = ['uri', 'lastChangeDateTime', 'sequenceNumber', 'CFAssociationGroupingURI', 'notes'] as const;
/** The isChildOf association that placed an item in the tree, minus what the tree itself says (parent, position). */
export const CHILD_OF_FIELDS = ['identifier', 'uri', 'lastChangeDateTime', 'CFAssociationGroupingURI', 'notes', 'extensions'] as const;

/** Our keys in CASE 1.1 `extensions`: every language of a text, and what CASE has no field for. */
export const EXTENSION_KEYS = {
  titles: 'titles',
  labels: 'labels',
  descriptions: 'descriptions',
  kind: 'kind',
  scaleCode: 'scaleCode',
  proficiencyScales: 'proficiencyScales',
} as const;

/** CASE items need no type; ours do. */
export const DEFAULT_ITEM_TYPE = 'competency';

/** The language our texts are filed under for a CASE language tag ('fr-FR' → fr, 'ar-DZ' → ar); anything else is en. */
export function languageOf(tag: unknown): Language {
  const primary = typeof tag === 'string' ? tag.trim().toLowerCase().split(/[-_]/)[0] : '';
  return (LANGUAGES as readonly string[]).includes(primary) ? (primary as Language) : 'en';
}

/** The language written in CASE's single-language fields: the preferred one when it has text, else the first of fr, ar, en. */
export function primaryLanguage(text: LocalizedText | null | undefined, preferred?: Language): Language {
  if (preferred && text?.[preferred]) return preferred;
  return LANGUAGES.find((lang) => !!text?.[lang]) ?? preferred ?? 'fr';
}

/** A LocalizedText written by our exporter, or undefined when the value has another shape (someone else's extension). */
export function asLocalized(value: unknown): LocalizedText | undefined {
  if (!isJsonObject(value)) return undefined;
  const keys = Object.keys(value);
  if (!keys.length || keys.some((key) => !(LANGUAGES as readonly string[]).includes(key) || typeof value[key] !== 'string'))
    return undefined;
  return value as LocalizedText;
}

const CASE_ASSOCIATION_TYPES = [
  'isChildOf',
  'isPeerOf',
  'isPartOf',
  'exactMatchOf',
  'precedes',
  'isRelatedTo',
  'replacedBy',
  'exemplar',
  'hasSkillLevel',
  'isTranslationOf',
];
/** Ours but not CASE's (closeMatchOf): they travel as extension types, `ext:closeMatchOf`, and come back as ours. */
const OWN_ASSOCIATION_TYPES: string[] = ASSOCIATION_TYPES.filter((type) => !CASE_ASSOCIATION_TYPES.includes(type));
const EXTENSION_TYPE = /^ext:[a-zA-Z0-9.\-_]+$/;

export function toCaseAssociationType(type: string): string {
  return CASE_ASSOCIATION_TYPES.includes(type) || type.startsWith('ext:') ? type : `ext:${type}`;
}

/** Our type for a CASE association type; tolerant of case and spaces ("Is Child Of"), undefined when unknown. */
export function fromCaseAssociationType(raw: string): string | undefined {
  const value = raw.trim();
  if (/^ext:/i.test(value)) {
    const name = value.slice(4);
    if (OWN_ASSOCIATION_TYPES.includes(name)) return name;
    return EXTENSION_TYPE.test(`ext:${name}`) ? `ext:${name}` : undefined;
  }
  const key = value.replace(/\s+/g, '').toLowerCase();
  return [...CASE_ASSOCIATION_TYPES, ...OWN_ASSOCIATION_TYPES].find((type) => type.toLowerCase() === key);
}

// Zero at the version and variant nibbles, so a derived identifier keeps the layout of the child's.
const CHILD_OF_MASK = 'c4a1e7b29d3f0a5806c1e2f4b7a9d035';

/**
 * Identifier of the isChildOf association of an item that never had one (built here, not imported): the child's
 * identifier XOR a fixed mask. Deterministic, so exports are stable, and its own inverse, so the CASE API finds the
 * child from the association's identifier without storing anything.
 */
export function childOfIdentifier(identifier: string): string {
  const hex = identifier.toLowerCase().replace(/-/g, '');
  const mixed = [...hex].map((digit, i) => (parseInt(digit, 16) ^ parseInt(CHILD_OF_MASK[i], 16)).toString(16)).join('');
  return `${mixed.slice(0, 8)}-${mixed.slice(8, 12)}-${mixed.slice(12, 16)}-${mixed.slice(16, 20)}-${mixed.slice(20)}`;
}

/** CFItemType identifier for one of our item types that no imported definition covers: name-based (v5 layout), the same in every framework. */
export function itemTypeIdentifier(itemType: string): string {
  const hash = createHash('sha1').update(`case:CFItemType:${itemType}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** A LinkURI given as an object (CASE) or as a bare URI string (some 1.0 files), completed with the fallbacks. */
export function asLink(value: unknown, fallback: { title: string; identifier: string }): LinkUri | undefined {
  if (typeof value === 'string' && value.trim()) return { title: fallback.title, identifier: fallback.identifier, uri: value.trim() };
  if (!isJsonObject(value) || typeof value.uri !== 'string') return undefined;
  return {
    title: typeof value.title === 'string' ? value.title : fallback.title,
    identifier: typeof value.identifier === 'string' ? value.identifier : fallback.identifier,
    uri: value.uri,
  };
}

const WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** A CASE date-time: verbatim when it carries a zone, read as UTC when it does not (1.0 files), else the fallback. */
export function caseDateTime(value: unknown, fallback: Date): string {
  if (typeof value === 'string') {
    if (WITHOUT_ZONE.test(value)) return `${value.replace(' ', 'T')}Z`;
    if (!Number.isNaN(Date.parse(value))) return value;
  }
  return fallback.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The identifier a CASE link points at (lower-cased when a UUID), from its identifier or else its URI. */
export function linkIdentifier(value: unknown): string | undefined {
  const raw = isJsonObject(value) && typeof value.identifier === 'string' && value.identifier.trim() ? value.identifier.trim() : undefined;
  if (raw) return isUuid(raw) ? raw.toLowerCase() : raw;
  const uri = linkUri(value);
  return uri ? identifierFor(uri) : undefined;
}

export function linkUri(value: unknown): string | undefined {
  const uri = typeof value === 'string' ? value : isJsonObject(value) ? value.uri : undefined;
  return typeof uri === 'string' && uri.trim() ? uri.trim() : undefined;
}
