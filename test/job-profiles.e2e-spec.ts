// Job profiles (fiches métiers): required competencies at a level, versions, and what a move between jobs requires.
import { Factory, type Person } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const bearer = { type: 'bearer' as const };

describe('job profiles', () => {
  let ctx: TestApp;
  let factory: Factory;
  let hr: Person;
  let framework: Awaited<ReturnType<Factory['newFramework']>>;
  beforeAll(async () => {
    ctx = await startTestApp();
    factory = new Factory(ctx);
    hr = await factory.newHrManager();
    framework = await factory.newFramework(hr, { publish: true });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const pharmacistBody = (code = 'PHA-01') => ({
    code,
    version: '2026.1',
    title: { fr: 'Pharmacien hospitalier', ar: 'صيدلي استشفائي', en: 'Hospital pharmacist' },
    definition: { fr: 'Assure la gestion du circuit du médicament et la pharmacovigilance.' },
    family: { fr: 'Soins' },
    subFamily: { fr: 'Pharmacie' },
    activities: [{ fr: 'Sécurisation du circuit du médicament', ar: 'تأمين مسار الدواء' }],
    iscoCode: '2262',
    escoUri: 'http://data.europa.eu/esco/occupation/5fd099da-218a-460e-bd5b-b42f1b76c67c',
    requirements: [
      { itemId: framework.items.planBlanc.id, level: 2 },
      { itemId: framework.items.cellule.id, level: 1, essential: false },
    ],
  });

  it('an HR manager describes a job with its required competencies and levels', async () => {
    const created = await ctx.http.post('/job-profiles').auth(hr.token, bearer).send(pharmacistBody()).expect(201);
    expect(created.body).toMatchObject({
      code: 'PHA-01',
      status: 'draft',
      iscoCode: '2262',
      ownerInstitutionId: hr.institutionId,
      activities: [{ fr: 'Sécurisation du circuit du médicament', ar: 'تأمين مسار الدواء' }],
    });
    expect(
      created.body.requirements.map((r: { itemCode: string; level: number; essential: boolean; levelLabel: { fr: string } }) => [
        r.itemCode,
        r.level,
        r.levelLabel.fr,
        r.essential,
      ]),
    ).toEqual([
      ['GC-1', 2, 'Connaissances détaillées', true],
      ['GC-2', 1, 'Notions générales', false],
    ]);
    await ctx.http.get(`/job-profiles/${created.body.id}`).expect(404); // a draft is not public
    await ctx.http.post(`/job-profiles/${created.body.id}/publish`).auth(hr.token, bearer).expect(200);
    const arabic = await ctx.http.get('/job-profiles').query({ q: 'صيدلي' }).expect(200);
    expect(arabic.body.data.map((p: { code: string }) => p.code)).toContain('PHA-01');
  });

  it('invalid requirements are listed one by one and nothing is saved', async () => {
    const draftFramework = await factory.newFramework(hr);
    const body = {
      ...pharmacistBody('PHA-02'),
      requirements: [
        { itemId: framework.items.planBlanc.id, level: 5 },
        { itemId: draftFramework.items.planBlanc.id, level: 1 },
        { itemId: framework.items.cellule.id, level: 1 },
        { itemId: framework.items.cellule.id, level: 2 },
        { itemId: '0b7c6a52-8f7d-4a8e-9d61-3f1e2b7a9c10', level: 1 },
      ],
    };
    const response = await ctx.http.post('/job-profiles').auth(hr.token, bearer).send(body).expect(400);
    expect(response.body.errors).toEqual([
      { field: 'requirements[0].level', reason: 'must be between 1 and 4 on scale profondeur' },
      { field: 'requirements[1].itemId', reason: "the item's framework version is draft; only published versions can be required" },
      { field: 'requirements[3].itemId', reason: 'item listed twice' },
      { field: 'requirements[4].itemId', reason: 'no such framework item' },
    ]);
    const listed = await ctx.http.get('/job-profiles').auth(hr.token, bearer).query({ code: 'PHA-02' }).expect(200);
    expect(listed.body.total).toBe(0);
    const shape = await ctx.http
      .post('/job-profiles')
      .auth(hr.token, bearer)
      .send({ code: 'bad code!', version: '', title: {}, iscoCode: '12345', requirements: [{ level: 0 }] })
      .expect(400);
    expect(shape.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['code', 'version', 'title', 'iscoCode', 'requirements[0].itemId', 'requirements[0].level']),
    );
  });

  it('codes are unique per institution and published profiles are immutable', async () => {
    const duplicate = await ctx.http.post('/job-profiles').auth(hr.token, bearer).send(pharmacistBody()).expect(409);
    expect(duplicate.body.code).toBe('duplicate_code');
    const other = await factory.newHrManager();
    await ctx.http.post('/job-profiles').auth(other.token, bearer).send(pharmacistBody()).expect(201); // another institution may use PHA-01

    const published = (
      await ctx.http.get('/job-profiles').auth(hr.token, bearer).query({ code: 'PHA-01', ownerInstitutionId: hr.institutionId })
    ).body.data[0];
    const patch = await ctx.http
      .patch(`/job-profiles/${published.id}`)
      .auth(hr.token, bearer)
      .send({ title: { fr: 'Pharmacien gérant' } })
      .expect(409);
    expect(patch.body.code).toBe('version_not_editable');
    await ctx.http.put(`/job-profiles/${published.id}/requirements`).auth(hr.token, bearer).send({ requirements: [] }).expect(409);
    await ctx.http
      .patch(`/job-profiles/${published.id}`)
      .auth(other.token, bearer)
      .send({ title: { fr: 'x' } })
      .expect(403);

    const next = await ctx.http
      .post(`/job-profiles/${published.id}/versions`)
      .auth(hr.token, bearer)
      .send({ version: '2027.1' })
      .expect(201);
    expect(next.body).toMatchObject({ identifier: published.identifier, code: 'PHA-01', status: 'draft', previousVersionId: published.id });
    expect(next.body.requirements).toHaveLength(2);
    const replaced = await ctx.http
      .put(`/job-profiles/${next.body.id}/requirements`)
      .auth(hr.token, bearer)
      .send({ requirements: [{ itemId: framework.items.planBlanc.id, level: 4 }] })
      .expect(200);
    expect(replaced.body.requirements.map((r: { level: number }) => r.level)).toEqual([4]);
    const empty = await ctx.http
      .post('/job-profiles')
      .auth(hr.token, bearer)
      .send({ ...pharmacistBody('PHA-09'), requirements: [] })
      .expect(201);
    const incomplete = await ctx.http.post(`/job-profiles/${empty.body.id}/publish`).auth(hr.token, bearer).expect(409);
    expect(incomplete.body.code).toBe('profile_incomplete');
  });

  it('comparing two profiles tells what a person moving between them must add, across framework versions', async () => {
    const owner = await factory.newHrManager();
    const v1 = await factory.newFramework(owner, { publish: true });
    const pilotage = await ctx.http.post(`/frameworks/${v1.id}/versions`).auth(owner.token, bearer).send({ version: '2027.1' }).expect(201);
    const v2Items = (await ctx.http.get(`/frameworks/${pilotage.body.id}/items`).auth(owner.token, bearer)).body.data as {
      id: string;
      code: string;
    }[];
    const strategy = await factory.newItem(owner, pilotage.body.id, {
      code: 'PS-1',
      itemType: 'competency',
      label: { fr: 'Élaborer le projet d’établissement' },
    });
    await ctx.http.post(`/frameworks/${pilotage.body.id}/publish`).auth(owner.token, bearer).expect(200);
    const v2 = (code: string) => v2Items.find((item) => item.code === code)!.id;

    const create = async (code: string, title: string, requirements: object[]) => {
      const response = await ctx.http
        .post('/job-profiles')
        .auth(owner.token, bearer)
        .send({ code, version: '1', title: { fr: title }, requirements })
        .expect(201);
      await ctx.http.post(`/job-profiles/${response.body.id}/publish`).auth(owner.token, bearer).expect(200);
      return response.body.id as string;
    };
    const pharmacist = await create('PHA', 'Pharmacien hospitalier', [
      { itemId: v1.items.planBlanc.id, level: 3 },
      { itemId: v1.items.cellule.id, level: 1 },
    ]);
    const director = await create('DIR', 'Directeur d’établissement', [
      { itemId: v2('GC-1'), level: 2 },
      { itemId: v2('GC-2'), level: 4 },
      { itemId: strategy.id, level: 3, essential: false },
    ]);

    const comparison = await ctx.http.get(`/job-profiles/${director}/comparison`).query({ from: pharmacist }).expect(200);
    expect(
      comparison.body.lines.map((l: { itemCode: string; currentLevel: number; requiredLevel: number; delta: number; status: string }) => [
        l.itemCode,
        l.currentLevel,
        l.requiredLevel,
        l.delta,
        l.status,
      ]),
    ).toEqual([
      ['GC-2', 1, 4, 3, 'raise'],
      ['PS-1', 0, 3, 3, 'new'],
      ['GC-1', 3, 2, 0, 'covered'],
    ]);
    expect(comparison.body).toMatchObject({
      fromProfileId: pharmacist,
      toProfileId: director,
      newItems: 1,
      raisedItems: 1,
      coveredItems: 1,
      essentialLevelGap: 3,
    });
    const back = await ctx.http.get(`/job-profiles/${pharmacist}/comparison`).query({ from: director }).expect(200);
    expect(back.body.lines.map((l: { itemCode: string; delta: number }) => [l.itemCode, l.delta])).toEqual([
      ['GC-1', 1],
      ['GC-2', 0],
    ]);
    const missing = await ctx.http.get(`/job-profiles/${director}/comparison`).expect(400);
    expect(missing.body.errors).toEqual([{ field: 'from', reason: 'from must be a UUID' }]);
    await ctx.http.get(`/job-profiles/${director}/comparison`).query({ from: '0b7c6a52-8f7d-4a8e-9d61-3f1e2b7a9c10' }).expect(404);
  });
});
