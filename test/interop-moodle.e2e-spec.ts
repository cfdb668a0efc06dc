// Moodle competency framework CSV over HTTP: import (12 and 14 columns, the real 2016 pharmacy file), export, round trip.
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FrameworkItem } from '../src/frameworks/framework-item.entity.js';
import { expectStatus, Factory, type Person } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const PHARMACY_2016 = fileURLToPath(new URL('./fixtures/moodle/moodle-tool_lpimportcsv_2016_example_pharmacy.csv', import.meta.url));
const HEADER_14 =
  '"Parent id number","Id number",Shortname,Description,"Description format","Scale values","Scale configuration","Rule type (optional)","Rule outcome (optional)","Rule config (optional)","Cross referenced competency id numbers","Exported id (optional)","Is framework",Taxonomy';
const HEADER_12 =
  '"Parent ID number","ID number",Shortname,Description,"Description format","Scale values","Scale configuration","Rule type","Rule outcome","Rule config","Is framework",Taxonomy';
const SCALE =
  '"Non acquis,En cours,Acquis,Expert","[{""scaleid"":""3""},{""id"":1,""scaledefault"":1,""proficient"":0},{""id"":3,""scaledefault"":0,""proficient"":1}]"';

/** Hospital crisis management as Moodle 4 exports it: a child before its parent, HTML, a points rule, related competencies. */
const crisis14 = (idNumber: string) =>
  [
    HEADER_14,
    `,${idNumber},"Gestion de crise hospitalière","<p>Référentiel de la <b>cellule de crise</b></p>",1,${SCALE},,,,,,1,"domain,competency,behaviour"`,
    'GC-1,GC-1.1,"Déclencher le plan blanc","<p>Évaluer la situation,\nalerter la direction</p>",1,,,,0,null,"GC-2.1,A%2CB",31,,',
    ',GC-1,"Conduite de crise",,1,,,core_competency\\competency_rule_points,3,"{""base"":{""points"":2},""competencies"":[{""id"":31,""points"":2,""required"":1}]}",,30,,',
    ',GC-2,"Communication de crise",,1,,,,0,null,,32,,',
    'GC-2,GC-2.1,"Informer les familles",,1,,,,0,null,GC-1.1,33,,',
    'GC-2,"A,B","Cellule presse, réseaux sociaux",,1,"Non,Oui","[{""scaleid"":""7""},{""id"":2,""scaledefault"":1,""proficient"":1}]",,0,null,,34,,',
    'GC-2.1,GC-2.1.1,"\'=Tenir le registre des appels",,1,,,,0,null,,35,,',
  ].join('\r\n');
const CRISIS_14 = crisis14('GC-2026');

const CRISIS_12 = [
  HEADER_12,
  `,GC-2026-12,"Gestion de crise hospitalière",,1,${SCALE},,,,1,"{""1"":""domain"",""2"":""competency""}"`,
  'GC-1,GC-1.1,"Déclencher le plan blanc",,1,,,,0,,,',
  ',GC-1,"Conduite de crise",,1,,,,0,,,',
].join('\n');

describe('Moodle competency framework CSV', () => {
  let ctx: TestApp;
  let factory: Factory;
  let admin: Person;
  let hr: Person;
  let otherInstitutionId: string;

  beforeAll(async () => {
    ctx = await startTestApp();
    factory = new Factory(ctx);
    admin = await factory.admin();
    hr = await factory.newHrManager();
    otherInstitutionId = (await factory.newInstitution()).id;
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const upload = (who: Person | null, csv: string | Buffer, fields: Record<string, string> = {}) => {
    let request = ctx.http.post('/framework-imports/moodle');
    if (who) request = request.auth(who.token, { type: 'bearer' });
    for (const [name, value] of Object.entries(fields)) request = request.field(name, value);
    return request.attach('file', Buffer.isBuffer(csv) ? csv : Buffer.from(csv, 'utf8'), {
      filename: 'framework.csv',
      contentType: 'text/csv',
    });
  };
  const exportCsv = async (frameworkId: string, who?: Person) => {
    const request = ctx.http.get(`/frameworks/${frameworkId}/moodle-csv`);
    const response = who ? await request.auth(who.token, { type: 'bearer' }) : await request;
    expectStatus(response, 200);
    return response.text;
  };
  const tree = async (frameworkId: string, who: Person) => {
    const response = await ctx.http.get(`/frameworks/${frameworkId}/tree`).auth(who.token, { type: 'bearer' });
    expectStatus(response, 200);
    return response.body as TreeNode[];
  };
  const frameworksOf = async (institutionId: string) =>
    (await ctx.http.get(`/frameworks?ownerInstitutionId=${institutionId}`).auth(admin.token, { type: 'bearer' })).body.total as number;

  it('imports a 14-column file as a draft: tree, scale, related competencies', async () => {
    const response = await upload(hr, CRISIS_14, { version: '2026.1' });
    expectStatus(response, 201);
    expect(response.body).toMatchObject({ version: '2026.1', status: 'draft', outcome: 'created', items: 6, associations: 2, scales: 2 });
    const nodes = flatten(await tree(response.body.frameworkId, hr));
    expect(nodes.map((node) => [node.code, node.parentCode, node.itemType])).toEqual([
      ['GC-1', null, 'domain'],
      ['GC-1.1', 'GC-1', 'competency'],
      ['GC-2', null, 'domain'],
      ['GC-2.1', 'GC-2', 'competency'],
      ['GC-2.1.1', 'GC-2.1', 'behaviour'],
      ['A,B', 'GC-2', 'competency'],
    ]);
    const detail = await ctx.http.get(`/frameworks/${response.body.frameworkId}`).auth(hr.token, { type: 'bearer' });
    expect(detail.body.scales[0].levels.map((level: { label: { fr: string } }) => level.label.fr)).toEqual([
      'Non acquis',
      'En cours',
      'Acquis',
      'Expert',
    ]);
    expect(nodes.find((node) => node.code === 'GC-2.1.1')!.label).toEqual({ fr: '=Tenir le registre des appels' });
  });

  it('re-importing the same file replaces the draft instead of duplicating it, and refuses once published', async () => {
    const first = await upload(hr, crisis14('GC-REIMPORT'), { version: '2026.2', language: 'en' });
    expectStatus(first, 201);
    const again = await upload(hr, crisis14('GC-REIMPORT'), { version: '2026.2', language: 'en' });
    expectStatus(again, 201);
    expect(again.body).toMatchObject({ frameworkId: first.body.frameworkId, identifier: first.body.identifier, outcome: 'replaced' });
    expectStatus(await ctx.http.post(`/frameworks/${first.body.frameworkId}/publish`).auth(hr.token, { type: 'bearer' }), 200);
    const refused = await upload(hr, crisis14('GC-REIMPORT'), { version: '2026.2', language: 'en' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('version_published');
  });

  it('loses nothing on a round trip: import, export, import elsewhere gives the same items, tree, scales, links and extras', async () => {
    const original = (await upload(hr, crisis14('GC-ROUND-TRIP'), { version: 'rt' })).body;
    const exported = await exportCsv(original.frameworkId, hr);
    expect(exported.split('\r\n')[0]).toBe(HEADER_14);
    const copy = await upload(admin, exported, { version: 'rt', ownerInstitutionId: otherInstitutionId });
    expectStatus(copy, 201);
    expect(copy.body).toMatchObject({ items: 6, associations: 2, scales: 2 });
    expect(copy.body.identifier).not.toBe(original.identifier);
    const identifiersOf = async (frameworkId: string) =>
      (await ctx.database.dataSource.getRepository(FrameworkItem).findBy({ frameworkId })).map((item) => item.identifier);
    const theirs = await identifiersOf(copy.body.frameworkId);
    expect((await identifiersOf(original.frameworkId)).filter((identifier) => theirs.includes(identifier))).toEqual([]);

    expect(await comparableContent(copy.body.frameworkId, admin)).toEqual(await comparableContent(original.frameworkId, hr));
    expect(await exportCsv(copy.body.frameworkId, admin)).toBe(exported);
  });

  it('reads the older 12-column variant and exports it as the 14-column one', async () => {
    const response = await upload(hr, CRISIS_12, { version: '1' });
    expectStatus(response, 201);
    expect(response.body).toMatchObject({ items: 2, associations: 0, scales: 1 });
    const exported = await exportCsv(response.body.frameworkId, hr);
    const rows = parse(exported) as string[][];
    expect(rows[0]).toHaveLength(14);
    expect(rows[1].slice(1, 3)).toEqual(['GC-2026-12', 'Gestion de crise hospitalière']);
    expect(rows[1][13]).toBe('domain,competency');
    expect(rows.slice(2).map((row) => [row[0], row[1]])).toEqual([
      ['', 'GC-1'],
      ['GC-1', 'GC-1.1'],
    ]);
  });

  it('imports the real 2016 pharmacy framework: children before parents, dotted ids, JSON taxonomy', async () => {
    const response = await upload(hr, readFileSync(PHARMACY_2016), { version: '2016', language: 'en' });
    expectStatus(response, 201);
    expect(response.body).toMatchObject({ items: 209, associations: 0, scales: 1 });
    const roots = await tree(response.body.frameworkId, hr);
    expect(roots.map((root) => root.code)).toEqual(['1', '3', '2', '4', '5', '6']);
    expect(roots[0]).toMatchObject({ itemType: 'domain', label: { en: 'Professional practice' } });
    const nodes = flatten(roots);
    expect(nodes).toHaveLength(209);
    expect(nodes.filter((node) => node.itemType === 'behaviour')).toHaveLength(178);
    expect(nodes.every((node) => node.parentCode === null || node.code.startsWith(`${node.parentCode}.`))).toBe(true);
    expect(roots[0].children.map((child) => child.code)).toEqual(['1.2', '1.1', '1.3', '1.4', '1.5']);
    const detail = await ctx.http.get(`/frameworks/${response.body.frameworkId}`).auth(hr.token, { type: 'bearer' });
    expect(detail.body.scales[0].levels.map((level: { label: { en: string } }) => level.label.en)).toEqual([
      'Mostly separate knowing',
      'Separate and connected',
      'Mostly connected knowing',
    ]);
  });

  it('exports a framework built through the API, published ones to anyone, drafts to their owners only', async () => {
    const built = await factory.newFramework(hr, { version: 'api-1' });
    await factory.newItem(hr, built.id, {
      code: 'GC-3',
      itemType: 'competency',
      parentId: built.items.domain.id,
      label: { fr: '=HYPERLINK("http://evil.example")', en: 'Formula' },
    });
    expect((await ctx.http.get(`/frameworks/${built.id}/moodle-csv`)).status).toBe(404);
    expectStatus(await ctx.http.post(`/frameworks/${built.id}/publish`).auth(hr.token, { type: 'bearer' }), 200);

    const response = await ctx.http.get(`/frameworks/${built.id}/moodle-csv`);
    expectStatus(response, 200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="Gestion de crise hospitaliere-[0-9a-f-]{36}\.csv"/);
    const rows = parse(response.text) as string[][];
    expect(rows[1]).toEqual([
      '',
      built.identifier,
      'Gestion de crise hospitalière',
      '',
      '2',
      'Notions générales,Connaissances détaillées,Connaissances approfondies,Expertise',
      '[{"scaleid":"1"},{"id":1,"scaledefault":1,"proficient":0},{"id":3,"scaledefault":0,"proficient":1},{"id":4,"scaledefault":0,"proficient":1}]',
      '',
      '',
      '',
      '',
      '',
      '1',
      'domain,competency',
    ]);
    expect(rows.slice(2).map((row) => [row[0], row[1], row[2]])).toEqual([
      ['', 'GC', 'Gestion de crise'],
      ['GC', 'GC-1', 'Déclencher et conduire le plan blanc'],
      ['GC', 'GC-2', 'Animer une cellule de crise'],
      ['GC', 'GC-3', `'=HYPERLINK("http://evil.example")`],
    ]);
    expect((parse((await ctx.http.get(`/frameworks/${built.id}/moodle-csv?language=ar`)).text) as string[][])[3][2]).toBe(
      'تفعيل وقيادة المخطط الأبيض',
    );

    const reimported = await upload(hr, response.text, { version: 'moodle-1' });
    expectStatus(reimported, 201);
    const formula = flatten(await tree(reimported.body.frameworkId, hr)).find((node) => node.code === 'GC-3')!;
    expect(formula.label).toEqual({ fr: '=HYPERLINK("http://evil.example")' });
  });

  it('keeps the spaces around a short name, as Moodle stores them, and writes them back', async () => {
    const padded = CRISIS_14.replace('"Conduite de crise"', '"Conduite de crise  "').replace(
      '"Gestion de crise hospitalière"',
      '" Gestion de crise hospitalière"',
    );
    const response = await upload(hr, padded.replace(/GC-2026/g, 'GC-PAD'));
    expectStatus(response, 201);
    const nodes = flatten(await tree(response.body.frameworkId, hr));
    // Our label is trimmed (search, display); the cell Moodle had is what the export writes.
    expect(nodes.find((node) => node.code === 'GC-1')!.label).toEqual({ fr: 'Conduite de crise' });
    const rows: string[][] = parse(await exportCsv(response.body.frameworkId, hr), { relax_column_count: true });
    expect(rows.find((row) => row[1] === 'GC-1')![2]).toBe('Conduite de crise  ');
    expect(rows.find((row) => row[1] === 'GC-PAD')![2]).toBe(' Gestion de crise hospitalière');
  });

  it('warns of short names over Moodle’s 100 characters in a header, and exports them whole', async () => {
    const built = await factory.newFramework(hr);
    const long = `Conduire la réponse de l’établissement à une situation sanitaire exceptionnelle ${'é'.repeat(40)}`;
    await factory.newItem(hr, built.id, { code: 'GC-9', itemType: 'competency', parentId: built.items.domain.id, label: { fr: long } });
    const response = await ctx.http
      .get(`/frameworks/${built.id}/moodle-csv`)
      .auth(hr.token, { type: 'bearer' })
      .set('Origin', 'https://lms.example.org');
    expectStatus(response, 200);
    expect(response.headers['access-control-expose-headers']).toBe('Export-Warnings');
    expect(JSON.parse(response.headers['export-warnings'])).toEqual([
      { idNumber: 'GC-9', reason: `short name of ${[...long].length} characters: Moodle keeps the first 100` },
    ]);
    expect(response.headers['export-warnings']).toMatch(/^[\x20-\x7e]+$/);
    const rows: string[][] = parse(response.text, { relax_column_count: true });
    expect(rows.find((row) => row[1] === 'GC-9')![2]).toBe(long);

    const plain = await ctx.http.get(`/frameworks/${(await factory.newFramework(hr)).id}/moodle-csv`).auth(hr.token, { type: 'bearer' });
    expect(plain.headers).not.toHaveProperty('export-warnings');
  });

  describe('refuses bad input without writing anything', () => {
    it('a file of another format, naming the missing columns (400)', async () => {
      const response = await upload(
        hr,
        'conceptType,conceptUri,preferredLabel\nOccupation,http://data.europa.eu/esco/occupation/1,pharmacist\n',
      );
      expect(response.status).toBe(400);
      expect(response.body.detail).toMatch(/not a Moodle competency framework CSV/);
      expect(response.body.errors).toEqual(
        expect.arrayContaining([{ field: 'Id number', reason: 'column missing from the header line', line: 1 }]),
      );
    });

    it('a file missing one required column (400 naming it)', async () => {
      const response = await upload(hr, CRISIS_14.replace(',Taxonomy', ',Taxonomie'));
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: 'Taxonomy', reason: 'column missing from the header line', line: 1 }]);
    });

    it('a file that is not UTF-8 (415)', async () => {
      const response = await upload(hr, Buffer.from(CRISIS_14, 'latin1'));
      expect(response.status).toBe(415);
      expect(response.body.code).toBe('unsupported_encoding');
    });

    it('a duplicate id number, a dangling parent and a parent cycle, each with its line (422)', async () => {
      const before = await frameworksOf(hr.institutionId!);
      const broken = [
        HEADER_14,
        `,GC-BAD,"Gestion de crise",,1,${SCALE},,,,,,1,competency`,
        ',GC-1,"Conduite de crise",,1,,,,0,null,,,,',
        ',GC-1,"Conduite de crise bis",,1,,,,0,null,,,,',
        'GC-9,GC-3,"Orphelin",,1,,,,0,null,,,,',
        'GC-5,GC-4,"Boucle A",,1,,,,0,null,,,,',
        'GC-4,GC-5,"Boucle B",,1,,,,0,null,,,,',
      ].join('\n');
      const response = await upload(hr, broken);
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('import_rejected');
      expect(response.body.errors).toEqual([
        { field: 'Id number', reason: 'duplicate id number GC-1 (first on line 3)', line: 4 },
        { field: 'Parent id number', reason: 'no competency of the file has the id number GC-9', line: 5 },
        { field: 'Parent id number', reason: 'cycle in the tree: GC-4 → GC-5 → GC-4', line: 6 },
        { field: 'Parent id number', reason: 'cycle in the tree: GC-4 → GC-5 → GC-4', line: 7 },
      ]);
      expect(await frameworksOf(hr.institutionId!)).toBe(before);
    });

    it('an anonymous caller (401) and an HR manager importing for another institution (403)', async () => {
      expect((await upload(null, CRISIS_14)).status).toBe(401);
      const response = await upload(hr, CRISIS_14, { ownerInstitutionId: otherInstitutionId });
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('other_institution');
    });

    it('a file larger than IMPORT_MAX_BYTES (413)', async () => {
      const small = await startTestApp({ IMPORT_MAX_BYTES: '2048' });
      try {
        const person = await new Factory(small).newHrManager();
        const response = await small.http
          .post('/framework-imports/moodle')
          .auth(person.token, { type: 'bearer' })
          .attach('file', Buffer.from(CRISIS_14.repeat(4)), { filename: 'big.csv', contentType: 'text/csv' });
        expect(response.status).toBe(413);
        expect(response.body.code).toBe('payload_too_large');
      } finally {
        await small.close();
      }
    });
  });

  /**
   * Everything a round trip must keep, extras included, keyed by id number (each institution's import gets identifiers
   * of its own: an identifier belongs to the institution that created it).
   */
  async function comparableContent(frameworkId: string, who: Person) {
    const detail = (await ctx.http.get(`/frameworks/${frameworkId}`).auth(who.token, { type: 'bearer' })).body;
    const items = await ctx.database.dataSource
      .getRepository(FrameworkItem)
      .find({ where: { frameworkId }, relations: { parent: true, scale: true } });
    const byId = new Map(items.map((item) => [item.id, item.code]));
    const associations = (await ctx.http.get(`/frameworks/${frameworkId}/associations`).auth(who.token, { type: 'bearer' })).body as {
      originId: string;
      destinationItemId: string;
      type: string;
    }[];
    return {
      title: detail.title,
      description: detail.description,
      scales: detail.scales.map((scale: { code: string; title: unknown; levels: { rank: number; code: string; label: unknown }[] }) => ({
        code: scale.code,
        title: scale.title,
        levels: scale.levels.map(({ rank, code, label }) => ({ rank, code, label })),
      })),
      items: items
        .map((item) => ({
          code: item.code,
          parent: item.parent?.code ?? null,
          position: item.position,
          itemType: item.itemType,
          kind: item.kind,
          label: item.label,
          description: item.description,
          scale: item.scale?.code ?? null,
          extras: item.extras,
        }))
        .sort((a, b) => (a.code ?? '').localeCompare(b.code ?? '')),
      associations: associations.map((a) => [byId.get(a.originId), a.type, byId.get(a.destinationItemId)].join(' ')).sort(),
    };
  }
});

interface TreeNode {
  code: string;
  itemType: string;
  label: Record<string, string>;
  children: TreeNode[];
}

function flatten(nodes: TreeNode[], parentCode: string | null = null): (TreeNode & { parentCode: string | null })[] {
  return nodes.flatMap((node) => [{ ...node, parentCode }, ...flatten(node.children, node.code)]);
}
