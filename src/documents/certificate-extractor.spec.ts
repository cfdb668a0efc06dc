import { deflateSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { jest } from '@jest/globals';
import { PDFDocument } from 'pdf-lib';
import { verifyCredential } from '../credentials/vc/verifier.js';
import { extractEmbeddedCredential } from './certificate-extractor.js';
import { CertificateRenderer } from './certificate-renderer.js';
import { type CertificateFixtures, newCertificateFixtures } from './testing/certificate-fixtures.js';
import { GIBIBYTE, deflatedZeros, doubleFlateBomb, objectStreamBomb, predictorBomb } from './testing/decompression-bombs.js';
import { tamperEmbeddedCredential } from './testing/tampered-pdf.js';

const LIMITS = { maxBytes: 2 * 1024 * 1024 };
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

async function pdfWithAttachment(name: string, bytes: Uint8Array | undefined): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage();
  if (bytes) await doc.attach(bytes, name, { mimeType: 'application/ld+json' });
  return doc.save();
}

describe('extractEmbeddedCredential', () => {
  let fixtures: CertificateFixtures;
  let certificatePdf: Uint8Array;

  beforeAll(async () => {
    fixtures = await newCertificateFixtures();
    certificatePdf = await CertificateRenderer.create().render(fixtures.moduleCertificate);
  });

  it('returns the credential a rendered certificate carries', async () => {
    const result = await extractEmbeddedCredential(certificatePdf, LIMITS);
    expect(result).toEqual({ ok: true, credential: fixtures.moduleCertificate.credential });
  });

  it('refuses a file that is not a PDF', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect(await extractEmbeddedCredential(png, LIMITS)).toMatchObject({ ok: false, code: 'not_a_pdf' });
    expect(await extractEmbeddedCredential(new Uint8Array(), LIMITS)).toMatchObject({ ok: false, code: 'not_a_pdf' });
  });

  it('refuses a file over the size limit before parsing it', async () => {
    const result = await extractEmbeddedCredential(certificatePdf, { maxBytes: 10_000 });
    expect(result).toMatchObject({ ok: false, code: 'too_large', message: expect.stringContaining('10000') });
  });

  it('reports a PDF that cannot be parsed', async () => {
    expect(await extractEmbeddedCredential(encode('%PDF-1.7\nthis is not a PDF body\n%%EOF'), LIMITS)).toMatchObject({
      ok: false,
      code: 'unreadable_pdf',
    });
    // A certificate cut in half during upload.
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await extractEmbeddedCredential(certificatePdf.slice(0, Math.floor(certificatePdf.length / 3)), LIMITS)).toMatchObject({
        ok: false,
      });
    } finally {
      warn.mockRestore();
      log.mockRestore();
    }
  });

  it('reports a PDF without an embedded credential', async () => {
    expect(await extractEmbeddedCredential(await pdfWithAttachment('credential.json', undefined), LIMITS)).toMatchObject({
      ok: false,
      code: 'no_embedded_credential',
    });
  });

  it('reports an attachment that is not a JSON credential', async () => {
    for (const text of ['{"@context": [', '["not", "an", "object"]', 'null']) {
      const result = await extractEmbeddedCredential(await pdfWithAttachment('credential.json', encode(text)), LIMITS);
      expect(result).toMatchObject({ ok: false, code: 'embedded_credential_not_json' });
    }
    const latin1 = await pdfWithAttachment('credential.json', Uint8Array.from([0x7b, 0xe9, 0x7d]));
    expect(await extractEmbeddedCredential(latin1, LIMITS)).toMatchObject({ ok: false, code: 'embedded_credential_not_json' });
  });

  it('finds a credential attached under another name by its media type', async () => {
    const pdf = await pdfWithAttachment('diplome-nadia.jsonld', encode(JSON.stringify(fixtures.coAccreditedDiploma.credential)));
    expect(await extractEmbeddedCredential(pdf, LIMITS)).toEqual({ ok: true, credential: fixtures.coAccreditedDiploma.credential });
  });

  it('stops at the decompressed-size ceiling instead of inflating a bomb', async () => {
    const bomb = encode(`{"padding":"${' '.repeat(4 * 1024 * 1024)}"}`);
    expect(deflateSync(bomb).length).toBeLessThan(LIMITS.maxBytes);
    const result = await extractEmbeddedCredential(await pdfWithAttachment('credential.json', bomb), {
      ...LIMITS,
      maxCredentialBytes: 64 * 1024,
    });
    expect(result).toMatchObject({ ok: false, code: 'decoded_too_large' });
  });

  describe('decompression bombs of a few kilobytes that inflate to 1 GiB', () => {
    let zeros: Buffer;
    beforeAll(async () => {
      zeros = await deflatedZeros(GIBIBYTE);
    });
    const refusedQuickly = async (pdf: Uint8Array, code: string): Promise<void> => {
      const rss = process.memoryUsage().rss;
      const started = performance.now();
      expect(await extractEmbeddedCredential(pdf, { maxBytes: 10 * 1024 * 1024 })).toMatchObject({ ok: false, code });
      // Unbounded, a bomb takes ~9 s and a gigabyte; the memory bound below is the sharp check, time a loose one.
      expect(performance.now() - started).toBeLessThan(6000);
      expect(process.memoryUsage().rss - rss).toBeLessThan(128 * 1024 * 1024);
    };

    it('refuses an attachment deflated twice without inflating it', async () => {
      const pdf = await doubleFlateBomb(certificatePdf, zeros);
      expect(pdf.length).toBeLessThan(80 * 1024);
      await refusedQuickly(pdf, 'unsupported_encoding');
    });

    it('refuses an attachment with a predictor (DecodeParms)', async () => {
      await refusedQuickly(await predictorBomb(certificatePdf, zeros), 'unsupported_encoding');
    });

    it('stops inflating an object stream at the budget', async () => {
      await refusedQuickly(await objectStreamBomb(certificatePdf, zeros), 'decoded_too_large');
    });
  });

  it('extracts a tampered credential as it is, and the verifier then rejects it', async () => {
    const tampered = await tamperEmbeddedCredential(certificatePdf);
    const result = await extractEmbeddedCredential(tampered, LIMITS);
    if (!result.ok) throw new Error(result.message);
    expect(result.credential.name).toBe(`${String(fixtures.moduleCertificate.credential.name)} (modifié)`);
    expect(result.credential.proof).toEqual(fixtures.moduleCertificate.credential.proof);
    const report = await verifyCredential({
      credential: result.credential,
      documentLoader: fixtures.documentLoader,
      now: '2026-09-01T00:00:00Z',
    });
    expect(report.verified).toBe(false);
  });
});
