// The printed certificate is bound to its signed credential: an employer who uploads a PDF learns whether its pages are
// the ones we print for that credential — overlays, edits, swapped pages or attachments and compression bombs included.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { GIBIBYTE, deflatedZeros, doubleFlateBomb, objectStreamBomb, predictorBomb } from '../src/documents/testing/decompression-bombs.js';
import { PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import {
  addFreeTextAnnotation,
  addPage,
  contentStreamHiddenInStreamData,
  editContentStream,
  incrementalUpdate,
  overlayText,
  pageShadowedOutsideObjectStream,
  replacePage,
  shadowedContentStream,
  stripLayoutMarker,
} from '../src/documents/testing/forged-pdf.js';
import { tamperEmbeddedCredential } from '../src/documents/testing/tampered-pdf.js';
import { CatalogueFactory, Factory, type Person } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const bearer = { type: 'bearer' as const };
type Json = Record<string, any>;

describe('printed certificates bound to their signed credential', () => {
  let ctx: TestApp;
  let registrar: Person;
  let partnerRegistrar: Person;
  let school: { id: string; slug: string };
  let nadia: { learnerId: string; credentialId: string; pdf: Buffer };
  let karim: { learnerId: string; credentialId: string; pdf: Buffer; credential: Json };
  let labels: string[];
  let programmeId: string;
  let certifyLearner: (givenName: string) => Promise<{ learnerId: string; credentialId: string; credential: Json; pdf: Buffer }>;

  const download = async (id: string, token: string, status = 200) => {
    const response = await ctx.http
      .get(`/credentials/${id}/pdf`)
      .auth(token, bearer)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(response.status).toBe(status);
    return response;
  };
  const upload = (path: string, bytes: Uint8Array) => ctx.http.post(path).attach('file', Buffer.from(bytes), 'certificat.pdf');

  beforeAll(async () => {
    ctx = await startTestApp({ VERIFY_RATE_LIMIT: '0' });
    const factory = new Factory(ctx);
    const catalogue = new CatalogueFactory(ctx);
    school = await factory.newInstitution({ slug: 'ensm-paper' });
    const partner = await factory.newInstitution({ slug: 'ehesp-paper', country: 'FR' });
    const hospital = await factory.newInstitution({ kind: 'hospital' });
    registrar = await factory.newUser('registrar', school.id);
    partnerRegistrar = await factory.newUser('registrar', partner.id);
    const hr = await factory.newUser('hr_manager', hospital.id);
    const owner = await factory.newUser('hr_manager', school.id);
    await ctx.http
      .put(`/institutions/${school.id}/logo`)
      .auth(registrar.token, bearer)
      .attach('file', readFileSync(new URL('./fixtures/pdf/ensm-logo.png', import.meta.url)), 'logo.png')
      .expect(204);
    const framework = await factory.newFramework(owner);
    const extra = [
      ['GC-3', 'Organiser l’accueil massif de victimes', 'تنظيم الاستقبال المكثف للضحايا'],
      ['GC-4', 'Gérer les tensions hospitalières', 'إدارة التوترات الاستشفائية'],
      ['GC-5', 'Assurer la continuité d’activité', 'ضمان استمرارية النشاط'],
      ['GC-6', 'Communiquer en situation de crise', 'الاتصال في حالات الأزمات'],
      ['GC-7', 'Conduire le retour d’expérience', 'قيادة استخلاص الدروس'],
      ['GC-8', 'Coordonner avec le SAMU et la protection civile', 'التنسيق مع الإسعاف والحماية المدنية'],
    ];
    const items = [framework.items.planBlanc, framework.items.cellule];
    for (const [code, fr, ar] of extra)
      items.push(
        await factory.newItem(owner, framework.id, {
          code,
          itemType: 'competency',
          kind: 'skill',
          parentId: framework.items.domain.id,
          label: { fr, ar },
        }),
      );
    await ctx.http.post(`/frameworks/${framework.id}/publish`).auth(owner.token, bearer).expect(200);
    labels = ['Déclencher et conduire le plan blanc', 'Animer une cellule de crise', ...extra.map(([, fr]) => fr)];
    const module = await catalogue.newModule(
      school.id,
      'GC-SSE',
      35,
      items.map((item) => ({ itemId: item.id, level: 2 })),
    );
    const session = await catalogue.newSession(module.id, school.id);
    const programme = await ctx.http
      .post('/programmes')
      .auth(registrar.token, bearer)
      .send({
        code: 'DMH',
        kind: 'diploma',
        title: { fr: 'Diplôme de management hospitalier', ar: 'شهادة التسيير الاستشفائي' },
        awardingInstitutionIds: [school.id, partner.id],
        minimumAverage: 50,
        modules: [{ moduleId: module.id, required: true }],
      })
      .expect(201);
    programmeId = programme.body.id;

    const certify = async (givenName: string) => {
      const person = (await ctx.http.post('/learners').auth(hr.token, bearer).send({ givenName, familyName: 'Benkhelifa' }).expect(201))
        .body;
      const enrolment = await factory.enrol(session, person.id, { hr, registrar });
      await ctx.http
        .post(`/sessions/${session.id}/assessments`)
        .auth(registrar.token, bearer)
        .send({ learnerId: person.id, kind: 'final_exam', score: 15 })
        .expect(201);
      const issued = (
        await ctx.http.post('/credentials/certificates').auth(registrar.token, bearer).send({ enrolmentId: enrolment.id }).expect(201)
      ).body;
      return {
        learnerId: person.id as string,
        credentialId: issued.id as string,
        credential: issued.verifiableCredential as Json,
        pdf: (await download(issued.id, registrar.token)).body as Buffer,
      };
    };
    certifyLearner = certify;
    nadia = await certify('Nadia');
    karim = await certify('Karim');
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const expectPaperRefused = async (forged: Uint8Array, code: 'PAPER_ALTERED' | 'PAPER_UNBOUND' | 'PAPER_AMBIGUOUS') => {
    const response = await upload('/verifications', forged).expect(400);
    expect(response.body.verified).toBe(false);
    expect(response.body.checks).toContainEqual({ check: 'paper', passed: false, code });
    expect(response.body.errors.map((error: Json) => error.code)).toContain(code);
    return response.body;
  };

  it('a genuine PDF verifies, paper included, through the API and the page (in French, without English)', async () => {
    const api = await upload('/verifications', nadia.pdf).expect(200);
    expect(api.body.verified).toBe(true);
    expect(api.body.checks).toContainEqual({ check: 'paper', passed: true });
    const page = await upload('/verify', nadia.pdf).expect(200);
    expect(page.text).toContain('✓ Vérifié');
    expect(page.text).toContain('Pages imprimées conformes au certificat signé — conforme');
  });

  it('text drawn over the page ("MENTION TRES BIEN 19/20") is not verified, and the page says so', async () => {
    const forged = await overlayText(nadia.pdf);
    const body = await expectPaperRefused(forged, 'PAPER_ALTERED');
    expect(body.errors.find((error: Json) => error.code === 'PAPER_ALTERED').message).toMatch(/page 1/);
    const page = await upload('/verify', forged).expect(200);
    expect(page.text).toContain('✗ Non vérifié');
    expect(page.text).toContain('Pages imprimées conformes au certificat signé — non conforme');
    expect(page.text).not.toContain('n’a pas été modifié');
  });

  it.each([
    ['an edited content stream', () => editContentStream(nadia.pdf)],
    ['a page replaced by another certificate’s', () => replacePage(nadia.pdf, karim.pdf)],
    ['an extra page', () => addPage(nadia.pdf)],
    ['an added FreeText annotation', () => addFreeTextAnnotation(nadia.pdf)],
    [
      'another genuine certificate’s credential.json attached',
      () =>
        tamperEmbeddedCredential(nadia.pdf, (credential) => {
          for (const key of Object.keys(credential)) delete credential[key];
          Object.assign(credential, karim.credential);
        }),
    ],
  ])('%s is not verified as paper', async (_name, forge) => {
    await expectPaperRefused(await forge(), 'PAPER_ALTERED');
  });

  // pdf-lib keeps an object's last definition whatever the cross-reference data says; viewers follow that data. Each of
  // these shows viewers a forged first page while pdf-lib reads the genuine one (src/documents/pdf-object-definitions.spec.ts).
  it.each([
    ["the first page's content stream defined twice", () => shadowedContentStream(nadia.pdf)],
    ['the page defined in the body and in an object stream', () => pageShadowedOutsideObjectStream(nadia.pdf)],
    ["a cross-reference entry pointing into another stream's data", () => contentStreamHiddenInStreamData(nadia.pdf)],
    ['an incremental update that changes the page', () => incrementalUpdate(nadia.pdf)],
  ])('%s is refused: the file can be read in more than one way', async (_name, forge) => {
    const forged = await forge();
    const body = await expectPaperRefused(forged, 'PAPER_AMBIGUOUS');
    expect(body.errors.find((error: Json) => error.code === 'PAPER_AMBIGUOUS').message).toMatch(/more than one way/);
    const pages = await Promise.all(
      ['fr', 'ar', 'en'].map(async (lang) => (await upload(`/verify?lang=${lang}`, forged).expect(200)).text),
    );
    expect(pages[0]).toContain('non conforme<span class="detail">le fichier peut s’afficher de plusieurs façons (objet défini deux fois)');
    expect(pages[1]).toContain('يمكن عرض الملف بأكثر من طريقة (عنصر مُعرَّف مرتين)');
    expect(pages[2]).toContain('the file can be displayed in more than one way (an object is defined twice)');
  });

  it('a PDF printed with layout 2 (before the text layer was fixed) still verifies, and is downloaded the same again', async () => {
    const yasmine = await certifyLearner('Yasmine');
    // What an earlier release stored: the paper snapshot names the layout its first PDF was drawn with.
    await ctx.database.dataSource.query(`UPDATE certificate_paper SET layout = '2' WHERE "credentialId" = $1`, [yasmine.credentialId]);
    const released = (await download(yasmine.credentialId, registrar.token)).body as Buffer;
    const info = (await PDFDocument.load(released)).context.lookup((await PDFDocument.load(released)).context.trailerInfo.Info, PDFDict);
    expect(info.lookup(PDFName.of('CertificateLayout'), PDFString).asString()).toBe('2');
    expect((await upload('/verifications', released).expect(200)).body.verified).toBe(true);
    expect(Buffer.compare((await download(yasmine.credentialId, registrar.token)).body, released)).toBe(0);
    // The version-3 pages relabelled "2" are not what version 2 draws.
    const relabelled = await PDFDocument.load(yasmine.pdf, { updateMetadata: false });
    relabelled.context.lookup(relabelled.context.trailerInfo.Info, PDFDict).set(PDFName.of('CertificateLayout'), PDFString.of('2'));
    await expectPaperRefused(await relabelled.save({ useObjectStreams: true }), 'PAPER_ALTERED');
  });

  it('a PDF without its layout marker cannot be checked against the credential', async () => {
    const body = await expectPaperRefused(await stripLayoutMarker(nadia.pdf), 'PAPER_UNBOUND');
    expect(body.errors.find((error: Json) => error.code === 'PAPER_UNBOUND').message).toMatch(/no layout version/);
  });

  it('decompression bombs (double Flate, Flate with DecodeParms, a huge object stream) are refused quickly with a 4xx', async () => {
    const zeros = await deflatedZeros(GIBIBYTE);
    for (const [bomb, code] of [
      [doubleFlateBomb, 'unsupported_encoding'],
      [predictorBomb, 'unsupported_encoding'],
      [objectStreamBomb, 'decoded_too_large'],
    ] as const) {
      const pdf = await bomb(nadia.pdf, zeros);
      const rss = process.memoryUsage().rss;
      const started = performance.now();
      const response = await upload('/verifications', pdf).expect(400);
      expect(response.body.detail).toContain(code);
      expect(performance.now() - started).toBeLessThan(3000);
      expect(process.memoryUsage().rss - rss).toBeLessThan(200 * 1024 * 1024);
    }
  });

  it('every competency is printed, on an annex page when they do not fit on the first', () => {
    const dir = mkdtempSync(join(tmpdir(), 'printed-'));
    try {
      writeFileSync(join(dir, 'c.pdf'), nadia.pdf);
      expect(execFileSync('pdfinfo', [join(dir, 'c.pdf')], { encoding: 'utf8' })).toMatch(/Pages:\s+2/);
      const annex = execFileSync('pdftotext', ['-f', '2', '-l', '2', '-enc', 'UTF-8', join(dir, 'c.pdf'), '-'], {
        encoding: 'utf8',
      }).replace(/\s+/g, ' ');
      expect(annex).toContain('Annexe — Compétences certifiées');
      for (const label of labels) expect(annex).toContain(label);
      const first = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-enc', 'UTF-8', join(dir, 'c.pdf'), '-'], { encoding: 'utf8' });
      expect(first).toContain('Les 8 compétences certifiées sont listées en annexe.');
      expect(first).not.toMatch(/…|autres compétences/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a PDF downloaded before the learner was renamed and the logo replaced still verifies, and is downloaded the same', async () => {
    await ctx.database.dataSource.query(`UPDATE learner SET "givenName" = 'Nadia-Amel' WHERE id = $1`, [nadia.learnerId]);
    await ctx.http
      .put(`/institutions/${school.id}/logo`)
      .auth(registrar.token, bearer)
      .attach('file', readFileSync(new URL('./fixtures/pdf/ehesp-logo.png', import.meta.url)), 'logo.png')
      .expect(204);
    expect((await upload('/verifications', nadia.pdf).expect(200)).body.verified).toBe(true);
    expect(Buffer.compare((await download(nadia.credentialId, registrar.token)).body, nadia.pdf)).toBe(0);
  });

  it('a diploma not yet signed by every co-accrediting school has no PDF (409)', async () => {
    const prepared = await ctx.http
      .post('/credentials/diplomas')
      .auth(registrar.token, bearer)
      .send({ programmeId, learnerId: karim.learnerId })
      .expect(201);
    expect(prepared.body.state).toBe('awaiting_signatures');
    const refused = await download(prepared.body.id, registrar.token, 409);
    expect(refused.body.toString()).toContain('awaiting_signatures');
    await ctx.http.post(`/credentials/${prepared.body.id}/signatures`).auth(partnerRegistrar.token, bearer).send({}).expect(200);
    const pdf = (await download(prepared.body.id, registrar.token)).body;
    expect((await upload('/verifications', pdf).expect(200)).body.verified).toBe(true);
  });
});
