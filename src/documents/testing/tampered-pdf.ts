// Test helper: a certificate PDF whose embedded credential was edited after signing, as a forger would.
import { PDFDict, PDFDocument, PDFName, PDFNumber } from 'pdf-lib';
import type { JsonObject } from '../../credentials/vc/issuer.js';
import { CREDENTIAL_ATTACHMENT_NAME } from '../certificate-renderer.js';
import { listEmbeddedFiles, readEmbeddedFile } from '../pdf-attachments.js';

/** By default the credential's name is changed; the proofs are kept, so the PDF still looks signed but fails verification. */
const renameCredential = (credential: JsonObject): void => {
  credential.name = `${String(credential.name ?? 'Certificat')} (modifié)`;
};

/**
 * Rewrites the credential.json attachment of a rendered certificate with `change` applied, leaving the page and
 * every other object as they were. The result still extracts as JSON: only the verifier can tell.
 */
export async function tamperEmbeddedCredential(
  pdf: Uint8Array,
  change: (credential: JsonObject) => void = renameCredential,
): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const file = listEmbeddedFiles(doc).find((candidate) => candidate.name === CREDENTIAL_ATTACHMENT_NAME);
  if (!file?.streamRef) throw new Error(`The PDF has no ${CREDENTIAL_ATTACHMENT_NAME} attachment to tamper with.`);
  const credential = JSON.parse(new TextDecoder().decode(readEmbeddedFile(file, 16 * 1024 * 1024))) as JsonObject;
  change(credential);
  const bytes = new TextEncoder().encode(JSON.stringify(credential));

  // Same dictionary (type, media type, dates), new contents and size.
  const replacement = doc.context.flateStream(bytes, {});
  for (const [key, value] of file.stream.dict.entries()) {
    if (key !== PDFName.of('Length') && key !== PDFName.of('Filter') && key !== PDFName.of('DecodeParms')) replacement.dict.set(key, value);
  }
  const params = doc.context.lookup(file.stream.dict.get(PDFName.of('Params')));
  if (params instanceof PDFDict) {
    const copy = params.clone(doc.context);
    copy.set(PDFName.of('Size'), PDFNumber.of(bytes.length));
    replacement.dict.set(PDFName.of('Params'), copy);
  }
  doc.context.assign(file.streamRef, replacement);
  return doc.save({ useObjectStreams: true });
}
