// The competency framework CSV of Moodle's admin/tool/lpimportcsv: its columns, taxonomy terms and the cell
// escaping that keeps spreadsheets from running imported text as formulas.
import { looksLikeFormula } from '../../common/spreadsheet-formula.js';

/** The 14 columns, in the order and spelling Moodle 4 writes them (framework_importer::list_required_headers). */
export const MOODLE_HEADERS = [
  'Parent id number',
  'Id number',
  'Shortname',
  'Description',
  'Description format',
  'Scale values',
  'Scale configuration',
  'Rule type (optional)',
  'Rule outcome (optional)',
  'Rule config (optional)',
  'Cross referenced competency id numbers',
  'Exported id (optional)',
  'Is framework',
  'Taxonomy',
] as const;

export type MoodleColumn =
  | 'parentIdNumber'
  | 'idNumber'
  | 'shortname'
  | 'description'
  | 'descriptionFormat'
  | 'scaleValues'
  | 'scaleConfiguration'
  | 'ruleType'
  | 'ruleOutcome'
  | 'ruleConfig'
  | 'crossReferences'
  | 'exportedId'
  | 'isFramework'
  | 'taxonomy';

/** Header text (normalised, see normaliseHeader) → column; the 2016 plugin's 12-column file lacks the last two optional ones. */
export const COLUMN_BY_HEADER: Record<string, MoodleColumn> = {
  'parent id number': 'parentIdNumber',
  'id number': 'idNumber',
  shortname: 'shortname',
  description: 'description',
  'description format': 'descriptionFormat',
  'scale values': 'scaleValues',
  'scale configuration': 'scaleConfiguration',
  'rule type': 'ruleType',
  'rule outcome': 'ruleOutcome',
  'rule config': 'ruleConfig',
  'cross referenced competency id numbers': 'crossReferences',
  'exported id': 'exportedId',
  'is framework': 'isFramework',
  taxonomy: 'taxonomy',
};

export const OPTIONAL_COLUMNS: ReadonlySet<MoodleColumn> = new Set(['crossReferences', 'exportedId']);

/** "Rule type (optional)" and "Rule type", "ID number" and "Id number" are the same column. */
export const normaliseHeader = (header: string): string =>
  header
    .replace(/\(optional\)/i, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/** What Moodle accepts per depth (competency_framework::get_taxonomies_list); anything else is exported as "competency". */
export const MOODLE_TAXONOMIES = [
  'behaviour',
  'competency',
  'concept',
  'domain',
  'indicator',
  'level',
  'outcome',
  'practice',
  'proficiency',
  'skill',
  'value',
] as const;

/** FORMAT_HTML: what Moodle writes for descriptions typed in its editor. */
export const FORMAT_HTML = '1';
/** FORMAT_PLAIN: what we declare for descriptions that did not come from Moodle. */
export const FORMAT_PLAIN = '2';

/**
 * The taxonomy cell: a comma list (Moodle 3.1+, "domain,competency,behaviour") or, in the 2016 plugin, a JSON object
 * keyed by depth ({"1":"domain","2":"competency"}). Returns one term per depth, depth 1 first; null when unreadable.
 */
export function parseTaxonomies(cell: string): string[] | null {
  const text = cell.trim();
  if (!text) return [];
  if (text.startsWith('{')) {
    try {
      const object = JSON.parse(text) as Record<string, unknown>;
      const depths = Object.keys(object)
        .map(Number)
        .filter((depth) => Number.isInteger(depth) && depth > 0)
        .sort((a, b) => a - b);
      return depths.map((depth) => String(object[String(depth)] ?? '').trim());
    } catch {
      return null;
    }
  }
  return text.split(',').map((term) => term.trim());
}

/** The cross reference cell: id numbers separated by commas, a comma inside one written %2C (framework_exporter). */
export const parseCrossReferences = (cell: string): string[] =>
  cell.trim()
    ? cell
        .split(',')
        .map((ref) => ref.replace(/%2C/gi, ',').trim())
        .filter(Boolean)
    : [];
export const formatCrossReferences = (idNumbers: string[]): string => idNumbers.map((idNumber) => idNumber.replace(/,/g, '%2C')).join(',');

// Formula injection: the exporter prefixes a cell that looks like a formula (looksLikeFormula) with a quote; the
// importer removes exactly one quote from a cell that still looks like one without it, so a cell that really started
// with a quote survives too.
export const escapeFormula = (cell: string): string => (looksLikeFormula(cell) ? `'${cell}` : cell);
export const unescapeFormula = (cell: string): string => (cell.startsWith("'") && looksLikeFormula(cell.slice(1)) ? cell.slice(1) : cell);
