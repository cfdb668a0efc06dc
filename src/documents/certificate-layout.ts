// Where everything goes on the A4 landscape page: pure layout maths from a CertificateView and a text measurer.
import type { Direction } from './bidi-text.js';
import type { CertificateView } from './certificate-view.js';
import {
  type Bilingual,
  CO_ACCREDITED,
  COMPETENCIES_HEADING,
  DIGITAL_NOTE,
  VERIFY_CAPTION,
  annexNoteText,
  issuedOnText,
  wordingFor,
  workloadText,
} from './certificate-wording.js';

export const PAGE = { width: 841.89, height: 595.28 } as const;
export const LEFT = 64;
export const RIGHT = PAGE.width - 64;
export const CENTER = PAGE.width / 2;
export const CONTENT_WIDTH = RIGHT - LEFT;
/** Above this many competencies, or when a label would need a second line, they are all listed on an annex page. */
export const MAX_COMPETENCY_ROWS = 6;
const COMPETENCY_SIZE = 9;
const FOOTER_TOP = 128;

export type TextStyle = 'regular' | 'bold' | 'italic';
export type Ink = 'navy' | 'gold' | 'ink' | 'muted' | 'alert';
export type Align = 'left' | 'center' | 'right';

export interface TextItem {
  kind: 'text';
  text: string;
  /** The paragraph direction: French lines are ltr, Arabic lines rtl (mixed content is reordered when drawn). */
  direction: Direction;
  style: TextStyle;
  size: number;
  ink: Ink;
  /** Baseline; `x` is the left edge, the centre or the right edge according to `align`. */
  x: number;
  y: number;
  align: Align;
}
/** A box the institution's logo is fitted into, keeping its proportions. */
export interface LogoItem {
  kind: 'logo';
  institution: number;
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface QrItem {
  kind: 'qr';
  x: number;
  y: number;
  size: number;
}
export interface RuleItem {
  kind: 'rule';
  x1: number;
  x2: number;
  y: number;
  thickness: number;
  ink: Ink;
}
export type LayoutItem = TextItem | LogoItem | QrItem | RuleItem;

/** Width in points of one line at a size, as the renderer will draw it (shaping and font fallback included). */
export type MeasureText = (text: string, direction: Direction, style: TextStyle, size: number) => number;

interface Fit {
  lines: string[];
  size: number;
}

/** Greedy word wrap; words are measured one by one (Arabic joining never crosses a space). */
export function wrapWords(text: string, maxWidth: number, measureWord: (word: string) => number, spaceWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const width = measureWord(word);
    if (line && lineWidth + spaceWidth + width > maxWidth) {
      lines.push(line);
      line = word;
      lineWidth = width;
    } else {
      line = line ? `${line} ${word}` : word;
      lineWidth += (line === word ? 0 : spaceWidth) + width;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Cuts a line at a word (or, failing that, a character) so that it plus "…" fits. */
export function truncate(text: string, maxWidth: number, measure: (text: string) => number): string {
  if (measure(text) <= maxWidth) return text;
  let cut = text;
  while (cut.length > 1 && measure(`${cut}…`) > maxWidth) {
    const space = cut.lastIndexOf(' ');
    cut = space > cut.length / 2 ? cut.slice(0, space) : cut.slice(0, -1);
  }
  return `${cut.trimEnd()}…`;
}

/** Wraps into as many lines as greedy wrapping needs, but with the lines as even as possible (no orphan word). */
function balancedWrap(text: string, maxWidth: number, at: (part: string) => number): string[] {
  const widths = new Map<string, number>();
  const measureWord = (word: string): number => widths.get(word) ?? widths.set(word, at(word)).get(word)!;
  const space = at(' ');
  const greedy = wrapWords(text, maxWidth, measureWord, space);
  if (greedy.length < 2) return greedy;
  let [low, high, best] = [maxWidth / greedy.length, maxWidth, greedy];
  for (let step = 0; step < 8; step += 1) {
    const width = (low + high) / 2;
    const lines = wrapWords(text, width, measureWord, space);
    if (lines.length <= greedy.length) [high, best] = [width, lines];
    else low = width;
  }
  return best;
}

/** The largest size from `size` down to `minSize` at which the text wraps into `maxLines`; past that, the last line is cut. */
export function fitText(
  text: string,
  box: { maxWidth: number; maxLines: number; size: number; minSize: number },
  direction: Direction,
  style: TextStyle,
  measure: MeasureText,
): Fit {
  const { maxWidth, maxLines, minSize } = box;
  for (let size = box.size; ; size = Math.max(minSize, size - 1)) {
    const at = (part: string): number => measure(part, direction, style, size);
    if (at(text) <= maxWidth) return { lines: [text], size };
    if (maxLines > 1) {
      const lines = balancedWrap(text, maxWidth, at);
      if (lines.length <= maxLines) return { lines, size };
    }
    if (size === minSize) {
      const kept = maxLines > 1 ? wrapWords(text, maxWidth, at, at(' ')) : [text];
      return { lines: [...kept.slice(0, maxLines - 1), truncate(kept.slice(maxLines - 1).join(' '), maxWidth, at)], size };
    }
  }
}

export class Column {
  readonly items: LayoutItem[] = [];
  /** Set when the competencies did not fit and went to the annex. */
  competenciesInAnnex = false;
  constructor(private readonly measure: MeasureText) {}

  /** Lays a text block with its first baseline at y; returns the baseline of the last line. */
  text(
    text: string,
    options: {
      x: number;
      y: number;
      align: Align;
      direction: Direction;
      style: TextStyle;
      ink: Ink;
      maxWidth: number;
      maxLines?: number;
      size: number;
      minSize?: number;
      leading?: number;
    },
  ): number {
    const { lines, size } = fitText(
      text,
      { maxWidth: options.maxWidth, maxLines: options.maxLines ?? 1, size: options.size, minSize: options.minSize ?? options.size },
      options.direction,
      options.style,
      this.measure,
    );
    const leading = (options.leading ?? 1.25) * size;
    lines.forEach((line, index) =>
      this.items.push({
        kind: 'text',
        text: line,
        direction: options.direction,
        style: options.style,
        size,
        ink: options.ink,
        x: options.x,
        y: options.y - index * leading,
        align: options.align,
      }),
    );
    return options.y - (lines.length - 1) * leading;
  }

  /** One centred line holding the French and the Arabic, each in its own face (the Arabic part reads right to left). */
  bilingualLine(wording: Bilingual, y: number, style: TextStyle, size: number, ink: Ink): number {
    return this.text(`${wording.fr}   ·   ${wording.ar}`, {
      x: CENTER,
      y,
      align: 'center',
      direction: 'ltr',
      style,
      ink,
      maxWidth: CONTENT_WIDTH,
      size,
      minSize: size - 3,
    });
  }

  rule(x1: number, x2: number, y: number, ink: Ink = 'gold', thickness = 0.6): void {
    this.items.push({ kind: 'rule', x1, x2, y, thickness, ink });
  }
}

function header(page: Column, view: CertificateView): number {
  const schools = view.awardingInstitutions;
  // One school may spread its name wide; several share the width in equal columns.
  const columnWidth = schools.length === 1 ? 560 : Math.min(360, CONTENT_WIDTH / schools.length);
  const hasLogos = schools.some((school) => school.logoPng);
  let bottom: number = PAGE.height;
  schools.forEach((school, index) => {
    const center = CENTER + (index - (schools.length - 1) / 2) * columnWidth;
    let y = 552;
    if (hasLogos) {
      if (school.logoPng) page.items.push({ kind: 'logo', institution: index, x: center - 70, y: y - 40, width: 140, height: 40 });
      y -= 52;
    } else {
      y -= 12;
    }
    const block = { x: center, align: 'center' as const, maxWidth: columnWidth - 24, maxLines: 2, ink: 'navy' as const };
    y = page.text(school.name.fr, { ...block, y, direction: 'ltr', style: 'bold', size: 10, minSize: 8.5, leading: 1.25 });
    if (school.name.ar)
      y = page.text(school.name.ar, { ...block, y: y - 16, direction: 'rtl', style: 'bold', size: 10.5, minSize: 9, leading: 1.35 });
    bottom = Math.min(bottom, y);
  });
  if (schools.length > 1) {
    bottom -= 17;
    page.bilingualLine(CO_ACCREDITED, bottom, 'italic', 10, 'gold');
  }
  return bottom;
}

const halfWidth = (): number => CONTENT_WIDTH / 2 - 16;
export const codeColumnWidth = (view: CertificateView): number => (view.competencies.some((competency) => competency.code) ? 40 : 0);

/** Whether every competency fits on the first page, one line each at full size: otherwise none is cut, all go to the annex. */
export function competenciesFitOnPage(view: CertificateView, room: number, measure: MeasureText): boolean {
  const width = halfWidth() - codeColumnWidth(view);
  return (
    view.competencies.length <= room &&
    view.competencies.every(
      ({ label }) =>
        measure(label.fr, 'ltr', 'regular', COMPETENCY_SIZE) <= width &&
        (!label.ar || measure(label.ar, 'rtl', 'regular', COMPETENCY_SIZE) <= width),
    )
  );
}

function competencyRows(page: Column, view: CertificateView, top: number, bottom: number, measure: MeasureText): number {
  const all = view.competencies;
  if (!all.length) return top + 26;
  const rowHeight = 15;
  const room = Math.max(2, Math.min(MAX_COMPETENCY_ROWS, Math.floor((top - bottom - 14) / rowHeight)));
  const half = halfWidth();
  const codeWidth = codeColumnWidth(view);
  page.text(COMPETENCIES_HEADING.fr, {
    x: LEFT,
    y: top,
    align: 'left',
    direction: 'ltr',
    style: 'bold',
    size: 9.5,
    ink: 'gold',
    maxWidth: half,
  });
  page.text(COMPETENCIES_HEADING.ar, {
    x: RIGHT,
    y: top,
    align: 'right',
    direction: 'rtl',
    style: 'bold',
    size: 10,
    ink: 'gold',
    maxWidth: half,
  });
  page.rule(LEFT, RIGHT, top - 5);
  let y = top - 19;
  if (!competenciesFitOnPage(view, room, measure)) {
    const note = annexNoteText(all.length);
    page.text(note.fr, { x: LEFT, y, align: 'left', direction: 'ltr', style: 'italic', size: 9, ink: 'ink', maxWidth: half });
    page.text(note.ar, { x: RIGHT, y, align: 'right', direction: 'rtl', style: 'regular', size: 9, ink: 'ink', maxWidth: half });
    page.competenciesInAnnex = true;
    return y;
  }
  // French from the left margin, Arabic from the right one; the codes stand in their own column on each side.
  for (const { code, label } of all) {
    if (code) {
      page.text(code, { x: LEFT, y, align: 'left', direction: 'ltr', style: 'bold', size: 8, ink: 'gold', maxWidth: codeWidth - 4 });
      if (label.ar)
        page.text(code, { x: RIGHT, y, align: 'right', direction: 'ltr', style: 'bold', size: 8, ink: 'gold', maxWidth: codeWidth - 4 });
    }
    page.text(label.fr, {
      x: LEFT + codeWidth,
      y,
      align: 'left',
      direction: 'ltr',
      style: 'regular',
      size: COMPETENCY_SIZE,
      ink: 'ink',
      maxWidth: half - codeWidth,
    });
    if (label.ar)
      page.text(label.ar, {
        x: RIGHT - codeWidth,
        y,
        align: 'right',
        direction: 'rtl',
        style: 'regular',
        size: COMPETENCY_SIZE,
        ink: 'ink',
        maxWidth: half - codeWidth,
      });
    y -= rowHeight;
  }
  return y + rowHeight;
}

function footer(page: Column, view: CertificateView): void {
  const qrSize = 70;
  page.items.push({ kind: 'qr', x: CENTER - qrSize / 2, y: 62, size: qrSize });
  page.text(VERIFY_CAPTION.fr + '  ·  ' + VERIFY_CAPTION.ar, {
    x: CENTER,
    y: 52,
    align: 'center',
    direction: 'ltr',
    style: 'italic',
    size: 7,
    ink: 'muted',
    maxWidth: 260,
  });
  page.text(view.verificationUrl, {
    x: CENTER,
    y: 43,
    align: 'center',
    direction: 'ltr',
    style: 'regular',
    size: 6.5,
    ink: 'navy',
    maxWidth: 420,
    minSize: 5,
  });

  const side = CENTER - qrSize / 2 - 24 - LEFT;
  const issued = issuedOnText(view.issuedOn);
  const workload = workloadText(view);
  page.text(issued.fr, { x: LEFT, y: 114, align: 'left', direction: 'ltr', style: 'regular', size: 10.5, ink: 'ink', maxWidth: side });
  page.text(issued.ar, { x: RIGHT, y: 114, align: 'right', direction: 'rtl', style: 'regular', size: 11.5, ink: 'ink', maxWidth: side });
  if (workload) {
    page.text(workload.fr, {
      x: LEFT,
      y: 99,
      align: 'left',
      direction: 'ltr',
      style: 'regular',
      size: 9.5,
      ink: 'ink',
      maxWidth: side,
      minSize: 8,
    });
    page.text(workload.ar, {
      x: RIGHT,
      y: 99,
      align: 'right',
      direction: 'rtl',
      style: 'regular',
      size: 10.5,
      ink: 'ink',
      maxWidth: side,
      minSize: 9,
    });
  }
  page.text(`N° ${view.credentialId}`, {
    x: LEFT,
    y: 85,
    align: 'left',
    direction: 'ltr',
    style: 'regular',
    size: 7,
    ink: 'muted',
    maxWidth: side,
    minSize: 5.5,
  });
  page.text(DIGITAL_NOTE.fr, {
    x: LEFT,
    y: 62,
    align: 'left',
    direction: 'ltr',
    style: 'italic',
    size: 7,
    ink: 'muted',
    maxWidth: side,
    maxLines: 2,
    leading: 1.35,
  });
  page.text(DIGITAL_NOTE.ar, {
    x: RIGHT,
    y: 62,
    align: 'right',
    direction: 'rtl',
    style: 'regular',
    size: 8,
    ink: 'muted',
    maxWidth: side,
    maxLines: 2,
    leading: 1.4,
  });
}

/** The first page, and whether its competencies went to the annex. */
export function layoutFirstPage(view: CertificateView, measure: MeasureText): { items: LayoutItem[]; competenciesInAnnex: boolean } {
  if (!view.awardingInstitutions.length) throw new TypeError('A certificate needs at least one awarding institution.');
  const page = new Column(measure);
  const wording = wordingFor(view.achievementType);
  const centred = { x: CENTER, align: 'center' as const, ink: 'navy' as const, style: 'bold' as const };
  let y = header(page, view);
  const bodyStart = page.items.length;

  y = page.bilingualLine(wording.title, y - 34, 'bold', 25, 'navy');
  y = page.bilingualLine(wording.awardedTo, y - 22, 'italic', 10.5, 'muted');

  const { learnerName: name, achievementTitle: title } = view;
  y = page.text(name.fr, { ...centred, y: y - 28, direction: 'ltr', size: 24, minSize: 16, maxWidth: CONTENT_WIDTH - 80 });
  if (name.ar) y = page.text(name.ar, { ...centred, y: y - 27, direction: 'rtl', size: 20, minSize: 15, maxWidth: CONTENT_WIDTH - 80 });
  page.rule(CENTER - 150, CENTER + 150, y - 11, 'gold', 0.8);

  y = page.bilingualLine(wording.forCompleting, y - 27, 'italic', 10.5, 'muted');
  y = page.text(title.fr, { ...centred, y: y - 21, direction: 'ltr', size: 16, minSize: 12, maxWidth: CONTENT_WIDTH - 60, maxLines: 2 });
  if (title.ar)
    y = page.text(title.ar, {
      ...centred,
      y: y - 23,
      direction: 'rtl',
      size: 15,
      minSize: 11,
      maxWidth: CONTENT_WIDTH - 60,
      maxLines: 2,
      leading: 1.4,
    });

  const footerTop = FOOTER_TOP + (view.statusLine ? 24 : 0);
  const competenciesStart = page.items.length;
  const lastBaseline = competencyRows(page, view, y - 26, footerTop, measure);
  // Spare height (one school, few competencies) is shared by the three gaps around the title block and the list.
  const spare = Math.min(90, Math.max(0, lastBaseline - footerTop - 14));
  page.items.forEach((item, index) => {
    if (index < bodyStart || item.kind === 'logo' || item.kind === 'qr') return;
    const shift = index < competenciesStart ? spare / 3 : (spare * 2) / 3;
    item.y -= shift;
  });
  if (view.statusLine) {
    const status = view.statusLine.ar ? `${view.statusLine.fr}   ·   ${view.statusLine.ar}` : view.statusLine.fr;
    page.text(status, {
      x: CENTER,
      y: FOOTER_TOP + 10,
      align: 'center',
      direction: 'ltr',
      style: 'bold',
      size: 11,
      ink: 'alert',
      maxWidth: CONTENT_WIDTH,
    });
  }
  footer(page, view);
  return { items: page.items, competenciesInAnnex: page.competenciesInAnnex };
}
