// Bounded decompression for PDFs that strangers upload: one ceiling on the bytes inflated per verification.
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFName, type PDFRawStream } from 'pdf-lib';

/**
 * A certificate inflates to about 400 KB (object streams, content, font subsets, logos): 8 MiB leaves room for a
 * large logo and still stops a 2 KB "zip bomb" that inflates to a gibibyte. Shared by the load (object streams), the
 * attachment and the page comparison of one upload.
 */
export const DECODE_BUDGET_BYTES = 8 * 1024 * 1024;

export class DecodeLimitError extends RangeError {
  readonly code = 'decoded_too_large';
}

/** The stream uses filters our renderer never writes (a chain, a predictor): not decoded at all. */
export class UnsupportedEncodingError extends TypeError {
  readonly code = 'unsupported_encoding';
}

/** Counts down the bytes a request may still inflate. */
export class DecodeBudget {
  constructor(private left: number = DECODE_BUDGET_BYTES) {}

  get remaining(): number {
    return this.left;
  }

  /**
   * The decoded bytes of a stream that has no filter or one FlateDecode stage without DecodeParms, which is all our
   * renderer writes; zlib stops at the budget instead of allocating what the stream asks for.
   */
  inflate(stream: PDFRawStream, maxBytes = this.left): Uint8Array {
    const { dict, contents } = stream;
    const filter = dict.get(PDFName.of('Filter'));
    const single = filter instanceof PDFArray && filter.size() === 1 ? filter.get(0) : filter;
    if (dict.has(PDFName.of('DecodeParms')))
      throw new UnsupportedEncodingError('The stream has DecodeParms (a predictor), which is not accepted here.');
    if (single !== undefined && single !== PDFName.of('FlateDecode'))
      throw new UnsupportedEncodingError(`The stream is encoded with ${String(filter)}; only a single FlateDecode is accepted.`);
    const ceiling = Math.min(maxBytes, this.left);
    let bytes: Uint8Array;
    if (single === undefined) bytes = contents;
    else {
      try {
        bytes = inflateSync(contents, { maxOutputLength: Math.max(1, ceiling) });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
          throw new DecodeLimitError(`The stream inflates to more than ${ceiling} bytes.`);
        throw error;
      }
    }
    if (bytes.length > ceiling) throw new DecodeLimitError(`The stream is larger than ${ceiling} bytes.`);
    this.left -= bytes.length;
    return bytes;
  }

  /**
   * Loads an uploaded PDF. pdf-lib inflates every object stream while it parses, with no ceiling of its own; our
   * patch (patches/pdf-lib+1.17.1.patch) gives the load one, shared by all object and cross-reference streams.
   */
  async load(bytes: Uint8Array): Promise<PDFDocument> {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false, maxDecodedBytes: this.left }).catch((error: Error) => {
      if (/Decoded stream exceeds the limit/.test(error.message))
        throw new DecodeLimitError("The PDF's object streams inflate beyond the limit.");
      throw error;
    });
    // pdf-lib treats an object stream it cannot decode as an invalid object and goes on; the patch flags it.
    const budget = (doc.context as unknown as { decodeBudget?: { remaining: number; exceeded?: boolean } }).decodeBudget;
    if (budget?.exceeded) throw new DecodeLimitError("The PDF's object streams inflate beyond the limit.");
    if (budget) this.left = Math.max(0, budget.remaining);
    return doc;
  }
}
