// Test helper: the forgeries an employer might receive, each made from a genuine certificate PDF with pdf-lib.
import { deflateSync, inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFRawStream, PDFRef, PDFString, StandardFonts, rgb } from 'pdf-lib';
import { LAYOUT_KEY } from '../certificate-renderer.js';

const load = (pdf: Uint8Array): Promise<PDFDocument> => PDFDocument.load(pdf, { updateMetadata: false });

/** Text drawn over the genuine first page. */
export async function overlayText(pdf: Uint8Array, text = 'MENTION TRES BIEN 19/20'): Promise<Uint8Array> {
  const doc = await load(pdf);
  const font = await doc.embedFont(StandardFonts.HelveticaBold);
  doc.getPage(0).drawText(text, { x: 300, y: 250, size: 18, font, color: rgb(0.1, 0.2, 0.35) });
  return doc.save();
}

function firstContentRef(doc: PDFDocument): PDFRef {
  const contents = doc.getPage(0).node.get(PDFName.of('Contents'));
  const ref = contents instanceof PDFArray ? contents.get(0) : contents;
  if (!(ref instanceof PDFRef)) throw new Error('The first page has no content stream reference.');
  return ref;
}

/** The first page's content stream with one more drawing operator (a filled rectangle), re-deflated in place. */
export async function editContentStream(pdf: Uint8Array): Promise<Uint8Array> {
  const doc = await load(pdf);
  const ref = firstContentRef(doc);
  const stream = doc.context.lookup(ref) as PDFRawStream;
  const edited = Buffer.concat([inflateSync(stream.contents), Buffer.from('\nq 1 1 1 rg 300 240 240 30 re f Q\n')]);
  doc.context.assign(ref, doc.context.flateStream(edited));
  return doc.save();
}

/** The first page replaced by the first page of `other`. */
export async function replacePage(pdf: Uint8Array, other: Uint8Array): Promise<Uint8Array> {
  const doc = await load(pdf);
  const [page] = await doc.copyPages(await load(other), [0]);
  doc.removePage(0);
  doc.insertPage(0, page);
  return doc.save();
}

export async function addPage(pdf: Uint8Array): Promise<Uint8Array> {
  const doc = await load(pdf);
  doc.addPage();
  return doc.save();
}

export async function addFreeTextAnnotation(pdf: Uint8Array): Promise<Uint8Array> {
  const doc = await load(pdf);
  const annotation = doc.context.register(doc.context.obj({
    Type: 'Annot', Subtype: 'FreeText', Rect: [300, 240, 560, 270], Contents: PDFString.of('MENTION TRES BIEN 19/20'), DA: PDFString.of('/Helv 16 Tf 0 g'),
  }));
  doc.getPage(0).node.set(PDFName.of('Annots'), doc.context.obj([annotation]));
  return doc.save();
}

export async function stripLayoutMarker(pdf: Uint8Array): Promise<Uint8Array> {
  const doc = await load(pdf);
  doc.context.lookup(doc.context.trailerInfo.Info, PDFDict).delete(PDFName.of(LAYOUT_KEY));
  return doc.save();
}

/**
 * An incremental update written by hand, as an editor saving in place does: the original bytes untouched, then a new
 * version of the first page's content stream (the original plus a rectangle), a cross-reference section and a trailer
 * pointing back to the previous one.
 */
export async function incrementalUpdate(pdf: Uint8Array): Promise<Uint8Array> {
  const doc = await load(pdf);
  const ref = firstContentRef(doc);
  const original = inflateSync((doc.context.lookup(ref) as PDFRawStream).contents);
  const content = deflateSync(Buffer.concat([original, Buffer.from('\nq 0.8 0 0 rg 300 240 240 30 re f Q\n')]));
  const text = Buffer.from(pdf).toString('latin1');
  const previous = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  const root = doc.context.trailerInfo.Root as PDFRef;
  const info = doc.context.trailerInfo.Info as PDFRef;
  const head = Buffer.from(`\n${ref.objectNumber} ${ref.generationNumber} obj\n<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n`, 'latin1');
  const objectOffset = pdf.length + 1;
  const body = Buffer.concat([head, content, Buffer.from('\nendstream\nendobj\n', 'latin1')]);
  const xrefOffset = pdf.length + body.length;
  const xref = `xref\n0 1\n0000000000 65535 f \n${ref.objectNumber} 1\n${String(objectOffset).padStart(10, '0')} 00000 n \n` +
    `trailer\n<< /Size ${doc.context.largestObjectNumber + 1} /Root ${root.toString()} /Info ${info.toString()} /Prev ${previous} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.concat([Buffer.from(pdf), body, Buffer.from(xref, 'latin1')]);
}
