// What changes with time alone, on a FixedClock instead of the calendar: a session's results wait for its first day,
// and a credential with a validUntil is reported expired once that day has passed, while a certificate (no end date)
// still verifies. Before the injected clock the first needed a session dated relative to today and could never reach
// its first day; the second could only issue credentials that were already expired.
import { FixedClock } from '../src/common/testing/fixed-clock.js';
import { CatalogueFactory, Factory, type Person } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const bearer = { type: 'bearer' as const };
type Json = Record<string, any>;

describe('time passing on a fixed clock', () => {
  const clock = new FixedClock('2027-01-11T08:00:00Z');
  let ctx: TestApp;
  let school: { id: string; slug: string };
  let registrar: Person;
  let hr: Person;
  let module: { id: string };
  let catalogue: CatalogueFactory;

  beforeAll(async () => {
    ctx = await startTestApp({ VC_API_ISSUANCE: 'true' }, { clock });
    const factory = new Factory(ctx);
    catalogue = new CatalogueFactory(ctx);
    school = await factory.newInstitution({ slug: 'ensm-alger-clock' });
    registrar = await factory.newUser('registrar', school.id);
    hr = await factory.newUser('hr_manager', (await factory.newInstitution({ kind: 'hospital' })).id);
    const framework = await factory.newFramework(await factory.newUser('hr_manager', school.id), { publish: true });
    module = await catalogue.newModule(school.id, 'GC-SSE', 35, [{ itemId: framework.items.planBlanc.id, level: 3 }]);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const verify = (credential: unknown) => ctx.http.post('/credentials/verify').send({ verifiableCredential: credential });
  const validityOf = (verdict: Json) => (verdict.checks as Json[]).find((check) => check.check === 'validity');

  it('a February session refuses its exam in January, takes it on its last day, and its certificate still verifies months later', async () => {
    clock.set('2027-01-11T08:00:00Z');
    const february = await catalogue.newSession(module.id, school.id, 25, { startsOn: '2027-02-08', endsOn: '2027-02-12' });
    const learner = (
      await ctx.http
        .post('/learners')
        .auth(hr.token, bearer)
        .send({ givenName: 'Nadia', familyName: 'Benkhelifa', email: 'nadia.clock@chu-oran.example.dz' })
        .expect(201)
    ).body as Json;
    const enrolment = await new Factory(ctx).enrol(february, learner.id, { hr, registrar });
    const exam = (body: Json = {}) =>
      ctx.http
        .post(`/sessions/${february.id}/assessments`)
        .auth(registrar.token, bearer)
        .send({ learnerId: learner.id, kind: 'final_exam', score: 15, ...body });

    const early = await exam().expect(409);
    expect(early.body).toMatchObject({
      code: 'session_not_started',
      errors: [{ field: 'session', reason: 'the session starts on 2027-02-08' }],
    });

    clock.set('2027-02-12T14:00:00Z');
    // "In the future" is counted from the clock too: the next morning is refused, the exam of this afternoon taken.
    expect((await exam({ assessedAt: '2027-02-13T09:00:00Z' }).expect(400)).body.errors).toEqual([
      { field: 'assessedAt', reason: 'in the future' },
    ]);
    const taken = await exam().expect(201);
    expect(taken.body.assessedAt).toBe('2027-02-12T14:00:00.000Z');
    const certificate = (
      await ctx.http.post('/credentials/certificates').auth(registrar.token, bearer).send({ enrolmentId: enrolment.id }).expect(201)
    ).body;
    expect(certificate.verifiableCredential.validFrom).toBe('2027-02-12T14:00:00Z');
    expect(certificate.verifiableCredential.proof.created).toBe('2027-02-12T14:00:00Z');
    await verify(certificate.verifiableCredential).expect(200);

    clock.advance({ months: 3 });
    const later = await verify(certificate.verifiableCredential).expect(200);
    expect(validityOf(later.body)).toEqual({ check: 'validity', passed: true });
  });

  it('a credential valid until the end of April is reported expired three months after its issue', async () => {
    clock.set('2027-03-01T09:00:00Z');
    const issued = await ctx.http
      .post(`/issuers/${school.slug}/credentials/issue`)
      .auth(registrar.token, bearer)
      .send({
        credential: {
          '@context': ['https://www.w3.org/ns/credentials/v2'],
          type: ['VerifiableCredential'],
          credentialSubject: { id: 'did:example:employee-42', name: 'Nadia Benkhelifa' },
          validFrom: '2027-03-01T09:00:00Z',
          validUntil: '2027-04-30T23:59:59Z',
        },
      })
      .expect(201);
    const credential = issued.body.verifiableCredential;
    await verify(credential).expect(200);

    clock.advance({ days: 60 }); // 30 April, 09:00: the last day still counts
    await verify(credential).expect(200);

    clock.advance({ days: 32 }); // 1 June: three months after the issue
    const expired = await verify(credential).expect(400);
    expect(validityOf(expired.body)).toMatchObject({
      passed: false,
      code: 'EXPIRED',
      detail: 'expired at 2027-04-30T23:59:59Z (checked at 2027-06-01T09:00:00.000Z)',
    });
  });
});
