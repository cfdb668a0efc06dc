// Text search on the code and title of catalogue records (modules, programmes), ignoring accents and case.
import { escapeLike, foldForSearch } from '../common/localized-text.js';

/*
 * The catalogue tables have no folded search column (frameworks and profiles do), so the title is folded in SQL the
 * way foldForSearch folds the query: Latin accents and Arabic hamza forms mapped to their base letter, harakat and
 * tatweel removed. translate() maps character to character; lower() comes after it because lower() only folds ASCII
 * in a C locale. A folded column with a trigram index would be faster on a large catalogue (a schema change).
 */
const FOLDS: [string, string][] = [
  ['àáâäãåÀÁÂÄÃÅ', 'a'],
  ['çÇ', 'c'],
  ['èéêëÈÉÊË', 'e'],
  ['ìíîïÌÍÎÏ', 'i'],
  ['ñÑ', 'n'],
  ['òóôöõÒÓÔÖÕ', 'o'],
  ['ùúûüÙÚÛÜ', 'u'],
  ['ýÿÝ', 'y'],
  ['أإآ', 'ا'],
  ['ؤ', 'و'],
  ['ئى', 'ي'],
  ['ة', 'ه'],
];
const FOLD_FROM = FOLDS.map(([from]) => from).join('');
const FOLD_TO = FOLDS.map(([from, to]) => to.repeat([...from].length)).join('');

/** A WHERE condition and its parameters: `alias`.code or `alias`.title (any language) contains `q`. */
export function codeOrTitleContains(alias: string, q: string): [string, Record<string, string>] {
  const text = `concat_ws(' ', ${alias}.code, ${alias}.title->>'fr', ${alias}.title->>'ar', ${alias}.title->>'en')`;
  const folded = `regexp_replace(lower(translate(${text}, :foldFrom, :foldTo)), '[\\u064B-\\u065F\\u0670\\u0640]', '', 'g')`;
  return [`${folded} LIKE :searchPattern`, { foldFrom: FOLD_FROM, foldTo: FOLD_TO, searchPattern: `%${escapeLike(foldForSearch(q))}%` }];
}
