// What a certificate rests on: one active certificate per learner and module, whichever session she passed it in
// (another one is an explicit re-issue, after revoking), and results, completions and certificates only for a session
// that has begun.
import { CatalogueFactory, Factory, type Person } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const bearer = { type: 'bearer' as const };
type Json = Record<string, any>;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('certification rules', () => {
  let ctx: TestApp;
  let registrar: Person;
  let hr: Person;
  let school: { id: string; slug: string };
  let module: { id: string; code: string };
  let catalogue: CatalogueFactory;

  beforeAll(async () => {
    ctx = await startTestApp();
    const factory = new Factory(ctx);
    catalogue = new CatalogueFactory(ctx);
    school = await factory.newInstitution();
    registrar = await factory.newUser('registrar', school.id);
    hr = await factory.newUser('hr_manager', (await factory.newInstitution({ kind: 'hospital' })).id);
    const framework = await factory.newFramework(await factory.newUser('hr_manager', school.id), { publish: true });
    module = await catalogue.newModule(school.id, 'GC-SSE', 35, [{ itemId: framework.items.planBlanc.id, level: 3 }]);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const newLearner = async (givenName: string) =>
    (
      await ctx.http
        .post('/learners')
        .auth(hr.token, bearer)
        .send({ givenName, familyName: 'Benkhelifa', email: `${givenName.toLowerCase()}@chu-oran.example.dz` })
        .expect(201)
    ).body as Json;
  // The employer asks, the school accepts: an enrolment both sides consented to.
  const enrol = async (session: { id: string }, learner: Json) =>
    (await new Factory(ctx).enrol(session, learner.id as string, { hr, registrar })) as unknown as Json;
  const assess = (session: { id: string }, learner: Json, body: Json = {}) =>
    ctx.http
      .post(`/sessions/${session.id}/assessments`)
      .auth(registrar.token, bearer)
      .send({ learnerId: learner.id, kind: 'final_exam', score: 15, ...body });
  const certify = (enrolment: Json) =>
    ctx.http.post('/credentials/certificates').auth(registrar.token, bearer).send({ enrolmentId: enrolment.id });
  const runBatch = async (session: { id: string }) => {
    const started = await ctx.http.post(`/sessions/${session.id}/credential-batches`).auth(registrar.token, bearer).expect(202);
    for (let attempt = 0; attempt < 120; attempt++) {
      const batch = (await ctx.http.get(`/credential-batches/${started.body.id}`).auth(registrar.token, bearer).expect(200)).body;
      if (batch.state === 'completed' || batch.state === 'failed') return batch;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('batch did not finish');
  };
  const activeCertificates = async (learner: Json) =>
    Number(
      (
        await ctx.database.dataSource.query(
          `SELECT count(*) FROM credential WHERE kind = 'certificate' AND "learnerId" = $1 AND "moduleId" = $2 AND state <> 'revoked'`,
          [learner.id, module.id],
        )
      )[0].count,
    );

  it('a learner holds one active certificate per module: a second session’s batch skips her with the reason, by hand it is 409', async () => {
    const march = await catalogue.newSession(module.id, school.id);
    const october = await catalogue.newSession(module.id, school.id, 25, { startsOn: '2026-10-05', endsOn: '2026-10-09' });
    const nadia = await newLearner('Nadia');
    const karim = await newLearner('Karim');
    const first = await enrol(march, nadia);
    await assess(march, nadia).expect(201);
    const held = (await certify(first).expect(201)).body;
    // She takes the module again in October and passes; Karim passes it for the first time.
    const again = await enrol(october, nadia);
    await assess(october, nadia).expect(201);
    await enrol(october, karim);
    await assess(october, karim).expect(201);

    const byHand = await certify(again).expect(409);
    expect(byHand.body).toMatchObject({
      code: 'already_certified',
      errors: [{ field: 'enrolmentId', reason: `the learner already holds certificate ${held.id} for this module` }],
    });
    const batch = await runBatch(october);
    expect(batch).toMatchObject({ state: 'completed', total: 2, issued: 1, skipped: 1, failed: 0 });
    expect(batch.skips).toEqual([{ enrolmentId: again.id, reason: `already certified for this module in another session: ${held.id}` }]);
    expect(await activeCertificates(nadia)).toBe(1);
    expect(await activeCertificates(karim)).toBe(1);

    // The database holds the rule whatever the code path.
    const [{ id: karimsCertificate }] = await ctx.database.dataSource.query(`SELECT id FROM credential WHERE "learnerId" = $1`, [karim.id]);
    await expect(
      ctx.database.dataSource.query(
        `INSERT INTO credential (kind, state, document, "issuerInstitutionId", "signerInstitutionIds", "learnerId", "moduleId", "statusListId", "statusListIndex")
       SELECT kind, state, jsonb_build_object('id', 'urn:uuid:copy'), "issuerInstitutionId", "signerInstitutionIds", "learnerId", "moduleId", "statusListId", "statusListIndex" + 100000
       FROM credential WHERE id = $1`,
        [karimsCertificate],
      ),
    ).rejects.toThrow(/uq_certificate_per_learner_module/);

    // Re-issue on purpose: revoke the first, then certify the October pass.
    await ctx.http
      .post(`/issuers/${school.slug}/credentials/status`)
      .auth(registrar.token, bearer)
      .send({
        credentialId: held.verifiableCredential.id,
        credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'revocation' },
        status: true,
        reason: 'Réédition après la session d’octobre',
      })
      .expect(200);
    await certify(again).expect(201);
    expect(await activeCertificates(nadia)).toBe(1);
  });

  it('results, completions and certificates of a session that has not started are refused, with the field', async () => {
    const upcoming = await catalogue.newSession(module.id, school.id, 25, { startsOn: day(30), endsOn: day(34) });
    const yacine = await newLearner('Yacine');
    const enrolment = await enrol(upcoming, yacine);
    // The pre-training questionnaire is the one assessment that comes before.
    await assess(upcoming, yacine, { kind: 'pre_questionnaire', score: 8 }).expect(201);
    const exam = await assess(upcoming, yacine).expect(409);
    expect(exam.body).toMatchObject({
      code: 'session_not_started',
      errors: [{ field: 'session', reason: `the session starts on ${day(30)}` }],
    });
    const completion = await ctx.http
      .patch(`/enrolments/${enrolment.id}`)
      .auth(registrar.token, bearer)
      .send({ status: 'completed' })
      .expect(409);
    expect(completion.body).toMatchObject({ code: 'session_not_started', errors: [{ field: 'status' }] });
    const imported = await ctx.http
      .post('/results-imports')
      .auth(registrar.token, bearer)
      .attach('file', Buffer.from(`learner,module,score,completed_at\n${yacine.email},GC-SSE,14,${day(31)}\n`), {
        filename: 'results.csv',
        contentType: 'text/csv',
      })
      .expect(422);
    expect(imported.body.errors).toEqual([{ field: 'session', reason: `the session starts on ${day(30)}`, line: 2 }]);

    // A completion written before the rule does not make it certifiable either.
    await ctx.database.dataSource.query(`UPDATE enrolment SET status = 'completed', "completedAt" = now() WHERE id = $1`, [enrolment.id]);
    expect((await certify(enrolment).expect(409)).body).toMatchObject({ code: 'session_not_started', errors: [{ field: 'enrolmentId' }] });
    const batch = await ctx.http.post(`/sessions/${upcoming.id}/credential-batches`).auth(registrar.token, bearer).expect(409);
    expect(batch.body).toMatchObject({ code: 'session_not_started', errors: [{ field: 'sessionId' }] });
    expect(await activeCertificates(yacine)).toBe(0);
  });

  it('a result dated before its session or in the future is refused', async () => {
    const march = await catalogue.newSession(module.id, school.id);
    const amina = await newLearner('Amina');
    await enrol(march, amina);
    expect((await assess(march, amina, { assessedAt: '2026-03-01T09:00:00Z' }).expect(400)).body.errors).toEqual([
      { field: 'assessedAt', reason: 'before the session starts on 2026-03-09' },
    ]);
    expect((await assess(march, amina, { assessedAt: new Date(Date.now() + 86_400_000).toISOString() }).expect(400)).body.errors).toEqual([
      { field: 'assessedAt', reason: 'in the future' },
    ]);
    await assess(march, amina, { assessedAt: '2026-03-13T15:00:00Z' }).expect(201);
  });
});
