// Co-accreditation that stock verifiers see (issue 20): a diploma co-signed through the API carries one proof, by its
// issuer, and one EndorsementCredential per co-awarding school. Digital Bazaar's stock verifyCredential accepts the
// diploma and each endorsement; our verifier also requires, per awarding school, an endorsement bound to this diploma.
// Forgeries signed with the lead school's real key show what only our checks catch.
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as stock from '@digitalbazaar/vc';
import { randomUUID } from 'node:crypto';
import { endorse } from '../src/credentials/co-accreditation.js';
import { VcEnvironment } from '../src/credentials/vc-environment.service.js';
import { issueCredential, type JsonObject } from '../src/credentials/vc/issuer.js';
import { IssuerIdentityService } from '../src/credentials/issuers/issuer-identity.service.js';
import { CatalogueFactory, expectStatus, Factory, type Person } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

type Json = Record<string, any>;
const bearer = { type: 'bearer' as const };

describe('co-accredited diplomas: one proof by the issuer, one endorsement per co-awarding school', () => {
  let ctx: TestApp;
  let env: VcEnvironment;
  let identity: IssuerIdentityService;
  let lead: { id: string; slug: string };
  let partner: { id: string; slug: string };
  let outsider: { id: string; slug: string };
  let diplomas: Json[];

  beforeAll(async () => {
    ctx = await startTestApp({ VERIFY_RATE_LIMIT: '0' });
    env = ctx.app.get(VcEnvironment);
    identity = ctx.app.get(IssuerIdentityService);
    const factory = new Factory(ctx);
    const catalogue = new CatalogueFactory(ctx);
    lead = await factory.newInstitution({ slug: 'ensm-alger-endorse' });
    partner = await factory.newInstitution({ slug: 'ehesp-rennes-endorse', country: 'FR' });
    outsider = await factory.newInstitution({ slug: 'ens-sante-oran-endorse' });
    const hospital = await factory.newInstitution({ slug: 'chu-oran-endorse', kind: 'hospital' });
    const registrar: Person = await factory.newUser('registrar', lead.id);
    const partnerRegistrar: Person = await factory.newUser('registrar', partner.id);
    const hr = await factory.newUser('hr_manager', hospital.id);
    const framework = await factory.newFramework(await factory.newUser('hr_manager', lead.id), { publish: true });
    const crisis = await catalogue.newModule(lead.id, 'GC-END', 35, [{ itemId: framework.items.planBlanc.id, level: 3 }]);
    const programme = await ctx.http
      .post('/programmes')
      .auth(registrar.token, bearer)
      .send({
        code: 'DMH-END',
        kind: 'diploma',
        title: { fr: 'Diplôme de management hospitalier' },
        awardingInstitutionIds: [lead.id, partner.id],
        modules: [{ moduleId: crisis.id, required: true }],
      });
    expectStatus(programme, 201);
    const session = await catalogue.newSession(crisis.id, lead.id);
    diplomas = [];
    for (const [givenName, familyName] of [
      ['Nadia', 'Benkhelifa'],
      ['Karim', 'Haddad'],
    ]) {
      const learner = (await ctx.http.post('/learners').auth(hr.token, bearer).send({ givenName, familyName }).expect(201)).body as Json;
      await factory.enrol(session, learner.id, { hr, registrar });
      await ctx.http
        .post(`/sessions/${session.id}/assessments`)
        .auth(registrar.token, bearer)
        .send({ learnerId: learner.id, kind: 'final_exam', score: 15 })
        .expect(201);
      const prepared = await ctx.http
        .post('/credentials/diplomas')
        .auth(registrar.token, bearer)
        .send({ programmeId: programme.body.id, learnerId: learner.id });
      expectStatus(prepared, 201);
      const signed = await ctx.http.post(`/credentials/${prepared.body.id}/signatures`).auth(partnerRegistrar.token, bearer);
      expectStatus(signed, 200);
      diplomas.push(signed.body.verifiableCredential);
    }
  });
  afterAll(async () => {
    await ctx?.close();
  });

  /** Digital Bazaar's verifyCredential as any wallet runs it: the stock issuer purpose, our contexts and DIDs, real status. */
  const stockVerify = async (credential: Json) => {
    const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
    const checkStatus = async (options: Record<string, unknown>) =>
      env.checkStatus({ credential: options.credential as JsonObject, now: new Date() });
    const options = { credential: structuredClone(credential), suite, documentLoader: env.documentLoader, checkStatus };
    return (await stock.verifyCredential(options)) as { verified: boolean; error?: { message?: string } };
  };
  const ours = async (credential: Json) =>
    (await ctx.http.post('/credentials/verify').send({ verifiableCredential: credential })).body as Json;
  const failedCodes = (verdict: Json): string[] => verdict.checks.filter((check: Json) => !check.passed).map((check: Json) => check.code);
  /** The diploma re-signed by the lead school's real key over whatever endorsements it is given. */
  const leadSigned = async (diploma: Json, endorsement: Json[]): Promise<Json> => {
    const { proof: _proof, endorsement: _endorsements, ...unsigned } = diploma;
    const signer = await identity.unsealedKey(lead.id);
    return issueCredential({ credential: { ...unsigned, endorsement }, signer: signer.signingKey, documentLoader: env.documentLoader });
  };
  const draftOf = ({ proof: _proof, endorsement: _endorsement, ...draft }: Json): Json => draft;

  it('the released diploma has one proof by its issuer and an endorsement by the partner, bound to it', async () => {
    const [diploma] = diplomas;
    const [leadDid, partnerDid] = diploma.awardingBody.map((body: Json) => body.id);
    expect(diploma.issuer.id).toBe(leadDid);
    expect(Array.isArray(diploma.proof)).toBe(false);
    expect(diploma.proof.verificationMethod.split('#')[0]).toBe(leadDid);
    expect(diploma.endorsement).toHaveLength(1);
    const [endorsement] = diploma.endorsement;
    expect(endorsement).toMatchObject({
      type: ['VerifiableCredential', 'EndorsementCredential'],
      issuer: { id: partnerDid },
      credentialSubject: {
        id: diploma.id,
        type: 'EndorsementSubject',
        endorsementComment: expect.any(String),
        digestMultibase: expect.stringMatching(/^u/),
      },
    });
    expect(endorsement.proof.verificationMethod.split('#')[0]).toBe(partnerDid);
    // Each diploma's endorsement names that diploma and its own content.
    expect(diplomas[1].endorsement[0].credentialSubject.digestMultibase).not.toBe(endorsement.credentialSubject.digestMultibase);
  });

  it('the stock Digital Bazaar verifier accepts the diploma and each endorsement on its own', async () => {
    for (const diploma of diplomas) {
      const result = await stockVerify(diploma);
      expect([result.verified, result.error?.message]).toEqual([true, undefined]);
      for (const endorsement of diploma.endorsement) expect((await stockVerify(endorsement)).verified).toBe(true);
    }
  });

  it('our verifier accepts it, requiring the issuer’s proof and the partner’s endorsement', async () => {
    const verdict = await ours(diplomas[0]);
    expect([verdict.verified, failedCodes(verdict)]).toEqual([true, []]);
    expect(verdict.parties.map((party: Json) => [party.role, party.trusted])).toEqual([
      ['issuer', true],
      ['awarding_body', true],
    ]);
  });

  it('a removed or corrupted endorsement: the stock verifier sees the lead proof fail, ours names the endorsement', async () => {
    const [diploma] = diplomas;
    const { endorsement: _dropped, ...removed } = diploma;
    const [endorsement] = diploma.endorsement;
    const corrupted = {
      ...diploma,
      endorsement: [
        { ...endorsement, credentialSubject: { ...endorsement.credentialSubject, endorsementComment: 'Nous n’approuvons pas.' } },
      ],
    };
    for (const [name, forged, code] of [
      ['removed', removed, 'ENDORSEMENT_MISSING'],
      ['corrupted', corrupted, 'ENDORSEMENT_INVALID'],
    ] as const) {
      expect([name, (await stockVerify(forged)).verified]).toEqual([name, false]);
      // The issuer's proof no longer holds (it covered the endorsement), and the partner's approval is named.
      expect([name, ...failedCodes(await ours(forged))]).toEqual([name, 'INVALID_SIGNATURE', 'MISSING_REQUIRED_PROOF', code]);
    }
    expect((await stockVerify(corrupted.endorsement[0])).verified).toBe(false);
  });

  it('refuses, even under a valid lead proof, an endorsement corrupted, transplanted from another diploma, or by a school not awarding', async () => {
    const [diploma, other] = diplomas;
    const [endorsement] = diploma.endorsement;
    const corrupted = await leadSigned(diploma, [
      { ...endorsement, credentialSubject: { ...endorsement.credentialSubject, endorsementComment: 'Autre texte' } },
    ]);
    // The partner's genuine endorsement of another learner's diploma.
    const transplanted = await leadSigned(diploma, other.endorsement);
    // A school that does not award the diploma endorses it with its own key: it is no one's approval here.
    const outsiderSigner = await identity.unsealedKey(outsider.id);
    const byOutsider = (
      await endorse({
        draft: draftOf(diploma),
        school: { id: outsiderSigner.did, name: 'ENS Santé Oran' },
        sign: (endorsement) =>
          issueCredential({ credential: endorsement, signer: outsiderSigner.signingKey, documentLoader: env.documentLoader }),
        documentLoader: env.documentLoader,
        date: new Date(),
        id: `urn:uuid:${randomUUID()}`,
      })
    ).endorsement as Json[];
    const notAwarding = await leadSigned(diploma, byOutsider);
    // The same key, claiming to be the partner: the stock issuer purpose refuses a proof by someone other than `issuer`.
    const partnerDid = diploma.awardingBody[1].id;
    const impersonating = await leadSigned(diploma, [
      (
        (
          await endorse({
            draft: draftOf(diploma),
            school: { id: partnerDid, name: 'EHESP' },
            sign: (endorsement) =>
              issueCredential({ credential: endorsement, signer: outsiderSigner.signingKey, documentLoader: env.documentLoader }),
            documentLoader: env.documentLoader,
            date: new Date(),
            id: `urn:uuid:${randomUUID()}`,
          })
        ).endorsement as Json[]
      )[0],
    ]);
    // Stale: the partner endorsed the draft, then the lead changed the content before signing.
    const stale = await leadSigned({ ...diploma, name: `${diploma.name} (modifié)` }, diploma.endorsement);

    for (const [name, forged, code] of [
      ['corrupted', corrupted, 'ENDORSEMENT_INVALID'],
      ['transplanted', transplanted, 'ENDORSEMENT_INVALID'],
      ['not awarding', notAwarding, 'ENDORSEMENT_MISSING'],
      ['impersonating', impersonating, 'ENDORSEMENT_INVALID'],
      ['stale', stale, 'ENDORSEMENT_INVALID'],
    ] as const) {
      // The lead's proof holds: a verifier that checks the proof alone would call each of these verified.
      expect([name, (await stockVerify(forged)).verified]).toEqual([name, true]);
      const verdict = await ours(forged);
      expect([name, verdict.verified, failedCodes(verdict)]).toEqual([name, false, [code]]);
    }
    expect((await ours(transplanted)).errors[0].message).toContain('not this diploma');
    expect((await ours(stale)).errors[0].message).toContain('approved other content');
  });

  it('a diploma issued before endorsements, with one proof per school, still verifies; without the partner’s it does not', async () => {
    const [diploma] = diplomas;
    const draft = draftOf(diploma);
    const leadKey = await identity.unsealedKey(lead.id);
    const partnerKey = await identity.unsealedKey(partner.id);
    const leadOnly = await issueCredential({ credential: draft, signer: leadKey.signingKey, documentLoader: env.documentLoader });
    const proofSet = await issueCredential({ credential: leadOnly, signer: partnerKey.signingKey, documentLoader: env.documentLoader });
    expect(proofSet.proof).toHaveLength(2);
    const verdict = await ours(proofSet);
    expect([verdict.verified, failedCodes(verdict)]).toEqual([true, []]);
    // Signed by the lead alone, it is the very forgery stock verifiers accept: ours wants the partner's approval.
    expect((await stockVerify(leadOnly)).verified).toBe(true);
    expect(failedCodes(await ours(leadOnly))).toEqual(['ENDORSEMENT_MISSING']);
  });

  it('the public page’s school panel shows the partner’s endorsement, valid or missing', async () => {
    const [diploma] = diplomas;
    const id = String(diploma.id).replace(/^urn:uuid:/, '');
    const page = (await ctx.http.get(`/verify/${id}`).query({ lang: 'fr' }).expect(200)).text;
    const panel = page.match(/<section data-testid="school-proofs">[\s\S]*?<\/section>/)![0];
    expect(panel).toContain(`data-did="${diploma.awardingBody[1].id}" data-by="endorsement"`);
    expect(panel).toContain('approbation signée valide');
    expect(panel).toContain(`data-did="${diploma.issuer.id}" data-by="proof"`);
    const { endorsement: _dropped, ...removed } = diploma;
    const uploaded = await ctx.http
      .post('/verify')
      .query({ lang: 'ar' })
      .attach('file', Buffer.from(JSON.stringify(removed)), 'credential.json')
      .expect(200);
    expect(uploaded.text).toContain('مصادقة إحدى المؤسسات الشريكة في الشهادة مفقودة');
  });
});
