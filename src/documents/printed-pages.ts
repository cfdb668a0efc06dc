// Compares what two PDFs draw and do, object by object: an uploaded certificate against the one we redraw from its
// verified credential. Structural, not byte for byte: references are followed and streams compared decoded, so the
// file's layout (object numbers, an incremental update) does not matter, only the final state pdf-lib loads.
import {
  PDFArray,
  PDFBool,
  PDFDict,
  type PDFDocument,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  type PDFObject,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
} from 'pdf-lib';
import type { DecodeBudget } from './pdf-decoding.js';

export type PageComparison = { same: true } | { same: false; where: string };

/** A certificate has a few hundred objects; this bounds the walk of a crafted file. */
const MAX_NODES = 50_000;
/** How a stream is encoded is not what it draws. */
const ENCODING_KEYS = new Set(['Length', 'Filter', 'DecodeParms', 'DL']);
/**
 * Nothing is skipped, not even a page's /Parent: a viewer inherits /Resources, /MediaBox and /Rotate through it, and
 * pairs are followed once, so the back pointer costs nothing.
 */
const SKIPPED_KEYS = new Set<string>();

class Difference extends Error {}

class Walk {
  private nodes = 0;
  private readonly paired = new Set<string>();

  constructor(
    private readonly uploaded: PDFDocument,
    private readonly expected: PDFDocument,
    private readonly budget: DecodeBudget,
  ) {}

  same(a: PDFObject | undefined, b: PDFObject | undefined, where: string): void {
    if (++this.nodes > MAX_NODES) throw new Difference(`${where}: more than ${MAX_NODES} objects`);
    if (a instanceof PDFRef && b instanceof PDFRef) {
      // Followed once per pair: shared resources and cycles (an annotation's /P) are compared a single time.
      const key = `${a.tag}|${b.tag}`;
      if (this.paired.has(key)) return;
      this.paired.add(key);
    }
    const left = a instanceof PDFRef ? this.uploaded.context.lookup(a) : a;
    const right = b instanceof PDFRef ? this.expected.context.lookup(b) : b;
    if (left === undefined || right === undefined) {
      if (left !== right) throw new Difference(`${where}: ${left === undefined ? 'missing' : 'added'}`);
      return;
    }
    if (right instanceof PDFStream) return this.sameStream(left, right as PDFRawStream, where);
    if (right instanceof PDFDict) return this.sameDict(left, right, where, SKIPPED_KEYS);
    if (right instanceof PDFArray) {
      if (!(left instanceof PDFArray) || left.size() !== right.size()) throw new Difference(`${where}: a different array`);
      for (let index = 0; index < right.size(); index += 1) this.same(left.get(index), right.get(index), `${where}[${index}]`);
      return;
    }
    if (right instanceof PDFName || right instanceof PDFBool || right === PDFNull) {
      if (left !== right) throw new Difference(`${where}: ${String(left)} instead of ${String(right)}`);
      return;
    }
    if (right instanceof PDFNumber) {
      if (!(left instanceof PDFNumber) || left.asNumber() !== right.asNumber())
        throw new Difference(`${where}: ${String(left)} instead of ${String(right)}`);
      return;
    }
    if (right instanceof PDFString || right instanceof PDFHexString) {
      if (!(left instanceof PDFString || left instanceof PDFHexString) || !equalBytes(left.asBytes(), right.asBytes()))
        throw new Difference(`${where}: a different string`);
      return;
    }
    throw new Difference(`${where}: an object of an unexpected kind`);
  }

  sameDict(left: PDFObject, right: PDFDict, where: string, skipped: Set<string>): void {
    if (!(left instanceof PDFDict) || left instanceof PDFStream) throw new Difference(`${where}: not a dictionary`);
    const keys = (dict: PDFDict): string[] =>
      dict
        .keys()
        .map((key) => key.decodeText())
        .filter((key) => !skipped.has(key))
        .sort();
    const [ours, theirs] = [keys(right), keys(left)];
    const extra = theirs.filter((key) => !ours.includes(key));
    const missing = ours.filter((key) => !theirs.includes(key));
    if (extra.length || missing.length)
      throw new Difference(
        `${where}: ${extra.length ? `added /${extra.join(' /')}` : ''}${extra.length && missing.length ? ', ' : ''}${missing.length ? `missing /${missing.join(' /')}` : ''}`,
      );
    for (const key of ours) this.same(left.get(PDFName.of(key)), right.get(PDFName.of(key)), `${where}/${key}`);
  }

  private sameStream(left: PDFObject, right: PDFRawStream, where: string): void {
    if (!(left instanceof PDFRawStream)) throw new Difference(`${where}: not a stream`);
    this.sameDict(left.dict, right.dict, where, new Set([...SKIPPED_KEYS, ...ENCODING_KEYS]));
    const encodedAlike = ['Filter', 'DecodeParms'].every(
      (key) => String(left.dict.get(PDFName.of(key))) === String(right.dict.get(PDFName.of(key))),
    );
    if (encodedAlike && equalBytes(left.contents, right.contents)) return;
    // Encoded differently: compare what they decode to, within the upload's budget.
    let decoded: [Uint8Array, Uint8Array];
    try {
      decoded = [this.budget.inflate(left), this.budget.inflate(right)];
    } catch (error) {
      throw new Difference(`${where}: ${(error as Error).message}`);
    }
    if (!equalBytes(...decoded)) throw new Difference(`${where}: different content`);
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return (
    a.length === b.length &&
    Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.length), Buffer.from(b.buffer, b.byteOffset, b.length)) === 0
  );
}

/**
 * Whether `uploaded` draws and does exactly what `expected` does: the same pages (boxes, rotation, content streams,
 * every resource, annotations and their appearances), the same attachments, and no document-level action, form,
 * script or optional-content configuration that `expected` lacks: the whole catalog and the Info dictionary are
 * compared, and an encrypted upload is never the same.
 */
export function comparePrintedPdf(uploaded: PDFDocument, expected: PDFDocument, budget: DecodeBudget): PageComparison {
  try {
    if (uploaded.context.trailerInfo.Encrypt) throw new Difference('the file is encrypted');
    if (uploaded.getPageCount() !== expected.getPageCount())
      throw new Difference(`${uploaded.getPageCount()} pages instead of ${expected.getPageCount()}`);
    const walk = new Walk(uploaded, expected, budget);
    const [theirs, ours] = [uploaded.getPages(), expected.getPages()];
    ours.forEach((page, index) => walk.same(theirs[index].ref, page.ref, `page ${index + 1}`));
    walk.same(uploaded.context.trailerInfo.Root, expected.context.trailerInfo.Root, 'catalog');
    walk.same(uploaded.context.trailerInfo.Info, expected.context.trailerInfo.Info, 'document information');
    return { same: true };
  } catch (error) {
    if (error instanceof Difference) return { same: false, where: error.message };
    throw error;
  }
}
