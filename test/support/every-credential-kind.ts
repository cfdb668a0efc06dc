// Real credentials of every kind the service issues, through its API: active, revoked and suspended certificates,
// expired and not yet valid ones, VC-API attestations, and a co-accredited diploma (the lead's proof over the partner's
// endorsement), its unsigned draft, and the diploma with its endorsement dropped.
import { CatalogueFactory, expectStatus, Factory, type Person } from './factories.js';
import type { TestApp } from './test-app.js';

type Json = Record<string, any>;
const bearer = { type: 'bearer' as const };

export interface IssuedCredential {
  name: string;
  credential: Json;
  /** What the genuine, untouched credential must get from a verifier. */
  shouldVerify: boolean;
  /** Worth amplifying (proofs ×N, status entries ×N) in the corpus. */
  amplify?: boolean;
  /** The certificate PDF as a registrar downloads it, for the genuine certificates and diplomas. */
  pdf?: Buffer;
}

/** Every kind of credential the service issues, through its API, with what each must get when verified as issued. */
export async function issueEveryKind(ctx: TestApp): Promise<IssuedCredential[]> {
  const factory = new Factory(ctx);
  const catalogue = new CatalogueFactory(ctx);
  const ensm = await factory.newInstitution({ slug: 'ensm-alger-corpus' });
  const ehesp = await factory.newInstitution({ slug: 'ehesp-rennes-corpus', country: 'FR' });
  const hospital = await factory.newInstitution({ slug: 'chu-oran-corpus', kind: 'hospital' });
  const registrar: Person = await factory.newUser('registrar', ensm.id);
  const partnerRegistrar: Person = await factory.newUser('registrar', ehesp.id);
  const hr = await factory.newUser('hr_manager', hospital.id);
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
  const crisisSession = await catalogue.newSession(crisis.id, ensm.id);
  const steeringSession = await catalogue.newSession(steering.id, ensm.id);

  const learner = async (givenName: string, familyName: string) =>
    (await ctx.http.post('/learners').auth(hr.token, bearer).send({ givenName, familyName }).expect(201)).body as Json;
  const pass = async (session: { id: string }, who: Json, score: number) => {
    const enrolment = await factory.enrol(session, who.id as string, { hr, registrar });
    await ctx.http
      .post(`/sessions/${session.id}/assessments`)
      .auth(registrar.token, bearer)
      .send({ learnerId: who.id, kind: 'final_exam', score })
      .expect(201);
    return enrolment.id;
  };
  const certify = async (who: Json) => {
    const issued = await ctx.http
      .post('/credentials/certificates')
      .auth(registrar.token, bearer)
      .send({ enrolmentId: await pass(crisisSession, who, 15) });
    expectStatus(issued, 201);
    return issued.body.verifiableCredential as Json;
  };
  const changeStatus = async (credential: Json, statusPurpose: 'revocation' | 'suspension', reason: string) => {
    const response = await ctx.http
      .post(`/issuers/${ensm.slug}/credentials/status`)
      .auth(registrar.token, bearer)
      .send({ credentialId: credential.id, credentialStatus: { type: 'BitstringStatusList', statusPurpose }, status: true, reason });
    expectStatus(response, 200);
  };
  /** The same certificate, issued through the VC-API with another validity period (and its own status entries). */
  const withValidity = async (certificate: Json, validity: { validFrom: string; validUntil?: string }) => {
    const { proof: _proof, credentialStatus: _status, id: _id, validUntil: _until, ...unsigned } = certificate;
    const issued = await ctx.http
      .post(`/issuers/${ensm.slug}/credentials/issue`)
      .auth(registrar.token, bearer)
      .send({ credential: { ...unsigned, ...validity } });
    expectStatus(issued, 201);
    return issued.body.verifiableCredential as Json;
  };

  /** A training attestation as any VC-API client sends one: plain VC 2.0, no Open Badges shape to check. */
  const attestation = async (validity: { validFrom: string; validUntil?: string }) => {
    const issued = await ctx.http
      .post(`/issuers/${ensm.slug}/credentials/issue`)
      .auth(registrar.token, bearer)
      .send({
        credential: {
          '@context': ['https://www.w3.org/ns/credentials/v2'],
          type: ['VerifiableCredential'],
          name: 'Attestation de formation — Gestion des crises hospitalières',
          credentialSubject: { id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', name: 'Nadia Benkhelifa' },
          ...validity,
        },
      });
    expectStatus(issued, 201);
    return issued.body.verifiableCredential as Json;
  };

  const nadia = await learner('Nadia', 'Benkhelifa');
  const active = await certify(nadia);
  const revoked = await certify(await learner('Amina', 'Meziane'));
  await changeStatus(revoked, 'revocation', 'Note corrigée par le jury : module non validé');
  const suspended = await certify(await learner('Yacine', 'Boudiaf'));
  await changeStatus(suspended, 'suspension', 'Vérification du dossier en cours');
  const expired = await withValidity(active, { validFrom: '2020-01-06T00:00:00Z', validUntil: '2021-01-06T00:00:00Z' });
  const notYetValid = await withValidity(active, { validFrom: '2099-09-01T08:00:00Z' });
  const currentAttestation = await attestation({ validFrom: '2026-01-05T08:00:00Z', validUntil: '2031-01-05T08:00:00Z' });
  const expiredAttestation = await attestation({ validFrom: '2020-01-06T00:00:00Z', validUntil: '2021-01-06T00:00:00Z' });
  const futureAttestation = await attestation({ validFrom: '2099-09-01T08:00:00Z', validUntil: '2100-09-01T08:00:00Z' });
  const revokedAttestation = await attestation({ validFrom: '2026-01-05T08:00:00Z' });
  await changeStatus(revokedAttestation, 'revocation', 'Attestation délivrée par erreur');

  await pass(steeringSession, nadia, 12);
  const prepared = await ctx.http
    .post('/credentials/diplomas')
    .auth(registrar.token, bearer)
    .send({ programmeId: programme.body.id, learnerId: nadia.id });
  expectStatus(prepared, 201);
  const draft = prepared.body.verifiableCredential as Json;
  const signed = await ctx.http.post(`/credentials/${prepared.body.id}/signatures`).auth(partnerRegistrar.token, bearer);
  expectStatus(signed, 200);
  const diploma = signed.body.verifiableCredential as Json;
  if (Array.isArray(diploma.proof) || diploma.endorsement?.length !== 1)
    throw new Error('the diploma does not carry one proof and one endorsement');
  const { endorsement: _endorsement, ...withoutEndorsement } = diploma;

  const pdfOf = async (credential: Json): Promise<Buffer> => {
    const id = String(credential.id).replace(/^urn:uuid:/, '');
    const response = await ctx.http
      .get(`/credentials/${id}/pdf`)
      .auth(registrar.token, bearer)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expectStatus(response, 200);
    return response.body as Buffer;
  };

  return [
    { name: 'active certificate', credential: active, shouldVerify: true, amplify: true, pdf: await pdfOf(active) },
    { name: 'revoked certificate', credential: revoked, shouldVerify: false, amplify: true },
    { name: 'suspended certificate', credential: suspended, shouldVerify: false, amplify: true },
    { name: 'expired certificate', credential: expired, shouldVerify: false },
    { name: 'not yet valid certificate', credential: notYetValid, shouldVerify: false },
    { name: 'VC-API attestation', credential: currentAttestation, shouldVerify: true },
    { name: 'expired VC-API attestation', credential: expiredAttestation, shouldVerify: false },
    { name: 'not yet valid VC-API attestation', credential: futureAttestation, shouldVerify: false },
    { name: 'revoked VC-API attestation', credential: revokedAttestation, shouldVerify: false },
    { name: 'co-accredited diploma', credential: diploma, shouldVerify: true, pdf: await pdfOf(diploma) },
    { name: 'diploma draft awaiting the partner’s endorsement', credential: draft, shouldVerify: false },
    { name: 'diploma with its endorsement dropped', credential: withoutEndorsement, shouldVerify: false, amplify: true },
  ];
}
