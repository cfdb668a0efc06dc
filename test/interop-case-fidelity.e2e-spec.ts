// CASE exports against the official CASE 1.1 schema, and what an import keeps of a package that says little (issue 20).
import { barePackage, pharmacyPackage, type Json } from './support/case-packages.js';
import { caseSchemaErrors } from './support/case-schema.js';
import { expectStatus, Factory, type Person } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const API = '/ims/case/v1p1';

describe('CASE 1.1 fidelity', () => {
  let ctx: TestApp;
  let factory: Factory;
  let hr: Person;
  const auth = { type: 'bearer' as const };

  beforeAll(async () => {
    ctx = await startTestApp();
    factory = new Factory(ctx);
    hr = await factory.newHrManager();
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const importAs = async (pkg: Json) => {
    const response = await ctx.http
      .post('/framework-imports/case')
      .auth(hr.token, auth)
      .attach('file', Buffer.from(JSON.stringify(pkg)), { filename: 'framework.json', contentType: 'application/json' });
    expectStatus(response, 201);
    return response.body as { frameworkId: string; warnings: { field: string; reason: string; line?: number }[] } & Json;
  };
  const exportOf = async (frameworkId: string): Promise<Json> => {
    const response = await ctx.http.get(`/frameworks/${frameworkId}/case-package`).auth(hr.token, auth);
    expectStatus(response, 200);
    return response.body;
  };

  it('every export passes the CASE 1.1 CFPackage schema; the API objects alone carry CFPackageURI and CFDocumentURI', async () => {
    const { pkg, ids } = pharmacyPackage();
    const imported = await importAs(pkg);
    const exported = await exportOf(imported.frameworkId);
    expect(caseSchemaErrors(exported)).toEqual([]);
    const other = await exportOf((await importAs(pharmacyPackage().pkg)).frameworkId);
    expect(caseSchemaErrors(await exportOf((await importAs(other)).frameworkId))).toEqual([]);
    const built = await factory.newFramework(hr, { publish: true });
    expect(caseSchemaErrors(await exportOf(built.id))).toEqual([]);

    expectStatus(await ctx.http.post(`/frameworks/${imported.frameworkId}/publish`).auth(hr.token, auth), 200);
    const served = (await ctx.http.get(`${API}/CFPackages/${ids.doc}`).expect(200)).body;
    expect(caseSchemaErrors(served)).toEqual([]);
    const document = (await ctx.http.get(`${API}/CFDocuments/${ids.doc}`).expect(200)).body;
    expect(document).toEqual({
      ...served.CFDocument,
      CFPackageURI: { title: 'Pharmacie hospitalière', identifier: ids.doc, uri: pkg.CFDocument.CFPackageURI },
    });
    const item = (await ctx.http.get(`${API}/CFItems/${ids.circuit}`).expect(200)).body;
    expect(item).toEqual({
      ...served.CFItems.find((i: Json) => i.identifier === ids.circuit),
      CFDocumentURI: { title: 'Pharmacie hospitalière', identifier: ids.doc, uri: pkg.CFDocument.uri },
    });
  });

  it('round trip of a package without sequence numbers: the file order, and no invented numbers', async () => {
    const { pkg, ids } = barePackage();
    const first = await importAs(pkg);
    const exported = await exportOf(first.frameworkId);
    expect(caseSchemaErrors(exported)).toEqual([]);
    expect(exported.CFItems.map((item: Json) => item.humanCodingScheme)).toEqual(pkg.CFItems.map((item: Json) => item.humanCodingScheme));
    const tree = exported.CFAssociations.filter((a: Json) => a.associationType === 'isChildOf');
    expect(tree.map((a: Json) => a.originNodeURI.identifier)).toEqual(ids.items);
    expect(tree.filter((a: Json) => 'sequenceNumber' in a)).toEqual([]);

    const again = await exportOf((await importAs(exported)).frameworkId);
    expect(again).toEqual(exported);
  });

  it('text sequence numbers are kept as the numbers they say, and the report says they were text', async () => {
    const { pkg, ids } = barePackage();
    pkg.CFAssociations.forEach((association: Json, i: number) => {
      association.sequenceNumber = String(12 - i);
    });
    pkg.CFAssociations[3].sequenceNumber = 'troisième';
    const imported = await importAs(pkg);
    expect(imported.warnings).toEqual(
      expect.arrayContaining([
        { field: 'associations.sequenceNumber', reason: '"12" is text; kept as the integer 12', line: 0 },
        { field: 'associations.sequenceNumber', reason: expect.stringContaining('"troisième" is not an integer'), line: 3 },
      ]),
    );
    const exported = await exportOf(imported.frameworkId);
    expect(caseSchemaErrors(exported)).toEqual([]);
    const numbers = new Map(exported.CFAssociations.map((a: Json) => [a.originNodeURI.identifier, a.sequenceNumber]));
    expect(numbers.get(ids.items[0])).toBe(12);
    expect(numbers.get(ids.items[11])).toBe(1);
    expect(numbers.has(ids.items[3]) && numbers.get(ids.items[3])).toBeUndefined();
  });

  it('keeps what came in: no version, language or item type invented, item type descriptions, 1.0 educationalLevel', async () => {
    const { pkg, ids } = barePackage();
    const imported = await importAs(pkg);
    expect(imported.version).toBe('1');
    expect(imported.warnings).toEqual(
      expect.arrayContaining([
        { field: 'items.educationalLevel', reason: 'CASE 1.0 spelling; 09, 10, 11 kept as educationLevel', line: 0 },
        { field: 'scales', reason: expect.stringContaining('publishes as it came') },
      ]),
    );
    const exported = await exportOf(imported.frameworkId);
    expect(exported.CFDocument).not.toHaveProperty('version');
    expect(exported.CFDocument).not.toHaveProperty('language');
    expect(exported.CFItems[0]).not.toHaveProperty('CFItemType');
    expect(exported.CFItems[0]).not.toHaveProperty('CFItemTypeURI');
    expect(exported.CFItems[0].educationLevel).toEqual(['09', '10', '11']);
    expect(exported.CFItems[1]).toMatchObject({ CFItemType: 'Geste', CFItemTypeURI: { identifier: ids.type } });
    expect(exported.CFDefinitions.CFItemTypes).toEqual(pkg.CFDefinitions.CFItemTypes);
  });

  it('publishes without a proficiency scale, keeping the source’s adoption status; levels of its items are then refused by name', async () => {
    const { pkg, ids } = barePackage();
    const imported = await importAs(pkg);
    expectStatus(await ctx.http.post(`/frameworks/${imported.frameworkId}/publish`).auth(hr.token, auth), 200);
    const served = (await ctx.http.get(`${API}/CFDocuments/${ids.doc}`).expect(200)).body;
    expect(served.adoptionStatus).toBe('Private Draft');
    expect(caseSchemaErrors(await exportOf(imported.frameworkId))).toEqual([]);
    const [item] = (await ctx.http.get(`/frameworks/${imported.frameworkId}/items`).auth(hr.token, auth).expect(200)).body.data;
    const profile = await ctx.http
      .post('/job-profiles')
      .auth(hr.token, auth)
      .send({
        code: 'SANS-ECHELLE',
        version: '1',
        title: { fr: 'Profil sans échelle' },
        requirements: [{ itemId: item.id, level: 2 }],
      });
    expect(profile.status).toBe(400);
    expect(profile.body.errors).toEqual([{ field: 'requirements[0].level', reason: 'the item has no proficiency scale' }]);
  });
});
