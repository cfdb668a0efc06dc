// The annex pages: every competency of a certificate whose list does not fit on the first page, codes and labels in
// French and Arabic, wrapped rather than cut.
import {
  CENTER,
  CONTENT_WIDTH,
  Column,
  LEFT,
  type LayoutItem,
  type MeasureText,
  PAGE,
  RIGHT,
  codeColumnWidth,
} from './certificate-layout.js';
import type { CertificateView } from './certificate-view.js';
import { ANNEX_HEADING, pageNumberText } from './certificate-wording.js';

const TOP = PAGE.height - 64;
const BOTTOM = 70;
const SIZE = 9;
const LEADING = 1.3;
const ROW_GAP = 6;

function annexHeader(page: Column, view: CertificateView): number {
  page.text(ANNEX_HEADING.fr, {
    x: LEFT,
    y: TOP,
    align: 'left',
    direction: 'ltr',
    style: 'bold',
    size: 14,
    ink: 'navy',
    maxWidth: CONTENT_WIDTH / 2 - 16,
  });
  page.text(ANNEX_HEADING.ar, {
    x: RIGHT,
    y: TOP,
    align: 'right',
    direction: 'rtl',
    style: 'bold',
    size: 14,
    ink: 'navy',
    maxWidth: CONTENT_WIDTH / 2 - 16,
  });
  page.text(`${view.learnerName.fr} — N° ${view.credentialId}`, {
    x: CENTER,
    y: TOP - 20,
    align: 'center',
    direction: 'ltr',
    style: 'italic',
    size: 8.5,
    ink: 'muted',
    maxWidth: CONTENT_WIDTH,
    minSize: 6,
  });
  page.rule(LEFT, RIGHT, TOP - 28);
  return TOP - 46;
}

/** Annex pages (none when the first page lists the competencies); page numbers count the first page too. */
export function layoutAnnex(view: CertificateView, measure: MeasureText): LayoutItem[][] {
  const pages: Column[] = [];
  const half = CONTENT_WIDTH / 2 - 16;
  const codeWidth = codeColumnWidth(view);
  let page = new Column(measure);
  let y = annexHeader(page, view);
  pages.push(page);
  for (const { code, label } of view.competencies) {
    // Lay the row out on a scratch column first: it moves to a new page whole, never split across two.
    const draw = (target: Column, top: number): number => {
      const block = {
        y: top,
        style: 'regular' as const,
        size: SIZE,
        ink: 'ink' as const,
        maxWidth: half - codeWidth,
        maxLines: 12,
        leading: LEADING,
      };
      let last = target.text(label.fr, { ...block, x: LEFT + codeWidth, align: 'left', direction: 'ltr' });
      if (label.ar)
        last = Math.min(last, target.text(label.ar, { ...block, x: RIGHT - codeWidth, align: 'right', direction: 'rtl', leading: 1.45 }));
      if (code) {
        target.text(code, {
          x: LEFT,
          y: top,
          align: 'left',
          direction: 'ltr',
          style: 'bold',
          size: 8,
          ink: 'gold',
          maxWidth: codeWidth - 4,
        });
        if (label.ar)
          target.text(code, {
            x: RIGHT,
            y: top,
            align: 'right',
            direction: 'ltr',
            style: 'bold',
            size: 8,
            ink: 'gold',
            maxWidth: codeWidth - 4,
          });
      }
      return last;
    };
    const height = top(draw(new Column(measure), y), y);
    if (y - height < BOTTOM) {
      page = new Column(measure);
      y = annexHeader(page, view);
      pages.push(page);
    }
    y = draw(page, y) - SIZE * LEADING - ROW_GAP;
  }
  const total = pages.length + 1;
  pages.forEach((annexPage, index) =>
    annexPage.text(pageNumberText(index + 2, total), {
      x: CENTER,
      y: 40,
      align: 'center',
      direction: 'ltr',
      style: 'regular',
      size: 8,
      ink: 'muted',
      maxWidth: 100,
    }),
  );
  return pages.map((annexPage) => annexPage.items);
}

const top = (lastBaseline: number, firstBaseline: number): number => firstBaseline - lastBaseline;
