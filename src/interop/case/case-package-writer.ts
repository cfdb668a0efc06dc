// Writes a framework version as CASE 1.1 JSON: the whole CFPackage, or one object for the CASE REST API.
// What CASE has no field for (all languages of a text, item kinds, proficiency scales) travels in `extensions`, and
// what an import kept in `extras` is written back, so an export re-imports to the same content.
import type { Language, LocalizedText } from '../../common/localized-text.js';
import { CASE_API_PATH, caseAssociationUri } from '../../frameworks/case-uris.js';
import type { FrameworkItem } from '../../frameworks/framework-item.entity.js';
import type { Framework } from '../../frameworks/framework.entity.js';
import type { ItemAssociation } from '../../frameworks/item-association.entity.js';
import type { ProficiencyScale } from '../../frameworks/proficiency-scale.entity.js';
import { identifierFor } from '../imported-framework.js';
import {
  ASSOCIATION_FIELDS,
  asLink,
  caseDateTime,
  childOfIdentifier,
  DOCUMENT_FIELDS,
  EXTENSION_KEYS,
  ITEM_FIELDS,
  itemTypeIdentifier,
  languageOf,
  primaryLanguage,
  toCaseAssociationType,
} from './case-conventions.js';
import {
  DEFINITION_KINDS,
  isJsonObject,
  type CfAssociation,
  type CfDefinitions,
  type CfDocument,
  type CfItem,
  type CfPackage,
  type DefinitionKind,
  type JsonObject,
  type LinkUri,
} from './case-package.types.js';

/** The framework-level facts every CASE object of a version needs. */
export interface CaseContext {
  publicBaseUrl: string;
  framework: Framework;
  /** Who promulgates the framework when no CASE creator was imported: the owner institution's name. */
  creator: string;
  scales: ProficiencyScale[];
  /** The language of CASE's single-language fields (title, fullStatement) for this framework. */
  language: Language;
  lastChange: string;
  document: LinkUri;
  scaleCodes: Map<string, string>;
  itemTypes: Map<string, JsonObject>;
}

export interface CaseSource {
  framework: Framework;
  /** With their levels. */
  scales: ProficiencyScale[];
  /** The owner institution's name: the CASE creator when none was imported. */
  ownerName: LocalizedText | null;
}

export function caseContext(source: CaseSource, publicBaseUrl: string): CaseContext {
  const { framework, ownerName } = source;
  const extras = framework.extras ?? {};
  const language = primaryLanguage(framework.title, typeof extras.language === 'string' ? languageOf(extras.language) : undefined);
  return {
    publicBaseUrl,
    framework,
    creator: ownerName?.[language] ?? (ownerName ? firstText(ownerName) : framework.identifier),
    scales: source.scales,
    language,
    lastChange: caseDateTime(extras.lastChangeDateTime, framework.updatedAt),
    document: { title: framework.title[language] ?? framework.identifier, identifier: framework.identifier, uri: framework.uri },
    scaleCodes: new Map(source.scales.map((scale) => [scale.id, scale.code])),
    itemTypes: new Map(
      storedDefinitions(framework, 'CFItemTypes')
        .filter((type) => typeof type.title === 'string')
        .map((type) => [type.title as string, type]),
    ),
  };
}

/** The whole version; `associations` with `destinationItem` loaded when the destination is in another framework. */
export function buildCasePackage(ctx: CaseContext, allItems: FrameworkItem[], allAssociations: ItemAssociation[]): CfPackage {
  const items = treeOrder(allItems);
  const byId = new Map(items.map((item) => [item.id, item]));
  const rank = new Map(items.map((item, index) => [item.id, index]));
  const associations = [...allAssociations].sort(
    (a, b) => rank.get(a.originId)! - rank.get(b.originId)! || compare(a.identifier, b.identifier),
  );
  const extras = ctx.framework.extras ?? {};
  return {
    CFDocument: toCfDocument(ctx),
    CFItems: items.map((item) => toCfItem(item, ctx)),
    CFAssociations: [
      ...items.map((item) => toChildOfAssociation(item, item.parentId ? (byId.get(item.parentId) ?? null) : null, ctx)),
      ...associations.map((row) => toCfAssociation(row, byId.get(row.originId)!, destinationOf(row, byId), ctx)),
      // Links that started outside the package, kept verbatim at import
      // (less the CFDocumentURI of the REST binding, which a package may not carry).
      ...listOf(extras.foreignAssociations).map((association) => omit(association, ['CFDocumentURI']) as CfAssociation),
    ],
    CFDefinitions: definitionsOf(ctx, items),
    CFRubrics: listOf(extras.CFRubrics).map((rubric) => datedRubric(rubric, ctx.lastChange)),
    ...(isJsonObject(extras.packageExtensions) ? { extensions: extras.packageExtensions } : {}),
  };
}

export function toCfDocument(ctx: CaseContext): CfDocument {
  const { framework, language } = ctx;
  const extras = framework.extras ?? {};
  const description = framework.description?.[language];
  return {
    identifier: framework.identifier,
    uri: framework.uri,
    caseVersion: '1.1',
    creator: typeof extras.creator === 'string' ? extras.creator : ctx.creator,
    title: ctx.document.title,
    lastChangeDateTime: ctx.lastChange,
    ...omit(pickFields(extras, DOCUMENT_FIELDS), [
      'creator',
      'caseVersion',
      'lastChangeDateTime',
      'CFPackageURI',
      'adoptionStatus',
      'language',
    ]),
    ...(description ? { description } : {}),
    // What the source did not say stays unsaid: our defaults (version "1", a language) are not the publisher's.
    ...(notInSource(extras, 'language') ? {} : { language: typeof extras.language === 'string' ? extras.language : language }),
    ...(notInSource(extras, 'version') ? {} : { version: framework.version }),
    adoptionStatus: adoptionStatus(framework),
    extensions: {
      ...objectOf(extras.extensions),
      [EXTENSION_KEYS.titles]: framework.title,
      ...(framework.description ? { [EXTENSION_KEYS.descriptions]: framework.description } : {}),
      // Always written, even empty, so a re-import does not derive scales from the rubrics again.
      [EXTENSION_KEYS.proficiencyScales]: ctx.scales.map(toScaleExtension),
    },
  };
}

export function toCfItem(item: FrameworkItem, ctx: CaseContext): CfItem {
  const extras = item.extras ?? {};
  const ownLanguage = typeof extras.language === 'string' ? extras.language : undefined;
  const language = primaryLanguage(item.label, ownLanguage ? languageOf(ownLanguage) : ctx.language);
  const scaleCode = item.scaleId ? ctx.scaleCodes.get(item.scaleId) : undefined;
  const written = ownLanguage ?? (language !== ctx.language ? language : undefined);
  return {
    identifier: item.identifier,
    uri: item.uri,
    fullStatement: item.label[language] ?? '',
    ...(item.code ? { humanCodingScheme: item.code } : {}),
    ...(hasItemType(item) ? { CFItemType: item.itemType, CFItemTypeURI: itemTypeLink(item, ctx) } : {}),
    ...omit(pickFields(extras, ITEM_FIELDS), ['CFItemTypeURI', 'language', 'lastChangeDateTime']),
    ...(written ? { language: written } : {}),
    lastChangeDateTime: caseDateTime(extras.lastChangeDateTime, ctx.framework.updatedAt),
    extensions: {
      ...objectOf(extras.extensions),
      [EXTENSION_KEYS.labels]: item.label,
      ...(item.description ? { [EXTENSION_KEYS.descriptions]: item.description } : {}),
      ...(item.kind ? { [EXTENSION_KEYS.kind]: item.kind } : {}),
      ...(scaleCode ? { [EXTENSION_KEYS.scaleCode]: scaleCode } : {}),
    },
  };
}

/** The tree as CASE says it: the item isChildOf its parent, or of the document at the top; position is the sequenceNumber. */
export function toChildOfAssociation(item: FrameworkItem, parent: FrameworkItem | null, ctx: CaseContext): CfAssociation {
  const kept = objectOf(item.extras?.caseChildOf);
  const identifier = typeof kept.identifier === 'string' ? kept.identifier : childOfIdentifier(item.identifier);
  return {
    ...omit(kept, ['identifier', 'uri', 'lastChangeDateTime']),
    identifier,
    uri: typeof kept.uri === 'string' ? kept.uri : caseAssociationUri(ctx.publicBaseUrl, identifier),
    associationType: 'isChildOf',
    // Only the numbers the source had: a package without them is ordered by the order of its associations.
    ...(notInSource(item.extras, 'sequenceNumber') ? {} : { sequenceNumber: item.position }),
    originNodeURI: itemLink(item),
    destinationNodeURI: parent ? itemLink(parent) : ctx.document,
    lastChangeDateTime: caseDateTime(kept.lastChangeDateTime ?? item.extras?.lastChangeDateTime, ctx.framework.updatedAt),
  };
}

export function toCfAssociation(
  row: ItemAssociation,
  origin: FrameworkItem,
  destination: FrameworkItem | null,
  ctx: CaseContext,
): CfAssociation {
  const extras = row.extras ?? {};
  const destinationUri = row.destinationUri ?? destination?.uri ?? '';
  const destinationNode: LinkUri = destination
    ? { title: row.destinationLabel ?? itemLink(destination).title, identifier: destination.identifier, uri: destinationUri }
    : {
        title: row.destinationLabel ?? destinationUri,
        identifier: typeof extras.destinationNodeIdentifier === 'string' ? extras.destinationNodeIdentifier : identifierFor(destinationUri),
        uri: destinationUri,
      };
  const uri = typeof extras.uri === 'string' ? extras.uri : caseAssociationUri(ctx.publicBaseUrl, row.identifier);
  return {
    ...omit(pickFields(extras, [...ASSOCIATION_FIELDS, 'extensions']), ['uri', 'lastChangeDateTime']),
    identifier: row.identifier,
    uri,
    associationType: toCaseAssociationType(row.type),
    originNodeURI: itemLink(origin),
    destinationNodeURI: destinationNode,
    lastChangeDateTime: caseDateTime(extras.lastChangeDateTime, row.createdAt),
  };
}

/** The imported definitions, plus a CFItemType for each item type of ours that none of them covers. */
export function definitionsOf(ctx: CaseContext, items: FrameworkItem[]): CfDefinitions {
  const definitions = Object.fromEntries(DEFINITION_KINDS.map((kind) => [kind, storedDefinitions(ctx.framework, kind)])) as CfDefinitions;
  const stored = new Set(definitions.CFItemTypes.map((type) => type.identifier));
  const generated = [...new Set(items.filter(hasItemType).map((item) => item.itemType))].filter(
    (type) =>
      !stored.has(itemTypeIdentifier(type)) &&
      items.some((item) => item.itemType === type && itemTypeLink(item, ctx).identifier === itemTypeIdentifier(type)),
  );
  definitions.CFItemTypes.push(...generated.sort(compare).map((type) => generatedItemType(type, ctx.publicBaseUrl, ctx.lastChange)));
  return definitions;
}

export function generatedItemType(itemType: string, publicBaseUrl: string, lastChange: string): JsonObject {
  const identifier = itemTypeIdentifier(itemType);
  return {
    identifier,
    uri: `${publicBaseUrl}${CASE_API_PATH}/CFItemTypes/${identifier}`,
    title: itemType,
    description: itemType,
    hierarchyCode: itemType,
    typeCode: itemType,
    lastChangeDateTime: lastChange,
  };
}

export function storedDefinitions(framework: Framework, kind: DefinitionKind): JsonObject[] {
  return listOf(objectOf(framework.extras?.CFDefinitions)[kind]);
}

/** Parents before children, siblings by position: the order a reader of the package expects. */
export function treeOrder(items: FrameworkItem[]): FrameworkItem[] {
  const ids = new Set(items.map((item) => item.id));
  const children = new Map<string | null, FrameworkItem[]>();
  for (const item of items) {
    const parent = item.parentId && ids.has(item.parentId) ? item.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), item]);
  }
  for (const list of children.values())
    list.sort((a, b) => a.position - b.position || compare(a.code ?? '', b.code ?? '') || compare(a.identifier, b.identifier));
  const ordered: FrameworkItem[] = [];
  const visit = (parent: string | null) => {
    for (const child of children.get(parent) ?? []) {
      ordered.push(child);
      visit(child.id);
    }
  };
  visit(null);
  return ordered;
}

/** The item type link: the imported one while it still names the item's type, else the definition of that name, else ours. */
function itemTypeLink(item: FrameworkItem, ctx: CaseContext): LinkUri {
  const kept = asLink(item.extras?.CFItemTypeURI, { title: item.itemType, identifier: itemTypeIdentifier(item.itemType) });
  if (kept && kept.title === item.itemType) return kept;
  const defined = ctx.itemTypes.get(item.itemType);
  if (defined && typeof defined.identifier === 'string' && typeof defined.uri === 'string')
    return { title: item.itemType, identifier: defined.identifier, uri: defined.uri };
  const identifier = itemTypeIdentifier(item.itemType);
  return { title: item.itemType, identifier, uri: `${ctx.publicBaseUrl}${CASE_API_PATH}/CFItemTypes/${identifier}` };
}

/** As OpenSALT titles links: the human coding scheme when there is one, else the statement. */
function itemLink(item: FrameworkItem): LinkUri {
  return { title: item.code ?? firstText(item.label), identifier: item.identifier, uri: item.uri };
}

function destinationOf(row: ItemAssociation, byId: Map<string, FrameworkItem>): FrameworkItem | null {
  if (!row.destinationItemId) return null;
  return byId.get(row.destinationItemId) ?? row.destinationItem ?? null;
}

/**
 * The status its source gave it: publishing here makes a version visible, it does not adopt someone else's framework.
 * Without one, ours: a published version is adopted, a retired one deprecated, a draft a draft.
 */
function adoptionStatus(framework: Framework): string {
  if (framework.status === 'retired') return 'Deprecated';
  if (typeof framework.extras?.adoptionStatus === 'string') return framework.extras.adoptionStatus;
  return framework.status === 'published' ? 'Adopted' : 'Draft';
}

/**
 * A rubric as imported, with the lastChangeDateTime CASE 1.1 requires on each criterion and level: when the source left
 * it out, the date of what holds it (the rubric's, else the document's), as OpenSALT dates them.
 */
export function datedRubric(rubric: JsonObject, documentChange: string): JsonObject {
  const dated = (object: JsonObject, fallback: string): JsonObject =>
    object.lastChangeDateTime === undefined ? { ...object, lastChangeDateTime: fallback } : object;
  const rubricChange = typeof rubric.lastChangeDateTime === 'string' ? rubric.lastChangeDateTime : documentChange;
  const criteria = Array.isArray(rubric.CFRubricCriteria) ? rubric.CFRubricCriteria : undefined;
  return {
    ...dated(rubric, documentChange),
    ...(criteria
      ? {
          CFRubricCriteria: criteria.map((criterion) => {
            if (!isJsonObject(criterion)) return criterion;
            const criterionChange = typeof criterion.lastChangeDateTime === 'string' ? criterion.lastChangeDateTime : rubricChange;
            const levels = Array.isArray(criterion.CFRubricCriterionLevels) ? criterion.CFRubricCriterionLevels : undefined;
            return {
              ...dated(criterion, rubricChange),
              ...(levels
                ? { CFRubricCriterionLevels: levels.map((level) => (isJsonObject(level) ? dated(level, criterionChange) : level)) }
                : {}),
            };
          }),
        }
      : {}),
  };
}

/** Fields an importer had to fill with a default of ours (see the reader), not to be written back as the source's. */
export function notInSource(extras: JsonObject | null | undefined, field: string): boolean {
  return Array.isArray(extras?.notInSource) && extras.notInSource.includes(field);
}

const hasItemType = (item: FrameworkItem): boolean => !notInSource(item.extras, 'CFItemType');

function toScaleExtension(scale: ProficiencyScale): JsonObject {
  return {
    identifier: scale.identifier,
    code: scale.code,
    title: scale.title,
    levels: [...(scale.levels ?? [])]
      .sort((a, b) => a.rank - b.rank)
      .map((level) => ({
        identifier: level.identifier,
        rank: level.rank,
        code: level.code,
        label: level.label,
        ...(level.description ? { description: level.description } : {}),
      })),
  };
}

function pickFields(object: JsonObject, keys: readonly string[]): JsonObject {
  return Object.fromEntries(keys.filter((key) => object[key] !== undefined && object[key] !== null).map((key) => [key, object[key]]));
}

const omit = (object: JsonObject, keys: string[]): JsonObject =>
  Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key)));
const objectOf = (value: unknown): JsonObject => (isJsonObject(value) ? value : {});
const listOf = (value: unknown): JsonObject[] => (Array.isArray(value) ? value.filter(isJsonObject) : []);
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const firstText = (text: LocalizedText): string => text.fr ?? text.ar ?? text.en ?? '';
