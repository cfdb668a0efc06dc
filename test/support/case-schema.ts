// The official CASE 1.1 CFPackage JSON schema (test/fixtures/case/), compiled once with ajv, for every export test.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const SCHEMA = JSON.parse(readFileSync(new URL('../fixtures/case/case-v1p1-cfpackage-schema.json', import.meta.url), 'utf8'));

const ajv = new Ajv2020({ allErrors: true, strict: true });
// ajv-formats is CommonJS: its function is the default export's default under native ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (
  ajv: Ajv2020,
) => void;
addFormats(ajv);
// The 1EdTech binding names the model's primitive types as formats; int32 is a range, float any number.
ajv.addFormat('int32', { type: 'number', validate: (value: number) => Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31 });
ajv.addFormat('float', { type: 'number', validate: () => true });
// The file names the 2020-12 meta-schema by its http:// spelling; ajv knows it by the https:// one.
const validate = ajv.compile({ ...SCHEMA, $schema: 'https://json-schema.org/draft/2020-12/schema' });

/** Where a package breaks the CASE 1.1 schema: `path: message` per error, empty when it is valid. */
export function caseSchemaErrors(pkg: unknown): string[] {
  if (validate(pkg)) return [];
  return (validate.errors ?? []).map(
    (error) =>
      `${error.instancePath || '/'}: ${error.message}${error.params && 'additionalProperty' in error.params ? ` (${error.params.additionalProperty})` : ''}`,
  );
}
