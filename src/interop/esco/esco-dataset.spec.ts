import { HttpException } from '@nestjs/common';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEscoDataset } from './esco-dataset.js';
import { describeUpload, releaseNamedIn, type EscoFile } from './esco-files.js';

const OCC = 'http://data.europa.eu/esco/occupation/';
const SKILL = 'http://data.europa.eu/esco/skill/';
const PHARMACIST = `${OCC}5fd099da-218a-460e-bd5b-b42f1b76c67c`;
const MANAGER = `${OCC}1a5e1c35-0000-4000-8000-000000000002`;
const STOCK = `${SKILL}00000000-0000-4000-8000-0000000000a1`;
const LAW = `${SKILL}00000000-0000-4000-8000-0000000000a2`;
const BUDGET = `${SKILL}00000000-0000-4000-8000-0000000000a3`;

describe('readEscoDataset', () => {
  let dir: string;
  let n = 0;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'esco-spec-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const file = (field: string, content: string | Buffer, originalName = `${field}.csv`): EscoFile => {
    const path = join(dir, `${n++}.csv`);
    writeFileSync(path, content);
    return describeUpload({ field, path, originalName });
  };

  const occupationsEn = () =>
    file(
      'occupations_en',
      [
        'conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,description,code',
        `Occupation,${PHARMACIST},2262,hospital pharmacist,"clinical pharmacist\nhospital chemist",Hospital pharmacists dispense medicines.,2262.1.2.1`,
        `Occupation,${MANAGER},1342,healthcare institution manager,,,1342.2`,
      ].join('\r\n'),
    );

  it('joins the languages of each concept, reads multi-line cells and columns in any order', async () => {
    const data = await readEscoDataset(
      [
        occupationsEn(),
        // 2020 French layout: fewer columns, no code, BOM.
        file(
          'occupations_fr',
          `\uFEFFconceptType,conceptUri,iscoGroup,preferredLabel,altLabels,description\nOccupation,${PHARMACIST},2262,pharmacien hospitalier/pharmacienne hospitalière,,\n`,
        ),
        file(
          'skills_fr',
          `conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,description\nKnowledgeSkillCompetence,${STOCK},skill/competence,sector-specific,gérer les stocks de médicaments,"gérer la pharmacie\ngérer le stock",\n`,
        ),
        file(
          'skills_en',
          `description,preferredLabel,conceptUri,skillType\nManage stocks.,manage medicine stocks,${STOCK},skill/competence\n`,
        ),
      ],
      { iscoGroups: [] },
    );
    expect(data.languages).toEqual(['en', 'fr']);
    expect(data.occupations.get(PHARMACIST)).toEqual({
      uri: PHARMACIST,
      iscoGroup: '2262',
      code: '2262.1.2.1',
      title: { en: 'hospital pharmacist', fr: 'pharmacien hospitalier/pharmacienne hospitalière' },
      description: { en: 'Hospital pharmacists dispense medicines.' },
    });
    expect(data.skills.get(STOCK)).toMatchObject({
      kind: 'skill',
      label: { fr: 'gérer les stocks de médicaments', en: 'manage medicine stocks' },
      description: { en: 'Manage stocks.' },
      extras: { skillType: 'skill/competence', reuseLevel: 'sector-specific', altLabels: { fr: ['gérer la pharmacie', 'gérer le stock'] } },
    });
  });

  it('keeps an ISCO subset: its occupations, their skills, and counts relations without a skill', async () => {
    const data = await readEscoDataset(
      [
        occupationsEn(),
        file(
          'occupationSkillRelations',
          [
            'occupationUri,relationType,skillType,skillUri',
            `${PHARMACIST},optional,skill/competence,${STOCK}`,
            `${PHARMACIST},essential,skill/competence,${STOCK}`,
            `${PHARMACIST},essential,knowledge,${LAW}`,
            `${PHARMACIST},essential,knowledge,`,
            `${MANAGER},essential,skill/competence,${BUDGET}`,
          ].join('\n'),
        ),
        file(
          'skills_en',
          `conceptUri,preferredLabel,skillType\n${STOCK},manage medicine stocks,skill/competence\n${LAW},pharmacy law,knowledge\n${BUDGET},manage budgets,skill/competence\n`,
        ),
        file(
          'iscoGroups_en',
          'conceptType,conceptUri,code,preferredLabel\nISCOGroup,http://data.europa.eu/esco/isco/C2262,2262,Pharmacists\nISCOGroup,http://data.europa.eu/esco/isco/C1342,1342,Health services managers\n',
        ),
      ],
      { iscoGroups: ['226'] },
    );
    expect([...data.occupations.keys()]).toEqual([PHARMACIST]);
    expect([...data.skills.keys()]).toEqual([STOCK, LAW]);
    expect(data.skills.get(LAW)!.kind).toBe('knowledge');
    expect(data.relations.get(PHARMACIST)).toEqual(
      new Map([
        [STOCK, true],
        [LAW, true],
      ]),
    );
    expect(data.unusableRelations).toBe(1);
    expect(data.iscoLabels).toEqual(new Map([['2262', { en: 'Pharmacists' }]]));
  });

  it('links skills to groups and groups to their parents from the hierarchy and broader relations', async () => {
    const data = await readEscoDataset(
      [
        file('skills_en', `conceptUri,preferredLabel\n${STOCK},manage medicine stocks\n`),
        file(
          'skillsHierarchy_en',
          [
            'Level 0 URI,Level 0 preferred term,Level 1 URI,Level 1 preferred term,Description,Scope note,Level 0 code,Level 1 code',
            `${SKILL}s,skills,,,,,S,`,
            `${SKILL}s,skills,${SKILL}s1,"management skills",Managing.,"Excludes:\n- finance",S,S4`,
          ].join('\n'),
        ),
        file(
          'broaderRelationsSkillPillar',
          `conceptType,conceptUri,broaderType,broaderUri\nKnowledgeSkillCompetence,${STOCK},SkillGroup,${SKILL}s1\n`,
        ),
      ],
      { iscoGroups: [] },
    );
    expect(data.skills.get(STOCK)!.broader).toEqual([`${SKILL}s1`]);
    expect(data.groups.get(`${SKILL}s1`)).toMatchObject({
      code: 'S4',
      label: { en: 'management skills' },
      broader: [`${SKILL}s`],
      extras: { scopeNote: { en: 'Excludes:\n- finance' } },
    });
    expect(data.groups.get(`${SKILL}s`)).toMatchObject({ code: 'S', broader: [] });
  });

  it('names the missing column (400) and refuses a file that is not UTF-8 (415)', async () => {
    const missing = await readEscoDataset([file('skills_en', `conceptUri,label\n${STOCK},x\n`)], { iscoGroups: [] }).catch(
      (error: HttpException) => error,
    );
    expect((missing as HttpException).getStatus()).toBe(400);
    expect((missing as HttpException).getResponse()).toMatchObject({
      errors: [{ field: 'skills_en', reason: 'missing column preferredLabel', line: 1 }],
    });
    const latin1 = await readEscoDataset([file('skills_fr', Buffer.from(`conceptUri,preferredLabel\n${STOCK},gérer\n`, 'latin1'))], {
      iscoGroups: [],
    }).catch((error: HttpException) => error);
    expect((latin1 as HttpException).getStatus()).toBe(415);
  });

  it('tells the release from the file names when they agree', () => {
    const named = (...names: string[]) => names.map((originalName) => ({ field: 'skills_en', path: '', originalName }));
    expect(releaseNamedIn(named('esco-v1.2.0_skills_en.csv', 'esco-2020_skills_fr.csv'))).toEqual({ release: '1.2.0', conflicting: [] });
    expect(releaseNamedIn(named('skills_en.csv'))).toEqual({ conflicting: [] });
    expect(releaseNamedIn(named('v1.1.1 skills_en.csv', 'v1.2.0 skills_fr.csv'))).toEqual({ conflicting: ['1.1.1', '1.2.0'] });
  });
});
