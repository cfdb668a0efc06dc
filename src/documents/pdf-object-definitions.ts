// Whether an uploaded PDF can be read only one way: each object defined once, where the cross-reference data says.
import { type PDFDict, type PDFDocument, PDFName } from 'pdf-lib';

/**
 * What our patched pdf-lib parser met (patches/pdf-lib+1.17.1.patch). pdf-lib reads a file front to back and keeps
 * the last definition of each object number, ignoring the cross-reference data; viewers follow the cross-reference
 * data from the last `startxref`. A file where the two differ shows viewers one page and our comparison another.
 */
interface ParseRecord {
  definitions: Array<
    | { objectNumber: number; generationNumber: number; offset: number; kind: 'object' | 'invalid' | 'objstm' | 'xref' }
    | { objectNumber: number; container: number; index: number }
  >;
  /** Entry types as in an XRef stream: 0 free, 1 at a byte offset, 2 in an object stream (offset: its number, generationNumber: the index). */
  xrefSections: Array<{
    kind: 'table' | 'stream';
    offset: number;
    entries: Array<{ objectNumber: number; type: 0 | 1 | 2; offset: number; generationNumber: number }>;
    dict?: PDFDict;
  }>;
  trailers: PDFDict[];
  startxrefs: Array<{ keywordOffset: number; offset: number }>;
}

export type DefinitionCheck = { single: true } | { single: false; where: string };

const STARTXREF = Buffer.from('startxref', 'latin1');

/**
 * Our renderer writes one cross-reference stream, no incremental update, every object once: anything else is refused
 * before the comparison, since what the comparison reads might not be what a viewer shows. Linear in the objects.
 */
export function checkSingleDefinitions(doc: PDFDocument, bytes: Uint8Array): DefinitionCheck {
  const record = (doc.context as unknown as { parseRecord?: ParseRecord }).parseRecord;
  if (!record) throw new Error('pdf-lib is not patched (patches/pdf-lib+1.17.1.patch): no parse record.');
  const refuse = (where: string): DefinitionCheck => ({ single: false, where });

  const byNumber = new Map<number, ParseRecord['definitions'][number]>();
  for (const definition of record.definitions) {
    if (byNumber.has(definition.objectNumber)) return refuse(`object ${definition.objectNumber} is defined more than once`);
    byNumber.set(definition.objectNumber, definition);
  }

  if (record.xrefSections.length !== 1) return refuse(`${record.xrefSections.length} cross-reference sections instead of one`);
  const [section] = record.xrefSections;
  const dicts = [...record.trailers, ...(section.dict ? [section.dict] : [])];
  if (dicts.some((dict) => dict.has(PDFName.of('Prev')) || dict.has(PDFName.of('XRefStm'))))
    return refuse('the cross-reference data points to an earlier section');
  // Viewers start from the last "startxref" in the file, wherever it stands (a comment included).
  const lastKeyword = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).lastIndexOf(STARTXREF);
  if (
    record.startxrefs.length !== 1 ||
    record.startxrefs[0].keywordOffset !== lastKeyword ||
    record.startxrefs[0].offset !== section.offset
  ) {
    return refuse('startxref does not point to the cross-reference section that was read');
  }

  const listed = new Set<number>();
  for (const entry of section.entries) {
    if (listed.has(entry.objectNumber)) return refuse(`object ${entry.objectNumber} is listed twice in the cross-reference data`);
    listed.add(entry.objectNumber);
    const taken = byNumber.get(entry.objectNumber);
    if (entry.type === 0) {
      if (taken) return refuse(`object ${entry.objectNumber} is defined but listed as free`);
      continue;
    }
    const same = !taken
      ? false
      : 'container' in taken
        ? entry.type === 2 && entry.offset === taken.container && entry.generationNumber === taken.index
        : entry.type === 1 && entry.offset === taken.offset && entry.generationNumber === taken.generationNumber;
    if (!same) return refuse(`the cross-reference data points to another object ${entry.objectNumber} than the one read`);
  }
  for (const objectNumber of byNumber.keys()) {
    if (!listed.has(objectNumber)) return refuse(`object ${objectNumber} is not in the cross-reference data`);
  }
  return { single: true };
}
