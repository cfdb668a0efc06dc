import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFRawStream, PDFString } from 'pdf-lib';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { verifyCredential } from '../credentials/vc/verifier.js';
import { extractEmbeddedCredential } from './certificate-extractor.js';
import { CREDENTIAL_ATTACHMENT_NAME, CertificateRenderer, LAYOUT_KEY, STATUS_LINE_KEY } from './certificate-renderer.js';
import { CURRENT_LAYOUT } from './certificate-layouts.js';
import { STATUS_LINES } from './certificate-wording.js';
import { listEmbeddedFiles } from './pdf-attachments.js';
import { type CertificateFixtures, type RenderableCredential, newCertificateFixtures, pdfFixturesDir } from './testing/certificate-fixtures.js';

const HAS_PDFTOPPM = spawnSync('pdftoppm', ['-v']).status === 0;
// Set UPDATE_PDF_REFERENCES=1 after an intended change of the design, look at the new PNGs, then commit them.
const UPDATE_REFERENCES = process.env.UPDATE_PDF_REFERENCES === '1';
const MAX_DIFFERING_SHARE = 0.01;

/** Page 1 at 60 dpi through poppler, as a reviewer looks at it. */
function rasterize(pdf: Uint8Array): PNG {
  const dir = mkdtempSync(join(tmpdir(), 'certificate-'));
  try {
    writeFileSync(join(dir, 'page.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', '60', '-png', '-singlefile', join(dir, 'page.pdf'), join(dir, 'page')]);
    return PNG.sync.read(readFileSync(join(dir, 'page.png')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('CertificateRenderer', () => {
  let renderer: CertificateRenderer;
  let fixtures: CertificateFixtures;
  const rendered = new Map<string, Uint8Array>();
  const render = async (name: 'moduleCertificate' | 'coAccreditedDiploma'): Promise<Uint8Array> => {
    if (!rendered.has(name)) rendered.set(name, await renderer.render(fixtures[name]));
    return rendered.get(name)!;
  };

  beforeAll(async () => {
    renderer = CertificateRenderer.create();
    fixtures = await newCertificateFixtures();
  });

  it('renders the same bytes for the same credential, from a warm or a fresh renderer', async () => {
    const first = await render('moduleCertificate');
    await renderer.render(fixtures.coAccreditedDiploma); // fills the caches with other strings in between
    const again = await renderer.render(fixtures.moduleCertificate);
    const fresh = await CertificateRenderer.create().render(fixtures.moduleCertificate);
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
    expect(Buffer.from(fresh).equals(Buffer.from(first))).toBe(true);
  });

  it('gives different certificates different bytes and trailer ids', async () => {
    const [certificate, diploma] = [await render('moduleCertificate'), await render('coAccreditedDiploma')];
    const idOf = async (pdf: Uint8Array): Promise<string> => String((await PDFDocument.load(pdf)).context.trailerInfo.ID);
    expect(await idOf(certificate)).not.toBe(await idOf(diploma));
  });

  it('produces A4 landscape pages: the certificate, then the annex of its nine competencies', async () => {
    const doc = await PDFDocument.load(await render('coAccreditedDiploma'));
    expect(doc.getPageCount()).toBe(2);
    for (const page of doc.getPages()) expect([Math.round(page.getSize().width), Math.round(page.getSize().height)]).toEqual([842, 595]);
  });

  it('declares its layout version in the Info dictionary, and the status line variant when it prints one', async () => {
    const infoOf = async (pdf: Uint8Array) => (await PDFDocument.load(pdf)).context.lookup((await PDFDocument.load(pdf)).context.trailerInfo.Info, PDFDict);
    const info = await infoOf(await render('moduleCertificate'));
    expect(info.lookup(PDFName.of(LAYOUT_KEY), PDFString).asString()).toBe(CURRENT_LAYOUT);
    expect(info.has(PDFName.of(STATUS_LINE_KEY))).toBe(false);
    const revoked = await renderer.render({ ...fixtures.moduleCertificate, view: { ...fixtures.moduleCertificate.view, statusLine: STATUS_LINES.revoked } });
    expect((await infoOf(revoked)).lookup(PDFName.of(STATUS_LINE_KEY), PDFString).asString()).toBe('revoked');
  });

  it('marks the document French and its Arabic spans Arabic', async () => {
    const doc = await PDFDocument.load(await render('moduleCertificate'));
    expect(doc.catalog.lookup(PDFName.of('Lang'), PDFString).asString()).toBe('fr');
    const contents = doc.context.lookup(doc.getPage(0).node.get(PDFName.of('Contents')));
    const streams = (contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents]) as PDFRawStream[];
    const content = streams.map((stream) => inflateSync(stream.contents).toString('latin1')).join('\n');
    expect(content).toMatch(/\/Span <<\n?\/Lang \(ar\)/);
  });

  // Known gap: poppler's pdftotext (22.12) lays the ActualText of an Arabic span out left to right and then applies its
  // own bidi reordering, so the words come out letter-reversed. Kept as `failing` so that a fix (or a poppler that
  // reads ActualText as logical text) turns this red and the marker is removed.
  it('has poppler\'s pdftotext to read the text layer with (.ci/run installs poppler-utils)', () => {
    expect(spawnSync('pdftotext', ['-v']).status).toBe(0);
  });
  it.failing('text extraction (pdftotext) gives Arabic words in reading order', async () => {
    const pdf = await render('moduleCertificate');
    const dir = mkdtempSync(join(tmpdir(), 'certificate-text-'));
    try {
      writeFileSync(join(dir, 'c.pdf'), pdf);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'c.pdf'), '-'], { encoding: 'utf8' });
      // Logical order: the first word of the title comes first in the extracted string.
      expect(text).toContain('إدارة الأزمات والأوضاع الصحية الاستثنائية');
      expect(text).toContain('نادية بن خليفة');
      expect(text).toContain('Gestion de crise et situations sanitaires exceptionnelles');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(['moduleCertificate', 'coAccreditedDiploma'] as const)('attaches the signed %s, which the extractor returns byte for byte', async (name) => {
    const { credential } = fixtures[name];
    const pdf = await render(name);
    const doc = await PDFDocument.load(pdf);
    const [file] = listEmbeddedFiles(doc);
    expect(file).toMatchObject({ name: CREDENTIAL_ATTACHMENT_NAME, mimeType: 'application/ld+json' });
    const result = await extractEmbeddedCredential(pdf, { maxBytes: 1024 * 1024 });
    if (!result.ok) throw new Error(result.message);
    expect(JSON.stringify(result.credential)).toBe(JSON.stringify(credential));
    // What comes out of the PDF still verifies: the proofs survived the round trip.
    const report = await verifyCredential({ credential: result.credential, documentLoader: fixtures.documentLoader, now: '2026-09-01T00:00:00Z' });
    expect(report.verified).toBe(true);
  });

  it('sets the document metadata from the credential, dated by the credential and not the clock', async () => {
    const doc = await PDFDocument.load(await render('coAccreditedDiploma'), { updateMetadata: false });
    const { view } = fixtures.coAccreditedDiploma;
    expect(doc.getTitle()).toBe(`Diplôme — ${view.achievementTitle.fr} — Nadia Benkhelifa`);
    expect(doc.getAuthor()).toBe('École nationale supérieure de management des établissements de santé; École des hautes études en santé publique');
    expect(doc.getSubject()).toContain(view.credentialId);
    expect(doc.getKeywords()).toContain('Open Badges 3.0');
    expect(doc.getCreator()).toBe('competency-credentials certificate renderer');
    expect(doc.getProducer()).toBe('competency-credentials (pdf-lib 1.17)');
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-07-15T00:00:00.000Z');
    expect(doc.getModificationDate()?.toISOString()).toBe('2026-07-15T00:00:00.000Z');
    const id = doc.context.lookup(doc.context.trailerInfo.ID);
    expect(String(id)).toMatch(/^\[ <[0-9a-f]{32}> <[0-9a-f]{32}> \]$/);
    expect(String(doc.catalog.get(PDFName.of('Lang')))).toBe('(fr)');
  });

  it('renders a certificate without logos, Arabic names or competencies', async () => {
    const base = fixtures.moduleCertificate;
    const bare: RenderableCredential = {
      credential: base.credential,
      view: { ...base.view, awardingInstitutions: [{ name: { fr: 'École des hautes études en santé publique' } }], competencies: [], learnerName: { fr: 'Camille Lefèvre' } },
    };
    const pdf = await renderer.render(bare);
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
  });

  describe('as a reviewer sees it (pdftoppm at 60 dpi)', () => {
    const visual = HAS_PDFTOPPM ? it : it.skip;
    if (!HAS_PDFTOPPM) {
      it('is skipped: pdftoppm is missing (apt-get install poppler-utils)', () => {
        console.warn('pdftoppm not found: the reference-image comparison of certificates is skipped (apt-get install poppler-utils).');
      });
    }

    visual.each([
      ['moduleCertificate', 'module-certificate.png'],
      ['coAccreditedDiploma', 'co-accredited-diploma.png'],
    ] as const)('%s matches the reviewed reference image', async (name, file) => {
      const actual = rasterize(await render(name));
      const referencePath = join(pdfFixturesDir(), file);
      if (UPDATE_REFERENCES) writeFileSync(referencePath, PNG.sync.write(actual));
      const reference = PNG.sync.read(readFileSync(referencePath));
      expect([actual.width, actual.height]).toEqual([reference.width, reference.height]);
      const differing = pixelmatch(actual.data, reference.data, undefined, actual.width, actual.height, { threshold: 0.1 });
      expect(differing / (actual.width * actual.height)).toBeLessThanOrEqual(MAX_DIFFERING_SHARE);
    });
  });
});
