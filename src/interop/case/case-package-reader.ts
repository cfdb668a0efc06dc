// Reads a CASE 1.0 or 1.1 CFPackage (JSON text) into the neutral ImportedFramework. A file that is not a CFPackage
// is refused here (400, each problem listed); content problems (duplicates, dangling parents, cycles) are left to
// checkImportedFramework, so every importer reports them alike (422).
import { HttpException } from '@nestjs/common';
import { parseBoundedJson } from '../../common/json-body.js';
import type { Language } from '../../common/localized-text.js';
import { invalid, type FieldError } from '../../common/problems.js';
import { ITEM_KINDS, type ItemKind } from '../../frameworks/framework-item.entity.js';
import {
  identifierFor,
  isUuid,
  MAX_REPORTED_ERRORS,
  type ImportedAssociation,
  type ImportedFramework,
  type ImportedItem,
  type ImportedScale,
} from '../imported-framework.js';
import {
  ASSOCIATION_FIELDS,
  asLocalized,
  CHILD_OF_FIELDS,
  DEFAULT_ITEM_TYPE,
  DOCUMENT_FIELDS,
  EXTENSION_KEYS,
  fromCaseAssociationType,
  ITEM_FIELDS,
  languageOf,
  linkIdentifier,
  linkUri,
} from './case-conventions.js';
import { packageShapeErrors } from './case-package-shape.js';
import { DEFINITION_KINDS, isJsonObject, type JsonObject } from './case-package.types.js';

interface RawPackage {
  CFDocument: JsonObject & { identifier: string; title: string };
  CFItems?: (JsonObject & { identifier: string; fullStatement: string })[] | null;
  CFAssociations?: (JsonObject & { identifier: string; associationType: string })[] | null;
  CFDefinitions?: unknown;
  CFRubrics?: JsonObject[] | null;
  extensions?: unknown;
}

export function parseCasePackage(text: string): ImportedFramework {
  let root: unknown;
  try {
    root = parseBoundedJson(text, 'file');
  } catch (error) {
    if (error instanceof HttpException) throw error;
    throw invalid(
      [{ field: 'file', reason: `not valid JSON (${(error as Error).message})` }],
      'The file is not a CASE package (CFPackage JSON).',
    );
  }
  const errors = packageShapeErrors(root);
  if (errors.length) throw invalid(errors.slice(0, MAX_REPORTED_ERRORS), 'The file is not a CASE package (CFPackage JSON).');
  return readPackage(root as RawPackage);
}

function readPackage(pkg: RawPackage): ImportedFramework {
  const document = pkg.CFDocument;
  const identifier = document.identifier.trim().toLowerCase();
  const language = languageOf(document.language);
  const extensions = { ...(isJsonObject(document.extensions) ? document.extensions : {}) };
  const titles = take(extensions, EXTENSION_KEYS.titles, asLocalized);
  const descriptions = take(extensions, EXTENSION_KEYS.descriptions, asLocalized);
  const ownScales = take(extensions, EXTENSION_KEYS.proficiencyScales, (value) =>
    Array.isArray(value) ? (value as JsonObject[]) : undefined,
  );

  const warnings: FieldError[] = [];
  const items = (pkg.CFItems ?? []).map((raw, index) => readItem(raw, index, language, warnings));
  // With duplicate identifiers the last one wins here; checkImportedFramework reports the duplicate anyway.
  const byIdentifier = new Map(items.map((item) => [item.identifier, item]));
  const placed = new Set<ImportedItem>();
  const associations: ImportedAssociation[] = [];
  const foreignAssociations: JsonObject[] = [];
  (pkg.CFAssociations ?? []).forEach((raw, index) => {
    const type = fromCaseAssociationType(raw.associationType)!;
    const origin = byIdentifier.get(linkIdentifier(raw.originNodeURI)!);
    if (!origin) {
      // A link from outside the package (another framework's item, the document itself) has no item of ours to
      // start from; it is kept as it came and written back on export.
      foreignAssociations.push(raw);
    } else if (type === 'isChildOf' && !placed.has(origin)) {
      // The first isChildOf places the item in the tree; a second parent (CASE allows a graph) stays an association.
      placed.add(origin);
      placeInTree(origin, raw, index, identifier, linkUri(document.uri), warnings);
    } else {
      associations.push(readAssociation(raw, index, type, origin.identifier, byIdentifier));
    }
  });

  const rubrics = (pkg.CFRubrics ?? []).filter(isJsonObject);
  let scales: ImportedScale[];
  if (ownScales) {
    scales = ownScales.map(readScale);
  } else {
    const derived = scalesFromRubrics(rubrics, language);
    scales = derived.scales;
    for (const item of items) item.scaleCode ??= derived.itemScale.get(item.identifier) ?? null;
  }

  const extras: JsonObject = {
    ...pick(document, DOCUMENT_FIELDS),
    extensions: nonEmpty(extensions),
    CFDefinitions: readDefinitions(pkg.CFDefinitions),
    CFRubrics: rubrics.length ? rubrics : undefined,
    packageExtensions: isJsonObject(pkg.extensions) ? nonEmpty(pkg.extensions) : undefined,
    foreignAssociations: foreignAssociations.length ? foreignAssociations : undefined,
    notInSource: missingFields({
      version: String(document.version ?? '').trim(),
      language: typeof document.language === 'string' ? document.language.trim() : '',
    }),
  };
  const description =
    typeof document.description === 'string' && document.description.trim()
      ? { ...descriptions, [language]: document.description }
      : descriptions;
  return {
    identifier,
    uri: linkUri(document.uri),
    version: String(document.version ?? '').trim() || '1',
    title: { ...titles, [language]: document.title },
    description: description ?? null,
    extras: compact(extras),
    scales,
    items,
    associations,
    warnings,
  };
}

function readItem(
  raw: JsonObject & { identifier: string; fullStatement: string },
  index: number,
  documentLanguage: Language,
  warnings: FieldError[],
): ImportedItem {
  const language = raw.language === undefined ? documentLanguage : languageOf(raw.language);
  const extensions = { ...(isJsonObject(raw.extensions) ? raw.extensions : {}) };
  const labels = take(extensions, EXTENSION_KEYS.labels, asLocalized);
  const descriptions = take(extensions, EXTENSION_KEYS.descriptions, asLocalized);
  const kind = take(extensions, EXTENSION_KEYS.kind, (value) =>
    (ITEM_KINDS as readonly unknown[]).includes(value) ? (value as ItemKind) : undefined,
  );
  const scaleCode = take(extensions, EXTENSION_KEYS.scaleCode, text);
  const typeLink = isJsonObject(raw.CFItemTypeURI) ? text(raw.CFItemTypeURI.title) : undefined;
  const itemType = text(raw.CFItemType) ?? typeLink;
  const educationLevel = educationLevelOf(raw, index, warnings);
  return {
    identifier: raw.identifier.trim().toLowerCase(),
    uri: text(raw.uri),
    parentIdentifier: null,
    code: text(raw.humanCodingScheme) ?? null,
    itemType: itemType ?? DEFAULT_ITEM_TYPE,
    kind: kind ?? null,
    label: { ...labels, [language]: raw.fullStatement },
    description: descriptions ?? null,
    scaleCode: scaleCode ?? null,
    // Until an isChildOf gives it one, the item has no sequenceNumber of its source (see placeInTree).
    extras: compact({
      ...pick(raw, ITEM_FIELDS),
      educationLevel,
      extensions: nonEmpty(extensions),
      notInSource: missingFields({ CFItemType: itemType ?? '', sequenceNumber: '' }),
    }),
    line: index,
  };
}

/**
 * Parent from the destination (none when it is the document), position from sequenceNumber; the association itself is
 * kept for export. Without a sequenceNumber the item keeps its place in the file and gets none on export either.
 */
function placeInTree(
  item: ImportedItem,
  raw: JsonObject & { identifier: string },
  index: number,
  documentIdentifier: string,
  documentUri: string | undefined,
  warnings: FieldError[],
): void {
  const parent = linkIdentifier(raw.destinationNodeURI)!;
  const parentUri = linkUri(raw.destinationNodeURI);
  item.parentIdentifier = parent === documentIdentifier || (!!parentUri && parentUri === documentUri) ? null : parent;
  const sequence = raw.sequenceNumber;
  // CASE 1.0 files sometimes write the number as text ("3"): the same number, written back as the integer CASE 1.1 wants.
  const position = Number.isInteger(sequence)
    ? (sequence as number)
    : typeof sequence === 'string' && /^\s*-?\d+\s*$/.test(sequence)
      ? Number(sequence)
      : undefined;
  if (position !== undefined && Math.abs(position) <= 2 ** 31 - 1) {
    item.position = position;
    const missing = (item.extras?.notInSource as string[] | undefined)?.filter((field) => field !== 'sequenceNumber');
    item.extras = { ...item.extras, notInSource: missing?.length ? missing : undefined };
    if (typeof sequence === 'string')
      warnings.push({
        field: 'associations.sequenceNumber',
        reason: `"${sequence}" is text; kept as the integer ${position}`,
        line: index,
      });
  } else if (sequence !== undefined && sequence !== null) {
    warnings.push({
      field: 'associations.sequenceNumber',
      reason: `${JSON.stringify(sequence)} is not an integer; not kept, the item keeps its place in the file`,
      line: index,
    });
  }
  item.extras = compact({
    ...item.extras,
    caseChildOf: { ...pick(raw, CHILD_OF_FIELDS), identifier: raw.identifier.trim().toLowerCase() },
  });
}

/**
 * educationLevel as CASE 1.1 has it (a list of strings). CASE 1.0 tools also wrote `educationalLevel`, often as one
 * comma-separated string: its grades are kept under the 1.1 name, and the report says so.
 */
function educationLevelOf(raw: JsonObject, index: number, warnings: FieldError[]): string[] | undefined {
  const grades = (value: unknown): string[] =>
    (Array.isArray(value)
      ? value.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map(String)
      : typeof value === 'string'
        ? value.split(/[,|]/)
        : []
    )
      .map((grade) => grade.trim())
      .filter(Boolean);
  const current = grades(raw.educationLevel);
  if (raw.educationalLevel === undefined || raw.educationalLevel === null) return raw.educationLevel === undefined ? undefined : current;
  const legacy = grades(raw.educationalLevel);
  warnings.push({
    field: 'items.educationalLevel',
    reason: legacy.length
      ? `CASE 1.0 spelling; ${legacy.join(', ')} kept as educationLevel`
      : 'CASE 1.0 spelling with no grade in it; nothing to keep',
    line: index,
  });
  const merged = [...new Set([...current, ...legacy])];
  return merged.length ? merged : undefined;
}

/** The names of the fields given as empty: what the source did not say and an importer filled with a default. */
function missingFields(fields: Record<string, string>): string[] | undefined {
  const missing = Object.entries(fields)
    .filter(([, value]) => !value)
    .map(([field]) => field);
  return missing.length ? missing : undefined;
}

function readAssociation(
  raw: JsonObject & { identifier: string },
  index: number,
  type: string,
  originIdentifier: string,
  items: Map<string, ImportedItem>,
): ImportedAssociation {
  const extras = { ...pick(raw, ASSOCIATION_FIELDS), extensions: isJsonObject(raw.extensions) ? nonEmpty(raw.extensions) : undefined };
  const association = { identifier: raw.identifier.trim().toLowerCase(), originIdentifier, type, line: index };
  const destination = linkIdentifier(raw.destinationNodeURI)!;
  if (items.has(destination)) return { ...association, destinationIdentifier: destination, extras: compact(extras) };

  // Outside the package: another framework's item (found by identifier when stored here) or an external resource,
  // whose LinkGenURI identifier may be any string; it is kept unless the URI gives it back.
  const uri = linkUri(raw.destinationNodeURI);
  const title = isJsonObject(raw.destinationNodeURI) ? text(raw.destinationNodeURI.title) : undefined;
  const keptIdentifier = uri && identifierFor(uri) === destination ? undefined : destination;
  return {
    ...association,
    destinationIdentifier: isUuid(destination) ? destination : null,
    destinationUri: uri ?? null,
    destinationLabel: title && title !== uri ? title : null,
    extras: compact({ ...extras, destinationNodeIdentifier: keptIdentifier }),
  };
}

function readScale(scale: JsonObject): ImportedScale {
  const levels = scale.levels as JsonObject[];
  return {
    identifier: uuidOrUndefined(scale.identifier),
    code: (scale.code as string).trim(),
    title: asLocalized(scale.title)!,
    levels: levels.map((level) => ({
      identifier: uuidOrUndefined(level.identifier),
      rank: level.rank as number,
      code: (level.code as string).trim(),
      label: asLocalized(level.label)!,
      description: asLocalized(level.description) ?? null,
    })),
  };
}

/**
 * A rubric is CASE's own way to give competencies levels: the first criterion with two or more levels becomes a scale
 * (levels in position order), used by the items the rubric's criteria assess. The rubrics stay verbatim in extras.
 */
function scalesFromRubrics(rubrics: JsonObject[], language: Language): { scales: ImportedScale[]; itemScale: Map<string, string> } {
  const scales: ImportedScale[] = [];
  const itemScale = new Map<string, string>();
  const codes = new Set<string>();
  rubrics.forEach((rubric, index) => {
    const criteria = listOf(rubric.CFRubricCriteria);
    const criterion = criteria.find((candidate) => listOf(candidate.CFRubricCriterionLevels).length >= 2);
    if (!criterion) return;
    const order = (level: JsonObject, i: number) =>
      typeof level.position === 'number' ? level.position : typeof level.score === 'number' ? level.score : i;
    const levels = listOf(criterion.CFRubricCriterionLevels)
      .map((level, i) => ({ level, at: order(level, i) }))
      .sort((a, b) => a.at - b.at)
      .map(({ level }) => level);
    const code = uniqueCode(text(rubric.title) ?? `rubric-${index + 1}`, codes);
    const levelCodes = new Set<string>();
    scales.push({
      identifier: uuidOrUndefined(rubric.identifier),
      code,
      title: { [language]: text(rubric.title) ?? code },
      levels: levels.map((level, i) => {
        const name = text(level.quality) ?? text(level.description) ?? String(i + 1);
        const description = text(level.quality) ? text(level.description) : undefined;
        return {
          identifier: uuidOrUndefined(level.identifier),
          rank: i + 1,
          code: uniqueCode(name, levelCodes),
          label: { [language]: name },
          description: description ? { [language]: description } : null,
        };
      }),
    });
    for (const assessed of criteria) {
      const item = linkIdentifier(assessed.CFItemURI);
      if (item && !itemScale.has(item)) itemScale.set(item, code);
    }
  });
  return { scales, itemScale };
}

/** Definitions kept for export and the CASE API; empty lists (and the 1.0 `CFDefinitions: []`) are not worth storing. */
function readDefinitions(value: unknown): JsonObject | undefined {
  if (!isJsonObject(value)) return undefined;
  const kept: JsonObject = {};
  for (const kind of DEFINITION_KINDS) if (listOf(value[kind]).length) kept[kind] = listOf(value[kind]);
  return nonEmpty(kept);
}

function pick(object: JsonObject, keys: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const key of keys) if (object[key] !== undefined && object[key] !== null) out[key] = object[key];
  return out;
}

/** Removes a key of ours from an extensions bag when its value has our shape, leaving others' extensions in place. */
function take<T>(bag: JsonObject, key: string, read: (value: unknown) => T | undefined): T | undefined {
  const value = read(bag[key]);
  if (value !== undefined) delete bag[key];
  return value;
}

const compact = (object: JsonObject): JsonObject | null =>
  nonEmpty(Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined))) ?? null;
const nonEmpty = (object: JsonObject): JsonObject | undefined => (Object.keys(object).length ? object : undefined);
const listOf = (value: unknown): JsonObject[] => (Array.isArray(value) ? value.filter(isJsonObject) : []);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
const uuidOrUndefined = (value: unknown): string | undefined =>
  typeof value === 'string' && isUuid(value) ? value.toLowerCase() : undefined;

function uniqueCode(wanted: string, taken: Set<string>): string {
  let code = wanted;
  for (let n = 2; taken.has(code); n++) code = `${wanted}-${n}`;
  taken.add(code);
  return code;
}
