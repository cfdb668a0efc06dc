// Splits one line of French/Arabic text into runs in left-to-right drawing order, each for one typeface.
import { createRequire } from 'node:module';
import type { Bidi } from 'bidi-js';

export type Script = 'latin' | 'arabic';
export type Direction = 'ltr' | 'rtl';

/** A piece of a line, in the order it is drawn from left to right; `text` is what goes to the shaper. */
export interface VisualRun {
  text: string;
  script: Script;
  /** Where the run starts in the line as written: sorting by it gives the runs in reading order. */
  start: number;
}

// bidi-js is CommonJS whose module.exports is the factory, while its typings declare an ES default export.
const bidiFactory = createRequire(import.meta.url)('bidi-js') as () => Bidi;
const bidi = bidiFactory();
const ARABIC_LETTER = /\p{Script=Arabic}/u;
const STRONG_RTL_OR_ARABIC = /[\p{Script=Arabic}\p{Script=Hebrew}]/u;

interface LogicalRun {
  text: string;
  script: Script;
  level: number;
  start: number;
}

/**
 * The Unicode bidi algorithm (UAX #9, via bidi-js) resolves a level per character; characters with the same level
 * and typeface form a run, and rule L2 reverses runs from the highest level down. Inside a right-to-left run
 * fontkit does the rest when the run holds Arabic letters: it picks the Arabic shaper (init/medi/fina/rlig joining)
 * and returns the glyphs already reversed. A right-to-left run without Arabic letters (a space, a dash between Arabic
 * words) is reversed here, and mirrored characters (brackets) are swapped as rule L4 asks.
 *
 * `arabicHas` says whether the Arabic face has a glyph: neutrals inside Arabic text use it when it can, so a space
 * or a comma is not drawn in the Latin face; anything it lacks falls back to the Latin face.
 */
export function visualRuns(text: string, direction: Direction, arabicHas: (char: string) => boolean): VisualRun[] {
  if (text === '') return [];
  if (direction === 'ltr' && !STRONG_RTL_OR_ARABIC.test(text)) return [{ text, script: 'latin', start: 0 }];

  const { levels } = bidi.getEmbeddingLevels(text, direction);
  const mirrored = bidi.getMirroredCharactersMap(text, levels);
  const runs: LogicalRun[] = [];
  for (let index = 0; index < text.length; index += 1) {
    const [level, start] = [levels[index], index];
    let char = text[index];
    // Surrogate pairs (outside the scripts we print, but never split them).
    if (char >= '\ud800' && char <= '\udbff' && index + 1 < text.length) char += text[++index];
    const rtl = level % 2 === 1;
    const script: Script = ARABIC_LETTER.test(char) || (rtl && arabicHas(char)) ? 'arabic' : 'latin';
    const shown = mirrored.get(index) ?? char;
    const last = runs[runs.length - 1];
    if (last && last.level === level && last.script === script) last.text += shown;
    else runs.push({ text: shown, script, level, start });
  }

  reorderRuns(runs);
  return runs.map(({ text: runText, script, level, start }) => ({
    text: level % 2 === 1 && !ARABIC_LETTER.test(runText) ? [...runText].reverse().join('') : runText,
    script,
    start,
  }));
}

/** UAX #9 rule L2 on whole runs: from the highest level to the lowest odd one, reverse every stretch at or above it. */
function reorderRuns(runs: LogicalRun[]): void {
  const highest = Math.max(...runs.map((run) => run.level));
  const lowestOdd = Math.min(...runs.map((run) => (run.level % 2 === 1 ? run.level : run.level + 1)));
  for (let level = highest; level >= lowestOdd; level -= 1) {
    let start = 0;
    while (start < runs.length) {
      if (runs[start].level < level) {
        start += 1;
        continue;
      }
      let end = start;
      while (end + 1 < runs.length && runs[end + 1].level >= level) end += 1;
      runs.splice(start, end - start + 1, ...runs.slice(start, end + 1).reverse());
      start = end + 1;
    }
  }
}
