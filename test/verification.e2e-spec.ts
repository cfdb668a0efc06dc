// What an employer meets: the QR link's page, the certificate PDF with its embedded credential, uploads of a PDF
// or a JSON file on the page and through the API — and, in a real browser, verified / revoked / tampered.
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tamperEmbeddedCredential } from '../src/documents/testing/tampered-pdf.js';
import { CatalogueFactory, Factory, type Person } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const bearer = { type: 'bearer' as const };
const CHROMIUM = '/usr/bin/chromium';

describe('verification for people', () => {
  let ctx: TestApp;
  let registrar: Person;
  let learner: Person;
  let valid: { id: string; verifiableCredential: Record<string, unknown> };
  let revoked: { id: string };
  let pdf: Buffer;
  let school: { id: string; slug: string };

  beforeAll(async () => {
    ctx = await startTestApp({ VERIFY_RATE_LIMIT: '0' });
    const factory = new Factory(ctx);
    const catalogue = new CatalogueFactory(ctx);
    school = await factory.newInstitution({ slug: 'ensm-verify' });
    const hospital = await factory.newInstitution({ kind: 'hospital' });
    registrar = await factory.newUser('registrar', school.id);
    const hr = await factory.newUser('hr_manager', hospital.id);
    learner = await factory.newUser('learner');
    const framework = await factory.newFramework(await factory.newUser('hr_manager', school.id), { publish: true });
    const module = await catalogue.newModule(school.id, 'GC-SSE', 35, [
      { itemId: framework.items.planBlanc.id, level: 3 },
      { itemId: framework.items.cellule.id, level: 2 },
    ]);
    const session = await catalogue.newSession(module.id, school.id);
    const certify = async (givenName: string, userId?: string) => {
      const person = (
        await ctx.http.post('/learners').auth(hr.token, bearer).send({ givenName, familyName: 'Benkhelifa', userId }).expect(201)
      ).body;
      const enrolment = await factory.enrol(session, person.id, { hr, registrar });
      await ctx.http
        .post(`/sessions/${session.id}/assessments`)
        .auth(registrar.token, bearer)
        .send({ learnerId: person.id, kind: 'final_exam', score: 15 })
        .expect(201);
      return (
        await ctx.http.post('/credentials/certificates').auth(registrar.token, bearer).send({ enrolmentId: enrolment.id }).expect(201)
      ).body;
    };
    valid = await certify('Nadia', learner.id);
    revoked = await certify('Karim');
    await ctx.http
      .post(`/issuers/${school.slug}/credentials/status`)
      .auth(registrar.token, bearer)
      .send({
        credentialId: `urn:uuid:${revoked.id}`,
        credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'revocation' },
        status: true,
        reason: 'Certificat délivré par erreur',
      })
      .expect(200);
    const download = await ctx.http
      .get(`/credentials/${valid.id}/pdf`)
      .auth(learner.token, bearer)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    pdf = download.body;
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const upload = (path: string, bytes: Buffer, filename: string) => ctx.http.post(path).attach('file', bytes, filename);

  it('the learner downloads a PDF that carries the signed credential, the same bytes each time', async () => {
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const again = await ctx.http
      .get(`/credentials/${valid.id}/pdf`)
      .auth(learner.token, bearer)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(Buffer.compare(again.body, pdf)).toBe(0);
    await ctx.http.get(`/credentials/${revoked.id}/pdf`).auth(learner.token, bearer).expect(404);
  });

  it('the QR link shows the verdict, the checks and what the credential says, in French, Arabic or English', async () => {
    const page = await ctx.http.get(`/verify/${valid.id}`).expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.text).toContain('✓ Vérifié');
    expect(page.text).toContain('Nadia Benkhelifa');
    const arabic = await ctx.http.get(`/verify/${valid.id}`).query({ lang: 'ar' }).expect(200);
    expect(arabic.text).toContain('dir="rtl"');
    expect(arabic.text).toContain('تم التحقق');
    expect((await ctx.http.get(`/verify/${valid.id}`).set('Accept-Language', 'en-GB,en;q=0.8').expect(200)).text).toContain('Verified');
    const gone = await ctx.http.get(`/verify/${revoked.id}`).expect(200);
    expect(gone.text).toContain('✗ Révoqué');
    expect(gone.text).toContain('Ce que le document affirme (non vérifié)');
    expect(gone.text).toContain('Certificat délivré par erreur');
    expect((await ctx.http.get('/verify/0b7c6a52-8f7d-4a8e-9d61-3f1e2b7a9c10').expect(404)).text).toContain('Aucun certificat');
  });

  it('uploads: a genuine PDF or JSON verifies; a tampered, foreign or empty file gets a clear message and a 4xx', async () => {
    expect((await upload('/verifications', pdf, 'certificat.pdf').expect(200)).body).toMatchObject({
      verified: true,
      credential: { holder: 'Nadia Benkhelifa' },
    });
    await upload('/verifications', Buffer.from(JSON.stringify(valid.verifiableCredential)), 'credential.json').expect(200);
    const tampered = Buffer.from(await tamperEmbeddedCredential(pdf));
    expect((await upload('/verifications', tampered, 'certificat.pdf').expect(400)).body.verified).toBe(false);
    const notPdf = await upload('/verifications', Buffer.from('GIF89a not a certificate'), 'image.gif').expect(400);
    expect(notPdf.body.errors[0]).toMatchObject({ field: 'file' });
    const page = await upload('/verify', Buffer.from('%PDF-1.7\n%%EOF\n'), 'empty.pdf').expect(400);
    expect(page.text).toMatch(/illisible|ne contient pas/);
    await ctx.http.post('/verifications').expect(400);
  });

  it('uploads to verify are bounded while they stream in: 10 MiB for a PDF, 1 MiB for a JSON credential', async () => {
    const huge = Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)]);
    for (const path of ['/verifications', '/verify']) {
      expect((await upload(path, huge, 'certificat.pdf').expect(413)).body).toMatchObject({ code: 'payload_too_large' });
    }
    const padded = Buffer.from(JSON.stringify(valid.verifiableCredential).replace(/^\{/, `{${' '.repeat(1024 * 1024)}`));
    expect((await upload('/verifications', padded, 'credential.json').expect(400)).body.errors[0]).toMatchObject({
      field: 'file',
      reason: expect.stringContaining('at most'),
    });
    expect((await upload('/verify', padded, 'credential.json').expect(400)).text).toContain('trop volumineux');
  });

  it('public verification is rate limited per address', async () => {
    const limited = await startTestApp({ VERIFY_RATE_LIMIT: '3' });
    try {
      for (let i = 0; i < 3; i++) await limited.http.get('/verify').expect(200);
      const refused = await limited.http.get('/verify').expect(429);
      expect(refused.body.code).toBe('rate_limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // Behind a reverse proxy on loopback, the client's address is the one the proxy forwards.
      for (let i = 0; i < 3; i++) await limited.http.get('/verify').set('X-Forwarded-For', '203.0.113.9').expect(200);
      await limited.http.get('/verify').set('X-Forwarded-For', '203.0.113.9').expect(429);
      await limited.http.get('/verify').set('X-Forwarded-For', '198.51.100.4').expect(200);
    } finally {
      await limited.close();
    }
  });

  it('a school uploads the logo printed on its certificates (PNG only, its own registrars)', async () => {
    const logo = readFileSync(new URL('./fixtures/pdf/ensm-logo.png', import.meta.url));
    await ctx.http.put(`/institutions/${school.id}/logo`).auth(registrar.token, bearer).attach('file', logo, 'logo.png').expect(204);
    const served = await ctx.http.get(`/institutions/${school.id}/logo`).expect(200);
    expect(served.headers['content-type']).toBe('image/png');
    const notPng = await ctx.http
      .put(`/institutions/${school.id}/logo`)
      .auth(registrar.token, bearer)
      .attach('file', Buffer.from('GIF89a'), 'logo.gif')
      .expect(400);
    expect(notPng.body.errors).toEqual([{ field: 'file', reason: 'must be a PNG image' }]);
    await ctx.http.put(`/institutions/${school.id}/logo`).auth(learner.token, bearer).attach('file', logo, 'logo.png').expect(403);
    const download = (id: string, token: string) =>
      ctx.http
        .get(`/credentials/${id}/pdf`)
        .auth(token, bearer)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
    // A certificate already printed keeps its paper; one printed for the first time now shows the logo.
    expect(Buffer.compare((await download(valid.id, learner.token)).body, pdf)).toBe(0);
    expect((await download(revoked.id, registrar.token)).body.length).toBeGreaterThan(pdf.length + 5000);
  });

  const browserIt = existsSync(CHROMIUM) ? it : it.skip;
  if (!existsSync(CHROMIUM)) console.warn(`Browser tests skipped: ${CHROMIUM} is missing (apt-get install chromium; .ci/run installs it).`);

  browserIt('in a real browser: verified, revoked with its reason, and a tampered PDF refused', async () => {
    const { chromium } = await import('playwright-core');
    const server = ctx.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-quic',
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });
      await page.goto(`${base}/verify/${valid.id}`);
      expect(await page.getByTestId('verdict').innerText()).toContain('Vérifié');
      await page.screenshot({ path: 'test/output/verify-valid.png', fullPage: true });

      await page.goto(`${base}/verify/${revoked.id}?lang=ar`);
      expect(await page.getByTestId('verdict').innerText()).toContain('ملغاة');
      expect(await page.content()).toContain('Certificat délivré par erreur');
      await page.screenshot({ path: 'test/output/verify-revoked-ar.png', fullPage: true });

      await page.goto(`${base}/verify`);
      await page.setInputFiles('input[type=file]', {
        name: 'certificat.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from(await tamperEmbeddedCredential(pdf)),
      });
      await page.click('button[type=submit]');
      expect(await page.getByTestId('verdict').innerText()).toContain('Non vérifié');
      await page.screenshot({ path: 'test/output/verify-tampered.png', fullPage: true });
    } finally {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
