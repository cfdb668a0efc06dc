// Bulk issuance at a ceremony: a background job on the PostgreSQL queue, idempotent and resumable.
import { CredentialBatchesService } from '../src/credentials/batch/credential-batches.service.js';
import { CatalogueFactory, Factory, type Person } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const bearer = { type: 'bearer' as const };

describe('bulk issuance', () => {
  let ctx: TestApp;
  let registrar: Person;
  let session: { id: string };
  let passed: string[];

  beforeAll(async () => {
    ctx = await startTestApp();
    const factory = new Factory(ctx);
    const school = await factory.newInstitution();
    const hospital = await factory.newInstitution({ kind: 'hospital' });
    registrar = await factory.newUser('registrar', school.id);
    const hr = await factory.newUser('hr_manager', hospital.id);
    const framework = await factory.newFramework(await factory.newUser('hr_manager', school.id), { publish: true });
    const module = await new CatalogueFactory(ctx).newModule(school.id, 'GC-SSE', 35, [{ itemId: framework.items.planBlanc.id, level: 3 }]);
    session = await new CatalogueFactory(ctx).newSession(module.id, school.id, 40);
    passed = [];
    for (let i = 0; i < 32; i++) {
      const learner = await ctx.http
        .post('/learners')
        .auth(hr.token, bearer)
        .send({ givenName: `Agent${i}`, familyName: 'Urgences', email: `agent${i}@chu.example.dz` })
        .expect(201);
      await factory.enrol(session, learner.body.id, { hr, registrar });
      // Two of them fail the exam and get nothing.
      await ctx.http
        .post(`/sessions/${session.id}/assessments`)
        .auth(registrar.token, bearer)
        .send({ learnerId: learner.body.id, kind: 'final_exam', score: i < 2 ? 6 : 13 })
        .expect(201);
      if (i >= 2) passed.push(learner.body.id);
    }
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const waitFor = async (batchId: string) => {
    for (let attempt = 0; attempt < 120; attempt++) {
      const batch = (await ctx.http.get(`/credential-batches/${batchId}`).auth(registrar.token, bearer).expect(200)).body;
      if (batch.state === 'completed' || batch.state === 'failed') return batch;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('batch did not finish');
  };
  const certificates = async () =>
    Number((await ctx.database.dataSource.query(`SELECT count(*) FROM credential WHERE kind = 'certificate'`))[0].count);

  it('certifies every learner who passed, in the background, with progress', async () => {
    // One learner already has a certificate: the batch skips them.
    const enrolment = (await ctx.http.get(`/sessions/${session.id}/enrolments`).auth(registrar.token, bearer)).body.find(
      (e: { learnerId: string }) => e.learnerId === passed[0],
    );
    await ctx.http.post('/credentials/certificates').auth(registrar.token, bearer).send({ enrolmentId: enrolment.id }).expect(201);

    const started = await ctx.http.post(`/sessions/${session.id}/credential-batches`).auth(registrar.token, bearer).expect(202);
    expect(started.body).toMatchObject({ state: 'queued', total: 29 });
    const done = await waitFor(started.body.id);
    expect(done).toMatchObject({ state: 'completed', total: 29, issued: 29, failed: 0 });
    expect(await certificates()).toBe(30);
    const indexes = await ctx.database.dataSource.query(`SELECT DISTINCT "statusListId", "statusListIndex" FROM credential`);
    expect(indexes).toHaveLength(30);
  });

  it('running it again, or replaying a job after a crash, never duplicates a credential', async () => {
    const again = await ctx.http.post(`/sessions/${session.id}/credential-batches`).auth(registrar.token, bearer).expect(202);
    expect(again.body).toMatchObject({ state: 'completed', total: 0 });
    const [batch] = await ctx.database.dataSource.query(`SELECT id FROM credential_batch WHERE total = 29`);
    const enrolments: { id: string }[] = await ctx.database.dataSource.query(
      `SELECT id FROM enrolment WHERE "sessionId" = $1 AND status = 'completed'`,
      [session.id],
    );
    await ctx.app.get(CredentialBatchesService).work({ batchId: batch.id, enrolmentIds: enrolments.map((e) => e.id) });
    expect(await certificates()).toBe(30);
    const replayed = (await ctx.http.get(`/credential-batches/${batch.id}`).auth(registrar.token, bearer)).body;
    expect(replayed).toMatchObject({ issued: 29, skipped: 1 });
  });

  it('only the organising school’s registrars may start or follow a batch', async () => {
    const other = await new Factory(ctx).newUser('registrar', (await new Factory(ctx).newInstitution()).id);
    expect((await ctx.http.post(`/sessions/${session.id}/credential-batches`).auth(other.token, bearer).expect(403)).body.code).toBe(
      'other_institution',
    );
    await ctx.http.post('/sessions/0b7c6a52-8f7d-4a8e-9d61-3f1e2b7a9c10/credential-batches').auth(registrar.token, bearer).expect(404);
  });
});
