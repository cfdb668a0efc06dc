// Institution logos (uploaded PNG) decoded and compressed once, then copied into each certificate as ready streams.
import { PDFContext, PDFDict, PDFName, PDFRawStream, type PDFRef, PngEmbedder } from 'pdf-lib';

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
