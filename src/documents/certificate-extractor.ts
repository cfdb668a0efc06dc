// Reads the signed credential back out of an uploaded certificate PDF. It does not verify it: the verifier does.
import type { JsonObject } from '../credentials/vc/issuer.js';
import { CREDENTIAL_ATTACHMENT_NAME } from './certificate-renderer.js';
import { type EmbeddedFile, listEmbeddedFiles, readEmbeddedFile } from './pdf-attachments.js';
import { DecodeBudget, DecodeLimitError, UnsupportedEncodingError } from './pdf-decoding.js';

export type ExtractionFailureCode =
  | 'not_a_pdf'
  | 'too_large'
  | 'unreadable_pdf'
  | 'no_embedded_credential'
  | 'embedded_credential_not_json'
  /** Inflating the object streams or the attachment would pass the ceiling (a decompression bomb). */
  | 'decoded_too_large'
  /** The attachment is encoded with a filter chain or a predictor, which we do not decode. */
  | 'unsupported_encoding';

export type ExtractionResult = { ok: true; credential: JsonObject } | { ok: false; code: ExtractionFailureCode; message: string };

export interface ExtractionLimits {
  /** Largest upload accepted, in bytes; checked before anything is parsed. */
  maxBytes: number;
  /** Largest embedded credential once decompressed; a credential is a few kilobytes. */
  maxCredentialBytes?: number;
  /** What may still be inflated for this upload (object streams, then the attachment); a fresh default budget if absent. */
  budget?: DecodeBudget;
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
// Readers accept the header anywhere in the first 1024 bytes (some generators put junk before it).
const HEADER_WINDOW = 1024;
const CREDENTIAL_MEDIA_TYPES = new Set(['application/ld+json', 'application/vc+ld+json', 'application/vc', 'application/json']);

const fail = (code: ExtractionFailureCode, message: string): ExtractionResult => ({ ok: false, code, message });

function startsLikePdf(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length - PDF_MAGIC.length, HEADER_WINDOW);
  for (let start = 0; start <= end; start += 1) {
    if (PDF_MAGIC.every((byte, index) => bytes[start + index] === byte)) return true;
  }
  return false;
}

/** Our own attachment by name first; otherwise any file that declares a credential media type. */
function credentialFile(files: EmbeddedFile[]): EmbeddedFile | undefined {
  return (
    files.find((file) => file.name === CREDENTIAL_ATTACHMENT_NAME) ??
    files.find((file) => file.mimeType && CREDENTIAL_MEDIA_TYPES.has(file.mimeType))
  );
}

export async function extractEmbeddedCredential(
  bytes: Uint8Array,
  { maxBytes, maxCredentialBytes = 1024 * 1024, budget = new DecodeBudget() }: ExtractionLimits,
): Promise<ExtractionResult> {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('"bytes" must be a Uint8Array.');
  if (!(maxBytes > 0)) throw new TypeError('"maxBytes" is required.');
  if (bytes.length > maxBytes) return fail('too_large', `The file is ${bytes.length} bytes; the limit is ${maxBytes}.`);
  if (!startsLikePdf(bytes)) return fail('not_a_pdf', 'The file is not a PDF (no %PDF- header).');

  let files: EmbeddedFile[];
  try {
    const doc = await budget.load(bytes);
    files = listEmbeddedFiles(doc);
  } catch (error) {
    if (error instanceof DecodeLimitError) return fail('decoded_too_large', error.message);
    return fail('unreadable_pdf', `The PDF could not be read: ${(error as Error).message}`);
  }
  const file = credentialFile(files);
  if (!file) return fail('no_embedded_credential', `The PDF carries no ${CREDENTIAL_ATTACHMENT_NAME} attachment.`);

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(readEmbeddedFile(file, maxCredentialBytes, budget));
  } catch (error) {
    if (error instanceof DecodeLimitError || error instanceof UnsupportedEncodingError)
      return fail(error.code, `The attached ${file.name}: ${error.message}`);
    return fail('embedded_credential_not_json', `The attached ${file.name} could not be read as UTF-8 text: ${(error as Error).message}`);
  }
  let credential: unknown;
  try {
    credential = JSON.parse(text);
  } catch (error) {
    return fail('embedded_credential_not_json', `The attached ${file.name} is not JSON: ${(error as Error).message}`);
  }
  if (!credential || typeof credential !== 'object' || Array.isArray(credential)) {
    return fail('embedded_credential_not_json', `The attached ${file.name} is JSON but not a credential object.`);
  }
  return { ok: true, credential: credential as JsonObject };
}
