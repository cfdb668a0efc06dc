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
import {
  type CertificateFixtures,
  type RenderableCredential,
  newCertificateFixtures,
  pdfFixturesDir,
} from './testing/certificate-fixtures.js';

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

function firstPageContent(doc: PDFDocument): string {
  const contents = doc.context.lookup(doc.getPage(0).node.get(PDFName.of('Contents')));
  const streams = (contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents]) as PDFRawStream[];
  return streams.map((stream) => inflateSync(stream.contents).toString('latin1')).join('\n');
}

function pdftotext(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'certificate-text-'));
  try {
    writeFileSync(join(dir, 'c.pdf'), pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'c.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Page 1's text as pdf.js (the legacy build, for Node) gives it, item by item, joined into lines. */
async function pdfjsLines(pdf: Uint8Array): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  try {
    const { items } = await (await doc.getPage(1)).getTextContent();
    const lines = [''];
    for (const item of items) {
      if (!('str' in item)) continue;
      lines[lines.length - 1] += item.str;
      if (item.hasEOL) lines.push('');
    }
    return lines.filter(Boolean);
  } finally {
    await doc.destroy();
  }
}

const visualIt = HAS_PDFTOPPM ? it : it.skip;

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
    const infoOf = async (pdf: Uint8Array) =>
      (await PDFDocument.load(pdf)).context.lookup((await PDFDocument.load(pdf)).context.trailerInfo.Info, PDFDict);
    const info = await infoOf(await render('moduleCertificate'));
    expect(info.lookup(PDFName.of(LAYOUT_KEY), PDFString).asString()).toBe(CURRENT_LAYOUT);
    expect(info.has(PDFName.of(STATUS_LINE_KEY))).toBe(false);
    const revoked = await renderer.render({
      ...fixtures.moduleCertificate,
      view: { ...fixtures.moduleCertificate.view, statusLine: STATUS_LINES.revoked },
    });
    expect((await infoOf(revoked)).lookup(PDFName.of(STATUS_LINE_KEY), PDFString).asString()).toBe('revoked');
  });

  it('marks the document French and its Arabic spans Arabic', async () => {
    const doc = await PDFDocument.load(await render('moduleCertificate'));
    expect(doc.catalog.lookup(PDFName.of('Lang'), PDFString).asString()).toBe('fr');
    expect(firstPageContent(doc)).toMatch(/\/Span <<\n?\/Lang \(ar\)/);
  });

  it("has poppler's pdftotext to read the text layer with (.ci/run installs poppler-utils)", () => {
    expect(spawnSync('pdftotext', ['-v']).status).toBe(0);
  });
  // Two independent extractors (poppler; pdf.js, which Firefox uses) must read the words as written, in both scripts.
  const WORDS = [
    'إدارة الأزمات والأوضاع الصحية الاستثنائية',
    'نادية بن خليفة',
    'المدرسة الوطنية العليا لتسيير المؤسسات الصحية',
    'تُمنح هذه الشهادة إلى',
    'Gestion de crise et situations sanitaires exceptionnelles',
    'École nationale supérieure de management des établissements de santé',
  ];
  it('text extraction (pdftotext) gives Arabic words in reading order, and French intact', async () => {
    const text = pdftotext(await render('moduleCertificate'));
    for (const words of WORDS) expect(text).toContain(words);
  });
  it('text extraction (pdf.js getTextContent) gives Arabic words and the runs of a bilingual line in reading order', async () => {
    const lines = await pdfjsLines(await render('moduleCertificate'));
    for (const words of WORDS) expect(lines.some((line) => line.includes(words))).toBe(true);
    expect(lines).toContain('CERTIFICAT · شهادة');
    expect(lines).toContain('Ce certificat est décerné à · تُمنح هذه الشهادة إلى');
  });
  it('marks Arabic runs with /Lang (ar) and no /ActualText, which poppler would read letter-reversed', async () => {
    const content = firstPageContent(await PDFDocument.load(await render('moduleCertificate')));
    expect(content).toMatch(/\/Span <<\n?\/Lang \(ar\)\n?>> BDC/);
    expect(content).not.toContain('/ActualText');
  });

  describe('layout version 2, handed out before the text layer was fixed', () => {
    // Rendered by the release before version 3 from the same fixtures (credentials signed with fixed keys and dates).
    const released = (): Uint8Array => new Uint8Array(readFileSync(join(pdfFixturesDir(), 'module-certificate-layout-2.pdf')));

    it('is redrawn byte for byte by the kept version-2 path, so the paper check still recognises it', async () => {
      const again = await renderer.render({ ...fixtures.moduleCertificate, layout: '2' });
      expect(Buffer.from(again).equals(Buffer.from(released()))).toBe(true);
      expect(firstPageContent(await PDFDocument.load(again))).toContain('/ActualText');
    });

    visualIt('draws the same page as version 3: only the text layer changed', async () => {
      const [before, after] = [rasterize(released()), rasterize(await render('moduleCertificate'))];
      expect(Buffer.compare(before.data, after.data)).toBe(0);
    });
  });

  it.each(['moduleCertificate', 'coAccreditedDiploma'] as const)(
    'attaches the signed %s, which the extractor returns byte for byte',
    async (name) => {
      const { credential } = fixtures[name];
      const pdf = await render(name);
      const doc = await PDFDocument.load(pdf);
      const [file] = listEmbeddedFiles(doc);
      expect(file).toMatchObject({ name: CREDENTIAL_ATTACHMENT_NAME, mimeType: 'application/ld+json' });
      const result = await extractEmbeddedCredential(pdf, { maxBytes: 1024 * 1024 });
      if (!result.ok) throw new Error(result.message);
      expect(JSON.stringify(result.credential)).toBe(JSON.stringify(credential));
      // What comes out of the PDF still verifies: the proofs survived the round trip.
      const report = await verifyCredential({
        credential: result.credential,
        documentLoader: fixtures.documentLoader,
        now: '2026-09-01T00:00:00Z',
      });
      expect(report.verified).toBe(true);
    },
  );

  it('sets the document metadata from the credential, dated by the credential and not the clock', async () => {
    const doc = await PDFDocument.load(await render('coAccreditedDiploma'), { updateMetadata: false });
    const { view } = fixtures.coAccreditedDiploma;
    expect(doc.getTitle()).toBe(`Diplôme — ${view.achievementTitle.fr} — Nadia Benkhelifa`);
    expect(doc.getAuthor()).toBe(
      'École nationale supérieure de management des établissements de santé; École des hautes études en santé publique',
    );
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
      view: {
        ...base.view,
        awardingInstitutions: [{ name: { fr: 'École des hautes études en santé publique' } }],
        competencies: [],
        learnerName: { fr: 'Camille Lefèvre' },
      },
    };
    const pdf = await renderer.render(bare);
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
  });

  describe('as a reviewer sees it (pdftoppm at 60 dpi)', () => {
    const visual = visualIt;
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
