// Writes a framework version as the 14-column CSV that Moodle 4's "Import competency framework" tool reads.
// Pure: the service loads the rows, this decides every cell. Fields kept from a Moodle import are written back as they were.
import { stringify } from 'csv-stringify/sync';
import type { Language, LocalizedText } from '../../common/localized-text.js';
import { escapeFormula, FORMAT_PLAIN, formatCrossReferences, MOODLE_HEADERS, MOODLE_TAXONOMIES } from './moodle-csv-format.js';

export interface MoodleExportInput {
  framework: { identifier: string; title: LocalizedText; description: LocalizedText | null; extras: Record<string, unknown> | null };
  /** In position order: the first is the framework's default scale. */
  scales: { id: string; levels: { rank: number; label: LocalizedText }[] }[];
  items: {
    id: string;
    identifier: string;
    parentId: string | null;
    position: number;
    code: string | null;
    itemType: string;
    label: LocalizedText;
    description: LocalizedText | null;
    scaleId: string | null;
    extras: Record<string, unknown> | null;
  }[];
  associations: { originId: string; destinationItemId: string | null; type: string }[];
  language: Language;
}

type Item = MoodleExportInput['items'][number];
type Scale = MoodleExportInput['scales'][number];

/** Moodle stores a short name in 100 characters (competency.shortname, competency_framework.shortname) and cuts the rest. */
export const MOODLE_SHORTNAME_MAX = 100;

export interface MoodleExport {
  filename: string;
  content: string;
  /** What Moodle will not keep as exported: short names it will cut. The cells themselves are written whole. */
  warnings: { idNumber: string; reason: string }[];
}

export function buildMoodleCsv(input: MoodleExportInput): MoodleExport {
  const lang = input.language;
  const text = (value: LocalizedText | null | undefined): string => (value ? (value[lang] ?? value.fr ?? value.en ?? value.ar ?? '') : '');
  const frameworkExtras = moodleOf(input.framework.extras);
  const idNumber = (item: Item): string => item.code ?? item.identifier;
  const byId = new Map(input.items.map((item) => [item.id, item]));
  const scaleById = new Map(input.scales.map((scale) => [scale.id, scale]));
  const ordered = parentsFirst(input.items);
  const related = relatedIdNumbers(input, byId, new Map(ordered.map(({ item }, row) => [item.id, row])), idNumber);

  const frameworkIdNumber = str(frameworkExtras.idNumber) || input.framework.identifier;
  const warnings: MoodleExport['warnings'] = [];
  // The label as Moodle had it, spaces included, while the label is still the one imported; then a check of its length.
  const shortname = (idNumber: string, label: LocalizedText, extras: Record<string, unknown>): string => {
    const kept = str(extras.shortname);
    const value = kept && kept.trim() === text(label) ? kept : text(label);
    const length = [...value].length;
    if (length > MOODLE_SHORTNAME_MAX)
      warnings.push({ idNumber, reason: `short name of ${length} characters: Moodle keeps the first ${MOODLE_SHORTNAME_MAX}` });
    return value;
  };
  const defaultScale = input.scales[0];
  const rows: string[][] = [
    [
      '',
      frameworkIdNumber,
      shortname(frameworkIdNumber, input.framework.title, frameworkExtras),
      text(input.framework.description),
      str(frameworkExtras.descriptionFormat) || FORMAT_PLAIN,
      defaultScale ? scaleValues(defaultScale, text) : '',
      defaultScale ? scaleConfiguration(defaultScale, frameworkExtras.scaleConfiguration) : '',
      '',
      '',
      '',
      '',
      '',
      '1',
      taxonomies(frameworkExtras.taxonomies, ordered).join(','),
    ],
  ];
  for (const { item } of ordered) {
    const extras = moodleOf(item.extras);
    const scale = item.scaleId ? scaleById.get(item.scaleId) : undefined;
    const unresolved = Array.isArray(extras.unresolvedCrossReferences) ? (extras.unresolvedCrossReferences as string[]) : [];
    rows.push([
      item.parentId && byId.has(item.parentId) ? idNumber(byId.get(item.parentId)!) : '',
      idNumber(item),
      shortname(idNumber(item), item.label, extras),
      text(item.description),
      str(extras.descriptionFormat) || FORMAT_PLAIN,
      scale ? scaleValues(scale, text) : '',
      scale ? scaleConfiguration(scale, extras.scaleConfiguration) : '',
      str(extras.ruleType),
      str(extras.ruleOutcome),
      str(extras.ruleConfig),
      formatCrossReferences([...(related.get(item.id) ?? []), ...unresolved]),
      str(extras.exportedId),
      '',
      '',
    ]);
  }
  // Quoted like PHP's fputcsv (what Moodle writes): any cell with white space, besides the RFC 4180 cases; and any cell
  // with a ";", which a spreadsheet in the French locale would otherwise split into cells (the part after it a formula).
  const content = stringify([[...MOODLE_HEADERS], ...rows.map((row) => row.map(escapeFormula))], {
    record_delimiter: 'windows',
    quoted_match: /[\s;]/,
  });
  return { filename: `${text(input.framework.title)}-${frameworkIdNumber}.csv`, content, warnings };
}

const str = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));
const moodleOf = (extras: Record<string, unknown> | null): Record<string, unknown> =>
  extras?.moodle && typeof extras.moodle === 'object' ? (extras.moodle as Record<string, unknown>) : {};

/** Depth-first in sibling order, so every parent row comes before its children (Moodle needs no more, but people read it). */
function parentsFirst(items: Item[]): { item: Item; depth: number }[] {
  const known = new Set(items.map((item) => item.id));
  const children = new Map<string | null, Item[]>();
  for (const item of items) {
    const parent = item.parentId && known.has(item.parentId) ? item.parentId : null;
    const siblings = children.get(parent);
    if (siblings) siblings.push(item);
    else children.set(parent, [item]);
  }
  for (const list of children.values()) list.sort((a, b) => a.position - b.position || (a.code ?? '').localeCompare(b.code ?? ''));
  const out: { item: Item; depth: number }[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const item of children.get(parent) ?? []) {
      out.push({ item, depth });
      visit(item.id, depth + 1);
    }
  };
  visit(null, 1);
  return out;
}

/** Moodle's related competencies are symmetric: each side lists the other (as Moodle's own export does), in row order. */
function relatedIdNumbers(
  input: MoodleExportInput,
  byId: Map<string, Item>,
  rowOf: Map<string, number>,
  idNumber: (item: Item) => string,
): Map<string, string[]> {
  const related = new Map<string, string[]>();
  const add = (from: string, to: string) => {
    const list = related.get(from) ?? [];
    list.push(to);
    related.set(from, list);
  };
  for (const association of input.associations) {
    if (
      association.type !== 'isRelatedTo' ||
      !association.destinationItemId ||
      !rowOf.has(association.destinationItemId) ||
      !rowOf.has(association.originId)
    )
      continue;
    add(association.originId, association.destinationItemId);
    add(association.destinationItemId, association.originId);
  }
  for (const [id, list] of related)
    related.set(
      id,
      [...new Set(list)].sort((a, b) => rowOf.get(a)! - rowOf.get(b)!).map((other) => idNumber(byId.get(other)!)),
    );
  return related;
}

/** Moodle splits scale values on commas, so a comma inside a level label becomes a semicolon. */
const scaleValues = (scale: Scale, text: (value: LocalizedText) => string): string =>
  [...scale.levels]
    .sort((a, b) => a.rank - b.rank)
    .map((level) => text(level.label).replace(/,/g, ';'))
    .join(',');

/**
 * The configuration kept from a Moodle import when it still fits the levels; otherwise one Moodle accepts (it needs a
 * default and at least one proficient value): the lowest level by default, proficient from the upper half up.
 */
function scaleConfiguration(scale: Scale, kept: unknown): string {
  const count = scale.levels.length;
  if (typeof kept === 'string' && kept.trim()) {
    try {
      const config = JSON.parse(kept) as { id?: unknown }[];
      if (Array.isArray(config) && config.slice(1).every((entry) => Number(entry?.id) >= 1 && Number(entry?.id) <= count)) return kept;
    } catch {
      // Not JSON any more: fall through to a generated one.
    }
  }
  const levels = Array.from({ length: count }, (_, index) => index + 1)
    .map((id) => ({ id, scaledefault: id === 1 ? 1 : 0, proficient: id > count / 2 ? 1 : 0 }))
    .filter((entry) => entry.scaledefault || entry.proficient);
  return JSON.stringify([{ scaleid: '1' }, ...levels]);
}

/** The terms kept from a Moodle import, extended for any deeper level; otherwise each depth's item type if Moodle knows it. */
function taxonomies(kept: unknown, ordered: { item: Item; depth: number }[]): string[] {
  const terms = Array.isArray(kept) ? kept.map(String) : [];
  const maxDepth = ordered.reduce((max, { depth }) => Math.max(max, depth), 0);
  for (let depth = terms.length + 1; depth <= maxDepth; depth++) {
    const type = ordered.find((entry) => entry.depth === depth)?.item.itemType ?? 'competency';
    terms.push((MOODLE_TAXONOMIES as readonly string[]).includes(type) ? type : 'competency');
  }
  return terms;
}
