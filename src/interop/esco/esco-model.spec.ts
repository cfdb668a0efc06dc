import { checkImportedFramework, identifierFor } from '../imported-framework.js';
import type { EscoConcept, EscoDataset } from './esco-dataset.js';
import { buildEscoImport } from './esco-model.js';

const SKILL = 'http://data.europa.eu/esco/skill/';
const PHARMACIST = 'http://data.europa.eu/esco/occupation/5fd099da-218a-460e-bd5b-b42f1b76c67c';
const TECHNICIAN = 'http://data.europa.eu/esco/occupation/5fd099da-0000-4000-8000-000000000002';
const uri = (n: number) => `${SKILL}00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const owner = '3f1e2b7a-0000-4000-8000-000000000001';

const concept = (at: string, label: string, broader: string[] = [], code: string | null = null): EscoConcept => ({
  uri: at,
  code,
  kind: code ? null : 'skill',
  label: { en: label },
  description: {},
  broader,
  extras: code ? {} : { skillType: 'skill/competence', scopeNote: {} },
  line: 2,
});

function dataset(): EscoDataset {
  return {
    languages: ['en', 'fr'],
    occupations: new Map([
      [
        PHARMACIST,
        {
          uri: PHARMACIST,
          iscoGroup: '2262',
          code: '2262.1.2.1',
          title: { en: 'hospital pharmacist', fr: 'pharmacien hospitalier' },
          description: { en: 'Dispenses.' },
        },
      ],
      [TECHNICIAN, { uri: TECHNICIAN, iscoGroup: '2262', code: null, title: { en: 'pharmacy technician' }, description: {} }],
    ]),
    iscoLabels: new Map([['2262', { en: 'Pharmacists', fr: 'Pharmaciens' }]]),
    skills: new Map([
      [uri(1), concept(uri(1), 'manage medicine stocks', [uri(90), uri(91)])],
      [uri(2), concept(uri(2), 'pharmacy law', [uri(1)])],
    ]),
    groups: new Map([
      [uri(90), concept(uri(90), 'management', [uri(99)], 'S4')],
      [uri(91), concept(uri(91), 'logistics', [uri(99)], 'S5')],
      [uri(99), concept(uri(99), 'skills', [], 'S')],
      [uri(98), concept(uri(98), 'language skills', [], 'L')],
    ]),
    relations: new Map([
      [
        PHARMACIST,
        new Map([
          [uri(2), false],
          [uri(1), true],
          [uri(7), true],
        ]),
      ],
      [TECHNICIAN, new Map([[uri(8), true]])],
    ]),
    unusableRelations: 3,
  };
}

describe('buildEscoImport', () => {
  it('keeps the groups above the kept skills when a subset is asked, following the first broader link', () => {
    const model = buildEscoImport(dataset(), { ownerInstitutionId: owner, version: '1.2.0', iscoGroups: ['2262'] });
    const items = new Map(model.framework.items.map((item) => [item.uri, item]));
    expect([...items.keys()].sort()).toEqual([uri(1), uri(2), uri(90), uri(99)].sort());
    expect(items.get(uri(1))).toMatchObject({
      identifier: identifierFor(uri(1)),
      parentIdentifier: identifierFor(uri(90)),
      itemType: 'competency',
      kind: 'skill',
      extras: { esco: { conceptType: 'KnowledgeSkillCompetence', skillType: 'skill/competence', broaderUris: [uri(90), uri(91)] } },
    });
    expect(items.get(uri(1))!.extras!.esco).not.toHaveProperty('scopeNote');
    expect(items.get(uri(2))!.parentIdentifier).toBe(identifierFor(uri(1)));
    expect(items.get(uri(90))).toMatchObject({ code: 'S4', itemType: 'skill_group', kind: null, parentIdentifier: identifierFor(uri(99)) });
    expect(checkImportedFramework(model.framework).errors).toEqual([]);
    expect(model.framework.scales).toEqual([
      expect.objectContaining({
        code: 'esco',
        levels: [expect.objectContaining({ rank: 1, label: { fr: 'Acquis', en: 'Acquired', ar: 'مكتسب' } })],
      }),
    ]);
  });

  it('imports every group without a subset', () => {
    const model = buildEscoImport(dataset(), { ownerInstitutionId: owner, version: '1.2.0', iscoGroups: [] });
    expect(model.skillGroups).toBe(4);
    expect(model.framework.identifier).not.toBe(
      buildEscoImport(dataset(), { ownerInstitutionId: owner, version: '1.2.0', iscoGroups: ['2262'] }).framework.identifier,
    );
  });

  it('makes one profile per occupation, essential skills first, and counts what it skips', () => {
    const model = buildEscoImport(dataset(), { ownerInstitutionId: owner, version: '1.2.0', iscoGroups: ['2262'] });
    expect(model.profiles).toEqual([
      {
        identifier: identifierFor(`esco:${owner}:${PHARMACIST}#profile`),
        code: '2262.1.2.1',
        title: { en: 'hospital pharmacist', fr: 'pharmacien hospitalier' },
        definition: { en: 'Dispenses.' },
        family: { en: 'Pharmacists', fr: 'Pharmaciens' },
        iscoCode: '2262',
        escoUri: PHARMACIST,
        requirements: [
          { itemIdentifier: identifierFor(uri(1)), essential: true },
          { itemIdentifier: identifierFor(uri(2)), essential: false },
        ],
      },
    ]);
    // 3 without a skill URI, uri(7) and uri(8) absent from the skills; the technician has nothing left.
    expect(model).toMatchObject({ relations: 2, skippedRelations: 5, occupationsWithoutSkills: 1 });
  });
});
