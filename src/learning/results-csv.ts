// Reads result files: a plain CSV (learner, module, score, completed at) or a Moodle course grade export.
import { parse } from 'csv-parse/sync';
import type { FieldError } from '../common/problems.js';

export interface ResultRow {
  line: number;
  learner: string;
  moduleCode: string;
  score: number;
  maxScore?: number;
  passMark?: number;
  completedAt?: Date;
}

export interface MoodleDefaults {
  moduleCode?: string;
  completedAt?: Date;
  maxScore?: number;
}

const normalise = (header: string): string =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
const ALIASES: Record<string, string[]> = {
  learner: ['learner', 'email', 'email_address', 'staff_number', 'id_number'],
  module: ['module', 'module_code', 'course', 'course_code'],
  score: ['score', 'grade'],
  completedAt: ['completed_at', 'completed', 'date', 'completion_date'],
  maxScore: ['max_score', 'maximum'],
  passMark: ['pass_mark', 'passing_grade'],
};

/** Rows and the problems found while reading them; nothing is looked up in the database here. */
export function readResults(text: string, defaults: MoodleDefaults): { rows: ResultRow[]; errors: FieldError[] } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    return { rows: [], errors: [{ field: 'file', reason: `not a readable CSV: ${(error as Error).message}` }] };
  }
  const [header = [], ...data] = records;
  const names = header.map(normalise);
  const moodleTotal = names.findIndex((name) => name.startsWith('course_total'));
  return moodleTotal >= 0 ? readMoodle(names, data, moodleTotal, defaults) : readPlain(names, data);
}

function column(names: string[], key: keyof typeof ALIASES): number {
  return names.findIndex((name) => ALIASES[key].includes(name));
}

function readPlain(names: string[], data: string[][]): { rows: ResultRow[]; errors: FieldError[] } {
  const at = {
    learner: column(names, 'learner'),
    module: column(names, 'module'),
    score: column(names, 'score'),
    completedAt: column(names, 'completedAt'),
    maxScore: column(names, 'maxScore'),
    passMark: column(names, 'passMark'),
  };
  const missing = (['learner', 'module', 'score'] as const).filter((key) => at[key] < 0);
  if (missing.length)
    return {
      rows: [],
      errors: missing.map((key) => ({
        field: 'header',
        reason: `missing column ${key} (accepted names: ${ALIASES[key].join(', ')})`,
        line: 1,
      })),
    };
  const rows: ResultRow[] = [];
  const errors: FieldError[] = [];
  data.forEach((cells, index) => {
    const line = index + 2;
    const row: ResultRow = { line, learner: cells[at.learner] ?? '', moduleCode: cells[at.module] ?? '', score: number(cells[at.score]) };
    if (at.maxScore >= 0 && cells[at.maxScore]) row.maxScore = number(cells[at.maxScore]);
    if (at.passMark >= 0 && cells[at.passMark]) row.passMark = number(cells[at.passMark]);
    if (at.completedAt >= 0 && cells[at.completedAt]) row.completedAt = new Date(cells[at.completedAt]);
    errors.push(...check(row));
    rows.push(row);
  });
  return { rows, errors };
}

/** Moodle's grade export: one course per file, learners by email (or ID number), the course total as the score. */
function readMoodle(
  names: string[],
  data: string[][],
  total: number,
  defaults: MoodleDefaults,
): { rows: ResultRow[]; errors: FieldError[] } {
  if (!defaults.moduleCode)
    return {
      rows: [],
      errors: [
        { field: 'moduleCode', reason: 'a Moodle grade export covers one course: give the module code in the form field moduleCode' },
      ],
    };
  const email = names.indexOf('email_address');
  const idNumber = names.indexOf('id_number');
  if (email < 0 && idNumber < 0)
    return { rows: [], errors: [{ field: 'header', reason: 'missing column "Email address" or "ID number"', line: 1 }] };
  const rows: ResultRow[] = [];
  const errors: FieldError[] = [];
  data.forEach((cells, index) => {
    const line = index + 2;
    const row: ResultRow = {
      line,
      learner: (email >= 0 && cells[email]) || cells[idNumber] || '',
      moduleCode: defaults.moduleCode!,
      score: number(cells[total]),
      maxScore: defaults.maxScore ?? 100,
      completedAt: defaults.completedAt,
    };
    errors.push(...check(row));
    rows.push(row);
  });
  return { rows, errors };
}

function check(row: ResultRow): FieldError[] {
  const errors: FieldError[] = [];
  if (!row.learner) errors.push({ field: 'learner', reason: 'empty', line: row.line });
  if (!row.moduleCode) errors.push({ field: 'module', reason: 'empty', line: row.line });
  if (!Number.isFinite(row.score)) errors.push({ field: 'score', reason: 'not a number', line: row.line });
  if (row.maxScore !== undefined && !(row.maxScore > 0))
    errors.push({ field: 'max_score', reason: 'must be a positive number', line: row.line });
  if (row.passMark !== undefined && !Number.isFinite(row.passMark))
    errors.push({ field: 'pass_mark', reason: 'not a number', line: row.line });
  if (row.completedAt && Number.isNaN(row.completedAt.getTime()))
    errors.push({ field: 'completed_at', reason: 'not a date (use YYYY-MM-DD)', line: row.line });
  return errors;
}

/** Accepts a decimal comma, as French and Algerian spreadsheets write scores. */
function number(cell: string | undefined): number {
  if (cell === undefined || cell.trim() === '' || cell.trim() === '-') return Number.NaN;
  return Number(cell.trim().replace(',', '.'));
}
