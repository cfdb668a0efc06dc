import type { HttpException } from '@nestjs/common';
import { checkImportedFramework } from '../imported-framework.js';
import { parseCasePackage } from './case-package-reader.js';

const DOC = 'd1a2b3c4-0000-4000-8000-000000000001';
const DOMAIN = 'a1a2b3c4-0000-4000-8000-000000000001';
const SKILL = 'a1a2b3c4-0000-4000-8000-000000000002';
const SUB = 'a1a2b3c4-0000-4000-8000-000000000003';
const BASE = 'https://case.example.org/ims/case/v1p0';

const link = (kind: string, identifier: string, title = identifier) => ({ title, identifier, uri: `${BASE}/${kind}/${identifier}` });
const association = (identifier: string, type: string, origin: string, destination: object, extra: object = {}) => ({
  identifier,
  uri: `${BASE}/CFAssociations/${identifier}`,
  associationType: type,
  originNodeURI: link('CFItems', origin),
  destinationNodeURI: destination,
  lastChangeDateTime: '2017-09-22T23:14:07+00:00',
  ...extra,
});
const assocId = (n: number) => `b1a2b3c4-0000-4000-8000-00000000000${n}`;

/** A CASE 1.0 package as OpenSALT wrote them: string CFPackageURI, dates without zone, CFDefinitions as []. */
function pharmacyPackage(): Record<string, unknown> {
  return {
    CFDocument: {
      identifier: DOC,
      uri: `${BASE}/CFDocuments/${DOC}`,
      creator: 'ENSM Alger',
      title: 'Pharmacie hospitalière',
      description: 'Référentiel',
      language: 'fr-FR',
      lastChangeDateTime: '2017-09-22 23:13:54',
      CFPackageURI: `${BASE}/CFPackages/${DOC}`,
      adoptionStatus: 'Draft',
      subject: ['Pharmacie'],
    },
    CFItems: [
      {
        identifier: SUB,
        uri: `${BASE}/CFItems/${SUB}`,
        fullStatement: 'Analyse medication errors',
        humanCodingScheme: 'PH-1.1',
        language: 'en-GB',
        lastChangeDateTime: '2017-09-22T23:15:13+00:00',
      },
      {
        identifier: DOMAIN.toUpperCase(),
        uri: `${BASE}/CFItems/${DOMAIN}`,
        fullStatement: 'Gestion des produits de santé',
        humanCodingScheme: 'PH',
        CFItemType: 'Domaine',
        CFItemTypeURI: link('CFItemTypes', 'c1a2b3c4-0000-4000-8000-000000000001', 'Domaine'),
      },
      {
        identifier: SKILL,
        uri: `${BASE}/CFItems/${SKILL}`,
        fullStatement: 'تأمين مسار الدواء',
        language: 'ar-DZ',
        conceptKeywords: ['iatrogénie'],
        notes: 'Voir circulaire',
        extensions: { 'org.example': { weight: 2 } },
      },
    ],
    CFAssociations: [
      association(assocId(1), 'isChildOf', DOMAIN, link('CFDocuments', DOC), { sequenceNumber: 1 }),
      association(assocId(2), 'isChildOf', SKILL, link('CFItems', DOMAIN), { sequenceNumber: 1 }),
      association(assocId(3), 'isChildOf', SUB, link('CFItems', SKILL), { sequenceNumber: 2 }),
      association(assocId(4), 'exactMatchOf', SKILL, {
        title: 'manage medicines',
        identifier: '8071881c-d652-46e7-9cf4-e06a7f1e57c7',
        uri: 'http://data.europa.eu/esco/skill/8071881c-d652-46e7-9cf4-e06a7f1e57c7',
      }),
      association(assocId(5), 'exemplar', SKILL, {
        title: 'Guide HAS',
        identifier: 'guide-has-2024',
        uri: 'https://www.has-sante.fr/guide',
      }),
      association(assocId(6), 'isTranslationOf', SUB, link('CFItems', SKILL)),
      association(assocId(7), 'ext:closeMatchOf', SUB, {
        title: 'analyse errors',
        identifier: 'e0000000-0000-4000-8000-000000000001',
        uri: 'http://data.europa.eu/esco/skill/e0000000-0000-4000-8000-000000000001',
      }),
      association(assocId(8), 'Is Related To', DOMAIN, link('CFItems', SUB)),
    ],
    CFDefinitions: [],
  };
}

function rejection(run: () => unknown): { status: number; errors: { field: string; reason: string }[] } {
  try {
    run();
  } catch (error) {
    const response = (error as HttpException).getResponse() as { errors: { field: string; reason: string }[] };
    return { status: (error as HttpException).getStatus(), errors: response.errors };
  }
  throw new Error('expected a rejection');
}

describe('parseCasePackage', () => {
  it('builds the tree from isChildOf: the document for top-level items, sequenceNumber as position', () => {
    const model = parseCasePackage(JSON.stringify(pharmacyPackage()));
    const byId = new Map(model.items.map((item) => [item.identifier, item]));
    expect(byId.get(DOMAIN)).toMatchObject({ parentIdentifier: null, position: 1, code: 'PH', itemType: 'Domaine' });
    expect(byId.get(SKILL)).toMatchObject({ parentIdentifier: DOMAIN, position: 1, itemType: 'competency' });
    expect(byId.get(SUB)).toMatchObject({ parentIdentifier: SKILL, position: 2 });
    expect(byId.get(SKILL)!.extras).toMatchObject({
      caseChildOf: { identifier: assocId(2), uri: `${BASE}/CFAssociations/${assocId(2)}`, lastChangeDateTime: '2017-09-22T23:14:07+00:00' },
    });
    expect(checkImportedFramework(model).errors).toEqual([]);
  });

  it('files texts under the item or document language, and keeps the original tag', () => {
    const model = parseCasePackage(JSON.stringify(pharmacyPackage()));
    const byId = new Map(model.items.map((item) => [item.identifier, item]));
    expect(model.title).toEqual({ fr: 'Pharmacie hospitalière' });
    expect(model.description).toEqual({ fr: 'Référentiel' });
    expect(byId.get(DOMAIN)!.label).toEqual({ fr: 'Gestion des produits de santé' });
    expect(byId.get(SKILL)!.label).toEqual({ ar: 'تأمين مسار الدواء' });
    expect(byId.get(SUB)!.label).toEqual({ en: 'Analyse medication errors' });
    expect(byId.get(SKILL)!.extras).toMatchObject({
      language: 'ar-DZ',
      conceptKeywords: ['iatrogénie'],
      notes: 'Voir circulaire',
      extensions: { 'org.example': { weight: 2 } },
    });
    expect(model.extras).toMatchObject({
      language: 'fr-FR',
      creator: 'ENSM Alger',
      subject: ['Pharmacie'],
      CFPackageURI: `${BASE}/CFPackages/${DOC}`,
      lastChangeDateTime: '2017-09-22 23:13:54',
    });
  });

  it('keeps every other association, with the URI and title of destinations outside the package', () => {
    const { associations } = parseCasePackage(JSON.stringify(pharmacyPackage()));
    const byId = new Map(associations.map((a) => [a.identifier, a]));
    expect(associations).toHaveLength(5);
    expect(byId.get(assocId(4))).toMatchObject({
      type: 'exactMatchOf',
      originIdentifier: SKILL,
      destinationIdentifier: '8071881c-d652-46e7-9cf4-e06a7f1e57c7',
      destinationUri: 'http://data.europa.eu/esco/skill/8071881c-d652-46e7-9cf4-e06a7f1e57c7',
      destinationLabel: 'manage medicines',
    });
    expect(byId.get(assocId(5))).toMatchObject({
      type: 'exemplar',
      destinationIdentifier: null,
      destinationUri: 'https://www.has-sante.fr/guide',
      extras: expect.objectContaining({ destinationNodeIdentifier: 'guide-has-2024' }),
    });
    expect(byId.get(assocId(6))).toMatchObject({ type: 'isTranslationOf', destinationIdentifier: SKILL });
    expect(byId.get(assocId(6))!.destinationUri ?? null).toBeNull();
    expect(byId.get(assocId(7))!.type).toBe('closeMatchOf');
    expect(byId.get(assocId(8))!.type).toBe('isRelatedTo');
  });

  it('defaults the version to 1 and reads it as text otherwise', () => {
    expect(parseCasePackage(JSON.stringify(pharmacyPackage())).version).toBe('1');
    const pkg = pharmacyPackage();
    (pkg.CFDocument as Record<string, unknown>).version = 2026;
    expect(parseCasePackage(JSON.stringify(pkg)).version).toBe('2026');
  });

  it('reads back our extensions: every language, kinds, scales', () => {
    const pkg = pharmacyPackage();
    const document = pkg.CFDocument as Record<string, unknown>;
    document.extensions = {
      titles: { fr: 'Pharmacie hospitalière', ar: 'الصيدلة الاستشفائية' },
      proficiencyScales: [
        {
          code: 'profondeur',
          title: { fr: 'Profondeur' },
          levels: [
            { rank: 1, code: 'notions', label: { fr: 'Notions' } },
            { rank: 2, code: 'expert', label: { fr: 'Expert' } },
          ],
        },
      ],
      'org.example': true,
    };
    (pkg.CFItems as Record<string, unknown>[])[1].extensions = {
      labels: { fr: 'ignored: fullStatement wins', en: 'Health products' },
      kind: 'knowledge',
      scaleCode: 'profondeur',
    };
    const model = parseCasePackage(JSON.stringify(pkg));
    expect(model.title).toEqual({ fr: 'Pharmacie hospitalière', ar: 'الصيدلة الاستشفائية' });
    expect(model.scales).toEqual([
      expect.objectContaining({
        code: 'profondeur',
        levels: [expect.objectContaining({ rank: 1, code: 'notions' }), expect.objectContaining({ rank: 2, code: 'expert' })],
      }),
    ]);
    expect(model.extras!.extensions).toEqual({ 'org.example': true });
    expect(model.items[1]).toMatchObject({
      label: { fr: 'Gestion des produits de santé', en: 'Health products' },
      kind: 'knowledge',
      scaleCode: 'profondeur',
    });
  });

  it('derives a scale from a rubric whose criterion has ordered levels, and keeps the rubric verbatim', () => {
    const pkg = pharmacyPackage();
    const level = (n: number, quality: string) => ({
      identifier: `f1a2b3c4-0000-4000-8000-00000000000${n}`,
      uri: `${BASE}/CFRubricCriterionLevels/${n}`,
      quality,
      description: `${quality} level`,
      score: n,
      position: 4 - n,
    });
    pkg.CFRubrics = [
      {
        identifier: 'e1a2b3c4-0000-4000-8000-000000000001',
        uri: `${BASE}/CFRubrics/1`,
        title: 'Maîtrise',
        CFRubricCriteria: [
          {
            identifier: 'e1a2b3c4-0000-4000-8000-000000000002',
            uri: `${BASE}/CFRubricCriteria/1`,
            CFItemURI: link('CFItems', SKILL),
            CFRubricCriterionLevels: [level(1, 'Expert'), level(3, 'Novice'), level(2, 'Confirmé')],
          },
        ],
      },
    ];
    const model = parseCasePackage(JSON.stringify(pkg));
    expect(model.scales).toEqual([expect.objectContaining({ code: 'Maîtrise', identifier: 'e1a2b3c4-0000-4000-8000-000000000001' })]);
    expect(model.scales[0].levels.map((l) => [l.rank, l.code])).toEqual([
      [1, 'Novice'],
      [2, 'Confirmé'],
      [3, 'Expert'],
    ]);
    expect(model.items.find((item) => item.identifier === SKILL)!.scaleCode).toBe('Maîtrise');
    expect(model.extras!.CFRubrics).toEqual(pkg.CFRubrics);
  });

  it('refuses what is not a CFPackage with 400 and the field at fault', () => {
    expect(rejection(() => parseCasePackage('{"CFDocument": '))).toMatchObject({ status: 400, errors: [{ field: 'file' }] });
    expect(rejection(() => parseCasePackage('[1, 2]'))).toMatchObject({ status: 400, errors: [{ field: 'file' }] });
    expect(rejection(() => parseCasePackage('{"name": "not a package"}')).errors).toEqual([
      { field: 'CFDocument', reason: expect.any(String) },
    ]);
    const broken = {
      CFDocument: { identifier: DOC },
      CFItems: [{ identifier: SKILL }, 'x'],
      CFAssociations: [{ identifier: assocId(1), associationType: 'isCousinOf', originNodeURI: {} }],
      CFRubrics: {},
    };
    expect(rejection(() => parseCasePackage(JSON.stringify(broken))).errors.map((e) => e.field)).toEqual([
      'CFDocument.title',
      'CFItems[0].fullStatement',
      'CFItems[1]',
      'CFAssociations[0].associationType',
      'CFAssociations[0].originNodeURI',
      'CFAssociations[0].destinationNodeURI',
      'CFRubrics',
    ]);
    expect(rejection(() => parseCasePackage(JSON.stringify({ CFDocument: { identifier: DOC, title: 'T' }, CFItems: {} }))).errors).toEqual([
      { field: 'CFItems', reason: 'must be an array' },
    ]);
  });

  it('leaves content problems to the common check: duplicate identifiers, dangling parents, cycles', () => {
    const pkg = pharmacyPackage();
    const items = pkg.CFItems as Record<string, unknown>[];
    items.push({ ...items[0] });
    (pkg.CFAssociations as unknown[]).push(association(assocId(9), 'isChildOf', DOMAIN, link('CFItems', SUB)));
    const model = parseCasePackage(JSON.stringify(pkg));
    // DOMAIN already has a parent (the document), so its second isChildOf is a plain association.
    expect(model.associations.some((a) => a.type === 'isChildOf' && a.originIdentifier === DOMAIN)).toBe(true);
    const dangling = pharmacyPackage();
    (dangling.CFAssociations as Record<string, unknown>[])[1].destinationNodeURI = link('CFItems', '99999999-0000-4000-8000-000000000000');
    const cycle = pharmacyPackage();
    (cycle.CFAssociations as Record<string, unknown>[])[0].destinationNodeURI = link('CFItems', SUB);
    expect(checkImportedFramework(model).errors.map((e) => e.reason)).toEqual(expect.arrayContaining([`duplicate identifier ${SUB}`]));
    expect(checkImportedFramework(parseCasePackage(JSON.stringify(dangling))).errors.map((e) => e.reason)).toEqual([
      'parent 99999999-0000-4000-8000-000000000000 is not in the file',
    ]);
    expect(checkImportedFramework(parseCasePackage(JSON.stringify(cycle))).errors.map((e) => e.reason)).toEqual(
      expect.arrayContaining(['PH is its own ancestor (cycle in the tree)']),
    );
  });
});
