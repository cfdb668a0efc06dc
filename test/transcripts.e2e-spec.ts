// CLR 2.0 transcripts: a school bundles a learner's released module certificates of a programme into a signed
// ClrCredential; the verifier checks its proof and every embedded credential (valid, same learner, not revoked).
import { schemaErrors, validators } from './support/credential-schema.js';
import { CatalogueFactory, expectStatus, Factory, type Person } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const bearer = { type: 'bearer' as const };
type Json = Record<string, any>;

describe('CLR 2.0 transcripts', () => {
  let ctx: TestApp;
  let factory: Factory;
  let ensm: { id: string; slug: string };
  let other: { id: string; slug: string };
  let registrar: Person;
  let otherRegistrar: Person;
  let hr: Person;
  let nadiaLogin: Person;
  let nadia: Json;
  let karim: Json;
  let programmeId: string;
  let emptyProgrammeId: string;
  const certificates: Record<string, Json> = {};

  const verify = (credential: unknown) => ctx.http.post('/credentials/verify').send({ verifiableCredential: credential });
  const transcript = (learnerId: string, body: Json, person = registrar) =>
    ctx.http.post(`/learners/${learnerId}/transcripts`).auth(person.token, bearer).send(body);
  const codes = (body: Json): string[] => body.errors.map((error: Json) => error.code);

  beforeAll(async () => {
    ctx = await startTestApp({ VC_API_ISSUANCE: 'true' });
    factory = new Factory(ctx);
    const catalogue = new CatalogueFactory(ctx);
    ensm = await factory.newInstitution({ slug: 'ensm-transcripts' });
    other = await factory.newInstitution({ slug: 'other-school-transcripts' });
    const hospital = await factory.newInstitution({ slug: 'chu-transcripts', kind: 'hospital' });
    registrar = await factory.newUser('registrar', ensm.id);
    otherRegistrar = await factory.newUser('registrar', other.id);
    hr = await factory.newUser('hr_manager', hospital.id);
    const framework = await factory.newFramework(await factory.newUser('hr_manager', ensm.id), { publish: true });
    const crisis = await catalogue.newModule(ensm.id, 'GC-TR', 35, [{ itemId: framework.items.planBlanc.id, level: 3 }]);
    const steering = await catalogue.newModule(ensm.id, 'PIL-TR', 28, [{ itemId: framework.items.cellule.id, level: 2 }]);
    const unrelated = await catalogue.newModule(ensm.id, 'HORS-TR', 10, [{ itemId: framework.items.cellule.id, level: 1 }]);
    const programme = await ctx.http
      .post('/programmes')
      .auth(registrar.token, bearer)
      .send({
        code: 'DMH-TR',
        kind: 'diploma',
        title: { fr: 'Diplôme de management hospitalier' },
        minimumAverage: 50,
        modules: [
          { moduleId: crisis.id, required: true },
          { moduleId: steering.id, required: true },
        ],
      });
    expectStatus(programme, 201);
    programmeId = programme.body.id;
    emptyProgrammeId = (
      await ctx.http
        .post('/programmes')
        .auth(registrar.token, bearer)
        .send({
          code: 'VIDE-TR',
          kind: 'diploma',
          title: { fr: 'Parcours sans module suivi' },
          modules: [{ moduleId: unrelated.id, required: true }],
        })
        .expect(201)
    ).body.id;

    nadiaLogin = await factory.newUser('learner');
    const learner = async (givenName: string, familyName: string, userId?: string) =>
      (
        await ctx.http
          .post('/learners')
          .auth(hr.token, bearer)
          .send({ givenName, familyName, email: `${givenName.toLowerCase()}@chu.example.dz`, userId })
          .expect(201)
      ).body;
    nadia = await learner('Nadia', 'Benkhelifa', nadiaLogin.id);
    karim = await learner('Karim', 'Ziani');
    const lina = await learner('Lina', 'Haddad');
    const sessions = { crisis: await catalogue.newSession(crisis.id, ensm.id), steering: await catalogue.newSession(steering.id, ensm.id) };
    for (const [key, session, who] of [
      ['nadia-crisis', sessions.crisis, nadia],
      ['nadia-steering', sessions.steering, nadia],
      ['karim-crisis', sessions.crisis, karim],
      ['lina-crisis', sessions.crisis, lina],
    ] as const) {
      const enrolment = await factory.enrol(session, who.id, { hr, registrar });
      await ctx.http
        .post(`/sessions/${session.id}/assessments`)
        .auth(registrar.token, bearer)
        .send({ learnerId: who.id, kind: 'final_exam', score: 15 })
        .expect(201);
      certificates[key] = (
        await ctx.http.post('/credentials/certificates').auth(registrar.token, bearer).send({ enrolmentId: enrolment.id }).expect(201)
      ).body;
    }
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('issues a ClrCredential bundling the module certificates unchanged, which verifies with each embedded one', async () => {
    const issued = await transcript(nadia.id, { programmeId });
    expectStatus(issued, 201);
    expect(issued.body).toMatchObject({ kind: 'transcript', state: 'issued', learnerId: nadia.id, signedBy: [ensm.id] });
    const clr = issued.body.verifiableCredential;
    expect(clr.type).toEqual(['VerifiableCredential', 'ClrCredential']);
    expect(clr.partial).toBe(false);
    expect(clr.credentialStatus).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' });
    expect(schemaErrors(validators.clr, clr)).toEqual([]);
    const embedded: Json[] = clr.credentialSubject.verifiableCredential;
    expect(embedded).toEqual([certificates['nadia-crisis'].verifiableCredential, certificates['nadia-steering'].verifiableCredential]);
    expect(clr.credentialSubject.achievement).toEqual([
      expect.objectContaining({ achievementType: 'LearningProgram', humanCode: 'DMH-TR' }),
    ]);
    expect(clr.credentialSubject.association).toEqual(
      embedded.map((module) => ({
        type: 'Association',
        associationType: 'isChildOf',
        sourceId: module.credentialSubject.achievement.id,
        targetId: clr.credentialSubject.achievement[0].id,
      })),
    );

    const verdict = await verify(clr);
    expectStatus(verdict, 200);
    expect(verdict.body.verified).toBe(true);
    expect(
      verdict.body.checks.filter((check: Json) => check.check === 'embedded').map((check: Json) => `${check.subject}:${check.passed}`),
    ).toEqual(embedded.map((module) => `${module.id}:true`));

    // Stored like any credential: read, downloaded, listed with the learner's credentials, audited, on the public page.
    await ctx.http.get(`/credentials/${issued.body.id}`).auth(nadiaLogin.token, bearer).expect(200);
    const download = await ctx.http.get(`/credentials/${issued.body.id}/download`).auth(registrar.token, bearer).expect(200);
    expect(JSON.parse(download.text)).toEqual(clr);
    const listed = await ctx.http.get(`/learners/${nadia.id}/credentials`).auth(nadiaLogin.token, bearer).expect(200);
    expect(listed.body.filter((credential: Json) => credential.kind === 'transcript').map((credential: Json) => credential.id)).toEqual([
      issued.body.id,
    ]);
    const audit = await ctx.http.get('/audit-events').query({ credentialId: issued.body.id }).auth(registrar.token, bearer).expect(200);
    expect(audit.body.data.map((event: Json) => event.action)).toEqual(expect.arrayContaining(['credential.signed', 'credential.issued']));
    const page = await ctx.http.get(`/verify/${issued.body.id}`).query({ lang: 'fr' }).expect(200);
    expect(page.text).toContain('Attestation incluse dans le relevé');
    expect(page.text).not.toContain('✗');
  });

  it('says partial while the programme is not complete', async () => {
    const issued = await transcript(karim.id, { programmeId, institutionId: ensm.id });
    expectStatus(issued, 201);
    expect(issued.body.verifiableCredential.partial).toBe(true);
    expect(issued.body.verifiableCredential.credentialSubject.verifiableCredential).toHaveLength(1);
    expect((await verify(issued.body.verifiableCredential)).body.verified).toBe(true);
  });

  it('detects an embedded certificate revoked after the transcript was issued, on the API and the public page', async () => {
    const issued = (await transcript(karim.id, { programmeId }).expect(201)).body;
    await ctx.http
      .post(`/issuers/${ensm.slug}/credentials/status`)
      .auth(registrar.token, bearer)
      .send({
        credentialId: certificates['karim-crisis'].verifiableCredential.id,
        credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'revocation' },
        status: true,
        reason: 'Note corrigée par le jury',
      })
      .expect(200);
    const verdict = await verify(issued.verifiableCredential);
    expectStatus(verdict, 400);
    expect(verdict.body.verified).toBe(false);
    expect(codes(verdict.body)).toEqual(['EMBEDDED_REVOKED']);
    expect(verdict.body.checks.find((check: Json) => check.check === 'embedded')).toMatchObject({
      passed: false,
      code: 'EMBEDDED_REVOKED',
    });
    const page = await ctx.http.get(`/verify/${issued.id}`).query({ lang: 'ar' }).expect(200);
    expect(page.text).toContain('إحدى الشهادات المُدرجة في كشف النقاط ملغاة أو معلّقة');
    // A revoked certificate is no longer bundled: Karim has nothing left to transcribe.
    const refused = await transcript(karim.id, { programmeId });
    expectStatus(refused, 409);
    expect(refused.body.code).toBe('nothing_to_transcribe');
  });

  it('refuses a transcript, validly signed by the school, that embeds another learner’s certificate', async () => {
    const genuine = (await transcript(nadia.id, { programmeId }).expect(201)).body.verifiableCredential;
    // A registrar may sign any claim through the VC-API: the transcript's own proof is good, its content is not.
    const { id: _id, proof: _proof, credentialStatus: _status, issuer: _issuer, ...claims } = genuine;
    const swapped = structuredClone(claims);
    swapped.credentialSubject.verifiableCredential[0] = certificates['lina-crisis'].verifiableCredential;
    const signed = await ctx.http
      .post(`/issuers/${ensm.slug}/credentials/issue`)
      .auth(registrar.token, bearer)
      .send({ credential: swapped });
    expectStatus(signed, 201);
    const verdict = await verify(signed.body.verifiableCredential);
    expectStatus(verdict, 400);
    expect(verdict.body.checks.filter((check: Json) => check.check === 'proof').map((check: Json) => check.passed)).toEqual([true]);
    expect(codes(verdict.body)).toEqual(['EMBEDDED_SUBJECT_MISMATCH']);

    // Changing an embedded credential of an issued transcript breaks the transcript's own proof.
    const tampered = structuredClone(genuine);
    tampered.credentialSubject.verifiableCredential[0] = certificates['lina-crisis'].verifiableCredential;
    expect(codes((await verify(tampered).expect(400)).body)).toContain('INVALID_SIGNATURE');
  });

  it('refuses an embedded credential that does not verify on its own', async () => {
    const genuine = (await transcript(nadia.id, { programmeId }).expect(201)).body.verifiableCredential;
    const { id: _id, proof: _proof, credentialStatus: _status, issuer: _issuer, ...claims } = genuine;
    const altered = structuredClone(claims);
    altered.credentialSubject.verifiableCredential[0].name = 'Module que Nadia n’a pas suivi';
    const signed = await ctx.http
      .post(`/issuers/${ensm.slug}/credentials/issue`)
      .auth(registrar.token, bearer)
      .send({ credential: altered })
      .expect(201);
    const verdict = await verify(signed.body.verifiableCredential).expect(400);
    expect(codes(verdict.body)).toEqual(['EMBEDDED_INVALID']);
    expect(verdict.body.errors[0].message).toContain('INVALID_SIGNATURE');
  });

  it('is issued by a registrar of an awarding school only', async () => {
    expect((await transcript(nadia.id, { programmeId }, hr)).body.code).toBe('role_not_allowed');
    expect((await transcript(nadia.id, { programmeId }, nadiaLogin)).body.code).toBe('role_not_allowed');
    const otherSchool = await transcript(nadia.id, { programmeId }, otherRegistrar);
    expectStatus(otherSchool, 403);
    expect(otherSchool.body.code).toBe('other_institution');
    // Naming itself does not make it one of the programme's schools.
    const named = await transcript(nadia.id, { programmeId, institutionId: other.id }, otherRegistrar);
    expectStatus(named, 400);
    expect(named.body.errors).toEqual([{ field: 'institutionId', reason: 'not an awarding school of this programme' }]);
  });

  it('answers bad input with a clear 4xx and writes nothing', async () => {
    const before = (await ctx.http.get(`/learners/${nadia.id}/credentials`).auth(registrar.token, bearer).expect(200)).body.length;
    expectStatus(await transcript('00000000-0000-4000-8000-000000000000', { programmeId }), 404);
    expectStatus(await transcript(nadia.id, { programmeId: '00000000-0000-4000-8000-000000000000' }), 404);
    const badId = await transcript(nadia.id, { programmeId: 'not-a-uuid' });
    expectStatus(badId, 400);
    expect(badId.body.errors.map((error: Json) => error.field)).toContain('programmeId');
    expectStatus(await transcript(nadia.id, {}), 400);
    expectStatus(await transcript('not-a-uuid', { programmeId }), 400);
    const nothing = await transcript(nadia.id, { programmeId: emptyProgrammeId });
    expectStatus(nothing, 409);
    expect(nothing.body.errors).toEqual([{ field: 'programmeId', reason: expect.stringContaining('no released') }]);
    expect((await ctx.http.get(`/learners/${nadia.id}/credentials`).auth(registrar.token, bearer).expect(200)).body).toHaveLength(before);
  });
});
