// Training catalogue: modules with learning outcomes mapped to competencies, programmes and their rules, sessions with
// seats, the yearly catalogue of a school, and who may change what.
import type { Test } from 'supertest';
import { expectStatus, Factory, type Person } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const bearer = { type: 'bearer' as const };
const UNKNOWN = '0b7c6a52-8f7d-4a8e-9d61-3f1e2b7a9c10';

describe('training catalogue', () => {
  let ctx: TestApp;
  let factory: Factory;
  let ensp: { id: string };
  let partner: { id: string };
  let registrar: Person; // training coordinator of the ENSP, the lead school
  let partnerRegistrar: Person;
  let otherRegistrar: Person;
  let framework: Awaited<ReturnType<Factory['newFramework']>>;
  let crisis: { id: string; code: string };
  let pilotage: { id: string; code: string };

  beforeAll(async () => {
    ctx = await startTestApp();
    factory = new Factory(ctx);
    ensp = await factory.newInstitution({ name: { fr: 'École nationale de santé publique', ar: 'المدرسة الوطنية للصحة العمومية' } });
    partner = await factory.newInstitution({ name: { fr: 'Institut de management hospitalier' } });
    registrar = await factory.newUser('registrar', ensp.id);
    partnerRegistrar = await factory.newUser('registrar', partner.id);
    otherRegistrar = await factory.newUser('registrar', (await factory.newInstitution()).id);
    framework = await factory.newFramework(await factory.newHrManager(ensp.id), { publish: true });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  /** A module of the given school, created through the API. */
  const newModule = async (by: Person, body: Record<string, unknown>): Promise<{ id: string; code: string }> => {
    const response = await ctx.http
      .post('/modules')
      .auth(by.token, bearer)
      .send({ hours: 21, modality: 'in_person', language: 'fr', ...body });
    expectStatus(response, 201);
    return response.body;
  };
  const codes = (rows: { code: string }[]) => rows.map((row) => row.code);

  it('a registrar describes modules whose outcomes develop competencies of a published framework; anyone finds them', async () => {
    const created = await ctx.http
      .post('/modules')
      .auth(registrar.token, bearer)
      .send({
        code: 'GC-SSE',
        title: { fr: 'Gestion de crise et situations sanitaires exceptionnelles', ar: 'إدارة الأزمات والأوضاع الصحية الاستثنائية' },
        description: { fr: 'Plan blanc, cellule de crise, afflux massif de victimes.' },
        providerInstitutionIds: [partner.id],
        hours: 35,
        ectsCredits: 3,
        modality: 'hybrid',
        language: 'fr',
        outcomes: [
          {
            itemId: framework.items.planBlanc.id,
            level: 3,
            description: { fr: 'Déclencher le plan blanc et en conduire les premières heures' },
          },
          { itemId: framework.items.cellule.id, level: 2 },
        ],
      })
      .expect(201);
    crisis = created.body;
    expect(created.body).toMatchObject({
      ownerInstitutionId: ensp.id,
      providerInstitutionIds: [ensp.id, partner.id],
      hours: 35,
      ectsCredits: 3,
      modality: 'hybrid',
    });
    expect(
      created.body.outcomes.map((o: { itemCode: string; itemIdentifier: string; level: number; levelLabel: { fr: string } }) => [
        o.itemCode,
        o.itemIdentifier,
        o.level,
        o.levelLabel.fr,
      ]),
    ).toEqual([
      ['GC-1', framework.items.planBlanc.identifier, 3, 'Connaissances approfondies'],
      ['GC-2', framework.items.cellule.identifier, 2, 'Connaissances détaillées'],
    ]);
    pilotage = await newModule(registrar, {
      code: 'PIL-STR',
      title: { fr: 'Pilotage stratégique', en: 'Strategic management' },
      hours: 28,
      ectsCredits: 2.5,
      outcomes: [{ itemId: framework.items.cellule.id, level: 4 }],
    });

    const list = (query: Record<string, unknown>) =>
      ctx.http
        .get('/modules')
        .query({ ownerInstitutionId: ensp.id, ...query })
        .expect(200);
    expect((await list({})).body).toMatchObject({ total: 2, limit: 20, offset: 0 });
    expect(codes((await list({ q: 'strategique' })).body.data)).toEqual(['PIL-STR']); // accents ignored
    expect(codes((await list({ q: 'SITUATIONS SANITAIRES' })).body.data)).toEqual(['GC-SSE']);
    expect(codes((await list({ q: 'الازمات' })).body.data)).toEqual(['GC-SSE']); // hamza ignored
    expect(codes((await list({ itemIdentifier: framework.items.planBlanc.identifier })).body.data)).toEqual(['GC-SSE']);
    expect(codes((await list({ itemIdentifier: framework.items.cellule.identifier, minLevel: 3 })).body.data)).toEqual(['PIL-STR']);
    expect(codes((await list({ modality: 'hybrid' })).body.data)).toEqual(['GC-SSE']);
    const firstPage = (await list({ limit: 1 })).body;
    expect(firstPage).toMatchObject({ total: 2, limit: 1 });
    expect(codes(firstPage.data)).toEqual(['GC-SSE']);
    expect((await ctx.http.get(`/modules/${pilotage.id}`).expect(200)).body.title.fr).toBe('Pilotage stratégique');
  });

  it('outcomes on a draft or retired framework, or beyond the scale, are refused one by one and nothing is saved', async () => {
    const hr = await factory.newHrManager(ensp.id);
    const draft = await factory.newFramework(hr);
    const retired = await factory.newFramework(hr, { publish: true });
    await ctx.http.post(`/frameworks/${retired.id}/retire`).auth(hr.token, bearer).expect(200);
    const refused = await ctx.http
      .put(`/modules/${crisis.id}/outcomes`)
      .auth(registrar.token, bearer)
      .send({
        outcomes: [
          { itemId: framework.items.planBlanc.id, level: 2 },
          { itemId: draft.items.planBlanc.id, level: 1 },
          { itemId: framework.items.cellule.id, level: 5 },
          { itemId: retired.items.cellule.id, level: 1 },
          { itemId: UNKNOWN, level: 1 },
        ],
      })
      .expect(400);
    expect(refused.body.errors).toEqual([
      { field: 'outcomes[1].itemId', reason: expect.stringContaining('draft') },
      { field: 'outcomes[2].level', reason: 'must be between 1 and 4 on scale profondeur' },
      { field: 'outcomes[3].itemId', reason: expect.stringContaining('retired framework version') },
      { field: 'outcomes[4].itemId', reason: 'no such framework item' },
    ]);
    expect((await ctx.http.get(`/modules/${crisis.id}`).expect(200)).body.outcomes).toHaveLength(2);

    const created = await ctx.http
      .post('/modules')
      .auth(registrar.token, bearer)
      .send({
        code: 'GC-DRAFT',
        title: { fr: 'Module sur un brouillon' },
        hours: 7,
        modality: 'in_person',
        language: 'fr',
        outcomes: [{ itemId: draft.items.cellule.id, level: 1 }],
      })
      .expect(400);
    expect(created.body.errors.map((error: { field: string }) => error.field)).toEqual(['outcomes[0].itemId']);
    expect((await ctx.http.get('/modules').query({ q: 'GC-DRAFT' }).expect(200)).body.total).toBe(0);

    const replaced = await ctx.http
      .put(`/modules/${crisis.id}/outcomes`)
      .auth(registrar.token, bearer)
      .send({ outcomes: [{ itemId: framework.items.planBlanc.id, level: 4 }] })
      .expect(200);
    expect(replaced.body.outcomes.map((o: { itemCode: string; level: number }) => [o.itemCode, o.level])).toEqual([['GC-1', 4]]);
    await ctx.http
      .put(`/modules/${crisis.id}/outcomes`)
      .auth(registrar.token, bearer)
      .send({
        outcomes: [
          { itemId: framework.items.planBlanc.id, level: 3 },
          { itemId: framework.items.cellule.id, level: 2 },
        ],
      })
      .expect(200);
  });

  it('module fields are checked: unique code per school, hours, credits, modality, providers, unknown ids', async () => {
    const duplicate = await ctx.http
      .post('/modules')
      .auth(registrar.token, bearer)
      .send({ code: 'GC-SSE', title: { fr: 'Autre' }, hours: 7, modality: 'in_person', language: 'fr' })
      .expect(409);
    expect(duplicate.body).toMatchObject({ code: 'duplicate_code', errors: [{ field: 'code', reason: 'already exists' }] });
    await newModule(otherRegistrar, { code: 'GC-SSE', title: { fr: 'Gestion de crise (autre école)' } }); // codes are per school

    const invalid = await ctx.http
      .post('/modules')
      .auth(registrar.token, bearer)
      .send({
        code: 'bad code',
        title: { fr: ' ' },
        hours: 0,
        ectsCredits: 61,
        modality: 'elearning',
        language: 'de',
        colour: 'red',
      })
      .expect(400);
    expect(invalid.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'code',
      'colour',
      'ectsCredits',
      'hours',
      'language',
      'modality',
      'title',
    ]);
    await ctx.http
      .post('/modules')
      .auth(registrar.token, bearer)
      .send({ code: 'LONG', title: { fr: 'Trop long' }, hours: 2001, modality: 'in_person', language: 'fr' })
      .expect(400);
    const provider = await ctx.http
      .post('/modules')
      .auth(registrar.token, bearer)
      .send({
        code: 'PRV',
        title: { fr: 'Partenaire inconnu' },
        hours: 7,
        modality: 'in_person',
        language: 'fr',
        providerInstitutionIds: [UNKNOWN],
      })
      .expect(400);
    expect(provider.body.errors).toEqual([{ field: 'providerInstitutionIds[0]', reason: 'no such institution' }]);

    await ctx.http.get(`/modules/${UNKNOWN}`).expect(404);
    await ctx.http.patch(`/modules/${UNKNOWN}`).auth(registrar.token, bearer).send({ hours: 14 }).expect(404);
    await ctx.http.get('/modules/not-a-uuid').expect(400);
    const patched = await ctx.http
      .patch(`/modules/${pilotage.id}`)
      .auth(registrar.token, bearer)
      .send({ hours: 30, ectsCredits: null })
      .expect(200);
    expect(patched.body).toMatchObject({ hours: 30, ectsCredits: null, code: 'PIL-STR' });
    await ctx.http.patch(`/modules/${pilotage.id}`).auth(registrar.token, bearer).send({ hours: 28, ectsCredits: 2.5 }).expect(200);
  });

  describe('programmes', () => {
    let electives: { id: string; code: string }[];
    let finances: { id: string; code: string };
    let diploma: { id: string };

    beforeAll(async () => {
      finances = await newModule(registrar, { code: 'FIN-HOSP', title: { fr: 'Finances hospitalières' }, hours: 42, ectsCredits: 4 });
      electives = [
        await newModule(registrar, { code: 'QUAL', title: { fr: 'Qualité et sécurité des soins' }, hours: 21, ectsCredits: 2 }),
        await newModule(registrar, { code: 'RH', title: { fr: 'Gestion des ressources humaines' }, hours: 14, ectsCredits: 3 }),
        await newModule(registrar, { code: 'NUM', title: { fr: 'Santé numérique' }, hours: 17.5, modality: 'distance_async' }),
      ];
    });

    const diplomaBody = (overrides: Record<string, unknown> = {}) => ({
      code: 'DMH',
      kind: 'diploma',
      title: { fr: 'Diplôme de management hospitalier', ar: 'شهادة التسيير الاستشفائي' },
      awardingInstitutionIds: [ensp.id, partner.id],
      modules: [
        { moduleId: pilotage.id, required: true },
        { moduleId: finances.id, required: true, prerequisites: [pilotage.id] },
        { moduleId: crisis.id, required: true, prerequisites: [pilotage.id] },
        ...electives.map((module) => ({ moduleId: module.id, required: false, electiveGroup: 'options' })),
      ],
      electiveGroups: [{ code: 'options', minimumModules: 2 }],
      minimumAverage: 60,
      internshipRequired: true,
      ...overrides,
    });

    it('a co-accredited diploma with three required modules and "2 of these 3" electives shows its least totals', async () => {
      const created = await ctx.http.post('/programmes').auth(registrar.token, bearer).send(diplomaBody()).expect(201);
      diploma = created.body;
      expect(created.body.awardingInstitutions).toEqual([
        { id: ensp.id, name: { fr: 'École nationale de santé publique', ar: 'المدرسة الوطنية للصحة العمومية' }, lead: true },
        { id: partner.id, name: { fr: 'Institut de management hospitalier' }, lead: false },
      ]);
      // Required 28 + 42 + 35 h, then the two shortest electives (14 h and 17.5 h); credits 2.5 + 4 + 3, then 0 (none) + 2.
      expect(created.body).toMatchObject({
        ownerInstitutionId: ensp.id,
        kind: 'diploma',
        totalHours: 136.5,
        totalCredits: 11.5,
        minimumAverage: 60,
        internshipRequired: true,
      });
      expect(created.body.electiveGroups).toEqual([
        { code: 'options', minimumModules: 2, moduleIds: electives.map((module) => module.id) },
      ]);
      expect(
        created.body.modules.map((m: { code: string; required: boolean; prerequisites: string[] }) => [
          m.code,
          m.required,
          m.prerequisites.length,
        ]),
      ).toEqual([
        ['PIL-STR', true, 0],
        ['FIN-HOSP', true, 1],
        ['GC-SSE', true, 1],
        ['QUAL', false, 0],
        ['RH', false, 0],
        ['NUM', false, 0],
      ]);

      const byPartner = await ctx.http.get('/programmes').query({ awardingInstitutionId: partner.id }).expect(200);
      expect(codes(byPartner.body.data)).toEqual(['DMH']);
      expect((await ctx.http.get('/programmes').query({ q: 'management hospitalier', moduleId: crisis.id }).expect(200)).body.total).toBe(
        1,
      );
      const all3 = await ctx.http
        .patch(`/programmes/${diploma.id}`)
        .auth(registrar.token, bearer)
        .send({ electiveGroups: [{ code: 'options', minimumModules: 3 }] })
        .expect(200);
      expect(all3.body).toMatchObject({ totalHours: 157.5, totalCredits: 14.5 });
      await ctx.http
        .patch(`/programmes/${diploma.id}`)
        .auth(registrar.token, bearer)
        .send({ electiveGroups: [{ code: 'options', minimumModules: 2 }] })
        .expect(200);
      expect((await ctx.http.get(`/programmes/${diploma.id}`).expect(200)).body.totalHours).toBe(136.5);
    });

    it('prerequisites going round in a circle are refused with 409 naming the modules, and nothing is written', async () => {
      const cyclic = diplomaBody({
        code: 'DMH-CYCLE',
        modules: [
          { moduleId: pilotage.id, required: true, prerequisites: [crisis.id] },
          { moduleId: finances.id, required: true, prerequisites: [pilotage.id] },
          { moduleId: crisis.id, required: true, prerequisites: [finances.id] },
        ],
        electiveGroups: [],
      });
      const refused = await ctx.http.post('/programmes').auth(registrar.token, bearer).send(cyclic).expect(409);
      expect(refused.body.code).toBe('programme_rule_cycle');
      expect(refused.body.detail).toContain('PIL-STR → GC-SSE → FIN-HOSP → PIL-STR');
      expect(refused.body.errors).toEqual([{ field: 'modules[0].prerequisites', reason: 'cycle PIL-STR → GC-SSE → FIN-HOSP → PIL-STR' }]);
      expect((await ctx.http.get('/programmes').query({ q: 'DMH-CYCLE' }).expect(200)).body.total).toBe(0);

      await ctx.http
        .patch(`/programmes/${diploma.id}`)
        .auth(registrar.token, bearer)
        .send({ modules: cyclic.modules, electiveGroups: [], title: { fr: 'Titre changé' } })
        .expect(409);
      const unchanged = await ctx.http.get(`/programmes/${diploma.id}`).expect(200);
      expect(unchanged.body).toMatchObject({ title: { fr: 'Diplôme de management hospitalier' }, totalHours: 136.5 });
      expect(unchanged.body.modules).toHaveLength(6);
    });

    it('structure faults are listed row by row with 400: group too small, module twice, outside prerequisite, lead not first', async () => {
      const tooFew = await ctx.http
        .post('/programmes')
        .auth(registrar.token, bearer)
        .send(diplomaBody({ code: 'DMH-4', electiveGroups: [{ code: 'options', minimumModules: 4 }] }))
        .expect(400);
      expect(tooFew.body.errors).toEqual([
        { field: 'electiveGroups[0].minimumModules', reason: 'asks for 4 module(s) but group options has 3' },
      ]);

      const faulty = await ctx.http
        .post('/programmes')
        .auth(registrar.token, bearer)
        .send(
          diplomaBody({
            code: 'DMH-X',
            awardingInstitutionIds: [partner.id, ensp.id],
            modules: [
              { moduleId: pilotage.id, required: true },
              { moduleId: pilotage.id, required: true },
              { moduleId: finances.id, required: true, prerequisites: [crisis.id] },
              { moduleId: UNKNOWN, required: true },
              { moduleId: electives[0].id, required: false },
            ],
            electiveGroups: [],
          }),
        )
        .expect(400);
      expect(faulty.body.errors.map((error: { field: string }) => error.field)).toEqual([
        'awardingInstitutionIds[0]',
        'modules[3].moduleId',
        'modules[1].moduleId',
        'modules[4].electiveGroup',
        'modules[2].prerequisites[0]',
      ]);
      await ctx.http
        .post('/programmes')
        .auth(registrar.token, bearer)
        .send(diplomaBody({ code: 'DMH-0', modules: [] }))
        .expect(400);
      const duplicate = await ctx.http.post('/programmes').auth(registrar.token, bearer).send(diplomaBody()).expect(409);
      expect(duplicate.body.code).toBe('duplicate_code');
      expect((await ctx.http.get('/programmes').query({ ownerInstitutionId: ensp.id }).expect(200)).body.total).toBe(1);
    });

    it('a programme is deleted only without sessions; a module only when nothing uses it', async () => {
      const certificate = await ctx.http
        .post('/programmes')
        .auth(registrar.token, bearer)
        .send({
          code: 'CERT-CRISE',
          kind: 'certificate',
          title: { fr: 'Certificat de gestion de crise' },
          modules: [{ moduleId: crisis.id, required: true }],
        })
        .expect(201);
      expect(certificate.body).toMatchObject({
        awardingInstitutions: [{ id: ensp.id, lead: true }],
        totalHours: 35,
        totalCredits: 3,
        internshipRequired: false,
      });
      const used = await ctx.http.delete(`/modules/${finances.id}`).auth(registrar.token, bearer).expect(409);
      expect(used.body.code).toBe('module_in_use');
      await ctx.http.delete(`/programmes/${certificate.body.id}`).auth(registrar.token, bearer).expect(204);
      await ctx.http.get(`/programmes/${certificate.body.id}`).expect(404);
      const unused = await newModule(registrar, { code: 'TMP', title: { fr: 'Module retiré du catalogue' } });
      await ctx.http.delete(`/modules/${unused.id}`).auth(registrar.token, bearer).expect(204);
    });

    describe('sessions and the yearly catalogue', () => {
      const sessionBody = (overrides: Record<string, unknown>) => ({
        code: 'GC-SSE-2026-1',
        moduleId: crisis.id,
        startsOn: '2026-03-16',
        endsOn: '2026-03-20',
        place: 'ENSP Alger, amphithéâtre B',
        trainers: ['Dr Amina Belkacem', 'Pr Karim Haddad'],
        capacity: 24,
        ...overrides,
      });
      const enrol = async (sessionId: string, status: string) => {
        const [learner] = await ctx.database.dataSource.query(
          `INSERT INTO learner ("givenName", "familyName", "employerInstitutionId") VALUES ('Nadia', 'Mansouri', $1) RETURNING id`,
          [ensp.id],
        );
        await ctx.database.dataSource.query(`INSERT INTO enrolment ("sessionId", "learnerId", status) VALUES ($1, $2, $3)`, [
          sessionId,
          learner.id,
          status,
        ]);
      };
      let march: { id: string };

      it('a registrar schedules sessions with seats; enrolments count against them except withdrawals', async () => {
        const created = await ctx.http.post('/sessions').auth(registrar.token, bearer).send(sessionBody({})).expect(201);
        march = created.body;
        expect(created.body).toMatchObject({
          institutionId: ensp.id,
          subject: { kind: 'module', code: 'GC-SSE' },
          capacity: 24,
          enrolledCount: 0,
          seatsLeft: 24,
          trainers: ['Dr Amina Belkacem', 'Pr Karim Haddad'],
        });
        await enrol(march.id, 'enrolled');
        await enrol(march.id, 'completed');
        await enrol(march.id, 'withdrawn');
        expect((await ctx.http.get(`/sessions/${march.id}`).expect(200)).body).toMatchObject({ enrolledCount: 2, seatsLeft: 22 });

        const below = await ctx.http.patch(`/sessions/${march.id}`).auth(registrar.token, bearer).send({ capacity: 1 }).expect(409);
        expect(below.body.code).toBe('capacity_below_enrolments');
        expect(
          (
            await ctx.http
              .patch(`/sessions/${march.id}`)
              .auth(registrar.token, bearer)
              .send({ capacity: 25, endsOn: '2026-03-21' })
              .expect(200)
          ).body,
        ).toMatchObject({ capacity: 25, seatsLeft: 23, endsOn: '2026-03-21' });
        expect((await ctx.http.delete(`/sessions/${march.id}`).auth(registrar.token, bearer).expect(409)).body.code).toBe(
          'session_has_enrolments',
        );
        expect((await ctx.http.delete(`/modules/${crisis.id}`).auth(registrar.token, bearer).expect(409)).body.code).toBe('module_in_use');
        await ctx.http.post('/sessions').auth(registrar.token, bearer).send(sessionBody({})).expect(409); // same code at the same school
      });

      it('a session must fit its module: a place on site, an https link at a distance, sensible dates and capacity', async () => {
        const post = (body: Record<string, unknown>) => ctx.http.post('/sessions').auth(registrar.token, bearer).send(body);
        const numerique = electives[2];
        const noLink = await post(sessionBody({ code: 'NUM-1', moduleId: numerique.id, place: undefined })).expect(400);
        expect(noLink.body.errors).toEqual([{ field: 'onlineUrl', reason: expect.stringContaining('distance_async module') }]);
        await post(
          sessionBody({ code: 'NUM-1', moduleId: numerique.id, place: undefined, onlineUrl: 'http://moodle.ensp.example.dz/course/42' }),
        ).expect(400);
        await post(
          sessionBody({
            code: 'NUM-1',
            moduleId: numerique.id,
            place: undefined,
            onlineUrl: 'https://moodle.ensp.example.dz/course/view.php?id=42',
          }),
        ).expect(201);
        expect((await post(sessionBody({ code: 'GC-X', place: undefined })).expect(400)).body.errors).toEqual([
          { field: 'place', reason: expect.stringContaining('hybrid module') },
        ]);

        const both = await post(sessionBody({ code: 'GC-X', programmeId: diploma.id })).expect(400);
        expect(both.body.errors.map((error: { field: string }) => error.field)).toEqual(['moduleId', 'programmeId']);
        await post(sessionBody({ code: 'GC-X', moduleId: undefined })).expect(400);
        expect((await post(sessionBody({ code: 'GC-X', startsOn: '2026-03-20', endsOn: '2026-03-16' })).expect(400)).body.errors).toEqual([
          { field: 'endsOn', reason: 'must be on or after startsOn' },
        ]);
        await post(sessionBody({ code: 'GC-X', endsOn: '2026-02-30' })).expect(400);
        await post(sessionBody({ code: 'GC-X', capacity: 501 })).expect(400);
        await post(sessionBody({ code: 'GC-X', capacity: 0 })).expect(400);
        await post(sessionBody({ code: 'GC-X', trainers: Array.from({ length: 21 }, (_, i) => `Formateur ${i + 1}`) })).expect(400);
        expect((await post(sessionBody({ code: 'GC-X', moduleId: UNKNOWN })).expect(400)).body.errors).toEqual([
          { field: 'moduleId', reason: 'no such training module' },
        ]);
        await ctx.http.get(`/sessions/${UNKNOWN}`).expect(404);
      });

      it('the yearly catalogue lists a school’s sessions of the year by module or programme, with seats left', async () => {
        await ctx.http
          .post('/sessions')
          .auth(registrar.token, bearer)
          .send(sessionBody({ code: 'GC-SSE-2026-2', startsOn: '2026-10-05', endsOn: '2026-10-09', capacity: 20 }))
          .expect(201);
        await ctx.http
          .post('/sessions')
          .auth(registrar.token, bearer)
          .send(sessionBody({ code: 'PIL-2026', moduleId: pilotage.id, startsOn: '2026-05-04', endsOn: '2026-05-07' }))
          .expect(201);
        await ctx.http
          .post('/sessions')
          .auth(registrar.token, bearer)
          .send(sessionBody({ code: 'GC-SSE-2027-1', startsOn: '2027-01-11', endsOn: '2027-01-15' }))
          .expect(201);
        // The partner school runs the co-accredited diploma; it mixes campus and online modules, so it needs both.
        const diplomaSession = {
          code: 'DMH-2026',
          moduleId: undefined,
          programmeId: diploma.id,
          startsOn: '2026-09-14',
          endsOn: '2027-06-30',
          place: 'IMH Oran',
          capacity: 22,
        };
        expect(
          (await ctx.http.post('/sessions').auth(partnerRegistrar.token, bearer).send(sessionBody(diplomaSession)).expect(400)).body
            .errors[0].field,
        ).toBe('onlineUrl');
        await ctx.http
          .post('/sessions')
          .auth(partnerRegistrar.token, bearer)
          .send(sessionBody({ ...diplomaSession, onlineUrl: 'https://moodle.imh.example.dz/course/7' }))
          .expect(201);

        const catalogue = await ctx.http.get(`/institutions/${ensp.id}/catalogue`).query({ year: 2026 }).expect(200);
        expect(catalogue.body).toMatchObject({
          institution: { id: ensp.id, name: { fr: 'École nationale de santé publique' } },
          year: 2026,
        });
        expect(
          catalogue.body.entries.map((entry: { code: string; sessions: { code: string }[] }) => [entry.code, codes(entry.sessions)]),
        ).toEqual([
          ['GC-SSE', ['GC-SSE-2026-1', 'GC-SSE-2026-2']],
          ['NUM', ['NUM-1']],
          ['PIL-STR', ['PIL-2026']],
        ]);
        expect(catalogue.body.entries[0]).toMatchObject({
          kind: 'module',
          title: { fr: 'Gestion de crise et situations sanitaires exceptionnelles' },
          hours: 35,
          modalities: ['hybrid'],
        });
        expect(catalogue.body.entries[0].sessions[0]).toMatchObject({
          startsOn: '2026-03-16',
          place: 'ENSP Alger, amphithéâtre B',
          capacity: 25,
          seatsLeft: 23,
        });
        expect(catalogue.body.entries[1].sessions[0].onlineUrl).toBe('https://moodle.ensp.example.dz/course/view.php?id=42');

        const partnerCatalogue = await ctx.http.get(`/institutions/${partner.id}/catalogue`).query({ year: 2026 }).expect(200);
        expect(partnerCatalogue.body.entries).toEqual([
          expect.objectContaining({ kind: 'programme', code: 'DMH', hours: 136.5, modalities: ['in_person', 'hybrid', 'distance_async'] }),
        ]);
        expect(codes((await ctx.http.get(`/institutions/${ensp.id}/catalogue`).query({ year: 2027 }).expect(200)).body.entries)).toEqual([
          'GC-SSE',
        ]);
        expect((await ctx.http.get(`/institutions/${ensp.id}/catalogue`).expect(200)).body.year).toBe(new Date().getUTCFullYear());
        await ctx.http.get(`/institutions/${ensp.id}/catalogue`).query({ year: 'next' }).expect(400);
        await ctx.http.get(`/institutions/${UNKNOWN}/catalogue`).expect(404);
        expect((await ctx.http.delete(`/programmes/${diploma.id}`).auth(registrar.token, bearer).expect(409)).body.code).toBe(
          'programme_in_use',
        );
      });

      it('odd input never yields a server error', async () => {
        const attempts = [
          ctx.http
            .patch(`/modules/${crisis.id}`)
            .auth(registrar.token, bearer)
            .send({ hours: null, modality: null, title: null, code: null }),
          ctx.http
            .patch(`/sessions/${march.id}`)
            .auth(registrar.token, bearer)
            .send({ startsOn: null, capacity: null, trainers: null, place: null }),
          ctx.http
            .patch(`/programmes/${diploma.id}`)
            .auth(registrar.token, bearer)
            .send({ modules: null, kind: null, internshipRequired: null }),
          ctx.http
            .post('/programmes')
            .auth(registrar.token, bearer)
            .send(diplomaBody({ code: 'DMH-NULL', awardingInstitutionIds: null, electiveGroups: null })),
          ctx.http.post('/sessions').auth(registrar.token, bearer).send({}),
          ctx.http
            .post('/modules')
            .auth(registrar.token, bearer)
            .send({
              code: 'X',
              title: { fr: 'x', de: 'y' },
              hours: '35',
              modality: 'hybrid',
              language: 'fr',
              outcomes: [{ itemId: 'nope', level: 'high' }],
            }),
          ctx.http.get('/modules').query({ limit: 'many', minLevel: 0 }),
          ctx.http.get('/sessions').query({ startsFrom: '2026-13-01' }),
        ];
        const statuses = [];
        for (const attempt of attempts) statuses.push((await attempt).status);
        // A null where a value is required is ignored, like elsewhere in the API; a place removed from a hybrid session is not.
        expect(statuses).toEqual([200, 400, 200, 400, 400, 400, 400, 400]);
      });

      it('only an admin or a registrar of the responsible school writes; everyone reads', async () => {
        const module = { code: 'ROLE', title: { fr: 'Module' }, hours: 7, modality: 'in_person', language: 'fr' };
        await ctx.http.post('/modules').send(module).expect(401);
        for (const role of ['hr_manager', 'learner'] as const) {
          const person = await factory.newUser(role, ensp.id);
          expect((await ctx.http.post('/modules').auth(person.token, bearer).send(module).expect(403)).body.code).toBe('role_not_allowed');
          expect(
            (
              await ctx.http
                .post('/sessions')
                .auth(person.token, bearer)
                .send(sessionBody({ code: 'ROLE' }))
                .expect(403)
            ).body.code,
          ).toBe('role_not_allowed');
        }
        const stranger = async (request: Test) => expect((await request.expect(403)).body.code).toBe('other_institution');
        await stranger(
          ctx.http
            .post('/modules')
            .auth(otherRegistrar.token, bearer)
            .send({ ...module, ownerInstitutionId: ensp.id }),
        );
        await stranger(ctx.http.patch(`/modules/${crisis.id}`).auth(otherRegistrar.token, bearer).send({ hours: 1 }));
        await stranger(ctx.http.put(`/modules/${crisis.id}/outcomes`).auth(otherRegistrar.token, bearer).send({ outcomes: [] }));
        await stranger(ctx.http.delete(`/modules/${crisis.id}`).auth(otherRegistrar.token, bearer));
        await stranger(ctx.http.patch(`/programmes/${diploma.id}`).auth(partnerRegistrar.token, bearer).send({ minimumAverage: 50 })); // a partner awards, the lead manages
        await stranger(ctx.http.patch(`/sessions/${march.id}`).auth(partnerRegistrar.token, bearer).send({ capacity: 30 }));
        await stranger(
          ctx.http
            .post('/sessions')
            .auth(registrar.token, bearer)
            .send(sessionBody({ code: 'ELSEWHERE', institutionId: partner.id })),
        );
        // A school that does not deliver the module cannot put it in its own catalogue.
        const notProvider = await ctx.http
          .post('/sessions')
          .auth(otherRegistrar.token, bearer)
          .send(sessionBody({ code: 'GC-AILLEURS' }))
          .expect(400);
        expect(notProvider.body.errors[0].field).toBe('institutionId');

        const admin = await factory.admin();
        expect((await ctx.http.post('/modules').auth(admin.token, bearer).send(module).expect(400)).body.errors[0].field).toBe(
          'ownerInstitutionId',
        );
        await ctx.http
          .post('/modules')
          .auth(admin.token, bearer)
          .send({ ...module, ownerInstitutionId: partner.id })
          .expect(201);
        await ctx.http
          .patch(`/modules/${crisis.id}`)
          .auth(admin.token, bearer)
          .send({ description: { fr: 'Révisé par l’administration' } })
          .expect(200);

        await ctx.http.get('/modules').expect(200);
        await ctx.http.get(`/programmes/${diploma.id}`).expect(200);
        await ctx.http.get('/sessions').query({ institutionId: ensp.id }).expect(200);
      });
    });
  });
});
