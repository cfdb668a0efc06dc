// Finds the files embedded in a loaded PDF: the EmbeddedFiles name tree and FileAttachment annotations.
import { PDFArray, PDFDict, type PDFDocument, PDFHexString, PDFName, type PDFObject, PDFRawStream, PDFRef, PDFString } from 'pdf-lib';
import { DecodeBudget } from './pdf-decoding.js';

export interface EmbeddedFile {
  name: string;
  /** The stream's /Subtype, e.g. "application/ld+json", when the file declares one. */
  mimeType?: string;
  stream: PDFRawStream;
  /** Where the stream lives, so that a test helper can replace it. */
  streamRef?: PDFRef;
}

// Name trees are shallow in practice; the bounds stop a crafted file from looping or recursing without end.
const MAX_TREE_DEPTH = 32;
const MAX_FILES = 1000;

const textOf = (value: PDFObject | undefined): string | undefined =>
  value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;

function fileFromSpec(doc: PDFDocument, spec: PDFObject | undefined, fallbackName: string | undefined): EmbeddedFile | undefined {
  const dict = spec instanceof PDFRef ? doc.context.lookup(spec) : spec;
  if (!(dict instanceof PDFDict)) return undefined;
  const ef = doc.context.lookup(dict.get(PDFName.of('EF')));
  if (!(ef instanceof PDFDict)) return undefined;
  const streamEntry = ef.get(PDFName.of('UF')) ?? ef.get(PDFName.of('F'));
  const stream = streamEntry instanceof PDFRef ? doc.context.lookup(streamEntry) : streamEntry;
  if (!(stream instanceof PDFRawStream)) return undefined;
  const subtype = stream.dict.get(PDFName.of('Subtype'));
  return {
    name: textOf(dict.get(PDFName.of('UF'))) ?? textOf(dict.get(PDFName.of('F'))) ?? fallbackName ?? '',
    ...(subtype instanceof PDFName ? { mimeType: subtype.decodeText() } : {}),
    stream,
    ...(streamEntry instanceof PDFRef ? { streamRef: streamEntry } : {}),
  };
}

function walkNameTree(doc: PDFDocument, node: PDFObject | undefined, depth: number, seen: Set<PDFObject>, found: EmbeddedFile[]): void {
  const dict = node instanceof PDFRef ? doc.context.lookup(node) : node;
  if (!(dict instanceof PDFDict) || seen.has(dict) || depth > MAX_TREE_DEPTH || found.length >= MAX_FILES) return;
  seen.add(dict);
  const names = doc.context.lookup(dict.get(PDFName.of('Names')));
  if (names instanceof PDFArray) {
    for (let index = 0; index + 1 < names.size() && found.length < MAX_FILES; index += 2) {
      const file = fileFromSpec(doc, names.get(index + 1), textOf(names.get(index)));
      if (file) found.push(file);
    }
  }
  const kids = doc.context.lookup(dict.get(PDFName.of('Kids')));
  if (kids instanceof PDFArray)
    for (let index = 0; index < kids.size(); index += 1) walkNameTree(doc, kids.get(index), depth + 1, seen, found);
}

export function listEmbeddedFiles(doc: PDFDocument): EmbeddedFile[] {
  const found: EmbeddedFile[] = [];
  const names = doc.context.lookup(doc.catalog.get(PDFName.of('Names')));
  if (names instanceof PDFDict) walkNameTree(doc, names.get(PDFName.of('EmbeddedFiles')), 0, new Set(), found);
  for (const page of doc.getPages()) {
    const annotations = doc.context.lookup(page.node.get(PDFName.of('Annots')));
    if (!(annotations instanceof PDFArray)) continue;
    for (let index = 0; index < annotations.size() && found.length < MAX_FILES; index += 1) {
      const annotation = doc.context.lookup(annotations.get(index));
      if (!(annotation instanceof PDFDict) || annotation.get(PDFName.of('Subtype')) !== PDFName.of('FileAttachment')) continue;
      const file = fileFromSpec(doc, annotation.get(PDFName.of('FS')), undefined);
      if (file && !found.some((known) => known.stream === file.stream)) found.push(file);
    }
  }
  return found;
}

/**
 * The file's bytes: no filter, or one FlateDecode stage inflated by Node's zlib with a ceiling, so that a small
 * "zip bomb" attachment cannot blow up in memory. Anything else (a chain such as [/FlateDecode /FlateDecode], a
 * predictor in DecodeParms) is refused rather than handed to pdf-lib's decoder, which has no ceiling.
 */
export function readEmbeddedFile(file: EmbeddedFile, maxBytes: number, budget: DecodeBudget = new DecodeBudget(maxBytes)): Uint8Array {
  return budget.inflate(file.stream, maxBytes);
}
