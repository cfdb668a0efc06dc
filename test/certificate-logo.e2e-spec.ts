// A school's logo is printed on every certificate it issues: the upload refuses what is not a whole PNG within
// 2000 × 2000 pixels and 512 kB, and a bad logo stored before that check never fails a PDF (printed without it).
import { readFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import { CatalogueFactory, Factory, type Person } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const bearer = { type: 'bearer' as const };
const logo = readFileSync(new URL('./fixtures/pdf/ensm-logo.png', import.meta.url));

const chunk = (type: string, data: Buffer): Buffer => {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
};

/** A grey PNG of the given size whose every row is zeros: 12000 × 12000 deflates to about 140 kB. */
function greyPng(width: number, height: number, rowsCompressed = height): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // grey
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc((width + 1) * rowsCompressed), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The fixture with bytes of its image data flipped and the CRC fixed: whole chunks, corrupt compressed data. */
function corruptImageData(png: Buffer): Buffer {
  const copy = Buffer.from(png);
  const idat = copy.indexOf('IDAT', 8, 'latin1');
  const length = copy.readUInt32BE(idat - 4);
  for (let i = 2; i < Math.min(length, 40); i++) copy[idat + 4 + i] ^= 0xff;
  copy.writeUInt32BE(crc32(copy.subarray(idat, idat + 4 + length)), idat + 4 + length);
  return copy;
}

/** The fixture with an IHDR naming a colour type PNG does not have (5), CRC fixed. */
function badHeader(png: Buffer): Buffer {
  const copy = Buffer.from(png);
  copy[25] = 5;
  copy.writeUInt32BE(crc32(copy.subarray(12, 29)), 29);
  return copy;
}

describe('school logos on certificates', () => {
  let ctx: TestApp;
  let registrar: Person;
  let school: { id: string };
  let issueCertificate: () => Promise<string>;

  beforeAll(async () => {
    ctx = await startTestApp({ VERIFY_RATE_LIMIT: '0' });
    const factory = new Factory(ctx);
    const catalogue = new CatalogueFactory(ctx);
    school = await factory.newInstitution({ slug: 'ensm-logo' });
    const hospital = await factory.newInstitution({ kind: 'hospital' });
    registrar = await factory.newUser('registrar', school.id);
    const hr = await factory.newUser('hr_manager', hospital.id);
    const framework = await factory.newFramework(await factory.newUser('hr_manager', school.id), { publish: true });
    const module = await catalogue.newModule(school.id, 'GC-SSE', 35, [{ itemId: framework.items.planBlanc.id, level: 2 }]);
    const session = await catalogue.newSession(module.id, school.id);
    issueCertificate = async () => {
      const person = (
        await ctx.http.post('/learners').auth(hr.token, bearer).send({ givenName: 'Nadia', familyName: 'Benkhelifa' }).expect(201)
      ).body;
      const enrolment = await factory.enrol(session, person.id, { hr, registrar });
      await ctx.http
        .post(`/sessions/${session.id}/assessments`)
        .auth(registrar.token, bearer)
        .send({ learnerId: person.id, kind: 'final_exam', score: 15 })
        .expect(201);
      return (
        await ctx.http.post('/credentials/certificates').auth(registrar.token, bearer).send({ enrolmentId: enrolment.id }).expect(201)
      ).body.id;
    };
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const upload = (png: Buffer) =>
    ctx.http.put(`/institutions/${school.id}/logo`).auth(registrar.token, bearer).attach('file', png, 'logo.png');
  const reasonFor = async (png: Buffer) => {
    const response = await upload(png);
    expect({ status: response.status, field: response.body.errors?.[0]?.field }).toEqual({ status: 400, field: 'file' });
    return response.body.errors[0].reason as string;
  };
  const download = (id: string) =>
    ctx.http
      .get(`/credentials/${id}/pdf`)
      .auth(registrar.token, bearer)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (part: Buffer) => chunks.push(part));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
  /** A logo written as a school could store it before the upload checked more than the signature. */
  const storeUnchecked = (png: Buffer) =>
    ctx.database.dataSource.query('UPDATE institution SET "logoPng" = $1 WHERE id = $2', [png, school.id]);

  it('takes a whole PNG within the bounds', async () => {
    await upload(logo).expect(204);
    await upload(greyPng(2000, 2000)).expect(204);
  });

  it('refuses a PNG larger than 2000 × 2000 pixels from its header, before inflating anything', async () => {
    expect(await reasonFor(greyPng(12000, 12000, 1))).toBe('is 12000 × 12000 pixels; at most 2000 × 2000');
    expect(await reasonFor(greyPng(2001, 10, 1))).toContain('at most 2000 × 2000');
  });

  it('refuses a corrupt or truncated PNG, and what is not a PNG', async () => {
    expect(await reasonFor(logo.subarray(0, Math.floor(logo.length / 2)))).toContain('not a whole PNG image');
    const badCrc = Buffer.from(logo);
    badCrc[40] ^= 0xff;
    expect(await reasonFor(badCrc)).toContain('fails its CRC');
    expect(await reasonFor(corruptImageData(logo))).toContain('is a corrupt PNG image (its image data');
    expect(await reasonFor(badHeader(logo))).toBe('is a corrupt PNG image (invalid IHDR header)');
    expect(await reasonFor(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]))).toBe('must be a PNG image');
    expect(await reasonFor(Buffer.concat([logo, Buffer.alloc(600 * 1024)]))).toBe('must be at most 512 kB');
  });

  it('prints a certificate without a stored logo that cannot be read, and the PDF still verifies as paper', async () => {
    // pdf-lib threw on the bad header (500), drew noise for the corrupt data, and never returned from the truncated file.
    for (const png of [badHeader(logo), corruptImageData(logo), logo.subarray(0, Math.floor(logo.length / 2))]) {
      await storeUnchecked(png);
      const pdf = await download(await issueCertificate());
      expect(pdf.status).toBe(200);
      const verified = await ctx.http.post('/verifications').attach('file', pdf.body as Buffer, 'certificat.pdf');
      expect({ status: verified.status, verified: verified.body.verified }).toEqual({ status: 200, verified: true });
    }
  });

  it('prints a certificate quickly without a stored decompression bomb', async () => {
    await storeUnchecked(greyPng(12000, 12000));
    const id = await issueCertificate();
    const started = performance.now();
    expect((await download(id)).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
