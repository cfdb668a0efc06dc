// Formula injection (OWASP "CSV injection"): a cell a spreadsheet reads as starting with = + - @ tab or CR may run as
// a formula. Spreadsheets skip leading blanks and invisible characters first, and one set to the French locale splits
// an unquoted cell at ";" (its separator), so "Nadia;=HYPERLINK(…)" holds a formula too.

// White space, zero-width characters (U+200B–U+200D, U+2060, U+FEFF), bidi controls, and quotes (so that a cell
// escaped once is recognised as escaped: see unescape in moodle-csv-format.ts).
const SKIPPED = "'\\s\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2069\\uFEFF\\u061C";
const FORMULA = new RegExp(`(?:^|[;,])[${SKIPPED}]*[=+\\-@\\t\\r]`, 'u');

/** True when the cell, or a part of it after a ";" or "," separator, would start a formula once blanks are skipped. */
export const looksLikeFormula = (cell: string): boolean => FORMULA.test(cell);
