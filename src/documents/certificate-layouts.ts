// The registry of page layouts a certificate PDF can declare. A layout, once released, is never changed: a new design
// is a new version here, so that the verifier can still redraw (and so recognise) every PDF already handed out.
import { layoutAnnex } from './certificate-annex.js';
import { type LayoutItem, type MeasureText, layoutFirstPage } from './certificate-layout.js';
import type { CertificateView } from './certificate-view.js';

/** Lays out every page of a certificate, first page first. */
export type CertificateLayout = (view: CertificateView, measure: MeasureText) => LayoutItem[][];

/**
 * How Arabic reaches the text layer (see arabic-text-layer.ts). `actual-text`: each run's glyphs in visual order under
 * an /ActualText span, which poppler reads letter-reversed. `glyphs`: no ActualText; the glyphs themselves carry the
 * text (ToUnicode in the order extractors expect) and the runs of a line are drawn in reading order.
 */
export type ArabicTextLayer = 'actual-text' | 'glyphs';

export interface LayoutVersion {
  pages: CertificateLayout;
  arabicText: ArabicTextLayer;
}

const pagesV2: CertificateLayout = (view, measure) => {
  const first = layoutFirstPage(view, measure);
  return [first.items, ...(first.competenciesInAnnex ? layoutAnnex(view, measure) : [])];
};

/**
 * Version "1" (before July 2026) cut long lists with "+ N autres" and declared nothing: those PDFs cannot be redrawn
 * and are reported as "cannot be checked against the credential". Version "2" puts the whole list on annex pages.
 * Version "3" (December 2026) draws the same pages with a text layer that extractors read in reading order.
 */
const LAYOUTS: Readonly<Record<string, LayoutVersion>> = {
  '2': { pages: pagesV2, arabicText: 'actual-text' },
  '3': { pages: pagesV2, arabicText: 'glyphs' },
};

export const CURRENT_LAYOUT = '3';

export function layoutFor(version: string | undefined): LayoutVersion | undefined {
  return version !== undefined && Object.hasOwn(LAYOUTS, version) ? LAYOUTS[version] : undefined;
}
