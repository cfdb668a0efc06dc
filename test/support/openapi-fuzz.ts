// Valid-shaped requests built from the app's own OpenAPI document, and the bounded bad variants the fuzz sends:
// every class of input that once answered 500, plus wrong types, huge numbers and odd strings.

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export interface Operation {
  operationId: string;
  parameters?: { name: string; in: 'path' | 'query' | 'header'; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  security?: Record<string, string[]>[];
}

export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  minimum?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  nullable?: boolean;
}

/** One request to send: a label for the report, and the parts of the request. */
export interface Mutation {
  label: string;
  path: string;
  /** A JSON value, or a raw body with its content type. */
  json?: unknown;
  raw?: { contentType: string; body: string | Buffer };
  /** Reaches validation only: not worth sending anonymously to a secured route. */
  fieldLevel?: boolean;
}

export const pick = <T>(random: () => number, list: T[], count: number): T[] => {
  const copy = [...list];
  const out: T[] = [];
  while (out.length < count && copy.length) out.push(copy.splice(Math.floor(random() * copy.length), 1)[0]);
  return out;
};

export const DEPTH = 5000;
const deepArray = '['.repeat(DEPTH) + ']'.repeat(DEPTH);
const deepObject = '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH);
const PLACEHOLDER = '"__fuzz_placeholder__"';

/**
 * Values that replace one field of a valid body (a raw JSON literal where JSON.stringify cannot say it). The classes
 * that once answered 500 go into every field; the others into a few fields picked by the seed.
 */
export const FIELD_VALUES: { label: string; value?: unknown; literal?: string; everyField?: boolean }[] = [
  { label: 'null', value: null, everyField: true },
  { label: 'NUL in a string', value: 'Plan\u0000blanc', everyField: true },
  { label: 'lone high surrogate', value: 'a\ud800b', everyField: true },
  { label: 'lone low surrogate', value: '\udc00' },
  { label: 'bidi controls', value: '\u202eevil\u202c\u2066x\u2069' },
  { label: 'empty string', value: '' },
  { label: 'oversized string', value: 'x'.repeat(100_000) },
  { label: 'huge integer', literal: '99999999999999999999' },
  { label: 'huge float', literal: '1e308' },
  { label: 'negative', value: -1 },
  { label: 'fraction', value: 1.5 },
  { label: 'boolean', value: true },
  { label: 'number for text', value: 12 },
  { label: 'array', value: ['x'] },
  { label: 'object', value: { fr: 'x' } },
  { label: 'localized text with null', value: { fr: null, ar: null }, everyField: true },
  { label: 'nested 5000 deep', literal: deepArray, everyField: true },
];

/** Whole JSON bodies, for every route that takes one (the body parser runs before the route's guard). */
export const BODY_VALUES: { label: string; body: string }[] = [
  { label: 'body nested 5000 deep (arrays)', body: deepArray },
  { label: 'body nested 5000 deep (objects)', body: deepObject },
  { label: 'body with NUL', body: '{"slug":"a\\u0000b","email":"a\\u0000@b.example","title":{"fr":"\\u0000"}}' },
  { label: 'body with lone surrogate', body: '{"email":"\\ud800@x.example","password":"x","name":{"ar":"\\udfff"}}' },
  { label: 'NUL in a key', body: '{"a\\u0000":1}' },
  { label: 'truncated JSON', body: '{"title":{"fr":"x"' },
  { label: 'array body', body: '[{}]' },
];

/** Query and path values: the first ones go to every parameter, a few of the rest are picked by the seed. */
export const QUERY_VALUES = {
  always: ['99999999999999999999', '%00', '%ED%A0%80'],
  some: ['1e400', '-1', '1.5', 'abc', '', '%F0%9F%98%80', 'x'.repeat(3000), '0x10', '2026-02-30', '%E2%80%AE'],
};
export const PATH_VALUES = {
  always: ['%00', '%ED%A0%80'],
  some: [
    'x'.repeat(3000),
    '-1',
    '99999999999999999999',
    '%E2%80%AE',
    'ZZZZZZZZ-8f7d-4a8e-9d61-3f1e2b7a9c10',
    '0b7c6a52-8f7d-4a8e-9d61-3f1e2b7a9c1%00',
  ],
};

const resolve = (doc: OpenApiDocument, schema: Schema): Schema => {
  if (schema.$ref) return resolve(doc, doc.components.schemas[schema.$ref.split('/').pop()!]);
  if (schema.allOf)
    return { ...schema.allOf.map((part) => resolve(doc, part)).reduce((a, b) => ({ ...a, ...b }), {}), ...schema, allOf: undefined };
  return schema;
};

/**
 * A valid-shaped value: the schema's example, else one from its type; ids come from `idFor` (real rows). With
 * `requiredOnly`, an object gets its required properties only.
 */
export function sample(
  doc: OpenApiDocument,
  schema: Schema,
  name: string,
  idFor: (name: string) => string,
  requiredOnly = false,
  depth = 0,
): unknown {
  const s = resolve(doc, schema);
  if (s.example !== undefined) return s.example;
  if (s.format === 'uuid') return idFor(name);
  if (s.enum?.length) return s.enum[0];
  if (s.format === 'date') return '2026-03-16';
  if (s.format === 'date-time') return '2026-03-16T09:00:00Z';
  if (s.type === 'array') return depth > 4 ? [] : [sample(doc, s.items ?? {}, name, idFor, requiredOnly, depth + 1)];
  if (s.properties) {
    const properties = Object.entries(s.properties).filter(([key]) => !requiredOnly || s.required?.includes(key));
    return Object.fromEntries(properties.map(([key, property]) => [key, sample(doc, property, key, idFor, requiredOnly, depth + 1)]));
  }
  if (s.type === 'number' || s.type === 'integer') return s.default ?? s.minimum ?? 1;
  if (s.type === 'boolean') return s.default ?? false;
  if (s.type === 'object')
    return {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      credentialSubject: { name: 'Plan blanc' },
    };
  return s.default ?? 'Plan blanc';
}

/** Paths to every value of a sample, objects and array items included (["title", "fr"], ["levels", 0, "rank"]). */
export function fieldPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((item, index) => [[...prefix, index], ...fieldPaths(item, [...prefix, index])]);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [[...prefix, key], ...fieldPaths(item, [...prefix, key])]);
  }
  return [];
}

/**
 * The minimal body with the full sample's top-level field of `path`, and the field at `path` replaced, as JSON text (a
 * literal is spliced in where JSON.stringify cannot say it).
 */
export function withField(
  minimal: unknown,
  full: unknown,
  path: (string | number)[],
  replacement: { value?: unknown; literal?: string },
): string {
  const top = path[0] as string;
  const copy = structuredClone({ ...(minimal as object), [top]: (full as Record<string, unknown>)[top] }) as Record<
    string | number,
    unknown
  >;
  let target = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
  target[path[path.length - 1]] = replacement.literal === undefined ? replacement.value : JSON.parse(PLACEHOLDER);
  const text = JSON.stringify(copy);
  return replacement.literal === undefined ? text : text.replace(PLACEHOLDER, replacement.literal);
}

/** Multipart bodies that are malformed, or well formed with odd content (boundary `fuzz`). */
export function multipartBodies(fileField: string, textFields: string[]): { label: string; contentType: string; body: Buffer }[] {
  const type = 'multipart/form-data; boundary=fuzz';
  const part = (name: string, content: string | Buffer, filename?: string) =>
    Buffer.concat([
      Buffer.from(
        `--fuzz\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ''}\r\n${filename ? 'Content-Type: application/octet-stream\r\n' : ''}\r\n`,
      ),
      Buffer.from(content),
      Buffer.from('\r\n'),
    ]);
  const end = Buffer.from('--fuzz--\r\n');
  const file = (content: string | Buffer, filename = 'file.csv') => part(fileField, content, filename);
  const text = textFields[0];
  const bodies = [
    { label: 'no boundary', contentType: 'multipart/form-data', body: Buffer.concat([file('a,b\r\n'), end]) },
    { label: 'boundary never found', contentType: type, body: Buffer.from('garbage that is not multipart at all') },
    {
      label: 'truncated part',
      contentType: type,
      body: Buffer.from(`--fuzz\r\nContent-Disposition: form-data; name="${fileField}"; filename="a.csv"\r\n\r\nname,level\r\nx`),
    },
    {
      label: 'part without headers end',
      contentType: type,
      body: Buffer.from('--fuzz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"'),
    },
    {
      label: 'part without a name',
      contentType: type,
      body: Buffer.from('--fuzz\r\nContent-Disposition: form-data\r\n\r\nx\r\n--fuzz--\r\n'),
    },
    {
      label: 'no Content-Disposition',
      contentType: type,
      body: Buffer.from('--fuzz\r\nContent-Type: text/plain\r\n\r\nx\r\n--fuzz--\r\n'),
    },
    { label: 'empty body', contentType: type, body: Buffer.alloc(0) },
    { label: 'only the closing boundary', contentType: type, body: end },
    { label: 'empty file', contentType: type, body: Buffer.concat([file(''), end]) },
    {
      label: 'binary file',
      contentType: type,
      body: Buffer.concat([
        file(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0xff, 0xfe, 0x00])),
        end,
      ]),
    },
    { label: 'NUL in the file', contentType: type, body: Buffer.concat([file('idnumber,shortname\r\na\u0000,b\u0000\r\n'), end]) },
    {
      label: 'JSON file with NUL and lone surrogate',
      contentType: type,
      body: Buffer.concat([file('{"CFDocument":{"title":"\\u0000\\ud800","identifier":"x"}}', 'package.json'), end]),
    },
    { label: 'JSON file nested 5000 deep', contentType: type, body: Buffer.concat([file(deepArray, 'deep.json'), end]) },
    { label: 'file in a field of another name', contentType: type, body: Buffer.concat([part('other', 'x', 'x.csv'), end]) },
    { label: 'same file field twice', contentType: type, body: Buffer.concat([file('a'), file('b'), end]) },
    { label: 'filename with NUL and bidi', contentType: type, body: Buffer.concat([file('a,b\r\n', 'a\u0000\u202e.csv'), end]) },
    { label: 'field named __proto__', contentType: type, body: Buffer.concat([part('__proto__', 'x'), file('a'), end]) },
    { label: 'JSON to a multipart route', contentType: 'application/json', body: Buffer.from('{"file":"x"}') },
  ];
  if (text) {
    for (const [label, value] of [
      ['NUL', 'a\u0000b'],
      ['oversized', 'x'.repeat(100_000)],
      ['huge number', '99999999999999999999'],
      ['bidi', '\u202e1'],
    ]) {
      bodies.push({
        label: `${label} in the text field ${text}`,
        contentType: type,
        body: Buffer.concat([part(text, value), file('a,b\r\n'), end]),
      });
    }
  }
  return bodies;
}
