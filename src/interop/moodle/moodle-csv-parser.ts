// Reads a Moodle competency framework CSV (tool_lpimportcsv, 12- or 14-column) into the neutral ImportedFramework.
// Pure: no database, no HTTP; the service turns the result into a 400 (not this format) or 422 (bad rows).
import { parse } from 'csv-parse/sync';
import type { Language, LocalizedText } from '../../common/localized-text.js';
import type { FieldError } from '../../common/problems.js';
import type { ItemKind } from '../../frameworks/framework-item.entity.js';
import {
  identifierFor,
  type ImportedAssociation,
  type ImportedFramework,
  type ImportedItem,
  type ImportedScale,
} from '../imported-framework.js';
import {
  COLUMN_BY_HEADER,
  MOODLE_HEADERS,
  normaliseHeader,
  OPTIONAL_COLUMNS,
  parseCrossReferences,
  parseTaxonomies,
  unescapeFormula,
  type MoodleColumn,
} from './moodle-csv-format.js';

export interface MoodleImportOptions {
  /**
   * Scopes every identifier (framework, items, scales, links): two schools importing the same Moodle file get two
   * frameworks, each with identifiers of its own (an identifier belongs to the institution that created it).
   */
  ownerInstitutionId: string;
  version: string;
  language: Language;
}

export type MoodleParseResult =
  { ok: true; model: ImportedFramework; columns: number } | { ok: false; status: 400 | 422; detail: string; errors: FieldError[] };

/** `shortnameAsGiven`: the cell before trimming, kept when its spaces are part of what Moodle stored. */
type Row = Record<MoodleColumn, string> & { line: number; shortnameAsGiven: string };

const SCALE_TITLE: Record<Language, string> = { fr: 'Échelle Moodle', en: 'Moodle scale', ar: 'سلم مودل' };
const KIND_BY_TAXONOMY: Record<string, ItemKind> = { behaviour: 'behaviour', skill: 'skill', concept: 'knowledge' };

export function parseMoodleFramework(text: string, options: MoodleImportOptions): MoodleParseResult {
  const read = readRows(text);
  if ('errors' in read) return { ok: false, status: 400, detail: read.detail, errors: read.errors };
  const errors: FieldError[] = [];
  const frameworkRows = read.rows.filter((row) => isTrue(row.isFramework));
  if (frameworkRows.length === 0)
    errors.push({
      field: 'Is framework',
      reason: 'no row has "Is framework" = 1: the framework row (its name, scale and taxonomy) is missing',
    });
  for (const extra of frameworkRows.slice(1))
    errors.push({
      field: 'Is framework',
      reason: `a second framework row (the first is on line ${frameworkRows[0].line}); one file holds one framework`,
      line: extra.line,
    });
  const frameworkRow = frameworkRows[0];
  if (frameworkRow && !frameworkRow.idNumber)
    errors.push({ field: 'Id number', reason: 'the framework row needs an id number', line: frameworkRow.line });
  if (frameworkRow && !frameworkRow.shortname)
    errors.push({ field: 'Shortname', reason: 'the framework row needs a shortname', line: frameworkRow.line });

  const competencies = new Map<string, Row>();
  for (const row of read.rows.filter((candidate) => !isTrue(candidate.isFramework))) {
    if (!row.idNumber) {
      errors.push({ field: 'Id number', reason: 'missing: every competency needs an id number', line: row.line });
      continue;
    }
    if (!row.shortname) errors.push({ field: 'Shortname', reason: `missing for competency ${row.idNumber}`, line: row.line });
    const first = competencies.get(row.idNumber);
    if (first) {
      errors.push({ field: 'Id number', reason: `duplicate id number ${row.idNumber} (first on line ${first.line})`, line: row.line });
      continue;
    }
    competencies.set(row.idNumber, row);
  }
  for (const row of competencies.values()) {
    if (row.parentIdNumber && !competencies.has(row.parentIdNumber)) {
      errors.push({
        field: 'Parent id number',
        reason: `no competency of the file has the id number ${row.parentIdNumber}`,
        line: row.line,
      });
    }
  }
  errors.push(...findCycles(competencies));

  const taxonomies = frameworkRow ? parseTaxonomies(frameworkRow.taxonomy) : [];
  if (taxonomies === null)
    errors.push({ field: 'Taxonomy', reason: 'neither a comma list nor a JSON object of terms by depth', line: frameworkRow?.line });
  const scales = new ScaleReader(options.language, `${options.ownerInstitutionId}:${frameworkRow?.idNumber ?? ''}`, errors);
  const frameworkScale = frameworkRow ? scales.read(frameworkRow, 'moodle') : null;
  const ownScales = new Map([...competencies.values()].map((row) => [row.idNumber, row.scaleValues ? scales.read(row) : null]));
  if (errors.length || !frameworkRow)
    return { ok: false, status: 422, detail: '', errors: errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };

  const fw = frameworkRow.idNumber;
  const lang = options.language;
  const scope = `${options.ownerInstitutionId}:${fw}`;
  const idOf = (idNumber: string) => identifierFor(`moodle:${scope}:${idNumber}`);
  const items: ImportedItem[] = [...competencies.values()].map((row) => {
    const itemType = taxonomies?.[depthOf(row, competencies) - 1] || 'competency';
    const ownScale = ownScales.get(row.idNumber);
    return {
      identifier: idOf(row.idNumber),
      parentIdentifier: row.parentIdNumber ? idOf(row.parentIdNumber) : null,
      code: row.idNumber,
      itemType,
      kind: KIND_BY_TAXONOMY[itemType] ?? null,
      label: { [lang]: row.shortname },
      description: row.description ? { [lang]: row.description } : null,
      scaleCode: ownScale?.code ?? null,
      extras: moodleExtras({
        descriptionFormat: row.descriptionFormat,
        ruleType: row.ruleType,
        ruleOutcome: row.ruleOutcome,
        ruleConfig: row.ruleConfig,
        exportedId: row.exportedId,
        scaleConfiguration: row.scaleValues ? row.scaleConfiguration : '',
        shortname: paddedShortname(row),
        unresolvedCrossReferences: parseCrossReferences(row.crossReferences).filter((ref) => !competencies.has(ref)),
      }),
      line: row.line,
    };
  });
  return {
    ok: true,
    columns: read.columns,
    model: {
      identifier: identifierFor(`moodle:${options.ownerInstitutionId}:${fw}#framework`),
      version: options.version,
      title: { [lang]: frameworkRow.shortname } as LocalizedText,
      description: frameworkRow.description ? { [lang]: frameworkRow.description } : null,
      extras: moodleExtras({
        idNumber: fw,
        descriptionFormat: frameworkRow.descriptionFormat,
        scaleConfiguration: frameworkScale ? frameworkRow.scaleConfiguration : '',
        shortname: paddedShortname(frameworkRow),
        taxonomies: taxonomies ?? [],
        language: lang,
      }),
      scales: scales.all(),
      items,
      associations: relatedPairs(competencies, idOf, scope),
    },
  };
}

function readRows(text: string): { rows: Row[]; columns: number } | { detail: string; errors: FieldError[] } {
  let records: { record: string[]; info: { lines: number; empty_lines: number } }[];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof records;
  } catch (error) {
    const { message, lines } = error as { message: string; lines?: number };
    return { detail: 'The file is not a readable CSV file.', errors: [{ field: 'file', reason: message, line: lines }] };
  }
  if (!records.length) return { detail: 'The file is empty.', errors: [{ field: 'file', reason: 'no header line' }] };
  const index = new Map<MoodleColumn, number>();
  records[0].record.forEach((header, position) => {
    const column = COLUMN_BY_HEADER[normaliseHeader(header)];
    if (column && !index.has(column)) index.set(column, position);
  });
  const missing = MOODLE_HEADERS.filter(
    (header) => !index.has(COLUMN_BY_HEADER[normaliseHeader(header)]) && !OPTIONAL_COLUMNS.has(COLUMN_BY_HEADER[normaliseHeader(header)]),
  );
  if (missing.length) {
    return {
      detail: `This is not a Moodle competency framework CSV (admin/tool/lpimportcsv): missing column${missing.length > 1 ? 's' : ''} ${missing.map((h) => `"${h.replace(' (optional)', '')}"`).join(', ')}.`,
      errors: missing.map((header) => ({
        field: header.replace(' (optional)', ''),
        reason: 'column missing from the header line',
        line: 1,
      })),
    };
  }
  const rows: Row[] = [];
  let previous = records[0].info;
  for (const { record, info } of records.slice(1)) {
    const row = { line: previous.lines + (info.empty_lines - previous.empty_lines) + 1 } as Row;
    for (const column of Object.values(COLUMN_BY_HEADER)) {
      const position = index.get(column);
      row[column] = position === undefined ? '' : unescapeFormula(record[position] ?? '');
    }
    row.idNumber = row.idNumber.trim();
    row.parentIdNumber = row.parentIdNumber.trim();
    row.shortnameAsGiven = row.shortname;
    row.shortname = row.shortname.trim();
    rows.push(row);
    previous = info;
  }
  return { rows, columns: index.size };
}

/** Moodle's `if ($isframework)`: any value but empty and "0". */
const isTrue = (cell: string): boolean => cell.trim() !== '' && cell.trim() !== '0' && cell.trim().toLowerCase() !== 'false';

/** Each competency has one parent, so a walk up either ends at a root or comes back to a row of the same walk. */
function findCycles(competencies: Map<string, Row>): FieldError[] {
  const errors: FieldError[] = [];
  const settled = new Set<string>();
  for (const start of competencies.keys()) {
    const path: string[] = [];
    let current: string | undefined = start;
    while (current && !settled.has(current) && competencies.has(current) && !path.includes(current)) {
      path.push(current);
      current = competencies.get(current)!.parentIdNumber || undefined;
    }
    if (current && path.includes(current)) {
      const cycle = path.slice(path.indexOf(current));
      for (const idNumber of cycle) {
        errors.push({
          field: 'Parent id number',
          reason: `cycle in the tree: ${[...cycle, cycle[0]].join(' → ')}`,
          line: competencies.get(idNumber)!.line,
        });
      }
    }
    path.forEach((idNumber) => settled.add(idNumber));
  }
  return errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

function depthOf(row: Row, competencies: Map<string, Row>): number {
  let depth = 1;
  for (let parent = competencies.get(row.parentIdNumber); parent; parent = competencies.get(parent.parentIdNumber)) depth++;
  return depth;
}

/** Moodle relates competencies both ways; one association per pair, from the lower id number, whatever the row order. */
function relatedPairs(competencies: Map<string, Row>, idOf: (idNumber: string) => string, fw: string): ImportedAssociation[] {
  const seen = new Set<string>();
  const associations: ImportedAssociation[] = [];
  for (const row of competencies.values()) {
    for (const ref of parseCrossReferences(row.crossReferences)) {
      if (ref === row.idNumber || !competencies.has(ref)) continue;
      const [origin, destination] = [row.idNumber, ref].sort();
      const key = JSON.stringify([origin, destination]);
      if (seen.has(key)) continue;
      seen.add(key);
      associations.push({
        identifier: identifierFor(`moodle:${fw}:${key}#related`),
        originIdentifier: idOf(origin),
        destinationIdentifier: idOf(destination),
        type: 'isRelatedTo',
        line: row.line,
      });
    }
  }
  return associations;
}

/** One scale per distinct "Scale values" list; levels are the values in order, rank = Moodle's 1-based grade. */
class ScaleReader {
  private readonly scales = new Map<string, ImportedScale>();

  constructor(
    private readonly language: Language,
    private readonly frameworkIdNumber: string,
    private readonly errors: FieldError[],
  ) {}

  read(row: Row, code?: string): ImportedScale | null {
    const values = row.scaleValues
      .split(',')
      .map((value) => value.trim())
      .filter(Boolean);
    if (!values.length) return null;
    this.checkConfiguration(row, values.length);
    const key = values.join(',');
    const known = this.scales.get(key);
    if (known) return known;
    const scale: ImportedScale = {
      identifier: identifierFor(`moodle:${this.frameworkIdNumber}:${key}#scale`),
      code: code ?? `moodle-${this.scales.size + 1}`,
      title: { [this.language]: SCALE_TITLE[this.language] },
      levels: values.map((value, index) => ({
        identifier: identifierFor(`moodle:${this.frameworkIdNumber}:${key}#scale:${index + 1}`),
        rank: index + 1,
        code: String(index + 1),
        label: { [this.language]: value },
      })),
    };
    this.scales.set(key, scale);
    return scale;
  }

  all(): ImportedScale[] {
    return [...this.scales.values()];
  }

  /** [{"scaleid":"2"},{"id":2,"scaledefault":1,"proficient":1}]: element 0 names the scale, the others flag 1-based values. */
  private checkConfiguration(row: Row, count: number): void {
    if (!row.scaleConfiguration.trim()) return;
    let config: unknown;
    try {
      config = JSON.parse(row.scaleConfiguration);
    } catch {
      return void this.errors.push({ field: 'Scale configuration', reason: 'not valid JSON', line: row.line });
    }
    if (!Array.isArray(config))
      return void this.errors.push({ field: 'Scale configuration', reason: 'must be a JSON array', line: row.line });
    for (const entry of config.slice(1) as { id?: unknown }[]) {
      const id = Number(entry?.id);
      if (!Number.isInteger(id) || id < 1 || id > count)
        this.errors.push({
          field: 'Scale configuration',
          reason: `refers to value ${String(entry?.id)}, but the scale has ${count} values`,
          line: row.line,
        });
    }
  }
}

/** Only the fields that carry something, under `moodle` so CASE or ESCO extras never collide. */
/**
 * Our labels are trimmed, but Moodle keeps a short name's spaces (PARAM_TEXT does not trim) and a course or rule may
 * match on it: the cell as given is kept when it differs, and written back by the export.
 */
const paddedShortname = (row: Row): string => (row.shortnameAsGiven !== row.shortname ? row.shortnameAsGiven : '');

function moodleExtras(fields: Record<string, string | string[]>): Record<string, unknown> | null {
  const kept = Object.fromEntries(Object.entries(fields).filter(([, value]) => (Array.isArray(value) ? value.length > 0 : value !== '')));
  return Object.keys(kept).length ? { moodle: kept } : null;
}
