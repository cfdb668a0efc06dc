// The registry of page layouts a certificate PDF can declare. A layout, once released, is never changed: a new design
// is a new version here, so that the verifier can still redraw (and so recognise) every PDF already handed out.
import { layoutAnnex } from './certificate-annex.js';
import { type LayoutItem, type MeasureText, layoutFirstPage } from './certificate-layout.js';
import type { CertificateView } from './certificate-view.js';

/** Lays out every page of a certificate, first page first. */
export type CertificateLayout = (view: CertificateView, measure: MeasureText) => LayoutItem[][];

/**
 * Version "1" (before July 2026) cut long lists with "+ N autres" and declared nothing: those PDFs cannot be redrawn
 * and are reported as "cannot be checked against the credential". Version "2" puts the whole list on annex pages.
 */
const LAYOUTS: Readonly<Record<string, CertificateLayout>> = {
  '2': (view, measure) => {
    const first = layoutFirstPage(view, measure);
    return [first.items, ...(first.competenciesInAnnex ? layoutAnnex(view, measure) : [])];
  },
};

export const CURRENT_LAYOUT = '2';

export function layoutFor(version: string | undefined): CertificateLayout | undefined {
  return version !== undefined && Object.hasOwn(LAYOUTS, version) ? LAYOUTS[version] : undefined;
}
