// 1EdTech's OB 3.0 / CLR 2.0 JSON Schemas (bundled in test/fixtures/1edtech, see its README), compiled once for the
// specs that check what we issue against them.
import { Ajv2019, type ErrorObject, type ValidateFunction } from 'ajv/dist/2019.js';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import { readFileSync } from 'node:fs';

type Json = Record<string, any>;

const schemaFile = (name: string): Json => JSON.parse(readFileSync(new URL(`../fixtures/1edtech/${name}`, import.meta.url), 'utf8'));
const ACHIEVEMENT_SCHEMA = schemaFile('clr_v2p0_achievementcredential_schema.json');
const CLR_SCHEMA = schemaFile('clr_v2p0_clrcredential_schema.json');

// A CommonJS package: under native ESM its default import is the module object, whose `default` is the plugin.
const addFormats = (addFormatsModule as unknown as { default: FormatsPlugin }).default;
// The schemas are draft 2019-09 with tuple `items` (the @context's first entries): not strict mode's taste.
const ajv = new Ajv2019({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(ACHIEVEMENT_SCHEMA).addSchema(CLR_SCHEMA);
export const validators = {
  achievement: ajv.getSchema(ACHIEVEMENT_SCHEMA.$id) as ValidateFunction,
  clr: ajv.getSchema(CLR_SCHEMA.$id) as ValidateFunction,
  embeddedCredential: ajv.compile({ $ref: `${CLR_SCHEMA.$id}#/$defs/VerifiableCredential` }),
};

/** Schema errors as "path: message", empty when the credential is valid. */
export function schemaErrors(validate: ValidateFunction, credential: unknown): string[] {
  if (validate(credential)) return [];
  return (validate.errors ?? []).map((error: ErrorObject) => `${error.instancePath || '/'}: ${error.message}`);
}
