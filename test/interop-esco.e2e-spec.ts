// ESCO import over HTTP with the shared health subset: skills framework, job profiles, ISCO subset, errors.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expectStatus, Factory, type Person } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const ESCO = new URL('./fixtures/esco/', import.meta.url);
const fixture = (name: string) => fileURLToPath(new URL(name, ESCO));
const FILES: Record<string, string> = {
  occupations_en: fixture('esco-v1.2.0_occupations_en_HEALTH-SUBSET.csv'),
  occupations_fr: fixture('esco-2020_occupations_fr_HEALTH-SUBSET.csv'),
  skills_fr: fixture('esco-2020_skills_fr_HEALTH-SUBSET.csv'),
  iscoGroups_en: fixture('esco-v1.2.0_ISCOGroups_en_HEALTH-SUBSET.csv'),
  occupationSkillRelations: fixture('esco-v1.2.0_occupation_skill_relations_HEALTH-SUBSET_DERIVED.csv'),
  skillsHierarchy_en: fixture('esco-v1.2.0_skillsHierarchy_en.csv'),
};
const SKILL = 'http://data.europa.eu/esco/skill/';
/** Not in the shared set: links two pharmacist skills to their groups, so the tree and the subset's ancestors show. */
const BROADER = [
  'conceptType,conceptUri,broaderType,broaderUri',
  `KnowledgeSkillCompetence,${SKILL}3c779d7e-5b6f-4edf-bd0f-ee87a4b3719a,SkillGroup,${SKILL}7a163630-7536-4748-a259-aa820d3be44b`,
  `KnowledgeSkillCompetence,${SKILL}82a63a4a-b43b-420c-aa5f-92e6a85368fb,SkillGroup,http://data.europa.eu/esco/isced-f/0916`,
].join('\n');
const HOSPITAL_PHARMACIST = 'http://data.europa.eu/esco/occupation/5fd099da-218a-460e-bd5b-b42f1b76c67c';

describe('ESCO import', () => {
  let ctx: TestApp;
  let factory: Factory;
  let admin: Person;
  let hr: Person;
  const auth = (who: Person) => ({ authorization: `Bearer ${who.token}` });

  beforeAll(async () => {
    ctx = await startTestApp();
    factory = new Factory(ctx);
    admin = await factory.admin();
    hr = await factory.newHrManager();
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const upload = (who: Person | null, files: Record<string, string | Buffer>, fields: Record<string, string> = {}, http = ctx.http) => {
    let request = http.post('/framework-imports/esco');
    if (who) request = request.set(auth(who));
    for (const [name, value] of Object.entries(fields)) request = request.field(name, value);
    for (const [field, file] of Object.entries(files)) {
      request = Buffer.isBuffer(file)
        ? request.attach(field, file, { filename: `${field}.csv`, contentType: 'text/csv' })
        : request.attach(field, file);
    }
    return request;
  };
  const frameworkCount = async () => (await ctx.http.get('/frameworks?limit=1').set(auth(admin))).body.total as number;

  it('imports the pharmacists (ISCO 2262) of the health subset: published skills, groups above them, profiles', async () => {
    const response = await upload(hr, { ...FILES, broaderRelationsSkillPillar: Buffer.from(BROADER) }, { iscoGroups: '2262' });
    expectStatus(response, 201);
    expect(response.body).toMatchObject({
      version: '1.2.0',
      languages: ['en', 'fr'],
      occupations: 6,
      occupationsWithoutSkills: 0,
      skills: 142,
      skillGroups: 7,
      items: 149,
      relations: 315,
      skippedRelations: 52,
    });
    expect(response.body.durationMs).toBeGreaterThanOrEqual(0);

    const framework = (await ctx.http.get(`/frameworks/${response.body.frameworkId}`)).body;
    expect(framework).toMatchObject({ status: 'published', version: '1.2.0', title: { en: 'ESCO skills (ISCO 2262)' } });
    expect(framework.scales).toEqual([
      expect.objectContaining({
        code: 'esco',
        levels: [expect.objectContaining({ rank: 1, label: { fr: 'Acquis', en: 'Acquired', ar: 'مكتسب' } })],
      }),
    ]);

    const roots = (await ctx.http.get(`/frameworks/${response.body.frameworkId}/tree`)).body as TreeNode[];
    const care = find(roots, (node) => node.uri === `${SKILL}3c779d7e-5b6f-4edf-bd0f-ee87a4b3719a`)!;
    expect(care).toMatchObject({
      label: { fr: 'fournir des soins pharmaceutiques spécialisés' },
      kind: 'skill',
      itemType: 'competency',
      identifier: '3c779d7e-5b6f-4edf-bd0f-ee87a4b3719a',
    });
    expect(pathTo(roots, care.id)).toEqual(['S', 'S3', 'S3.2']);
    expect(pathTo(roots, find(roots, (node) => node.uri === `${SKILL}82a63a4a-b43b-420c-aa5f-92e6a85368fb`)!.id)).toEqual([
      'K',
      '09',
      '091',
      '0916',
    ]);
    expect(find(roots, (node) => node.code === 'L')).toBeUndefined();

    const list = (await ctx.http.get('/job-profiles?code=2262.1.2.1').set(auth(hr))).body.data;
    expect(list).toHaveLength(1);
    const profile = (await ctx.http.get(`/job-profiles/${list[0].id}`)).body;
    expect(profile).toMatchObject({
      status: 'published',
      version: '1.2.0',
      iscoCode: '2262',
      escoUri: HOSPITAL_PHARMACIST,
      family: { en: 'Pharmacists' },
      title: { en: 'hospital pharmacist', fr: 'pharmacien hospitalier/pharmacienne hospitalière' },
      ownerInstitutionId: hr.institutionId,
    });
    expect(profile.requirements).toHaveLength(49);
    expect(profile.requirements.filter((r: { essential: boolean }) => r.essential)).toHaveLength(27);
    expect(
      profile.requirements.every(
        (r: { level: number; frameworkId: string }) => r.level === 1 && r.frameworkId === response.body.frameworkId,
      ),
    ).toBe(true);
    expect(profile.requirements[0]).toMatchObject({ essential: true, levelLabel: { en: 'Acquired' } });
    expect(profile.requirements.map((r: { itemLabel: { fr: string } }) => r.itemLabel.fr)).toContain(
      'gérer les chaînes d’approvisionnement médicales',
    );
  });

  it('refuses to import the same release again once published, pointing at the version field (409), and nothing is duplicated', async () => {
    const before = await frameworkCount();
    const again = await upload(hr, FILES, { iscoGroups: '2262' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'version_published' });
    expect(again.body.detail).toMatch(/another `version`/);
    expect(await frameworkCount()).toBe(before);
    expect((await ctx.http.get('/job-profiles?code=2262.1.2.1').set(auth(hr))).body.total).toBe(1);

    const next = await upload(hr, FILES, { iscoGroups: '2262', version: '1.2.0-b' });
    expectStatus(next, 201);
    const versions = (await ctx.http.get('/job-profiles?code=2262.1.2.1').set(auth(hr))).body.data as {
      id: string;
      version: string;
      previousVersionId: string | null;
    }[];
    expect(versions.map((v) => v.version).sort()).toEqual(['1.2.0', '1.2.0-b']);
    expect(versions.find((v) => v.version === '1.2.0-b')!.previousVersionId).toBe(versions.find((v) => v.version === '1.2.0')!.id);
  });

  it('imports the whole health subset for another institution, counting relations it cannot link', async () => {
    const institution = await factory.newInstitution();
    const response = await upload(admin, FILES, { ownerInstitutionId: institution.id, version: '2020-health' });
    expectStatus(response, 201);
    expect(response.body).toMatchObject({ skills: 2104, skillGroups: 640, items: 2744, occupations: 131, skippedRelations: 1000 });
    expect(response.body.relations + response.body.skippedRelations).toBe(7422);
  });

  describe('refuses bad input without writing anything', () => {
    it('a file of another kind in a field, naming the missing columns (400)', async () => {
      const before = await frameworkCount();
      const response = await upload(hr, { skills_en: FILES.occupationSkillRelations }, { version: 'x' });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        { field: 'skills_en', reason: 'missing column conceptUri', line: 1 },
        { field: 'skills_en', reason: 'missing column preferredLabel', line: 1 },
      ]);
      const moodle = await upload(
        hr,
        { skills_fr: FILES.skills_fr, occupationSkillRelations: Buffer.from('"Parent id number","Id number",Shortname\n') },
        { version: 'x' },
      );
      expect(moodle.status).toBe(400);
      expect(moodle.body.errors[0]).toMatchObject({ field: 'occupationSkillRelations', reason: 'missing column occupationUri' });
      expect(await frameworkCount()).toBe(before);
    });

    it('no skills file, no version to be told from the names, or an unknown field (400)', async () => {
      expect((await upload(hr, { occupations_en: FILES.occupations_en }, { version: 'x' })).body.errors).toEqual([
        expect.objectContaining({ field: 'skills_en' }),
      ]);
      const unnamed = await upload(hr, { skills_fr: Buffer.from(readFileSync(FILES.skills_fr)) });
      expect(unnamed.status).toBe(400);
      expect(unnamed.body.errors).toEqual([
        { field: 'version', reason: 'required: the file names do not tell the ESCO release (e.g. v1.2.0)' },
      ]);
      expect((await upload(hr, { skills_de: FILES.skills_fr }, { version: 'x' })).status).toBe(400);
    });

    it('ISCO groups that match no occupation (422)', async () => {
      const response = await upload(hr, FILES, { iscoGroups: '9999', version: 'none' });
      expect(response.status).toBe(422);
      expect(response.body.errors).toEqual([
        { field: 'iscoGroups', reason: 'no occupation of the files is in ISCO groups 9999, or none has a skill in the skills files' },
      ]);
    });

    it('a file that is not UTF-8 (415)', async () => {
      const latin1 = Buffer.from(readFileSync(FILES.skills_fr, 'utf8'), 'latin1');
      const response = await upload(hr, { skills_fr: latin1 }, { version: 'latin1' });
      expect(response.status).toBe(415);
      expect(response.body.detail).toMatch(/skills_fr must be UTF-8/);
    });

    it('an anonymous caller (401) and an HR manager importing for another institution (403)', async () => {
      expect((await upload(null, { skills_fr: FILES.skills_fr }, { version: 'x' })).status).toBe(401);
      const other = await factory.newInstitution();
      const response = await upload(hr, { skills_fr: FILES.skills_fr }, { version: 'x', ownerInstitutionId: other.id });
      expect(response.status).toBe(403);
    });

    it('a file larger than IMPORT_MAX_BYTES (413)', async () => {
      const small = await startTestApp({ IMPORT_MAX_BYTES: '2048' });
      try {
        const person = await new Factory(small).newHrManager();
        const response = await upload(person, { skills_fr: FILES.skills_fr }, { version: 'x' }, small.http);
        expect(response.status).toBe(413);
        expect(response.body.code).toBe('payload_too_large');
      } finally {
        await small.close();
      }
    });
  });
});

interface TreeNode {
  id: string;
  uri: string;
  identifier: string;
  code: string | null;
  kind: string | null;
  itemType: string;
  label: Record<string, string>;
  children: TreeNode[];
}

function find(nodes: TreeNode[], test: (node: TreeNode) => boolean): TreeNode | undefined {
  for (const node of nodes) {
    if (test(node)) return node;
    const found = find(node.children, test);
    if (found) return found;
  }
  return undefined;
}

/** Codes of the ancestors of an item, root first. */
function pathTo(nodes: TreeNode[], id: string, path: string[] = []): string[] | undefined {
  for (const node of nodes) {
    if (node.id === id) return path;
    const found = pathTo(node.children, id, [...path, node.code ?? '?']);
    if (found) return found;
  }
  return undefined;
}
