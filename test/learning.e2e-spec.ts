// Learner records: enrolments within capacity, assessments, evidence and derived levels, gap analysis with
// recommended modules, result imports, questionnaires and the HR team view.
import { CatalogueFactory, expectStatus, Factory, type Person } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const bearer = { type: 'bearer' as const };

describe('learner records and gap analysis', () => {
  let ctx: TestApp;
  let factory: Factory;
  let hospitalHr: Person;
  let registrar: Person;
  let items: Record<string, string>;
  let director: string;
  let crisis: { id: string; code: string };
  let session: { id: string };
  let nadia: { id: string };
  let karim: { id: string };
  let nadiaLogin: Person;

  beforeAll(async () => {
    ctx = await startTestApp();
    factory = new Factory(ctx);
    const catalogue = new CatalogueFactory(ctx);
    const school = await factory.newInstitution({ slug: 'ensm-test' });
    const hospital = await factory.newInstitution({ slug: 'chu-oran-test', kind: 'hospital' });
    registrar = await factory.newUser('registrar', school.id);
    hospitalHr = await factory.newUser('hr_manager', hospital.id);
    const schoolHr = await factory.newUser('hr_manager', school.id);

    const framework = await factory.newFramework(schoolHr);
    const volunteers = await factory.newItem(schoolHr, framework.id, {
      code: 'GC-3',
      itemType: 'competency',
      parentId: framework.items.domain.id,
      label: { fr: 'Coordonner les bénévoles' },
    });
    expectStatus(await ctx.http.post(`/frameworks/${framework.id}/publish`).auth(schoolHr.token, bearer), 200);
    items = { 'GC-1': framework.items.planBlanc.id, 'GC-2': framework.items.cellule.id, 'GC-3': volunteers.id };

    const profile = await ctx.http
      .post('/job-profiles')
      .auth(schoolHr.token, bearer)
      .send({
        code: 'DIR-01',
        version: '1',
        title: { fr: 'Directeur d’établissement' },
        requirements: [
          { itemId: items['GC-1'], level: 3 },
          { itemId: items['GC-2'], level: 2 },
          { itemId: items['GC-3'], level: 1 },
        ],
      });
    expectStatus(profile, 201);
    director = profile.body.id;
    expectStatus(await ctx.http.post(`/job-profiles/${director}/publish`).auth(schoolHr.token, bearer), 200);

    crisis = await catalogue.newModule(school.id, 'GC-35H', 35, [
      { itemId: items['GC-1'], level: 3 },
      { itemId: items['GC-2'], level: 3 },
    ]);
    await catalogue.newModule(school.id, 'GC-INTRO', 7, [
      { itemId: items['GC-1'], level: 1 },
      { itemId: items['GC-2'], level: 2 },
    ]);
    await catalogue.newModule(school.id, 'GC-MEGA', 60, [
      { itemId: items['GC-1'], level: 4 },
      { itemId: items['GC-2'], level: 4 },
    ]);
    session = await catalogue.newSession(crisis.id, school.id, 2);

    nadiaLogin = await factory.newUser('learner');
    const create = async (body: Record<string, unknown>) => {
      const response = await ctx.http
        .post('/learners')
        .auth(hospitalHr.token, bearer)
        .send({ currentProfileId: director, ...body });
      expectStatus(response, 201);
      return response.body;
    };
    nadia = await create({
      givenName: 'Nadia',
      familyName: 'Benkhelifa',
      email: 'nadia@chu-oran.example.dz',
      staffNumber: 'DZ-31-0001',
      userId: nadiaLogin.id,
    });
    karim = await create({ givenName: 'Karim', familyName: 'Ziani', email: 'karim@chu-oran.example.dz', staffNumber: 'DZ-31-0002' });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('a new learner’s gaps are closed by the cheapest modules, and what no module covers is named', async () => {
    const report = await ctx.http.get(`/learners/${nadia.id}/gaps`).auth(hospitalHr.token, bearer).expect(200);
    expect(
      report.body.lines.map((l: { itemCode: string; requiredLevel: number; currentLevel: number; gap: number }) => [
        l.itemCode,
        l.requiredLevel,
        l.currentLevel,
        l.gap,
      ]),
    ).toEqual([
      ['GC-1', 3, 0, 3],
      ['GC-2', 2, 0, 2],
      ['GC-3', 1, 0, 1],
    ]);
    expect(report.body).toMatchObject({ profileId: director, gapCount: 3, essentialGapCount: 3 });
    expect(report.body.recommendation).toMatchObject({ method: 'exact', totalHours: 35, modules: [{ code: 'GC-35H', hours: 35 }] });
    expect(report.body.recommendation.uncovered.map((gap: { itemCode: string }) => gap.itemCode)).toEqual(['GC-3']);
  });

  it('enrolment takes both sides’ consent and stops at the session’s capacity', async () => {
    const enrol = (learnerId: string) =>
      ctx.http.post(`/sessions/${session.id}/enrolments`).auth(registrar.token, bearer).send({ learnerId });
    // The employer asks, the school accepts; or the school offers, the employer's HR (or the learner) accepts.
    expect(await factory.enrol(session, nadia.id, { hr: hospitalHr, registrar })).toMatchObject({
      status: 'enrolled',
      consent: 'accepted',
    });
    const offer = await enrol(karim.id).expect(201);
    expect(offer.body.consent).toBe('offered');
    await ctx.http.post(`/enrolments/${offer.body.id}/acceptance`).auth(registrar.token, bearer).expect(403);
    expect((await ctx.http.post(`/enrolments/${offer.body.id}/acceptance`).auth(hospitalHr.token, bearer).expect(200)).body.consent).toBe(
      'accepted',
    );
    const third = await ctx.http
      .post('/learners')
      .auth(hospitalHr.token, bearer)
      .send({ givenName: 'Lyes', familyName: 'Amrani' })
      .expect(201);
    const full = await enrol(third.body.id).expect(409);
    expect(full.body.code).toBe('session_full');
    expect((await enrol(nadia.id).expect(409)).body.code).toBe('already_enrolled');
    const otherSchool = await factory.newUser('registrar', (await factory.newInstitution()).id);
    await ctx.http
      .post(`/sessions/${session.id}/enrolments`)
      .auth(otherSchool.token, bearer)
      .send({ learnerId: third.body.id })
      .expect(403);
  });

  it('assessments: questionnaires measure progress, a passed final exam yields evidence and raises levels', async () => {
    const assess = (body: Record<string, unknown>) =>
      ctx.http.post(`/sessions/${session.id}/assessments`).auth(registrar.token, bearer).send(body);
    expectStatus(await assess({ learnerId: nadia.id, kind: 'pre_questionnaire', score: 8 }), 201);
    expectStatus(await assess({ learnerId: karim.id, kind: 'pre_questionnaire', score: 12 }), 201);
    expectStatus(await assess({ learnerId: nadia.id, kind: 'post_questionnaire', score: 15 }), 201);
    expectStatus(await assess({ learnerId: karim.id, kind: 'post_questionnaire', score: 11 }), 201);
    const comparison = await ctx.http.get(`/sessions/${session.id}/questionnaire-comparison`).auth(registrar.token, bearer).expect(200);
    expect(comparison.body).toEqual({
      sessionId: session.id,
      pairs: 2,
      averagePre: 50,
      averagePost: 65,
      averageGain: 15,
      improvedShare: 0.5,
      incomplete: 0,
    });

    const exam = await assess({ learnerId: nadia.id, kind: 'final_exam', score: 14.5, assessedAt: '2026-03-13T15:00:00Z' }).expect(201);
    expect(exam.body).toMatchObject({ passed: true, maxScore: 20, passMark: 10 });
    const enrolments = await ctx.http.get(`/sessions/${session.id}/enrolments`).auth(registrar.token, bearer).expect(200);
    expect(enrolments.body.find((e: { learnerId: string }) => e.learnerId === nadia.id)).toMatchObject({ status: 'completed' });

    const levels = await ctx.http.get(`/learners/${nadia.id}/competencies`).auth(nadiaLogin.token, bearer).expect(200);
    expect(levels.body.map((l: { itemCode: string; level: number }) => [l.itemCode, l.level])).toEqual([
      ['GC-1', 3],
      ['GC-2', 3],
    ]);
    expect(levels.body[0].evidence[0]).toMatchObject({ source: 'assessment', moduleId: crisis.id, assessmentId: exam.body.id });
    expect(levels.body[0].countedEvidenceId).toBe(levels.body[0].evidence[0].id);

    const after = await ctx.http.get(`/learners/${nadia.id}/gaps`).auth(nadiaLogin.token, bearer).expect(200);
    expect(after.body.lines.filter((l: { gap: number }) => l.gap > 0).map((l: { itemCode: string }) => l.itemCode)).toEqual(['GC-3']);
    expect(after.body.recommendation.modules).toEqual([]);
  });

  it('bad records are refused with a clear 4xx and nothing written', async () => {
    const outsider = await ctx.http
      .post('/learners')
      .auth(hospitalHr.token, bearer)
      .send({ givenName: 'Samir', familyName: 'Hadj' })
      .expect(201);
    const notEnrolled = await ctx.http
      .post(`/sessions/${session.id}/assessments`)
      .auth(registrar.token, bearer)
      .send({ learnerId: outsider.body.id, kind: 'final_exam', score: 12 })
      .expect(409);
    expect(notEnrolled.body.code).toBe('not_enrolled');
    const outOfScale = await ctx.http
      .post(`/sessions/${session.id}/assessments`)
      .auth(registrar.token, bearer)
      .send({ learnerId: karim.id, kind: 'final_exam', score: 25 })
      .expect(400);
    expect(outOfScale.body.errors).toEqual([{ field: 'score', reason: 'must be between 0 and 20' }]);
    const assessments = await ctx.http.get(`/sessions/${session.id}/assessments`).auth(registrar.token, bearer).expect(200);
    expect(assessments.body.filter((a: { kind: string }) => a.kind === 'final_exam')).toHaveLength(1);
    const duplicate = await ctx.http
      .post('/learners')
      .auth(hospitalHr.token, bearer)
      .send({ givenName: 'X', familyName: 'Y', staffNumber: 'DZ-31-0001' })
      .expect(409);
    expect(duplicate.body.code).toBe('duplicate_staff_number');
  });

  it('an assessor records a workplace observation; evidence on a retired or draft framework version is refused', async () => {
    const observation = await ctx.http
      .post(`/learners/${karim.id}/evidence`)
      .auth(hospitalHr.token, bearer)
      .send({
        itemId: items['GC-3'],
        level: 1,
        note: 'A coordonné les bénévoles lors de l’exercice du 12 mars.',
        observedAt: '2026-03-12T10:00:00Z',
      })
      .expect(201);
    expect(observation.body).toMatchObject({ source: 'workplace_observation', level: 1 });
    await ctx.http
      .post(`/learners/${karim.id}/evidence`)
      .auth(hospitalHr.token, bearer)
      .send({ itemId: items['GC-3'], level: 9, note: 'x' })
      .expect(400);

    const owner = await factory.newHrManager();
    const old = await factory.newFramework(owner, { publish: true });
    await ctx.http.post(`/frameworks/${old.id}/retire`).auth(owner.token, bearer).expect(200);
    const retired = await ctx.http
      .post(`/learners/${karim.id}/evidence`)
      .auth(hospitalHr.token, bearer)
      .send({ itemId: old.items.planBlanc.id, level: 1, note: 'x' })
      .expect(409);
    expect(retired.body).toMatchObject({
      code: 'framework_not_current',
      errors: [{ field: 'itemId', reason: 'framework version is retired' }],
    });
    const draft = await factory.newFramework(owner);
    const drafted = await ctx.http
      .post(`/learners/${karim.id}/evidence`)
      .auth(hospitalHr.token, bearer)
      .send({ itemId: draft.items.planBlanc.id, level: 1, note: 'x' })
      .expect(409);
    expect(drafted.body.errors).toEqual([{ field: 'itemId', reason: 'framework version is draft' }]);
    expect((await ctx.http.get(`/learners/${karim.id}/evidence`).auth(hospitalHr.token, bearer)).body).toHaveLength(1);
    const self = await ctx.http
      .post(`/learners/${nadia.id}/evidence`)
      .auth(nadiaLogin.token, bearer)
      .send({ itemId: items['GC-3'], level: 1, note: 'self' })
      .expect(403);
    expect(self.body.code).toBe('role_not_allowed');
  });

  it('results import: all rows or none, with a report per line', async () => {
    const upload = (csv: string) =>
      ctx.http
        .post('/results-imports')
        .auth(registrar.token, bearer)
        .attach('file', Buffer.from(csv), { filename: 'results.csv', contentType: 'text/csv' });
    const bad = await upload(
      'learner,module,score,completed_at\nkarim@chu-oran.example.dz,GC-35H,13,2026-03-13\nnobody@x.example,GC-35H,12,2026-03-13\nDZ-31-0002,GC-35H,31,2026-03-13\n',
    ).expect(422);
    expect(bad.body.errors).toEqual([
      { field: 'learner', reason: 'no learner nobody@x.example', line: 3 },
      { field: 'score', reason: 'must be between 0 and 20', line: 4 },
    ]);
    expect(
      (await ctx.http.get(`/learners/${karim.id}/competencies`).auth(hospitalHr.token, bearer)).body.map(
        (l: { itemCode: string }) => l.itemCode,
      ),
    ).toEqual(['GC-3']);

    const ok = await upload('learner,module,score,completed_at\nkarim@chu-oran.example.dz,GC-35H,"13,5",2026-03-13\n').expect(201);
    expect(ok.body).toMatchObject({
      imported: 1,
      passed: 1,
      rows: [{ line: 2, learnerId: karim.id, moduleCode: 'GC-35H', score: 13.5, passed: true }],
    });
    const levels = (await ctx.http.get(`/learners/${karim.id}/competencies`).auth(hospitalHr.token, bearer)).body;
    expect(levels.map((l: { itemCode: string; level: number }) => [l.itemCode, l.level])).toEqual([
      ['GC-1', 3],
      ['GC-2', 3],
      ['GC-3', 1],
    ]);
    const latin1 = await ctx.http
      .post('/results-imports')
      .auth(registrar.token, bearer)
      .attach('file', Buffer.from('learner,module,score\nx\xe9,GC-35H,1\n', 'latin1'), 'r.csv')
      .expect(415);
    expect(latin1.body.code).toBe('unsupported_encoding');
  });

  it('learners see only their own record; HR managers only their institution’s staff', async () => {
    await ctx.http.get(`/learners/${karim.id}`).auth(nadiaLogin.token, bearer).expect(404);
    const mine = await ctx.http.get('/learners').auth(nadiaLogin.token, bearer).expect(200);
    expect(mine.body.data.map((l: { id: string }) => l.id)).toEqual([nadia.id]);
    const stranger = await factory.newHrManager();
    await ctx.http.get(`/learners/${nadia.id}`).auth(stranger.token, bearer).expect(404);
    await ctx.http.get(`/learners/${nadia.id}/gaps`).auth(stranger.token, bearer).expect(404);
    expect((await ctx.http.get('/learners').auth(stranger.token, bearer).expect(200)).body.total).toBe(0);
    await ctx.http.get(`/learners/${nadia.id}`).auth(registrar.token, bearer).expect(200); // she trains at the registrar's school
    await ctx.http.patch(`/learners/${nadia.id}`).auth(registrar.token, bearer).send({ givenName: 'N.' }).expect(403);
  });

  it('the HR team view shows staff × competencies, needs per module, and exports CSV and SVG', async () => {
    const team = await ctx.http.get(`/institutions/${hospitalHr.institutionId}/team-gaps`).auth(hospitalHr.token, bearer).expect(200);
    const names = team.body.people.map((p: { name: string; gaps: number }) => [p.name, p.gaps]);
    expect(names).toEqual(
      expect.arrayContaining([
        ['Nadia Benkhelifa', 1],
        ['Karim Ziani', 0],
      ]),
    );
    expect(team.body.items[0]).toMatchObject({ itemCode: 'GC-3' });
    expect(team.body.modules.every((m: { people: number }) => m.people >= 1)).toBe(true);

    const csv = await ctx.http.get(`/institutions/${hospitalHr.institutionId}/team-gaps.csv`).auth(hospitalHr.token, bearer).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text).toContain('Nadia Benkhelifa,DZ-31-0001,DIR-01,1,1');
    const svg = await ctx.http.get(`/institutions/${hospitalHr.institutionId}/team-gaps.svg`).auth(hospitalHr.token, bearer).expect(200);
    expect(svg.headers['content-type']).toMatch(/image\/svg\+xml/);
    expect(svg.text ?? svg.body.toString()).toContain('<svg');

    const other = await factory.newHrManager();
    expect(
      (await ctx.http.get(`/institutions/${hospitalHr.institutionId}/team-gaps`).auth(other.token, bearer).expect(403)).body.code,
    ).toBe('other_institution');
    await ctx.http.get(`/institutions/${hospitalHr.institutionId}/team-gaps`).auth(nadiaLogin.token, bearer).expect(403);
  });
});
