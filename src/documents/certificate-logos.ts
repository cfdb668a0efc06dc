// Institution logos (uploaded PNG): checked at upload, decoded and compressed once, then copied into each certificate
// as ready streams.
import { crc32, inflateSync } from 'node:zlib';
import { PDFContext, PDFDict, PDFName, PDFRawStream, type PDFRef, PngEmbedder } from 'pdf-lib';

/**
 * A logo prints in a 140 × 40 pt box: 2000 px a side is far more than it shows. The bound is read from the header
 * before anything is inflated: a 300 kB PNG that decompresses to 12000 × 12000 cost 1.7 GB and 11–22 s per PDF.
 */
export const LOGO_LIMITS = { maxBytes: 512 * 1024, maxWidth: 2000, maxHeight: 2000 } as const;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Channels per colour type, and the bit depths PNG allows for it. */
const COLOUR_TYPES = new Map<number, { channels: number; depths: number[] }>([
  [0, { channels: 1, depths: [1, 2, 4, 8, 16] }],
  [2, { channels: 3, depths: [8, 16] }],
  [3, { channels: 1, depths: [1, 2, 4, 8] }],
  [4, { channels: 2, depths: [8, 16] }],
  [6, { channels: 4, depths: [8, 16] }],
]);
// Adam7 passes: [x0, y0, dx, dy].
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  interlaced: boolean;
}

/** Why a file cannot be a school's logo (not a PNG, too large, corrupt), or undefined when it can. */
export async function logoProblem(file: Uint8Array): Promise<string | undefined> {
  if (file.length > LOGO_LIMITS.maxBytes) return `must be at most ${LOGO_LIMITS.maxBytes / 1024} kB`;
  const problem = pngProblem(file);
  if (problem) return problem;
  try {
    await decodeLogo(file);
  } catch (error) {
    return `is not a readable PNG image (${(error as Error).message.slice(0, 100)})`;
  }
  return undefined;
}

/**
 * Checks a PNG the way a decoder would trust it, for a bounded cost: signature, a valid IHDR within LOGO_LIMITS,
 * every chunk whole with its CRC, and image data that inflates (checksum included) to exactly the size the header
 * announces, never more. pdf-lib's decoder is lenient: a truncated file made it loop, a corrupt one drew noise.
 */
function pngProblem(file: Uint8Array): string | undefined {
  const png = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (png.length < 8 || !png.subarray(0, 8).equals(PNG_SIGNATURE)) return 'must be a PNG image';
  let header: PngHeader | undefined;
  const imageData: Buffer[] = [];
  for (let offset = 8; offset + 12 <= png.length;) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (end > png.length) return `is not a whole PNG image (chunk ${JSON.stringify(type)} is cut short)`;
    if (crc32(png.subarray(offset + 4, offset + 8 + length)) !== png.readUInt32BE(offset + 8 + length))
      return `is a corrupt PNG image (chunk ${JSON.stringify(type)} fails its CRC)`;
    if (!header) {
      if (type !== 'IHDR' || length !== 13) return 'is a corrupt PNG image (no IHDR header)';
      header = {
        width: png.readUInt32BE(16),
        height: png.readUInt32BE(20),
        bitDepth: png[24],
        colourType: png[25],
        interlaced: png[28] === 1,
      };
      const problem = headerProblem(header);
      if (problem) return problem;
    }
    if (type === 'IDAT') imageData.push(png.subarray(offset + 8, offset + 8 + length));
    if (type === 'IEND') return imageDataProblem(header, Buffer.concat(imageData));
    offset = end;
  }
  return 'is not a whole PNG image (no IEND)';
}

function headerProblem({ width, height, bitDepth, colourType }: PngHeader): string | undefined {
  if (!width || !height || !COLOUR_TYPES.get(colourType)?.depths.includes(bitDepth)) return 'is a corrupt PNG image (invalid IHDR header)';
  if (width > LOGO_LIMITS.maxWidth || height > LOGO_LIMITS.maxHeight) {
    return `is ${width} × ${height} pixels; at most ${LOGO_LIMITS.maxWidth} × ${LOGO_LIMITS.maxHeight}`;
  }
  return undefined;
}

function imageDataProblem(header: PngHeader, compressed: Buffer): string | undefined {
  const expected = decodedSize(header);
  let inflated: Buffer;
  try {
    inflated = inflateSync(compressed, { maxOutputLength: expected + 1 });
  } catch {
    return compressed.length ? 'is a corrupt PNG image (its image data does not inflate to its size)' : 'is a PNG without image data';
  }
  return inflated.length === expected ? undefined : 'is a corrupt PNG image (its image data does not match its size)';
}

/** Filtered scanlines: one filter byte per row, per Adam7 pass when interlaced. */
function decodedSize({ width, height, bitDepth, colourType, interlaced }: PngHeader): number {
  const bitsPerPixel = bitDepth * COLOUR_TYPES.get(colourType)!.channels;
  const rows = (w: number, h: number) => (w && h ? h * (1 + Math.ceil((w * bitsPerPixel) / 8)) : 0);
  if (!interlaced) return rows(width, height);
  return ADAM7.reduce(
    (sum, [x0, y0, dx, dy]) => sum + rows(Math.ceil(Math.max(0, width - x0) / dx), Math.ceil(Math.max(0, height - y0) / dy)),
    0,
  );
}

export interface PreparedImage {
  width: number;
  height: number;
  /** Registers the image (and its transparency mask) in a document; no decoding or compression happens here. */
  embed(context: PDFContext): PDFRef;
}

interface StreamParts {
  dict: PDFDict;
  contents: Uint8Array;
}

function streamParts(context: PDFContext, ref: PDFRef): StreamParts {
  const stream = context.lookup(ref);
  if (!(stream instanceof PDFRawStream)) throw new TypeError('pdf-lib did not produce a raw image stream.');
  return { dict: stream.dict, contents: stream.getContents() };
}

/**
 * pdf-lib's PNG embedder inflates the PNG, splits colour from alpha and deflates both again: a few milliseconds per
 * logo, which would be paid on every certificate. It is run once here, in a scratch context, and its output kept.
 */
export async function prepareLogo(png: Uint8Array): Promise<PreparedImage> {
  // A logo stored before the upload checked it is checked here too, before pdf-lib decodes it.
  const problem = pngProblem(png);
  if (problem) throw new RangeError(`The logo ${problem}.`);
  return decodeLogo(png);
}

async function decodeLogo(png: Uint8Array): Promise<PreparedImage> {
  const embedder = await PngEmbedder.for(png);
  const scratch = PDFContext.create();
  const imageRef = await embedder.embedIntoContext(scratch);
  const image = streamParts(scratch, imageRef);
  const maskRef = image.dict.get(PDFName.of('SMask'));
  const mask = maskRef ? streamParts(scratch, maskRef as PDFRef) : undefined;
  return {
    width: embedder.width,
    height: embedder.height,
    embed(context) {
      const dict = image.dict.clone(context);
      if (mask) dict.set(PDFName.of('SMask'), context.register(PDFRawStream.of(mask.dict.clone(context), mask.contents)));
      return context.register(PDFRawStream.of(dict, image.contents));
    },
  };
}
