import type { FrameworkItem } from '../../frameworks/framework-item.entity.js';
import type { Framework } from '../../frameworks/framework.entity.js';
import type { ItemAssociation } from '../../frameworks/item-association.entity.js';
import type { ProficiencyScale } from '../../frameworks/proficiency-scale.entity.js';
import type { ImportedFramework } from '../imported-framework.js';
import { childOfIdentifier, itemTypeIdentifier } from './case-conventions.js';
import { parseCasePackage } from './case-package-reader.js';
import { buildCasePackage, caseContext } from './case-package-writer.js';

const BASE = 'https://competences.test';
const UPDATED = new Date('2026-03-01T08:00:00.000Z');
const id = (n: number) => `0a000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const framework = {
  id: 'row-framework',
  identifier: id(100),
  uri: `${BASE}/ims/case/v1p1/CFDocuments/${id(100)}`,
  version: '2026.1',
  status: 'published',
  title: { fr: 'Gestion de crise hospitalière', ar: 'إدارة الأزمات الاستشفائية', en: 'Hospital crisis management' },
  description: { fr: 'Référentiel ENSM' },
  ownerInstitutionId: 'row-institution',
  extras: null,
  updatedAt: UPDATED,
} as unknown as Framework;

const scales = [
  {
    id: 'row-scale',
    identifier: id(200),
    code: 'profondeur',
    title: { fr: 'Degré de profondeur' },
    position: 0,
    levels: [
      { id: 'l2', identifier: id(202), rank: 2, code: 'maitrise', label: { fr: 'Maîtrise' }, description: { fr: 'Agit seul' } },
      { id: 'l1', identifier: id(201), rank: 1, code: 'notions', label: { fr: 'Notions', ar: 'مفاهيم' }, description: null },
    ],
  },
] as unknown as ProficiencyScale[];

const item = (n: number, parent: number | null, position: number, fields: Partial<FrameworkItem>): FrameworkItem =>
  ({
    id: `row-${n}`,
    frameworkId: 'row-framework',
    identifier: id(n),
    uri: `${BASE}/ims/case/v1p1/CFItems/${id(n)}`,
    parentId: parent ? `row-${parent}` : null,
    position,
    code: null,
    itemType: 'competency',
    kind: null,
    label: { fr: `Item ${n}` },
    description: null,
    scaleId: null,
    extras: null,
    ...fields,
  }) as FrameworkItem;

const items = [
  item(3, 1, 1, { code: 'GC-2', label: { fr: 'Animer une cellule de crise', en: 'Lead a crisis unit' }, kind: 'behaviour' }),
  item(1, null, 0, { code: 'GC', itemType: 'domain', label: { fr: 'Gestion de crise', ar: 'إدارة الأزمات', en: 'Crisis management' } }),
  item(2, 1, 0, {
    code: 'GC-1',
    label: { fr: 'Déclencher le plan blanc' },
    description: { fr: 'Plan ORSAN', en: 'Emergency plan' },
    kind: 'skill',
    scaleId: 'row-scale',
  }),
  item(4, 2, 0, { label: { en: 'Alert the regional health agency' } }),
];

const associations = [
  {
    id: 'a1',
    frameworkId: 'row-framework',
    identifier: id(301),
    originId: 'row-3',
    type: 'isRelatedTo',
    destinationItemId: 'row-2',
    destinationUri: null,
    destinationLabel: null,
    extras: null,
    createdAt: UPDATED,
  },
  {
    id: 'a2',
    frameworkId: 'row-framework',
    identifier: id(302),
    originId: 'row-2',
    type: 'closeMatchOf',
    destinationItemId: null,
    destinationUri: 'http://data.europa.eu/esco/skill/8071881c-d652-46e7-9cf4-e06a7f1e57c7',
    destinationLabel: 'manage emergencies',
    extras: null,
    createdAt: UPDATED,
  },
] as unknown as ItemAssociation[];

const build = (f: Framework = framework, s = scales, i = items, a = associations) =>
  buildCasePackage(caseContext({ framework: f, scales: s, ownerName: { fr: 'ENSM Alger' } }, BASE), i, a);

/** What the import service writes for a parsed package: rows with ids, parents and scales resolved. */
function asRows(model: ImportedFramework): {
  framework: Framework;
  scales: ProficiencyScale[];
  items: FrameworkItem[];
  associations: ItemAssociation[];
} {
  const rowOf = (identifier: string) => `row:${identifier}`;
  const rows = model.items.map((i, index) =>
    item(0, null, i.position ?? index, {
      id: rowOf(i.identifier),
      identifier: i.identifier,
      uri: i.uri,
      parentId: i.parentIdentifier ? rowOf(i.parentIdentifier) : null,
      code: i.code ?? null,
      itemType: i.itemType,
      kind: i.kind ?? null,
      label: i.label,
      description: i.description ?? null,
      scaleId: i.scaleCode ? `scale:${i.scaleCode}` : null,
      extras: i.extras ?? null,
    }),
  );
  return {
    framework: {
      ...framework,
      identifier: model.identifier,
      uri: model.uri!,
      version: model.version,
      title: model.title,
      description: model.description ?? null,
      extras: model.extras ?? null,
      status: 'draft',
    } as Framework,
    scales: model.scales.map((scale, position) => ({
      ...scale,
      id: `scale:${scale.code}`,
      position,
      levels: scale.levels,
    })) as unknown as ProficiencyScale[],
    items: rows,
    associations: model.associations.map((a) => ({
      identifier: a.identifier,
      originId: rowOf(a.originIdentifier),
      type: a.type,
      destinationItemId:
        a.destinationIdentifier && model.items.some((i) => i.identifier === a.destinationIdentifier)
          ? rowOf(a.destinationIdentifier)
          : null,
      destinationUri: a.destinationUri ?? null,
      destinationLabel: a.destinationLabel ?? null,
      extras: a.extras ?? null,
      createdAt: UPDATED,
    })) as unknown as ItemAssociation[],
  };
}

describe('buildCasePackage', () => {
  it('writes a CASE 1.1 document with the primary language in the statement and every language in extensions', () => {
    const { CFDocument } = build();
    expect(CFDocument).toMatchObject({
      identifier: id(100),
      caseVersion: '1.1',
      creator: 'ENSM Alger',
      title: 'Gestion de crise hospitalière',
      description: 'Référentiel ENSM',
      language: 'fr',
      version: '2026.1',
      adoptionStatus: 'Adopted',
      lastChangeDateTime: '2026-03-01T08:00:00Z',
    });
    // The CFPackage binding has no place for the package's own link; the CASE API's document adds it.
    expect(CFDocument).not.toHaveProperty('CFPackageURI');
    expect(CFDocument.extensions).toEqual({
      titles: framework.title,
      descriptions: { fr: 'Référentiel ENSM' },
      proficiencyScales: [
        {
          identifier: id(200),
          code: 'profondeur',
          title: { fr: 'Degré de profondeur' },
          levels: [
            { identifier: id(201), rank: 1, code: 'notions', label: { fr: 'Notions', ar: 'مفاهيم' } },
            { identifier: id(202), rank: 2, code: 'maitrise', label: { fr: 'Maîtrise' }, description: { fr: 'Agit seul' } },
          ],
        },
      ],
    });
  });

  it('lists items parents first and regenerates the tree as isChildOf associations with stable identifiers', () => {
    const pkg = build();
    expect(pkg.CFItems.map((i) => i.humanCodingScheme ?? i.fullStatement)).toEqual([
      'GC',
      'GC-1',
      'Alert the regional health agency',
      'GC-2',
    ]);
    const childOf = pkg.CFAssociations.filter((a) => a.associationType === 'isChildOf');
    expect(childOf.map((a) => [a.originNodeURI.identifier, a.destinationNodeURI.identifier, a.sequenceNumber])).toEqual([
      [id(1), id(100), 0],
      [id(2), id(1), 0],
      [id(4), id(2), 0],
      [id(3), id(1), 1],
    ]);
    expect(childOf[0].identifier).toBe(childOfIdentifier(id(1)));
    expect(build().CFAssociations).toEqual(pkg.CFAssociations);
  });

  it('writes item fields, our extension keys, and item types with their definitions', () => {
    const { CFItems, CFDefinitions } = build();
    const alert = CFItems.find((i) => i.identifier === id(4))!;
    expect(alert).toMatchObject({ fullStatement: 'Alert the regional health agency', language: 'en', CFItemType: 'competency' });
    expect(alert).not.toHaveProperty('CFDocumentURI');
    expect(CFItems.find((i) => i.identifier === id(2))!.extensions).toEqual({
      labels: { fr: 'Déclencher le plan blanc' },
      descriptions: { fr: 'Plan ORSAN', en: 'Emergency plan' },
      kind: 'skill',
      scaleCode: 'profondeur',
    });
    expect(CFDefinitions.CFItemTypes.map((t) => [t.title, t.identifier])).toEqual([
      ['competency', itemTypeIdentifier('competency')],
      ['domain', itemTypeIdentifier('domain')],
    ]);
  });

  it('writes our own association types as CASE extension types, external destinations as links', () => {
    const closeMatch = build().CFAssociations.find((a) => a.identifier === id(302))!;
    expect(closeMatch).toMatchObject({
      associationType: 'ext:closeMatchOf',
      originNodeURI: { identifier: id(2), title: 'GC-1' },
      destinationNodeURI: {
        title: 'manage emergencies',
        identifier: '8071881c-d652-46e7-9cf4-e06a7f1e57c7',
        uri: 'http://data.europa.eu/esco/skill/8071881c-d652-46e7-9cf4-e06a7f1e57c7',
      },
    });
  });

  it('re-imports to the same content, and exports that again unchanged', () => {
    const first = build();
    const model = parseCasePackage(JSON.stringify(first));
    const byIdentifier = new Map(model.items.map((i) => [i.identifier, i]));
    for (const original of items) {
      const parent = items.find((candidate) => candidate.id === original.parentId);
      expect(byIdentifier.get(original.identifier)).toMatchObject({
        parentIdentifier: parent?.identifier ?? null,
        position: original.position,
        code: original.code,
        itemType: original.itemType,
        kind: original.kind,
        label: original.label,
        description: original.description,
        scaleCode: original.scaleId ? 'profondeur' : null,
      });
    }
    expect(
      model.associations.map((a) => [a.identifier, a.type, a.destinationIdentifier, a.destinationUri ?? null, a.destinationLabel ?? null]),
    ).toEqual([
      [
        id(302),
        'closeMatchOf',
        '8071881c-d652-46e7-9cf4-e06a7f1e57c7',
        'http://data.europa.eu/esco/skill/8071881c-d652-46e7-9cf4-e06a7f1e57c7',
        'manage emergencies',
      ],
      [id(301), 'isRelatedTo', id(2), null, null],
    ]);
    expect(model.scales).toEqual([
      {
        identifier: id(200),
        code: 'profondeur',
        title: { fr: 'Degré de profondeur' },
        levels: [
          { identifier: id(201), rank: 1, code: 'notions', label: { fr: 'Notions', ar: 'مفاهيم' }, description: null },
          { identifier: id(202), rank: 2, code: 'maitrise', label: { fr: 'Maîtrise' }, description: { fr: 'Agit seul' } },
        ],
      },
    ]);
    expect(model).toMatchObject({ identifier: id(100), version: '2026.1', title: framework.title, description: framework.description });

    const rows = asRows(model);
    expect(build(rows.framework, rows.scales, rows.items, rows.associations)).toEqual(first);
  });
});
