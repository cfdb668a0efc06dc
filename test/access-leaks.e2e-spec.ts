// The object-level leaks of the access-policy issue, each as the attack a user could run: one school taking over
// another's CASE identifiers, a registrar reading a learner's record through an enrolment nobody consented to, and a
// school reading another school's signing keys.
import { pharmacyPackage, type Json } from './support/case-packages.js';
import { CatalogueFactory, expectStatus, Factory, type Person } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const bearer = { type: 'bearer' as const };
const API = '/ims/case/v1p1';

describe('object-level access', () => {
  let ctx: TestApp;
  let factory: Factory;
  let catalogue: CatalogueFactory;
  let schoolA: { id: string };
  let schoolC: { id: string };
  let hrA: Person;
  let hrB: Person;
  let hospitalHr: Person;
  let registrarA: Person;
  let registrarB: Person;
  let registrarC: Person;
  let items: { planBlanc: { id: string }; cellule: { id: string } };

  beforeAll(async () => {
    ctx = await startTestApp();
    factory = new Factory(ctx);
    catalogue = new CatalogueFactory(ctx);
    schoolA = await factory.newInstitution();
    const schoolB = await factory.newInstitution();
    schoolC = await factory.newInstitution();
    const hospital = await factory.newInstitution({ kind: 'hospital' });
    hrA = await factory.newUser('hr_manager', schoolA.id);
    hrB = await factory.newUser('hr_manager', schoolB.id);
    hospitalHr = await factory.newUser('hr_manager', hospital.id);
    registrarA = await factory.newUser('registrar', schoolA.id);
    registrarB = await factory.newUser('registrar', schoolB.id);
    registrarC = await factory.newUser('registrar', schoolC.id);
    items = (await factory.newFramework(hrA, { publish: true })).items;
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const importCase = (person: Person, pkg: Json) =>
    ctx.http
      .post('/framework-imports/case')
      .auth(person.token, bearer)
      .attach('file', Buffer.from(JSON.stringify(pkg)), { filename: 'framework.json', contentType: 'application/json' });
  const importMoodle = (person: Person, csv: string) =>
    ctx.http
      .post('/framework-imports/moodle')
      .auth(person.token, bearer)
      .field('version', '1')
      .attach('file', Buffer.from(csv), { filename: 'framework.csv', contentType: 'text/csv' });

  describe('an identifier belongs to the institution that created it', () => {
    it('another school cannot import a CASE package of ours under a new version, nor reuse its item identifiers', async () => {
      const { pkg, ids } = pharmacyPackage();
      const ours = await importCase(hrA, pkg);
      expectStatus(ours, 201);
      expectStatus(await ctx.http.post(`/frameworks/${ours.body.frameworkId}/publish`).auth(hrA.token, bearer), 200);

      const hijack = structuredClone(pkg);
      hijack.CFDocument.version = '2027';
      hijack.CFDocument.title = 'Pharmacie (version de l’école B)';
      hijack.CFItems[1].fullStatement = 'Texte de l’école B';
      const refused = await importCase(hrB, hijack);
      expect([refused.status, refused.body.code]).toEqual([403, 'identifier_of_other_institution']);

      const itemsOnly = structuredClone(hijack);
      itemsOnly.CFDocument.identifier = crypto.randomUUID();
      expect((await importCase(hrB, itemsOnly)).body).toMatchObject({ status: 403, code: 'identifier_of_other_institution' });

      const byForm = await ctx.http
        .post('/frameworks')
        .auth(hrB.token, bearer)
        .send({ identifier: ids.doc, version: '2028', title: { fr: 'Pharmacie' } });
      expect([byForm.status, byForm.body.code]).toEqual([403, 'identifier_of_other_institution']);

      expect((await ctx.http.get(`${API}/CFDocuments/${ids.doc}`)).body.title).toBe('Pharmacie hospitalière');
      expect((await ctx.http.get(`${API}/CFItems/${ids.circuit}`)).body.fullStatement).toBe('Sécuriser le circuit du médicament');
    });

    it('a Moodle file of ours imported by another school gets identifiers of its own', async () => {
      const csv = (
        await ctx.http
          .get(`/frameworks/${(await factory.newFramework(hrA, { publish: true })).id}/moodle-csv`)
          .auth(hrA.token, bearer)
          .expect(200)
      ).text;
      const first = await importMoodle(hrA, csv);
      expectStatus(first, 201);
      expectStatus(await ctx.http.post(`/frameworks/${first.body.frameworkId}/publish`).auth(hrA.token, bearer), 200);
      const ourItems = (await ctx.http.get(`/frameworks/${first.body.frameworkId}/items`).auth(hrA.token, bearer)).body.data as Json[];

      const copy = await importMoodle(hrB, csv.replace('Déclencher et conduire le plan blanc', 'Texte de l’école B'));
      expectStatus(copy, 201);
      expectStatus(await ctx.http.post(`/frameworks/${copy.body.frameworkId}/publish`).auth(hrB.token, bearer), 200);
      const theirItems = (await ctx.http.get(`/frameworks/${copy.body.frameworkId}/items`).auth(hrB.token, bearer)).body.data as Json[];
      expect(theirItems.map((item) => item.identifier).filter((id) => ourItems.some((item) => item.identifier === id))).toEqual([]);
      const planBlanc = ourItems.find((item) => item.code === 'GC-1')!;
      expect((await ctx.http.get(`${API}/CFItems/${planBlanc.identifier}`)).body.fullStatement).toBe(
        'Déclencher et conduire le plan blanc',
      );
    });
  });

  describe('a registrar reaches a learner through a consented enrolment, while it lasts', () => {
    let nadiaLogin: Person;
    let nadia: Json;
    let sessionA: { id: string };
    let otherSessionA: { id: string };
    let sessionC: { id: string };
    let foreignCredentialId: string;

    /** The employer's HR manager asks for the place; the organising school accepts. */
    const enrolWithConsent = async (session: { id: string }, learnerId: string, registrar: Person): Promise<string> => {
      const requested = await ctx.http.post(`/sessions/${session.id}/enrolments`).auth(hospitalHr.token, bearer).send({ learnerId });
      expectStatus(requested, 201);
      expect(requested.body.consent).toBe('requested');
      const accepted = await ctx.http.post(`/enrolments/${requested.body.id}/acceptance`).auth(registrar.token, bearer);
      expectStatus(accepted, 200);
      expect(accepted.body.consent).toBe('accepted');
      return requested.body.id;
    };

    beforeAll(async () => {
      const moduleA = await catalogue.newModule(schoolA.id, 'GC-A', 21, [{ itemId: items.planBlanc.id, level: 2 }]);
      const moduleC = await catalogue.newModule(schoolC.id, 'GC-C', 14, [{ itemId: items.cellule.id, level: 2 }]);
      sessionA = await catalogue.newSession(moduleA.id, schoolA.id);
      otherSessionA = await catalogue.newSession(moduleA.id, schoolA.id);
      sessionC = await catalogue.newSession(moduleC.id, schoolC.id);
      nadiaLogin = await factory.newUser('learner');
      nadia = (
        await ctx.http
          .post('/learners')
          .auth(hospitalHr.token, bearer)
          .send({ givenName: 'Nadia', familyName: 'Benkhelifa', userId: nadiaLogin.id })
          .expect(201)
      ).body;
      await ctx.http
        .post(`/learners/${nadia.id}/evidence`)
        .auth(hospitalHr.token, bearer)
        .send({ itemId: items.cellule.id, level: 1, note: 'Observation du cadre de santé' })
        .expect(201);
      // A certificate from school C, which school A's registrar has no business reading.
      const enrolmentC = await enrolWithConsent(sessionC, nadia.id, registrarC);
      await ctx.http
        .post(`/sessions/${sessionC.id}/assessments`)
        .auth(registrarC.token, bearer)
        .send({ learnerId: nadia.id, kind: 'final_exam', score: 15 })
        .expect(201);
      foreignCredentialId = (
        await ctx.http.post('/credentials/certificates').auth(registrarC.token, bearer).send({ enrolmentId: enrolmentC }).expect(201)
      ).body.id;
    });

    const record = (person: Person, path = '') => ctx.http.get(`/learners/${nadia.id}${path}`).auth(person.token, bearer);
    const readsOfRecord = async (person: Person) => {
      const statuses = [];
      for (const path of ['', '/evidence', '/competencies', '/gaps', '/credentials']) statuses.push((await record(person, path)).status);
      return statuses;
    };

    it('enrolling a learner nobody asked about, then withdrawing at once, opens nothing', async () => {
      const offered = await ctx.http
        .post(`/sessions/${sessionA.id}/enrolments`)
        .auth(registrarA.token, bearer)
        .send({ learnerId: nadia.id });
      expectStatus(offered, 201);
      expect(await readsOfRecord(registrarA)).toEqual([404, 404, 404, 404, 404]);
      await ctx.http.patch(`/enrolments/${offered.body.id}`).auth(registrarA.token, bearer).send({ status: 'withdrawn' }).expect(200);
      expect(await readsOfRecord(registrarA)).toEqual([404, 404, 404, 404, 404]);
      const written = await ctx.http
        .post(`/learners/${nadia.id}/evidence`)
        .auth(registrarA.token, bearer)
        .send({ itemId: items.planBlanc.id, level: 4, note: 'Écrit par une autre école' });
      expect([403, 404]).toContain(written.status);
      expect((await record(hospitalHr, '/evidence')).body.map((e: Json) => e.note)).not.toContain('Écrit par une autre école');
    });

    it('an offer the learner accepts opens the record, and the registrar’s access ends with the enrolment', async () => {
      const offered = await ctx.http
        .post(`/sessions/${otherSessionA.id}/enrolments`)
        .auth(registrarA.token, bearer)
        .send({ learnerId: nadia.id });
      expectStatus(offered, 201);
      expect(offered.body.consent).toBe('offered');
      // Neither another learner nor the registrar who offered accepts in the learner's stead.
      await ctx.http
        .post(`/enrolments/${offered.body.id}/acceptance`)
        .auth((await factory.newUser('learner')).token, bearer)
        .expect(403);
      await ctx.http.post(`/enrolments/${offered.body.id}/acceptance`).auth(registrarA.token, bearer).expect(403);
      await ctx.http.post(`/enrolments/${offered.body.id}/acceptance`).auth(nadiaLogin.token, bearer).expect(200);
      expect((await record(registrarA)).status).toBe(200);

      // Only what GET /credentials/{id} would show: not school C's certificate.
      await ctx.http.get(`/credentials/${foreignCredentialId}`).auth(registrarA.token, bearer).expect(404);
      expect((await record(registrarA, '/credentials')).body).toEqual([]);
      expect((await record(registrarC, '/credentials')).body.map((c: Json) => c.id)).toEqual([foreignCredentialId]);

      // Evidence by a registrar is tied to a session of their school the learner is enrolled in.
      const unbound = await ctx.http
        .post(`/learners/${nadia.id}/evidence`)
        .auth(registrarA.token, bearer)
        .send({ itemId: items.planBlanc.id, level: 2, note: 'Mise en situation' });
      expect(unbound.status).toBe(403);
      const otherSchool = await ctx.http
        .post(`/learners/${nadia.id}/evidence`)
        .auth(registrarA.token, bearer)
        .send({ itemId: items.planBlanc.id, level: 2, note: 'x', sessionId: sessionC.id });
      expect(otherSchool.status).toBe(403);
      const bound = await ctx.http
        .post(`/learners/${nadia.id}/evidence`)
        .auth(registrarA.token, bearer)
        .send({ itemId: items.planBlanc.id, level: 2, note: 'Mise en situation', sessionId: otherSessionA.id });
      expectStatus(bound, 201);
      expect(bound.body.sessionId).toBe(otherSessionA.id);

      await ctx.http.patch(`/enrolments/${offered.body.id}`).auth(registrarA.token, bearer).send({ status: 'withdrawn' }).expect(200);
      expect(await readsOfRecord(registrarA)).toEqual([404, 404, 404, 404, 404]);
      const after = await ctx.http
        .post(`/learners/${nadia.id}/evidence`)
        .auth(registrarA.token, bearer)
        .send({ itemId: items.planBlanc.id, level: 3, note: 'x', sessionId: otherSessionA.id });
      expect([403, 404]).toContain(after.status);
    });

    it('an HR manager asks for places for their own staff only', async () => {
      const response = await ctx.http.post(`/sessions/${sessionA.id}/enrolments`).auth(hrB.token, bearer).send({ learnerId: nadia.id });
      expect(response.status).toBe(403);
    });
  });

  it('a school’s signing keys are listed to its own registrars and administrators only', async () => {
    await ctx.http.get(`/institutions/${schoolA.id}/issuer-keys`).auth(registrarA.token, bearer).expect(200);
    const other = await ctx.http.get(`/institutions/${schoolA.id}/issuer-keys`).auth(registrarB.token, bearer);
    expect([other.status, other.body.code]).toEqual([403, 'other_institution']);
  });
});
