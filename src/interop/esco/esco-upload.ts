// The multipart upload of an ESCO file set: one optional field per file, stored on disk (ESCO files run to tens of
// megabytes) under the IMPORT_MAX_BYTES limit per file, and the OpenAPI description of every field.
import { applyDecorators } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiPayloadTooLargeResponse,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { DiskUpload } from '../upload.js';
import { ESCO_FILE_FIELDS } from './esco-files.js';

const FILE_DESCRIPTIONS: Record<string, string> = {
  occupations: 'occupations_<lang>.csv',
  skills: 'skills_<lang>.csv (at least one language is required)',
  skillsHierarchy: 'skillsHierarchy_<lang>.csv (skill groups, levels 0 to 3)',
  skillGroups: 'skillGroups_<lang>.csv',
  iscoGroups: 'ISCOGroups_<lang>.csv (labels of the profiles’ families)',
  occupationSkillRelations: 'occupationSkillRelations.csv (occupationUri, relationType essential|optional, skillType, skillUri)',
  broaderRelationsSkillPillar: 'broaderRelationsSkillPillar.csv (links skills to their groups)',
};

export function EscoFilesUpload() {
  const files = Object.fromEntries(
    ESCO_FILE_FIELDS.map((field) => {
      const [kind, lang] = field.split('_');
      return [
        field,
        { type: 'string', format: 'binary', description: `ESCO ${FILE_DESCRIPTIONS[kind]}${lang ? `, in ${lang}` : ''}; UTF-8` },
      ];
    }),
  );
  return applyDecorators(
    DiskUpload(ESCO_FILE_FIELDS),
    ApiConsumes('multipart/form-data'),
    ApiBody({
      schema: {
        type: 'object',
        properties: {
          ...files,
          ownerInstitutionId: {
            type: 'string',
            format: 'uuid',
            description: 'Owner; defaults to the HR manager’s institution, required for an admin',
          },
          version: { type: 'string', description: 'Version label; defaults to the release named in the file names (e.g. v1.2.0)' },
          iscoGroups: {
            type: 'string',
            description: 'Comma list of ISCO-08 codes at any depth (e.g. "1342,2262"): only those occupations, their skills and groups',
          },
        },
      },
    }),
    ApiPayloadTooLargeResponse({ description: 'A file is larger than IMPORT_MAX_BYTES' }),
    ApiUnsupportedMediaTypeResponse({ description: 'A file is not UTF-8' }),
    ApiUnprocessableEntityResponse({ description: 'The files were read but refused; `errors` lists each problem' }),
  );
}
