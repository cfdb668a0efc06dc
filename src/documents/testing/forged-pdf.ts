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
  const annotation = doc.context.register(
    doc.context.obj({
      Type: 'Annot',
      Subtype: 'FreeText',
      Rect: [300, 240, 560, 270],
      Contents: PDFString.of('MENTION TRES BIEN 19/20'),
      DA: PDFString.of('/Helv 16 Tf 0 g'),
    }),
  );
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
  const head = Buffer.from(
    `\n${ref.objectNumber} ${ref.generationNumber} obj\n<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n`,
    'latin1',
  );
  const objectOffset = pdf.length + 1;
  const body = Buffer.concat([head, content, Buffer.from('\nendstream\nendobj\n', 'latin1')]);
  const xrefOffset = pdf.length + body.length;
  const xref =
    `xref\n0 1\n0000000000 65535 f \n${ref.objectNumber} 1\n${String(objectOffset).padStart(10, '0')} 00000 n \n` +
    `trailer\n<< /Size ${doc.context.largestObjectNumber + 1} /Root ${root.toString()} /Info ${info.toString()} /Prev ${previous} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.concat([Buffer.from(pdf), body, Buffer.from(xref, 'latin1')]);
}

/** One row of a cross-reference stream: type 0 free, 1 at a byte offset, 2 in an object stream (number, index). */
interface XrefRow {
  type: 0 | 1 | 2;
  field2: number;
  field3: number;
}
interface Shadowing {
  /** Bytes put right after the header, before every genuine object; `nextNumber` is free for one forged object. */
  early?: (offset: number, nextNumber: number) => string | Buffer;
  /** Bytes appended after the genuine objects. */
  late?: (offset: number, nextNumber: number) => string | Buffer;
  /** The cross-reference rows to change once the bytes are placed. */
  rows: (placed: { early: number; late: number; nextNumber: number }) => Map<number, XrefRow>;
}

/**
 * Rewrites a genuine certificate with bytes added before and after its objects and one new cross-reference stream, as
 * a forger with a hex editor would: the genuine objects stay (pdf-lib reads them), the cross-reference data, which
 * viewers follow, points where `rows` says. No incremental update: one xref stream, one startxref.
 */
async function shadow(pdf: Uint8Array, forgery: Shadowing): Promise<Uint8Array> {
  const doc = await load(pdf);
  const record = (
    doc.context as unknown as {
      parseRecord: {
        definitions: { offset?: number }[];
        xrefSections: { offset: number; entries: { type: 0 | 1 | 2; offset: number; generationNumber: number }[] }[];
      };
    }
  ).parseRecord;
  const [section] = record.xrefSections;
  const headerEnd = Math.min(...record.definitions.flatMap((definition) => (definition.offset === undefined ? [] : [definition.offset])));
  const original = Buffer.from(pdf);
  const nextNumber = section.entries.length;
  const asBytes = (part: string | Buffer | undefined): Buffer =>
    typeof part === 'string' ? Buffer.from(part, 'latin1') : (part ?? Buffer.alloc(0));
  const early = asBytes(forgery.early?.(headerEnd, nextNumber));
  const body = Buffer.concat([original.subarray(0, headerEnd), early, original.subarray(headerEnd, section.offset)]);
  const late = asBytes(forgery.late?.(body.length, nextNumber));
  const rows: XrefRow[] = section.entries.map((entry) => ({
    type: entry.type,
    field2: entry.type === 1 ? entry.offset + early.length : entry.offset,
    field3: entry.generationNumber,
  }));
  rows.push({ type: 0, field2: 0, field3: 0 }, { type: 0, field2: 0, field3: 0 }); // room for one forged object and the new xref stream
  for (const [objectNumber, row] of forgery.rows({ early: headerEnd, late: body.length, nextNumber })) rows[objectNumber] = row;
  const xrefNumber = rows.length - 1;
  const xrefOffset = body.length + late.length;
  rows[xrefNumber] = { type: 1, field2: xrefOffset, field3: 0 };
  const table = Buffer.alloc(rows.length * 7);
  rows.forEach((row, index) => {
    table.writeUInt8(row.type, index * 7);
    table.writeUInt32BE(row.field2, index * 7 + 1);
    table.writeUInt16BE(row.field3, index * 7 + 5);
  });
  const data = deflateSync(table);
  const { Root, Info, ID } = doc.context.trailerInfo;
  const xref = Buffer.concat([
    Buffer.from(
      `${xrefNumber} 0 obj\n<< /Type /XRef /Size ${rows.length} /W [ 1 4 2 ] /Index [ 0 ${rows.length} ] /Root ${String(Root)} /Info ${String(Info)} /ID ${String(ID)} /Filter /FlateDecode /Length ${data.length} >>\nstream\n`,
      'latin1',
    ),
    data,
    Buffer.from(`\nendstream\nendobj\nstartxref\n${xrefOffset}\n%%EOF\n`, 'latin1'),
  ]);
  return Buffer.concat([body, late, xref]);
}

/** The genuine first page's content plus a box and a "19/20" drawn in it, as an indirect stream object. */
async function forgedContent(pdf: Uint8Array): Promise<{ ref: PDFRef; object: (objectNumber: number) => Buffer }> {
  const doc = await load(pdf);
  const ref = firstContentRef(doc);
  const content = deflateSync(
    Buffer.concat([inflateSync((doc.context.lookup(ref) as PDFRawStream).contents), Buffer.from('\nq 0.8 0 0 rg 300 240 240 30 re f Q\n')]),
  );
  return {
    ref,
    object: (objectNumber) =>
      Buffer.concat([
        Buffer.from(`${objectNumber} 0 obj\n<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'),
        content,
        Buffer.from('\nendstream\nendobj\n', 'latin1'),
      ]),
  };
}

/**
 * The first page's content stream defined twice: a forged one first, the genuine one after it. pdf-lib keeps the last
 * definition (the genuine page); the cross-reference data, which viewers follow, points to the forged one.
 */
export async function shadowedContentStream(pdf: Uint8Array): Promise<Uint8Array> {
  const { ref, object } = await forgedContent(pdf);
  return shadow(pdf, {
    early: () => object(ref.objectNumber),
    rows: ({ early }) => new Map([[ref.objectNumber, { type: 1, field2: early, field3: 0 }]]),
  });
}

/**
 * The first page's dictionary, which our PDFs keep in an object stream, defined again in the body with a forged
 * content stream. pdf-lib reads the body copy first and the object stream's after it, so it keeps the genuine page;
 * the cross-reference data points viewers to the body copy.
 */
export async function pageShadowedOutsideObjectStream(pdf: Uint8Array): Promise<Uint8Array> {
  const doc = await load(pdf);
  const page = doc.getPage(0).ref;
  const { object } = await forgedContent(pdf);
  const pageDict = (contentNumber: number): string => {
    const forged = doc.getPage(0).node.clone();
    forged.set(PDFName.of('Contents'), PDFRef.of(contentNumber));
    return `${page.objectNumber} 0 obj\n${forged.toString()}\nendobj\n`;
  };
  return shadow(pdf, {
    early: (_offset, nextNumber) => pageDict(nextNumber),
    late: (_offset, nextNumber) => object(nextNumber),
    rows: ({ early, late, nextNumber }) =>
      new Map([
        [page.objectNumber, { type: 1, field2: early, field3: 0 }],
        [nextNumber, { type: 1, field2: late, field3: 0 }],
      ]),
  });
}

/**
 * Every object defined once, but the cross-reference entry of the first page's content stream points into the data of
 * an added stream, where a forged content stream is written out: pdf-lib never parses it, viewers read it there.
 */
export async function contentStreamHiddenInStreamData(pdf: Uint8Array): Promise<Uint8Array> {
  const { ref, object } = await forgedContent(pdf);
  const hidden = object(ref.objectNumber);
  const head = (objectNumber: number): string => `${objectNumber} 0 obj\n<< /Length ${hidden.length} >>\nstream\n`;
  return shadow(pdf, {
    late: (_offset, nextNumber) =>
      Buffer.concat([Buffer.from(head(nextNumber), 'latin1'), hidden, Buffer.from('\nendstream\nendobj\n', 'latin1')]),
    rows: ({ late, nextNumber }) =>
      new Map([
        [nextNumber, { type: 1, field2: late, field3: 0 }],
        [ref.objectNumber, { type: 1, field2: late + head(nextNumber).length, field3: 0 }],
      ]),
  });
}
