// Certificates and co-accredited diplomas: eligibility, endorsements school by school then the lead's proof, release,
// verification check by check, tampering, revocation, and the VC-API issuer and verifier.
import { CatalogueFactory, expectStatus, Factory, type Person } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const bearer = { type: 'bearer' as const };
type Json = Record<string, any>;

describe('verifiable certificates and co-accredited diplomas', () => {
  let ctx: TestApp;
  let factory: Factory;
  let ensm: { id: string; slug: string };
  let ehesp: { id: string; slug: string };
  let registrar: Person;
  let partnerRegistrar: Person;
  let hospitalHr: Person;
  let nadiaLogin: Person;
  let nadia: Json;
  let enrolments: Record<string, string>;
  let programmeId: string;

  const verify = (credential: unknown) => ctx.http.post('/credentials/verify').send({ verifiableCredential: credential });

  beforeAll(async () => {
    ctx = await startTestApp({ VC_API_ISSUANCE: 'true' });
    factory = new Factory(ctx);
    const catalogue = new CatalogueFactory(ctx);
    ensm = await factory.newInstitution({ slug: 'ensm-alger-test' });
    ehesp = await factory.newInstitution({ slug: 'ehesp-rennes-test', country: 'FR' });
    const hospital = await factory.newInstitution({ slug: 'chu-oran-credentials', kind: 'hospital' });
    registrar = await factory.newUser('registrar', ensm.id);
    partnerRegistrar = await factory.newUser('registrar', ehesp.id);
    hospitalHr = await factory.newUser('hr_manager', hospital.id);
    const framework = await factory.newFramework(await factory.newUser('hr_manager', ensm.id), { publish: true });

    const crisis = await catalogue.newModule(ensm.id, 'GC-SSE', 35, [
      { itemId: framework.items.planBlanc.id, level: 3 },
      { itemId: framework.items.cellule.id, level: 3 },
    ]);
    const steering = await catalogue.newModule(ensm.id, 'PIL-STR', 28, [{ itemId: framework.items.cellule.id, level: 2 }]);
    const programme = await ctx.http
      .post('/programmes')
      .auth(registrar.token, bearer)
      .send({
        code: 'DMH',
        kind: 'diploma',
        title: { fr: 'Diplôme de management hospitalier', ar: 'شهادة التسيير الاستشفائي' },
        awardingInstitutionIds: [ensm.id, ehesp.id],
        minimumAverage: 50,
        modules: [
          { moduleId: crisis.id, required: true },
          { moduleId: steering.id, required: true },
        ],
      });
    expectStatus(programme, 201);
    programmeId = programme.body.id;
    const crisisSession = await catalogue.newSession(crisis.id, ensm.id);
    const steeringSession = await catalogue.newSession(steering.id, ensm.id);

    nadiaLogin = await factory.newUser('learner');
    const learner = async (givenName: string, familyName: string, userId?: string) =>
      (
        await ctx.http
          .post('/learners')
          .auth(hospitalHr.token, bearer)
          .send({ givenName, familyName, email: `${givenName.toLowerCase()}@chu-oran.example.dz`, userId })
          .expect(201)
      ).body;
    nadia = await learner('Nadia', 'Benkhelifa', nadiaLogin.id);
    const karim = await learner('Karim', 'Ziani');
    enrolments = {};
    for (const [key, session, who, score] of [
      ['nadia-crisis', crisisSession, nadia, 14.5],
      ['nadia-steering', steeringSession, nadia, 12],
      ['karim-crisis', crisisSession, karim, 7],
    ] as const) {
      enrolments[key] = (await factory.enrol(session, who.id, { hr: hospitalHr, registrar })).id;
      await ctx.http
        .post(`/sessions/${session.id}/assessments`)
        .auth(registrar.token, bearer)
        .send({ learnerId: who.id, kind: 'final_exam', score })
        .expect(201);
    }
    enrolments.karim = karim.id;
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('a passed module earns an Open Badges 3.0 certificate that verifies check by check', async () => {
    const issued = await ctx.http
      .post('/credentials/certificates')
      .auth(registrar.token, bearer)
      .send({ enrolmentId: enrolments['nadia-crisis'] })
      .expect(201);
    expect(issued.body).toMatchObject({ kind: 'certificate', state: 'issued', learnerId: nadia.id, signedBy: [ensm.id] });
    expect(issued.body.statusChangedAt).toBe(issued.body.issuedAt);
    const vc = issued.body.verifiableCredential;
    expect(vc.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(vc.credentialSubject.achievement).toMatchObject({ achievementType: 'Certificate', humanCode: 'GC-SSE' });
    expect(vc.credentialSubject.achievement.alignment.map((a: Json) => a.targetType)).toEqual(['CFItem', 'CFItem']);
    expect(vc.credentialSubject.achievement.alignment[0].targetUrl).toMatch(/^https:\/\/competences\.test\/ims\/case\/v1p1\/CFItems\//);
    expect(vc.credentialSubject.identifier[0]).toMatchObject({ identityType: 'name', hashed: false, identityHash: 'Nadia Benkhelifa' });
    expect(vc.credentialSubject.result).toEqual([{ type: ['Result'], value: '14.5/20', status: 'Completed' }]);
    // One entry (the OB 3.0 schema allows a single credentialStatus): revocation; suspension is read beside it.
    expect(vc.credentialStatus).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' });

    const verdict = await verify(vc).expect(200);
    expect(verdict.body.verified).toBe(true);
    expect(verdict.body.checks.map((c: Json) => `${c.check}:${c.passed}`)).toEqual([
      'proof:true',
      'status:true',
      'validity:true',
      'shape:true',
      'issuer:true',
    ]);

    const again = await ctx.http
      .post('/credentials/certificates')
      .auth(registrar.token, bearer)
      .send({ enrolmentId: enrolments['nadia-crisis'] })
      .expect(409);
    expect(again.body.code).toBe('already_issued');
  });

  it('no certificate for a module not passed, nor from another school', async () => {
    const failed = await ctx.http
      .post('/credentials/certificates')
      .auth(registrar.token, bearer)
      .send({ enrolmentId: enrolments['karim-crisis'] })
      .expect(409);
    expect(failed.body).toMatchObject({
      code: 'not_eligible',
      errors: [{ field: 'enrolment', reason: 'the enrolment is enrolled, not completed' }],
    });
    const foreign = await ctx.http
      .post('/credentials/certificates')
      .auth(partnerRegistrar.token, bearer)
      .send({ enrolmentId: enrolments['nadia-steering'] })
      .expect(403);
    expect(foreign.body.code).toBe('other_institution');
  });

  it('a co-accredited diploma is endorsed by each partner, signed once by the lead school and reaches the learner only when both have approved', async () => {
    const notYet = await ctx.http
      .post('/credentials/diplomas')
      .auth(registrar.token, bearer)
      .send({ programmeId, learnerId: enrolments.karim })
      .expect(409);
    expect(notYet.body.errors.map((e: Json) => e.reason)).toEqual([
      'required module GC-SSE not passed',
      'required module PIL-STR not passed',
      'average unknown% below the minimum 50%',
    ]);

    const prepared = await ctx.http
      .post('/credentials/diplomas')
      .auth(registrar.token, bearer)
      .send({ programmeId, learnerId: nadia.id })
      .expect(201);
    expect(prepared.body).toMatchObject({
      kind: 'diploma',
      state: 'awaiting_signatures',
      signerInstitutionIds: [ensm.id, ehesp.id],
      signedBy: [ensm.id],
    });
    const id = prepared.body.id;
    expect(
      (await ctx.http.get(`/learners/${nadia.id}/credentials`).auth(nadiaLogin.token, bearer).expect(200)).body.map((c: Json) => c.kind),
    ).toEqual(['certificate']);
    await ctx.http.get(`/credentials/${id}`).auth(nadiaLogin.token, bearer).expect(404);
    // The draft is unsigned: no verifier, stock or ours, takes it for the diploma.
    expect(prepared.body.verifiableCredential.proof).toBeUndefined();
    const halfSigned = await verify(prepared.body.verifiableCredential).expect(400);
    expect(halfSigned.body.checks).toContainEqual(
      expect.objectContaining({
        check: 'proof',
        passed: false,
        code: 'ENDORSEMENT_MISSING',
        subject: prepared.body.verifiableCredential.awardingBody[1].id,
      }),
    );

    const queue = await ctx.http
      .get(`/institutions/${ehesp.id}/credentials/awaiting-signature`)
      .auth(partnerRegistrar.token, bearer)
      .expect(200);
    expect(queue.body.map((c: Json) => c.id)).toEqual([id]);
    expect((await ctx.http.post(`/credentials/${id}/signatures`).auth(registrar.token, bearer).expect(409)).body.code).toBe(
      'already_signed',
    );
    const outsider = await factory.newUser('registrar', (await factory.newInstitution()).id);
    expect((await ctx.http.post(`/credentials/${id}/signatures`).auth(outsider.token, bearer).expect(403)).body.code).toBe('not_a_signer');

    const signed = await ctx.http.post(`/credentials/${id}/signatures`).auth(partnerRegistrar.token, bearer).expect(200);
    expect(signed.body).toMatchObject({ state: 'issued', signedBy: [ensm.id, ehesp.id] });
    // The state changed twice: prepared (awaiting signatures), then issued with the last school's endorsement.
    expect(new Date(prepared.body.statusChangedAt).getTime()).toBeLessThan(new Date(signed.body.statusChangedAt).getTime());
    expect(signed.body.statusChangedAt).toBe(signed.body.issuedAt);
    const diploma = signed.body.verifiableCredential;
    expect(Array.isArray(diploma.proof)).toBe(false);
    expect(diploma.proof.verificationMethod.split('#')[0]).toBe(diploma.issuer.id);
    expect(diploma.awardingBody).toHaveLength(2);
    expect(diploma.awardingBody[0].id).toBe(diploma.issuer.id);
    expect(diploma.endorsement.map((endorsement: Json) => [endorsement.issuer.id, endorsement.credentialSubject.id])).toEqual([
      [diploma.awardingBody[1].id, diploma.id],
    ]);
    const verdict = await verify(diploma).expect(200);
    expect(verdict.body.checks.filter((c: Json) => c.check === 'proof').map((c: Json) => c.passed)).toEqual([true]);
    expect(verdict.body.checks.filter((c: Json) => c.check === 'issuer')).toHaveLength(2);

    const mine = await ctx.http.get(`/learners/${nadia.id}/credentials`).auth(nadiaLogin.token, bearer).expect(200);
    expect(mine.body.map((c: Json) => c.kind).sort()).toEqual(['certificate', 'diploma']);
    const download = await ctx.http.get(`/credentials/${id}/download`).auth(nadiaLogin.token, bearer).expect(200);
    expect(download.headers['content-disposition']).toContain('attachment');
    expect(download.headers['content-type']).toMatch(/^application\/vc(;|$)/);
    expect(JSON.parse(download.text).endorsement).toHaveLength(1);
  });

  it('a removed or altered proof, a tampered field or an unknown context never verifies', async () => {
    const [diploma] = (await ctx.http.get(`/learners/${nadia.id}/credentials`).auth(nadiaLogin.token, bearer)).body.filter(
      (c: Json) => c.kind === 'diploma',
    );
    const vc = diploma.verifiableCredential;
    const cases: [string, Json][] = [
      ['endorsement removed', { ...vc, endorsement: [] }],
      ['proof removed', { ...vc, proof: undefined }],
      [
        'proof altered',
        { ...vc, proof: { ...vc.proof, proofValue: vc.proof.proofValue.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A')) } },
      ],
      [
        'name tampered',
        {
          ...vc,
          credentialSubject: {
            ...vc.credentialSubject,
            identifier: [{ ...vc.credentialSubject.identifier[0], identityHash: 'Someone Else' }],
          },
        },
      ],
      ['unknown context', { ...vc, '@context': [...vc['@context'], 'https://evil.example/context.jsonld'] }],
    ];
    for (const [name, credential] of cases) {
      const response = await verify(credential);
      expect([name, response.status, response.body.verified]).toEqual([name, 400, false]);
    }
    for (const [body, field] of [
      [{ verifiableCredential: 'not an object' }, 'verifiableCredential'],
      [{ verifiableCredential: [vc] }, 'verifiableCredential'],
      [{}, 'verifiableCredential'],
      [{ verifiableCredential: vc, extra: 1 }, 'extra'],
    ] as const) {
      const refused = await ctx.http.post('/credentials/verify').send(body).expect(400);
      expect(refused.body.errors.map((error: Json) => error.field)).toEqual([field]);
    }
  });

  it('revocation and suspension show in verification and in the audit log', async () => {
    const [certificate] = (await ctx.http.get(`/learners/${nadia.id}/credentials`).auth(registrar.token, bearer)).body.filter(
      (c: Json) => c.kind === 'certificate',
    );
    const status = (body: Json) =>
      ctx.http
        .post(`/issuers/${ensm.slug}/credentials/status`)
        .auth(registrar.token, bearer)
        .send({ credentialId: certificate.verifiableCredential.id, ...body });
    // Each change dates the row as the audit log dates the change (the same transaction's clock).
    const changedAt = async () =>
      (await ctx.http.get(`/credentials/${certificate.id}`).auth(registrar.token, bearer).expect(200)).body.statusChangedAt;
    const loggedAt = async (action: string) =>
      (
        await ctx.http.get('/audit-events').query({ credentialId: certificate.id }).auth(registrar.token, bearer).expect(200)
      ).body.data.find((e: Json) => e.action === action)?.at;
    await status({
      credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'suspension' },
      status: true,
      reason: 'Vérification du résultat en cours',
    }).expect(200);
    expect(await changedAt()).toBe(await loggedAt('credential.suspended'));
    const suspended = await verify(certificate.verifiableCredential).expect(400);
    expect(suspended.body.checks).toContainEqual(expect.objectContaining({ check: 'status', passed: false }));
    await status({
      credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'suspension' },
      status: false,
      reason: 'Résultat confirmé',
    }).expect(200);
    await verify(certificate.verifiableCredential).expect(200);
    expect(await changedAt()).toBe(await loggedAt('credential.unsuspended'));

    await ctx.http
      .post(`/issuers/${ensm.slug}/credentials/status`)
      .auth(partnerRegistrar.token, bearer)
      .send({
        credentialId: certificate.verifiableCredential.id,
        credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'revocation' },
        status: true,
        reason: 'not our certificate',
      })
      .expect(403);
    await status({
      credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'revocation' },
      status: true,
      reason: 'Note corrigée par le jury : module non validé',
    }).expect(200);
    const revoked = await verify(certificate.verifiableCredential).expect(400);
    expect(revoked.body.verified).toBe(false);
    expect(
      (await status({ credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'revocation' }, status: false }).expect(409)).body
        .code,
    ).toBe('revocation_is_final');
    const mine = await ctx.http.get(`/credentials/${certificate.id}`).auth(nadiaLogin.token, bearer).expect(200);
    expect(mine.body).toMatchObject({ state: 'revoked', statusReason: 'Note corrigée par le jury : module non validé' });
    expect(mine.body.statusChangedAt).toBe(await loggedAt('credential.revoked'));
    const audit = await ctx.http.get('/audit-events').query({ credentialId: certificate.id }).auth(registrar.token, bearer).expect(200);
    expect(audit.body.data.map((e: Json) => e.action)).toEqual(
      expect.arrayContaining(['credential.issued', 'credential.suspended', 'credential.unsuspended', 'credential.revoked']),
    );
  });

  it('VC-API: each school is an issuer; bad credentials are refused with 400 and the field', async () => {
    const credential = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      credentialSubject: { id: 'did:example:employee-42', name: 'Nadia Benkhelifa' },
      validFrom: '2026-01-01T00:00:00Z',
    };
    const issue = (body: Json, person = registrar) =>
      ctx.http.post(`/issuers/${ensm.slug}/credentials/issue`).auth(person.token, bearer).send(body);
    const issued = await issue({ credential }).expect(201);
    expect(issued.body.verifiableCredential.proof).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
    });
    await verify(issued.body.verifiableCredential).expect(200);
    const [row] = await ctx.database.dataSource.query(`SELECT "statusChangedAt", "issuedAt" FROM credential WHERE document->>'id' = $1`, [
      issued.body.verifiableCredential.id,
    ]);
    expect(row.statusChangedAt).toEqual(row.issuedAt);

    const noContext = await issue({
      credential: { ...credential, '@context': ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'] },
    }).expect(400);
    expect(noContext.body.errors[0].field).toBe('credential.@context');
    const undefinedTerm = await issue({
      credential: { ...credential, credentialSubject: { id: 'did:example:1', notInAnyContext: true } },
    }).expect(400);
    expect(undefinedTerm.body.errors[0].field).toBe('credential');
    const otherIssuer = await issue({ credential: { ...credential, issuer: 'did:example:someone-else' } }).expect(400);
    expect(otherIssuer.body.errors[0].field).toBe('credential.issuer');
    const backwards = await issue({
      credential: { ...credential, validFrom: '2027-01-01T00:00:00Z', validUntil: '2026-01-01T00:00:00Z' },
    }).expect(400);
    expect(backwards.body.errors[0].field).toBe('credential.validUntil');
    expect((await issue({ credential }, partnerRegistrar).expect(403)).body.code).toBe('other_institution');
    await ctx.http.post(`/issuers/${ensm.slug}/credentials/issue`).send({ credential }).expect(401);

    const expired = await issue({
      credential: { ...credential, validFrom: '2020-01-01T00:00:00Z', validUntil: '2021-01-01T00:00:00Z' },
    }).expect(201);
    const verdict = await verify(expired.body.verifiableCredential).expect(400);
    expect(verdict.body.checks).toContainEqual(expect.objectContaining({ check: 'validity', passed: false }));
    const future = await issue({ credential: { ...credential, validFrom: '2099-01-01T00:00:00Z' } }).expect(201);
    await verify(future.body.verifiableCredential).expect(400);
  });

  it("VC-API: a caller-chosen id cannot take another credential's, and no claim names awarding bodies", async () => {
    const credential = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      validFrom: '2026-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:employee-43', name: 'Karim Haddad' },
    };
    const issue = (body: Json, person = registrar) =>
      ctx.http.post(`/issuers/${ensm.slug}/credentials/issue`).auth(person.token, bearer).send(body);
    const first = (await issue({ credential: { ...credential, id: 'https://competences.test/credentials/external-7' } }).expect(201)).body
      .verifiableCredential;
    expect((await issue({ credential: { ...credential, id: first.id } }).expect(409)).body.code).toBe('credential_id_taken');
    // Another school's credential, named by its row id in the urn:uuid form the verification page resolves.
    const partners = (await ctx.http.get(`/learners/${nadia.id}/credentials`).auth(nadiaLogin.token, bearer).expect(200)).body as Json[];
    const someoneElses = partners[0];
    expect((await issue({ credential: { ...credential, id: `urn:uuid:${someoneElses.id}` } }).expect(409)).body.code).toBe(
      'credential_id_taken',
    );
    expect((await issue({ credential, options: { credentialId: `urn:uuid:${someoneElses.id}` } }).expect(409)).body.code).toBe(
      'credential_id_taken',
    );
    const coAwarded = await issue({ credential: { ...credential, awardingBody: [{ id: 'did:example:other-school' }] } }).expect(400);
    expect(coAwarded.body.errors).toContainEqual(expect.objectContaining({ field: 'credential.awardingBody' }));
  });
});
