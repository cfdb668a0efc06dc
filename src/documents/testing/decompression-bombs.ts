// Test helper: small certificate PDFs that inflate to a gibibyte, the way an anonymous upload could try to exhaust memory.
import { createDeflate, deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { listEmbeddedFiles } from '../pdf-attachments.js';
import { CREDENTIAL_ATTACHMENT_NAME } from '../certificate-renderer.js';

export const GIBIBYTE = 1024 ** 3;

/** `size` zero bytes deflated once, streamed so the test never holds them (level 1: fast, ~4.5 MB per GiB). */
export async function deflatedZeros(size = GIBIBYTE): Promise<Buffer> {
  const deflate = createDeflate({ level: 1 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = new Promise((resolve) => deflate.on('end', resolve));
  const chunk = Buffer.alloc(16 * 1024 * 1024);
  for (let written = 0; written < size; written += chunk.length) {
    if (!deflate.write(chunk.subarray(0, Math.min(chunk.length, size - written))))
      await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await ended;
  return Buffer.concat(out);
}

/** The certificate with its credential.json replaced by `contents` under the given stream dictionary entries. */
async function withAttachmentStream(pdf: Uint8Array, contents: Uint8Array, entries: Record<string, unknown>): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const file = listEmbeddedFiles(doc).find((candidate) => candidate.name === CREDENTIAL_ATTACHMENT_NAME);
  if (!file?.streamRef) throw new Error(`The PDF has no ${CREDENTIAL_ATTACHMENT_NAME} attachment.`);
  const dict = doc.context.obj({ Type: 'EmbeddedFile', Subtype: 'application/ld+json', ...entries } as unknown as Record<string, never>);
  doc.context.assign(file.streamRef, PDFRawStream.of(dict, contents));
  return doc.save({ useObjectStreams: true });
}

/** credential.json deflated twice: [/FlateDecode /FlateDecode], 1 GiB once both stages are undone. */
export async function doubleFlateBomb(pdf: Uint8Array, zeros: Buffer): Promise<Uint8Array> {
  return withAttachmentStream(pdf, deflateSync(zeros), { Filter: ['FlateDecode', 'FlateDecode'] });
}

/** credential.json as FlateDecode with a PNG predictor in DecodeParms. */
export async function predictorBomb(pdf: Uint8Array, zeros: Buffer): Promise<Uint8Array> {
  return withAttachmentStream(pdf, zeros, { Filter: 'FlateDecode', DecodeParms: { Predictor: 12, Columns: 5 } });
}

/** An object stream that inflates to 1 GiB: pdf-lib inflates every object stream while it loads the file. */
export async function objectStreamBomb(pdf: Uint8Array, zeros: Buffer): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const dict = doc.context.obj({ Type: 'ObjStm', N: 1, First: 4, Filter: 'FlateDecode', Length: zeros.length });
  const ref = doc.context.register(PDFRawStream.of(dict, zeros));
  // Referenced from the catalog so that no writer drops it as garbage.
  doc.catalog.set(PDFName.of('PieceInfo'), ref);
  return doc.save({ useObjectStreams: false });
}
