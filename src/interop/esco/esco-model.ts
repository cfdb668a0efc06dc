// Turns what was read from the ESCO files into one framework (skill groups as the tree, skills as its leaves) and one
// job profile per occupation. Pure: identifiers are derived, never random, so the same files always map the same way.
import { cleanLocalized, type LocalizedText } from '../../common/localized-text.js';
import { identifierFor, type ImportedFramework, type ImportedItem } from '../imported-framework.js';
import type { EscoConcept, EscoDataset } from './esco-dataset.js';

/** ESCO has no proficiency levels: one level, "acquired", that every requirement asks for. */
export const ESCO_SCALE_CODE = 'esco';
export const ESCO_ATTRIBUTION = 'ESCO classification of the European Commission, reused under Commission Decision 2011/833/EU.';

export interface EscoProfileDraft {
  identifier: string;
  code: string;
  title: LocalizedText;
  definition: LocalizedText | null;
  family: LocalizedText | null;
  iscoCode: string | null;
  escoUri: string;
  /** Essential ones first, then optional, each in file order. */
  requirements: { itemIdentifier: string; essential: boolean }[];
}

export interface EscoImportModel {
  framework: ImportedFramework;
  profiles: EscoProfileDraft[];
  skills: number;
  skillGroups: number;
  relations: number;
  skippedRelations: number;
  occupationsWithoutSkills: number;
}

export interface EscoModelOptions {
  /** Scopes identifiers: each institution's ESCO import is its own lineage (identifier + version is unique service-wide). */
  ownerInstitutionId: string;
  version: string;
  iscoGroups: string[];
}

export function buildEscoImport(data: EscoDataset, options: EscoModelOptions): EscoImportModel {
  const subsetKey = options.iscoGroups.length ? [...new Set(options.iscoGroups)].sort().join(',') : '*';
  const parentOf = (concept: EscoConcept): string | null =>
    concept.broader.find((uri) => uri !== concept.uri && (data.groups.has(uri) || data.skills.has(uri))) ?? null;
  const groups = options.iscoGroups.length ? ancestorGroups(data, parentOf) : new Set(data.groups.keys());

  const items: ImportedItem[] = [
    ...[...groups].map((uri) => toItem(data.groups.get(uri)!, 'skill_group', 'SkillGroup', parentOf)),
    ...[...data.skills.values()].map((skill) => toItem(skill, 'competency', 'KnowledgeSkillCompetence', parentOf)),
  ];

  let skippedRelations = data.unusableRelations;
  let relations = 0;
  let occupationsWithoutSkills = 0;
  const profiles: EscoProfileDraft[] = [];
  for (const occupation of data.occupations.values()) {
    const linked = [...(data.relations.get(occupation.uri) ?? new Map<string, boolean>())];
    const requirements = linked
      .filter(([skill]) => data.skills.has(skill))
      .map(([skill, essential]) => ({ itemIdentifier: identifierFor(skill), essential }));
    skippedRelations += linked.length - requirements.length;
    // A published profile needs at least one requirement; an occupation without any usable skill is left out and counted.
    if (!requirements.length) {
      occupationsWithoutSkills++;
      continue;
    }
    relations += requirements.length;
    const code = occupation.code ?? occupation.iscoGroup;
    profiles.push({
      identifier: identifierFor(`esco:${options.ownerInstitutionId}:${occupation.uri}#profile`),
      code,
      title: cleanLocalized(occupation.title) ?? { en: code },
      definition: cleanLocalized(occupation.description),
      family: cleanLocalized(data.iscoLabels.get(occupation.iscoGroup)),
      iscoCode: occupation.iscoGroup || null,
      escoUri: occupation.uri,
      requirements: [...requirements.filter((r) => r.essential), ...requirements.filter((r) => !r.essential)],
    });
  }

  const subsetLabel = options.iscoGroups.length ? ` (ISCO ${[...new Set(options.iscoGroups)].sort().join(', ')})` : '';
  return {
    framework: {
      identifier: identifierFor(`esco:${options.ownerInstitutionId}:${subsetKey}#framework`),
      version: options.version,
      title: {
        fr: `Compétences ESCO${subsetLabel.replace('ISCO', 'CITP')}`,
        en: `ESCO skills${subsetLabel}`,
        ar: `مهارات ESCO${subsetLabel.replace('ISCO', 'ISCO-08')}`,
      },
      description: {
        en: ESCO_ATTRIBUTION,
        fr: 'Classification ESCO de la Commission européenne, réutilisée selon la décision 2011/833/UE de la Commission.',
      },
      extras: {
        esco: { release: options.version, languages: data.languages, iscoGroups: options.iscoGroups, attribution: ESCO_ATTRIBUTION },
      },
      scales: [
        {
          identifier: identifierFor(`esco:${options.ownerInstitutionId}:${subsetKey}#scale`),
          code: ESCO_SCALE_CODE,
          title: { fr: 'Acquisition (ESCO)', en: 'Acquisition (ESCO)', ar: 'الاكتساب (ESCO)' },
          levels: [{ rank: 1, code: 'acquired', label: { fr: 'Acquis', en: 'Acquired', ar: 'مكتسب' } }],
        },
      ],
      items,
      associations: [],
    },
    profiles,
    skills: data.skills.size,
    skillGroups: groups.size,
    relations,
    skippedRelations,
    occupationsWithoutSkills,
  };
}

/** The groups above the kept skills, following the same first-broader link that becomes the parent. */
function ancestorGroups(data: EscoDataset, parentOf: (concept: EscoConcept) => string | null): Set<string> {
  const groups = new Set<string>();
  for (const skill of data.skills.values()) {
    const seen = new Set<string>([skill.uri]);
    for (let uri = parentOf(skill); uri && !seen.has(uri);) {
      seen.add(uri);
      const group = data.groups.get(uri);
      if (group) groups.add(uri);
      const next = group ?? data.skills.get(uri);
      uri = next ? parentOf(next) : null;
    }
  }
  return groups;
}

function toItem(
  concept: EscoConcept,
  itemType: string,
  conceptType: string,
  parentOf: (concept: EscoConcept) => string | null,
): ImportedItem {
  const parent = parentOf(concept);
  const extras: Record<string, unknown> = { conceptType };
  for (const [key, value] of Object.entries(concept.extras))
    if (value && (typeof value !== 'object' || Object.keys(value).length)) extras[key] = value;
  if (concept.broader.length > 1) extras.broaderUris = concept.broader;
  return {
    identifier: identifierFor(concept.uri),
    uri: concept.uri,
    parentIdentifier: parent ? identifierFor(parent) : null,
    code: concept.code,
    itemType,
    kind: concept.kind,
    label: concept.label,
    description: Object.keys(concept.description).length ? concept.description : null,
    extras: { esco: extras },
    line: concept.line,
  };
}
