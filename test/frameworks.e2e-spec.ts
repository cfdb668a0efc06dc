// Competency frameworks: drafts, the item tree, publication, immutability, versions, associations and search.
import { expectStatus, Factory, type Person } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const bearer = { type: 'bearer' as const };

describe('competency frameworks', () => {
  let ctx: TestApp;
  let factory: Factory;
  let hr: Person;
  beforeAll(async () => {
    ctx = await startTestApp();
    factory = new Factory(ctx);
    hr = await factory.newHrManager();
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('an HR manager builds a multilingual draft whose items form a tree', async () => {
    const framework = await factory.newFramework(hr);
    const detail = await ctx.http.get(`/frameworks/${framework.id}`).auth(hr.token, bearer).expect(200);
    expect(detail.body).toMatchObject({
      status: 'draft',
      version: '2026.1',
      ownerInstitutionId: hr.institutionId,
      itemCount: 3,
      title: { fr: 'Gestion de crise hospitalière', ar: 'إدارة الأزمات الاستشفائية' },
      uri: `https://competences.test/ims/case/v1p1/CFDocuments/${framework.identifier}`,
    });
    expect(detail.body.scales[0].levels.map((level: { rank: number; code: string }) => `${level.rank}:${level.code}`)).toEqual([
      '1:notions',
      '2:pratique',
      '3:maitrise',
      '4:expertise',
    ]);

    const tree = await ctx.http.get(`/frameworks/${framework.id}/tree`).auth(hr.token, bearer).expect(200);
    expect(tree.body).toHaveLength(1);
    expect(tree.body[0]).toMatchObject({ code: 'GC', itemType: 'domain' });
    expect(tree.body[0].children.map((child: { code: string; kind: string }) => [child.code, child.kind])).toEqual([
      ['GC-1', 'skill'],
      ['GC-2', 'behaviour'],
    ]);
  });

  it('a draft is invisible to the public and to other institutions, and only its owner may change it', async () => {
    const framework = await factory.newFramework(hr);
    await ctx.http.get(`/frameworks/${framework.id}`).expect(404);
    const stranger = await factory.newHrManager();
    await ctx.http.get(`/frameworks/${framework.id}`).auth(stranger.token, bearer).expect(404);
    const admin = await factory.admin();
    await ctx.http
      .patch(`/frameworks/${framework.id}`)
      .auth(admin.token, bearer)
      .send({ title: { fr: 'Gestion des crises sanitaires' } })
      .expect(200);

    await ctx.http.post(`/frameworks/${framework.id}/publish`).auth(hr.token, bearer).expect(200);
    await ctx.http.get(`/frameworks/${framework.id}`).expect(200);
    const forbidden = await ctx.http
      .post(`/frameworks/${framework.id}/versions`)
      .auth(stranger.token, bearer)
      .send({ version: '2027.1' })
      .expect(403);
    expect(forbidden.body.code).toBe('other_institution');
    const listed = await ctx.http.get('/frameworks').query({ ownerInstitutionId: hr.institutionId }).expect(200);
    expect(listed.body.data.every((f: { status: string }) => f.status !== 'draft')).toBe(true);
  });

  it('a published version is immutable; the next version is a draft copy with the same identifiers', async () => {
    const v1 = await factory.newFramework(hr, { publish: true });
    for (const attempt of [
      ctx.http
        .patch(`/frameworks/${v1.id}`)
        .auth(hr.token, bearer)
        .send({ title: { fr: 'Autre titre' } }),
      ctx.http
        .post(`/frameworks/${v1.id}/items`)
        .auth(hr.token, bearer)
        .send({ itemType: 'competency', label: { fr: 'Nouvelle' } }),
      ctx.http
        .patch(`/frameworks/${v1.id}/items/${v1.items.planBlanc.id}`)
        .auth(hr.token, bearer)
        .send({ label: { fr: 'Changé' } }),
      ctx.http.delete(`/frameworks/${v1.id}/items/${v1.items.cellule.id}`).auth(hr.token, bearer),
      ctx.http
        .post(`/frameworks/${v1.id}/scales`)
        .auth(hr.token, bearer)
        .send({
          code: 'x',
          title: { fr: 'x' },
          levels: [
            { rank: 1, code: 'a', label: { fr: 'a' } },
            { rank: 2, code: 'b', label: { fr: 'b' } },
          ],
        }),
      ctx.http.delete(`/frameworks/${v1.id}`).auth(hr.token, bearer),
    ]) {
      const response = await attempt;
      expectStatus(response, 409);
      expect(response.body.code).toBe('version_not_editable');
    }
    await ctx.http.post(`/frameworks/${v1.id}/publish`).auth(hr.token, bearer).expect(409);

    const v2 = await ctx.http.post(`/frameworks/${v1.id}/versions`).auth(hr.token, bearer).send({ version: '2027.1' }).expect(201);
    expect(v2.body).toMatchObject({ identifier: v1.identifier, version: '2027.1', status: 'draft', previousVersionId: v1.id });
    const [oldItems, newItems] = await Promise.all(
      [v1.id, v2.body.id].map(async (id) => (await ctx.http.get(`/frameworks/${id}/items`).auth(hr.token, bearer).expect(200)).body.data),
    );
    const shape = (items: { identifier: string; code: string; parentId: string | null; id: string }[]) => {
      const identifierOf = new Map(items.map((item) => [item.id, item.identifier]));
      return items.map((item) => [item.identifier, item.code, item.parentId && identifierOf.get(item.parentId)]).sort();
    };
    expect(shape(newItems)).toEqual(shape(oldItems));
    expect(newItems.map((item: { id: string }) => item.id)).not.toContain(oldItems[0].id);

    const planBlanc = newItems.find((item: { code: string }) => item.code === 'GC-1');
    await ctx.http
      .patch(`/frameworks/${v2.body.id}/items/${planBlanc.id}`)
      .auth(hr.token, bearer)
      .send({ label: { fr: 'Déclencher le plan blanc et la cellule de crise' } })
      .expect(200);
    const unchanged = await ctx.http.get(`/frameworks/${v1.id}/items/${v1.items.planBlanc.id}`).expect(200);
    expect(unchanged.body.label.fr).toBe('Déclencher et conduire le plan blanc');

    const secondDraft = await ctx.http.post(`/frameworks/${v1.id}/versions`).auth(hr.token, bearer).send({ version: '2027.2' }).expect(409);
    expect(secondDraft.body.code).toBe('draft_exists');
    await ctx.http.post(`/frameworks/${v2.body.id}/publish`).auth(hr.token, bearer).expect(200);
    await ctx.http.post(`/frameworks/${v1.id}/retire`).auth(hr.token, bearer).expect(200);
    const versions = await ctx.http.get('/frameworks').query({ identifier: v1.identifier }).expect(200);
    expect(versions.body.data.map((f: { version: string; status: string }) => `${f.version}:${f.status}`).sort()).toEqual([
      '2026.1:retired',
      '2027.1:published',
    ]);
    await ctx.http.get(`/frameworks/${v1.id}/tree`).expect(200);
    const duplicateLabel = await ctx.http
      .post(`/frameworks/${v2.body.id}/versions`)
      .auth(hr.token, bearer)
      .send({ version: '2026.1' })
      .expect(409);
    expect(duplicateLabel.body.code).toBe('duplicate_version');
  });

  it('moving an item under itself or one of its descendants is refused as a cycle', async () => {
    const framework = await factory.newFramework(hr);
    const { domain, planBlanc } = framework.items;
    const subItem = await factory.newItem(hr, framework.id, {
      code: 'GC-1.1',
      itemType: 'sub_competency',
      parentId: planBlanc.id,
      label: { fr: 'Activer le plan blanc' },
    });
    for (const parentId of [domain.id, subItem.id]) {
      const response = await ctx.http
        .patch(`/frameworks/${framework.id}/items/${domain.id}`)
        .auth(hr.token, bearer)
        .send({ parentId })
        .expect(409);
      expect(response.body).toMatchObject({ code: 'tree_cycle', errors: [{ field: 'parentId', reason: 'would create a cycle' }] });
    }
    const moved = await ctx.http
      .patch(`/frameworks/${framework.id}/items/${subItem.id}`)
      .auth(hr.token, bearer)
      .send({ parentId: domain.id })
      .expect(200);
    expect(moved.body.parentId).toBe(domain.id);
    const orphan = await ctx.http
      .patch(`/frameworks/${framework.id}/items/${subItem.id}`)
      .auth(hr.token, bearer)
      .send({ parentId: '0b7c6a52-8f7d-4a8e-9d61-3f1e2b7a9c10' })
      .expect(400);
    expect(orphan.body.errors).toEqual([{ field: 'parentId', reason: 'no such item in this framework version' }]);
    const withChildren = await ctx.http.delete(`/frameworks/${framework.id}/items/${domain.id}`).auth(hr.token, bearer).expect(409);
    expect(withChildren.body.code).toBe('item_has_children');
  });

  it('associations link items within and across frameworks, and to ESCO skills', async () => {
    const published = await factory.newFramework(hr, { publish: true });
    const draft = await factory.newFramework(hr);
    const post = (body: Record<string, unknown>) => ctx.http.post(`/frameworks/${draft.id}/associations`).auth(hr.token, bearer).send(body);
    await post({ originId: draft.items.planBlanc.id, type: 'precedes', destinationItemId: draft.items.cellule.id }).expect(201);
    await post({ originId: draft.items.cellule.id, type: 'exactMatchOf', destinationItemId: published.items.cellule.id }).expect(201);
    const esco = await post({
      originId: draft.items.planBlanc.id,
      type: 'closeMatchOf',
      destinationUri: 'http://data.europa.eu/esco/skill/8071881c-d652-46e7-9cf4-e06a7f1e57c7',
      destinationLabel: 'gérer les incidents majeurs',
    }).expect(201);
    expect(esco.body).toMatchObject({ type: 'closeMatchOf', destinationItemId: null, destinationLabel: 'gérer les incidents majeurs' });

    const both = await post({
      originId: draft.items.planBlanc.id,
      type: 'isRelatedTo',
      destinationItemId: draft.items.cellule.id,
      destinationUri: 'http://example.org/x',
    }).expect(400);
    expect(both.body.errors[0].field).toBe('destinationUri');
    const neither = await post({ originId: draft.items.planBlanc.id, type: 'isRelatedTo' }).expect(400);
    expect(neither.body.errors[0].field).toBe('destinationItemId');
    const badType = await post({ originId: draft.items.planBlanc.id, type: 'isCousinOf', destinationUri: 'http://example.org/x' }).expect(
      400,
    );
    expect(badType.body.errors[0].field).toBe('type');
    const foreignOrigin = await post({
      originId: published.items.planBlanc.id,
      type: 'isRelatedTo',
      destinationUri: 'http://example.org/x',
    }).expect(400);
    expect(foreignOrigin.body.errors).toEqual([{ field: 'originId', reason: 'no such item in this framework version' }]);

    const list = await ctx.http.get(`/frameworks/${draft.id}/associations`).auth(hr.token, bearer).expect(200);
    expect(list.body.map((a: { type: string }) => a.type)).toEqual(['precedes', 'exactMatchOf', 'closeMatchOf']);
    const next = await ctx.http.post(`/frameworks/${draft.id}/publish`).auth(hr.token, bearer).expect(200);
    const v2 = await ctx.http.post(`/frameworks/${next.body.id}/versions`).auth(hr.token, bearer).send({ version: '2027.1' }).expect(201);
    const copied = await ctx.http.get(`/frameworks/${v2.body.id}/associations`).auth(hr.token, bearer).expect(200);
    const v2Items = (await ctx.http.get(`/frameworks/${v2.body.id}/items`).auth(hr.token, bearer).expect(200)).body.data as {
      id: string;
      code: string;
    }[];
    const precedes = copied.body.find((a: { type: string }) => a.type === 'precedes');
    expect(precedes.destinationItemId).toBe(v2Items.find((item) => item.code === 'GC-2')!.id); // follows the copy
    expect(copied.body.find((a: { type: string }) => a.type === 'exactMatchOf').destinationItemId).toBe(published.items.cellule.id); // keeps its target
  });

  it('items are searched in French, Arabic and English, accents, hamza and case ignored', async () => {
    const owner = await factory.newHrManager();
    const framework = await factory.newFramework(owner, { publish: true });
    const search = async (q: string, extra: Record<string, string> = {}) =>
      (
        await ctx.http
          .get('/framework-items')
          .query({ q, frameworkId: framework.id, ...extra })
          .expect(200)
      ).body;
    expect((await search('PLAN BLANC')).data.map((i: { code: string }) => i.code)).toEqual(['GC-1']);
    expect((await search('cellule de crise')).data[0].code).toBe('GC-2');
    expect((await search('hospital emergency')).data.map((i: { code: string }) => i.code)).toEqual(['GC-1']);
    expect((await search('ادارة الازمات')).data.map((i: { code: string }) => i.code)).toEqual(['GC']);
    expect((await search('خلية')).data.map((i: { code: string }) => i.code)).toEqual(['GC-2']);
    expect((await search('celulle de crise')).data[0]?.code).toBe('GC-2'); // a typo still finds it
    expect((await search('crise', { kind: 'behaviour' })).data.map((i: { code: string }) => i.code)).toEqual(['GC-2']);
    const paged = await search('crise', { limit: '1', offset: '1' });
    expect(paged).toMatchObject({ limit: 1, offset: 1, total: 2 }); // GC and GC-2 mention « crise »
    expect(paged.data).toHaveLength(1);
    const everywhere = await ctx.http.get('/framework-items').query({ q: 'plan blanc', limit: '200' }).expect(200);
    expect(everywhere.body.data.every((item: { code: string }) => item.code === 'GC-1')).toBe(true);
    const tooShort = await ctx.http.get('/framework-items').query({ q: 'a', limit: '500' }).expect(400);
    expect(tooShort.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'q']);
  });

  it('bad framework input gets a 400 naming the field, conflicts a 409, and nothing half-written', async () => {
    const missing = await ctx.http
      .post('/frameworks')
      .auth(hr.token, bearer)
      .send({ title: { en: '' } })
      .expect(400);
    expect(missing.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'title', reason: 'title needs text in at least one of fr, ar, en' },
        { field: 'version', reason: expect.stringContaining('version') },
      ]),
    );
    const framework = await factory.newFramework(hr);
    const gaps = await ctx.http
      .post(`/frameworks/${framework.id}/scales`)
      .auth(hr.token, bearer)
      .send({
        code: 'novice-expert',
        title: { en: 'Novice to expert' },
        levels: [
          { rank: 1, code: 'novice', label: { en: 'Novice' } },
          { rank: 3, code: 'expert', label: { en: 'Expert' } },
        ],
      })
      .expect(400);
    expect(gaps.body.errors).toEqual([{ field: 'levels[1].rank', reason: 'ranks must run 1..2 without gaps or repeats' }]);
    const nested = await ctx.http
      .post(`/frameworks/${framework.id}/scales`)
      .auth(hr.token, bearer)
      .send({ code: 'x', title: { en: 'X' }, levels: [{ rank: 1, code: 'a', label: {} }, { rank: 'two' }] })
      .expect(400);
    expect(nested.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['levels[0].label', 'levels[1].rank', 'levels[1].code']),
    );
    const duplicateCode = await ctx.http
      .post(`/frameworks/${framework.id}/items`)
      .auth(hr.token, bearer)
      .send({ code: 'GC-1', itemType: 'competency', label: { fr: 'Doublon' } })
      .expect(409);
    expect(duplicateCode.body).toMatchObject({
      code: 'duplicate_code',
      errors: [{ field: 'code', reason: 'already used in this framework version' }],
    });
    await ctx.http.get(`/frameworks/${framework.id}/items/0b7c6a52-8f7d-4a8e-9d61-3f1e2b7a9c10`).auth(hr.token, bearer).expect(404);
    const itemCount = (await ctx.http.get(`/frameworks/${framework.id}`).auth(hr.token, bearer)).body.itemCount;
    expect(itemCount).toBe(3);

    const empty = await ctx.http
      .post('/frameworks')
      .auth(hr.token, bearer)
      .send({ title: { fr: 'Vide' }, version: '1' })
      .expect(201);
    const incomplete = await ctx.http.post(`/frameworks/${empty.body.id}/publish`).auth(hr.token, bearer).expect(409);
    expect(incomplete.body).toMatchObject({ code: 'framework_incomplete', errors: [{ field: 'items', reason: expect.any(String) }] });
    await ctx.http.delete(`/frameworks/${empty.body.id}`).auth(hr.token, bearer).expect(204);
    await ctx.http.get(`/frameworks/${empty.body.id}`).auth(hr.token, bearer).expect(404);

    const admin = await factory.admin();
    const noOwner = await ctx.http
      .post('/frameworks')
      .auth(admin.token, bearer)
      .send({ title: { fr: 'Sans propriétaire' }, version: '1' })
      .expect(400);
    expect(noOwner.body.errors).toEqual([{ field: 'ownerInstitutionId', reason: 'required when an administrator creates a framework' }]);
    const otherOwner = await ctx.http
      .post('/frameworks')
      .auth(hr.token, bearer)
      .send({ title: { fr: 'Pour une autre' }, version: '1', ownerInstitutionId: (await factory.newInstitution()).id })
      .expect(403);
    expect(otherOwner.body.code).toBe('other_institution');
  });
});
