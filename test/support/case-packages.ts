// CASE packages as other tools publish them, for the CASE import tests.
import { randomUUID } from 'node:crypto';

/** Parsed JSON (packages, API answers), read loosely in assertions. */
export type Json = Record<string, any>;

/** A pharmacy framework as another CASE tool would publish it: 1.0 habits (no zone, string CFPackageURI), a rubric, links out. */
export function pharmacyPackage(): { pkg: Json; ids: Record<string, string> } {
  const ids = {
    doc: randomUUID(),
    domain: randomUUID(),
    circuit: randomUUID(),
    ruptures: randomUUID(),
    errors: randomUUID(),
    type: randomUUID(),
    subject: randomUUID(),
    rubric: randomUUID(),
    exemplar: randomUUID(),
    esco: randomUUID(),
    related: randomUUID(),
    translation: randomUUID(),
    prerequisite: randomUUID(),
  };
  const base = 'https://case.example.org/ims/case/v1p0';
  const link = (kind: string, identifier: string, title: string) => ({ title, identifier, uri: `${base}/${kind}/${identifier}` });
  const item = (identifier: string, fields: Json) => ({
    identifier,
    uri: `${base}/CFItems/${identifier}`,
    lastChangeDateTime: '2026-01-15T10:00:00+00:00',
    ...fields,
  });
  const association = (identifier: string, type: string, origin: string, destination: Json, fields: Json = {}) => ({
    identifier,
    uri: `${base}/CFAssociations/${identifier}`,
    associationType: type,
    originNodeURI: link('CFItems', origin, origin),
    destinationNodeURI: destination,
    lastChangeDateTime: '2026-01-15T10:00:00+00:00',
    ...fields,
  });
  const level = (position: number, quality: string) => ({
    identifier: randomUUID(),
    uri: `${base}/CFRubricCriterionLevels/${position}`,
    quality,
    description: `Niveau ${quality}`,
    score: position,
    position,
  });
  const pkg = {
    CFDocument: {
      identifier: ids.doc,
      uri: `${base}/CFDocuments/${ids.doc}`,
      creator: 'ENSM Alger',
      title: 'Pharmacie hospitalière',
      description: 'Référentiel de compétences du pharmacien hospitalier',
      language: 'fr-FR',
      version: '2026',
      adoptionStatus: 'Draft',
      lastChangeDateTime: '2026-01-15T10:00:00',
      CFPackageURI: `${base}/CFPackages/${ids.doc}`,
      subject: ['Pharmacie'],
      officialSourceURL: 'https://ensm.example.dz/referentiels/pharmacie',
      notes: 'Version de travail',
    },
    CFItems: [
      item(ids.domain, {
        fullStatement: 'Gestion des produits de santé',
        humanCodingScheme: 'PH',
        CFItemType: 'Domaine',
        CFItemTypeURI: link('CFItemTypes', ids.type, 'Domaine'),
      }),
      item(ids.circuit, {
        fullStatement: 'Sécuriser le circuit du médicament',
        humanCodingScheme: 'PH-1',
        CFItemType: 'Compétence',
        abbreviatedStatement: 'Circuit du médicament',
        conceptKeywords: ['iatrogénie'],
        educationLevel: ['master'],
        notes: 'Arrêté du 6 avril 2011',
      }),
      item(ids.ruptures, { fullStatement: 'تسيير انقطاع التموين', humanCodingScheme: 'PH-2', CFItemType: 'Compétence', language: 'ar-DZ' }),
      item(ids.errors, {
        fullStatement: 'Analyse medication errors 𝑑',
        humanCodingScheme: 'PH-1.1',
        language: 'en-GB',
        extensions: { 'org.example.weight': 2 },
      }),
    ],
    CFAssociations: [
      association(randomUUID(), 'isChildOf', ids.domain, link('CFDocuments', ids.doc, 'Pharmacie hospitalière'), { sequenceNumber: 1 }),
      association(randomUUID(), 'isChildOf', ids.circuit, link('CFItems', ids.domain, 'PH'), { sequenceNumber: 1 }),
      association(randomUUID(), 'isChildOf', ids.ruptures, link('CFItems', ids.domain, 'PH'), { sequenceNumber: 2 }),
      association(randomUUID(), 'isChildOf', ids.errors, link('CFItems', ids.circuit, 'PH-1'), { sequenceNumber: 1 }),
      association(ids.esco, 'exactMatchOf', ids.circuit, {
        title: 'manage medicines',
        identifier: '8071881c-d652-46e7-9cf4-e06a7f1e57c7',
        uri: 'http://data.europa.eu/esco/skill/8071881c-d652-46e7-9cf4-e06a7f1e57c7',
      }),
      association(ids.exemplar, 'exemplar', ids.circuit, {
        title: 'Guide HAS',
        identifier: 'guide-has-2024',
        uri: 'https://www.has-sante.fr/guide',
      }),
      association(ids.related, 'isRelatedTo', ids.ruptures, link('CFItems', ids.circuit, 'PH-1')),
      association(ids.translation, 'isTranslationOf', ids.errors, link('CFItems', ids.circuit, 'PH-1')),
      association(ids.prerequisite, 'ext:prerequisite', ids.ruptures, link('CFItems', ids.errors, 'PH-1.1'), {
        notes: 'CASE 1.1 extension type',
      }),
    ],
    CFDefinitions: {
      CFItemTypes: [
        {
          identifier: ids.type,
          uri: `${base}/CFItemTypes/${ids.type}`,
          title: 'Domaine',
          description: 'Domaine de compétences',
          hierarchyCode: '1',
          lastChangeDateTime: '2026-01-15T10:00:00+00:00',
        },
      ],
      CFSubjects: [
        {
          identifier: ids.subject,
          uri: `${base}/CFSubjects/${ids.subject}`,
          title: 'Pharmacie',
          hierarchyCode: '1',
          lastChangeDateTime: '2026-01-15T10:00:00+00:00',
        },
      ],
      CFConcepts: [],
      CFLicenses: [],
      CFAssociationGroupings: [],
    },
    CFRubrics: [
      {
        identifier: ids.rubric,
        uri: `${base}/CFRubrics/${ids.rubric}`,
        title: 'Niveaux de maîtrise',
        lastChangeDateTime: '2026-01-15T10:00:00+00:00',
        CFRubricCriteria: [
          {
            identifier: randomUUID(),
            uri: `${base}/CFRubricCriteria/1`,
            category: 'Pratique',
            CFItemURI: link('CFItems', ids.circuit, 'PH-1'),
            weight: 1,
            position: 1,
            rubricId: ids.rubric,
            CFRubricCriterionLevels: [level(2, 'Confirmé'), level(1, 'Novice'), level(3, 'Expert')],
          },
        ],
      },
    ],
  };
  return { pkg, ids };
}

/**
 * A package that says little, as small CASE tools write them: no version, no language, no item types, no sequence
 * numbers (siblings ordered by the file, S.1 … S.12, which no string sort gives back), a 1.0 `educationalLevel`.
 */
export function barePackage(): { pkg: Json; ids: { doc: string; type: string; items: string[] } } {
  const doc = randomUUID();
  const type = randomUUID();
  const base = 'https://case.example.org/ims/case/v1p0';
  const items = Array.from({ length: 12 }, () => randomUUID());
  const link = (kind: string, identifier: string, title: string) => ({ title, identifier, uri: `${base}/${kind}/${identifier}` });
  const pkg = {
    CFDocument: {
      identifier: doc,
      uri: `${base}/CFDocuments/${doc}`,
      creator: 'Petit outil',
      title: 'Soins de base',
      adoptionStatus: 'Private Draft',
      lastChangeDateTime: '2025-06-01T08:00:00+00:00',
    },
    CFItems: items.map((identifier, i) => ({
      identifier,
      uri: `${base}/CFItems/${identifier}`,
      fullStatement: `Soin ${i + 1}`,
      humanCodingScheme: `S.${i + 1}`,
      lastChangeDateTime: '2025-06-01T08:00:00+00:00',
      ...(i === 0 ? { educationalLevel: '09, 10,11' } : {}),
      ...(i === 1 ? { CFItemType: 'Geste', CFItemTypeURI: link('CFItemTypes', type, 'Geste') } : {}),
    })),
    CFAssociations: items.map((identifier, i) => ({
      identifier: randomUUID(),
      uri: `${base}/CFAssociations/${i}`,
      associationType: 'isChildOf',
      lastChangeDateTime: '2025-06-01T08:00:00+00:00',
      originNodeURI: link('CFItems', identifier, `S.${i + 1}`),
      destinationNodeURI: link('CFDocuments', doc, 'Soins de base'),
    })),
    CFDefinitions: {
      CFItemTypes: [
        {
          identifier: type,
          uri: `${base}/CFItemTypes/${type}`,
          title: 'Geste',
          description: 'Un geste technique observable au lit du patient',
          hierarchyCode: '2',
          typeCode: 'geste',
          lastChangeDateTime: '2025-06-01T08:00:00+00:00',
        },
      ],
    },
  };
  return { pkg, ids: { doc, type, items } };
}
