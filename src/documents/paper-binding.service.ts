// Binds the printed pages to the signed credential: an uploaded PDF is ours, unaltered, only if redrawing it from its
// verified credential and its paper snapshot gives the same pages, attachments and document-level entries.
import { Injectable } from '@nestjs/common';
import { PDFDict, type PDFDocument, PDFName, PDFString } from 'pdf-lib';
import type { JsonObject } from '../credentials/vc/issuer.js';
import { layoutFor } from './certificate-layouts.js';
import { CertificatePaperRepository } from './certificate-paper.repository.js';
import { displayExtras } from './certificate-pdf.service.js';
import { CertificateRenderer, LAYOUT_KEY, STATUS_LINE_KEY } from './certificate-renderer.js';
import { certificateViewFromCredential } from './certificate-view.js';
import { STATUS_LINES, type StatusVariant } from './certificate-wording.js';
import { DecodeBudget, DecodeLimitError } from './pdf-decoding.js';
import { checkSingleDefinitions } from './pdf-object-definitions.js';
import { comparePrintedPdf } from './printed-pages.js';

export type PaperVerdict =
  | { bound: true }
  | {
      bound: false;
      /** altered: not what we print; unknown_layout: no or unknown layout version, cannot be checked;
       * not_ours: no paper snapshot for this credential (never printed by us); too_costly: over the decode budget;
       * ambiguous: an object defined twice, or not where the cross-reference data says (viewers may show other pages). */
      code: 'altered' | 'unknown_layout' | 'not_ours' | 'too_costly' | 'ambiguous';
      message: string;
    };

const UUID_URN = /^urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

function infoText(doc: PDFDocument, key: string): string | undefined {
  const info = doc.context.lookup(doc.context.trailerInfo.Info);
  const value = info instanceof PDFDict ? info.lookup(PDFName.of(key)) : undefined;
  return value instanceof PDFString ? value.asString() : undefined;
}

@Injectable()
export class PaperBindingService {
  constructor(
    private readonly papers: CertificatePaperRepository,
    private readonly renderer: CertificateRenderer,
  ) {}

  /** `credential` must be the one extracted from `pdfBytes` and already verified: it is redrawn as it is. */
  async checkPaper({ pdfBytes, credential }: { pdfBytes: Uint8Array; credential: JsonObject }): Promise<PaperVerdict> {
    if (!pdfBytes) throw new TypeError('"pdfBytes" is required.');
    if (!credential) throw new TypeError('"credential" is required.');
    const budget = new DecodeBudget();
    let uploaded: PDFDocument;
    try {
      uploaded = await budget.load(pdfBytes);
    } catch (error) {
      if (error instanceof DecodeLimitError) return { bound: false, code: 'too_costly', message: error.message };
      return { bound: false, code: 'altered', message: `The PDF cannot be read: ${(error as Error).message}` };
    }
    // Before anything is read from it: what pdf-lib loaded must be what a viewer shows.
    const definitions = checkSingleDefinitions(uploaded, pdfBytes);
    if (!definitions.single)
      return { bound: false, code: 'ambiguous', message: `The PDF can be read in more than one way: ${definitions.where}.` };
    const layout = infoText(uploaded, LAYOUT_KEY);
    if (!layout || !layoutFor(layout)) {
      return {
        bound: false,
        code: 'unknown_layout',
        message: layout
          ? `The PDF declares layout "${layout}", which we do not know.`
          : 'The PDF declares no layout version: its pages cannot be checked against the credential.',
      };
    }
    const declaredStatus = infoText(uploaded, STATUS_LINE_KEY);
    if (declaredStatus !== undefined && !Object.hasOwn(STATUS_LINES, declaredStatus))
      return { bound: false, code: 'altered', message: `The PDF declares a status line "${declaredStatus}" we never print.` };

    const id = typeof credential.id === 'string' ? UUID_URN.exec(credential.id)?.[1] : undefined;
    const snapshot = id ? await this.papers.find(id.toLowerCase()) : null;
    if (!snapshot)
      return { bound: false, code: 'not_ours', message: 'We never printed this credential: its pages cannot be checked against it.' };

    const view = certificateViewFromCredential(credential, displayExtras(snapshot, declaredStatus as StatusVariant | undefined));
    const expected = await new DecodeBudget(Number.POSITIVE_INFINITY).load(await this.renderer.render({ view, credential, layout }));
    const comparison = comparePrintedPdf(uploaded, expected, budget);
    return comparison.same
      ? { bound: true }
      : { bound: false, code: 'altered', message: `The printed pages differ from the credential: ${comparison.where}.` };
  }
}
