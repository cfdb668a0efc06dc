// The ESCO classification CSV files this service reads, the multipart field each one arrives in, and the columns it uses.
// The language of a file is in its field name (occupations_fr): ESCO's headers are the same in every language.
import { LANGUAGES, type Language } from '../../common/localized-text.js';
import type { StoredFile } from '../upload.js';

/** Files that exist once per language. */
export const LANGUAGE_FILE_KINDS = ['occupations', 'skills', 'skillsHierarchy', 'skillGroups', 'iscoGroups'] as const;
/** Files that hold URIs and codes only. */
export const SHARED_FILE_KINDS = ['occupationSkillRelations', 'broaderRelationsSkillPillar'] as const;
export type EscoFileKind = (typeof LANGUAGE_FILE_KINDS)[number] | (typeof SHARED_FILE_KINDS)[number];

export const ESCO_FILE_FIELDS: string[] = [
  ...LANGUAGE_FILE_KINDS.flatMap((kind) => LANGUAGES.map((lang) => `${kind}_${lang}`)),
  ...SHARED_FILE_KINDS,
];

/** A file received on disk, with what its field says it is. */
export interface EscoFile extends StoredFile {
  kind: EscoFileKind;
  language: Language | null;
}

/** Column names as ESCO 1.2 writes them; matched ignoring case and spaces, in any order. */
export const ESCO_COLUMNS: Record<EscoFileKind, { required: string[]; optional: string[] }> = {
  occupations: {
    required: ['conceptUri', 'preferredLabel', 'iscoGroup'],
    optional: [
      'code',
      'altLabels',
      'hiddenLabels',
      'status',
      'modifiedDate',
      'regulatedProfessionNote',
      'scopeNote',
      'definition',
      'description',
    ],
  },
  skills: {
    required: ['conceptUri', 'preferredLabel'],
    optional: ['skillType', 'reuseLevel', 'altLabels', 'hiddenLabels', 'status', 'modifiedDate', 'scopeNote', 'definition', 'description'],
  },
  skillsHierarchy: {
    required: ['Level 0 URI', 'Level 0 preferred term'],
    optional: [
      'Level 1 URI',
      'Level 1 preferred term',
      'Level 2 URI',
      'Level 2 preferred term',
      'Level 3 URI',
      'Level 3 preferred term',
      'Description',
      'Scope note',
      'Level 0 code',
      'Level 1 code',
      'Level 2 code',
      'Level 3 code',
    ],
  },
  skillGroups: {
    required: ['conceptUri', 'preferredLabel'],
    optional: ['code', 'altLabels', 'status', 'modifiedDate', 'scopeNote', 'description'],
  },
  iscoGroups: { required: ['code', 'preferredLabel'], optional: ['conceptUri', 'description'] },
  occupationSkillRelations: { required: ['occupationUri', 'relationType', 'skillUri'], optional: ['skillType'] },
  broaderRelationsSkillPillar: { required: ['conceptUri', 'broaderUri'], optional: ['conceptType', 'broaderType'] },
};

export function describeUpload(upload: StoredFile): EscoFile {
  const [kind, language] = upload.field.split('_') as [EscoFileKind, Language | undefined];
  return { ...upload, kind, language: language ?? null };
}

/**
 * The ESCO release the files come from, when their original names tell (ESCO names its downloads e.g.
 * "ESCO dataset - v1.2.0 - classification - en - csv"); undefined when none or several releases are named.
 */
export function releaseNamedIn(uploads: StoredFile[]): { release?: string; conflicting: string[] } {
  const found = new Set(
    uploads.map((upload) => /v(\d+\.\d+(?:\.\d+)?)/i.exec(upload.originalName)?.[1]).filter((release): release is string => !!release),
  );
  return found.size === 1 ? { release: [...found][0], conflicting: [] } : { conflicting: [...found].sort() };
}
