// Reads a set of uploaded ESCO files into what the import needs, file by file and row by row, keeping only the
// concepts in scope (an ISCO subset keeps its occupations, their skills and, later, those skills' groups).
import type { Language, LocalizedText } from '../../common/localized-text.js';
import type { ItemKind } from '../../frameworks/framework-item.entity.js';
import { readEscoCsv } from './esco-csv-stream.js';
import type { EscoFile, EscoFileKind } from './esco-files.js';

export interface EscoOccupation {
  uri: string;
  iscoGroup: string;
  code: string | null;
  title: LocalizedText;
  description: LocalizedText;
}

export interface EscoConcept {
  uri: string;
  code: string | null;
  kind: ItemKind | null;
  label: LocalizedText;
  description: LocalizedText;
  /** Broader concepts (skill groups, or a broader skill), in file order: ESCO's hierarchy is a DAG. */
  broader: string[];
  extras: Record<string, unknown>;
  line: number;
}

export interface EscoDataset {
  languages: Language[];
  occupations: Map<string, EscoOccupation>;
  /** ISCO group code → label, for the 4-digit groups of the kept occupations. */
  iscoLabels: Map<string, LocalizedText>;
  skills: Map<string, EscoConcept>;
  groups: Map<string, EscoConcept>;
  /** Occupation URI → skill URI → essential (true) or optional; a pair listed twice is essential if either says so. */
  relations: Map<string, Map<string, boolean>>;
  /** Relations of kept occupations that name no skill or a relation type other than essential/optional. */
  unusableRelations: number;
}

export interface DatasetOptions {
  /** ISCO codes (any depth): keep the occupations whose group starts with one of them. */
  iscoGroups: string[];
}

/** Order matters: occupations decide which relations count, relations decide which skills a subset needs. */
export async function readEscoDataset(files: EscoFile[], options: DatasetOptions): Promise<EscoDataset> {
  const of = (kind: EscoFileKind) => files.filter((file) => file.kind === kind);
  const subset = options.iscoGroups.length > 0;
  const data: EscoDataset = {
    languages: [...new Set(files.map((file) => file.language).filter((lang): lang is Language => !!lang))],
    occupations: new Map(),
    iscoLabels: new Map(),
    skills: new Map(),
    groups: new Map(),
    relations: new Map(),
    unusableRelations: 0,
  };

  for (const file of of('occupations')) {
    for await (const { cells } of readEscoCsv(file)) {
      if (subset && !options.iscoGroups.some((code) => cells.iscoGroup.startsWith(code))) continue;
      const occupation = upsert(data.occupations, cells.conceptUri, () => ({
        uri: cells.conceptUri,
        iscoGroup: cells.iscoGroup,
        code: cells.code || null,
        title: {},
        description: {},
      }));
      occupation.code ??= cells.code || null;
      setText(occupation.title, file.language, cells.preferredLabel);
      setText(occupation.description, file.language, cells.description || cells.definition);
    }
  }

  const neededSkills = new Set<string>();
  for (const file of of('occupationSkillRelations')) {
    for await (const { cells } of readEscoCsv(file)) {
      if (!data.occupations.has(cells.occupationUri)) continue;
      const type = cells.relationType.toLowerCase();
      if (!cells.skillUri || (type !== 'essential' && type !== 'optional')) {
        data.unusableRelations++;
        continue;
      }
      const skills = upsert(data.relations, cells.occupationUri, () => new Map<string, boolean>());
      skills.set(cells.skillUri, skills.get(cells.skillUri) === true || type === 'essential');
      neededSkills.add(cells.skillUri);
    }
  }

  for (const file of of('skills')) {
    for await (const { cells, line } of readEscoCsv(file)) {
      if (subset && !neededSkills.has(cells.conceptUri)) continue;
      const skill = upsert(data.skills, cells.conceptUri, () => concept(cells.conceptUri, null, kindOf(cells.skillType), line));
      addTexts(skill, file.language, cells);
      for (const key of ['skillType', 'reuseLevel', 'status', 'modifiedDate'] as const) if (cells[key]) skill.extras[key] ??= cells[key];
    }
  }

  // Skills link to their groups here only; group-to-group links come from the hierarchy files too.
  const groupBroader = new Map<string, string[]>();
  for (const file of of('broaderRelationsSkillPillar')) {
    for await (const { cells } of readEscoCsv(file)) {
      const skill = data.skills.get(cells.conceptUri);
      if (skill) skill.broader.push(cells.broaderUri);
      else if (!cells.conceptType || /group/i.test(cells.conceptType))
        upsert(groupBroader, cells.conceptUri, () => []).push(cells.broaderUri);
    }
  }

  for (const file of of('skillGroups')) {
    for await (const { cells, line } of readEscoCsv(file)) {
      const group = upsert(data.groups, cells.conceptUri, () => concept(cells.conceptUri, cells.code || null, null, line));
      group.code ??= cells.code || null;
      addTexts(group, file.language, cells);
    }
  }
  for (const file of of('skillsHierarchy')) {
    for await (const { cells, line } of readEscoCsv(file)) {
      // One row per group: its path from the pillar (level 0) down to itself, deepest level last.
      const path = [0, 1, 2, 3].filter((level) => cells[`Level ${level} URI`]);
      const level = path[path.length - 1];
      const uri = cells[`Level ${level} URI`];
      const group = upsert(data.groups, uri, () => concept(uri, cells[`Level ${level} code`] || null, null, line));
      group.code ??= cells[`Level ${level} code`] || null;
      setText(group.label, file.language, cells[`Level ${level} preferred term`]);
      setText(group.description, file.language, cells.Description);
      setText(localizedExtra(group, 'scopeNote'), file.language, cells['Scope note']);
      if (path.length > 1 && !group.broader.includes(cells[`Level ${path[path.length - 2]} URI`]))
        group.broader.unshift(cells[`Level ${path[path.length - 2]} URI`]);
    }
  }
  for (const [uri, broader] of groupBroader)
    data.groups.get(uri)?.broader.push(...broader.filter((b) => !data.groups.get(uri)!.broader.includes(b)));

  const iscoCodes = new Set([...data.occupations.values()].map((occupation) => occupation.iscoGroup));
  for (const file of of('iscoGroups')) {
    for await (const { cells } of readEscoCsv(file)) {
      if (iscoCodes.has(cells.code))
        setText(
          upsert(data.iscoLabels, cells.code, () => ({})),
          file.language,
          cells.preferredLabel,
        );
    }
  }
  return data;
}

const kindOf = (skillType: string): ItemKind | null => (skillType === 'knowledge' ? 'knowledge' : skillType ? 'skill' : null);

function concept(uri: string, code: string | null, kind: ItemKind | null, line: number): EscoConcept {
  return { uri, code, kind, label: {}, description: {}, broader: [], extras: {}, line };
}

/** Labels and notes of one language; ESCO separates alternative labels with new lines (a " | " in collections). */
function addTexts(target: EscoConcept, language: Language | null, cells: Record<string, string>): void {
  setText(target.label, language, cells.preferredLabel);
  setText(target.description, language, cells.description || cells.definition);
  if (cells.description && cells.definition) setText(localizedExtra(target, 'definition'), language, cells.definition);
  setText(localizedExtra(target, 'scopeNote'), language, cells.scopeNote);
  for (const key of ['altLabels', 'hiddenLabels'] as const) {
    const labels = cells[key]
      ?.split(/\n| \| /)
      .map((label) => label.trim())
      .filter(Boolean);
    if (labels?.length && language) ((target.extras[key] ??= {}) as Partial<Record<Language, string[]>>)[language] = labels;
  }
}

/** A per-language note kept in extras (created empty; the model drops empty ones). */
const localizedExtra = (target: EscoConcept, key: string): LocalizedText => (target.extras[key] ??= {}) as LocalizedText;

function setText(text: LocalizedText, language: Language | null, value: string | undefined): void {
  if (language && value && !text[language]) text[language] = value;
}

function upsert<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = create()));
  return value;
}
