import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { CertificateRenderer } from './certificate-renderer.js';
import { DecodeBudget } from './pdf-decoding.js';
import { checkSingleDefinitions } from './pdf-object-definitions.js';
import { comparePrintedPdf } from './printed-pages.js';
import { newCertificateFixtures, pdfFixturesDir } from './testing/certificate-fixtures.js';
import {
  contentStreamHiddenInStreamData,
  incrementalUpdate,
  pageShadowedOutsideObjectStream,
  shadowedContentStream,
} from './testing/forged-pdf.js';

const load = (bytes: Uint8Array): Promise<PDFDocument> => new DecodeBudget().load(bytes);

describe('checkSingleDefinitions', () => {
  let genuine: Uint8Array;
  beforeAll(async () => {
    const fixtures = await newCertificateFixtures();
    genuine = await CertificateRenderer.create().render(fixtures.coAccreditedDiploma);
  });

  it('accepts the PDFs we render and rendered before (layout 2): one xref stream, every object once, where it says', async () => {
    expect(checkSingleDefinitions(await load(genuine), genuine)).toEqual({ single: true });
    const released = new Uint8Array(readFileSync(join(pdfFixturesDir(), 'module-certificate-layout-2.pdf')));
    expect(checkSingleDefinitions(await load(released), released)).toEqual({ single: true });
  });

  it.each([
    ['the content stream defined twice, viewers sent to the forged copy', shadowedContentStream, /object \d+ is defined more than once/],
    ['the page defined in the body and in an object stream', pageShadowedOutsideObjectStream, /object \d+ is defined more than once/],
    ["the xref pointing into another stream's data", contentStreamHiddenInStreamData, /points to another object \d+ than the one read/],
  ])('refuses %s, which pdf-lib alone reads as the genuine pages', async (_name, forge, where) => {
    const forged = await forge(genuine);
    const uploaded = await load(forged);
    // The hole: what pdf-lib loaded compares equal to the genuine certificate, though viewers draw the forged page.
    expect(comparePrintedPdf(uploaded, await load(genuine), new DecodeBudget())).toEqual({ same: true });
    const check = checkSingleDefinitions(uploaded, forged);
    expect(check.single).toBe(false);
    expect(!check.single && check.where).toMatch(where);
  });

  it('refuses an incremental update, which our renderer never writes', async () => {
    const forged = await incrementalUpdate(genuine);
    expect(checkSingleDefinitions(await load(forged), forged)).toMatchObject({ single: false });
  });

  it('refuses a file whose last startxref is not the one that points to the section read', async () => {
    const forged = Buffer.concat([Buffer.from(genuine), Buffer.from('%startxref\n16\n%%EOF\n', 'latin1')]);
    expect(checkSingleDefinitions(await load(forged), forged)).toEqual({
      single: false,
      where: 'startxref does not point to the cross-reference section that was read',
    });
  });

  it('throws, rather than passes, for a document pdf-lib did not parse with our patch', async () => {
    const doc = await PDFDocument.create();
    expect(() => checkSingleDefinitions(doc, genuine)).toThrow(/not patched/);
  });
});
