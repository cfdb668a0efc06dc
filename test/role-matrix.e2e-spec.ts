// Walks every route as anonymous, admin, HR manager, registrar and learner: the guard must enforce each route's
// declared roles, and the declared roles of the main route groups must be the intended ones. Then every operation of
// the OpenAPI document on objects owned by school A or learner X, as eight callers: the allow/deny table of
// test/support/access-table.ts, one row per permission.
import type { RequestMethod } from '@nestjs/common';
import type { Test } from 'supertest';
import { ModulesContainer } from '@nestjs/core';
import { ALLOW_KEY, type Audience, type Role } from '../src/auth/roles.js';
import { expectedAccess } from './support/access-table.js';
import { type AccessWorld, buildAccessWorld, type Caller, CALLERS } from './support/access-world.js';
import { Factory, type Person } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

type Method = 'get' | 'post' | 'put' | 'delete' | 'patch';
const METHODS: Partial<Record<RequestMethod, Method>> = { 0: 'get', 1: 'post', 2: 'put', 3: 'delete', 4: 'patch' };
const ANY_ID = '0b7c6a52-8f7d-4a8e-9d61-3f1e2b7a9c10';

interface Route {
  method: Method;
  path: string;
  audiences: Audience[];
}

/** The intended rule of each route group; a route in a group must declare exactly these roles. */
const INTENDED: [RegExp, Audience[]][] = [
  [/^GET \/institutions\/:id\/team-gaps/, ['admin', 'hr_manager']],
  [/^GET \/institutions\/:id\/credentials\/awaiting-signature$/, ['admin', 'registrar']],
  [/^POST \/credentials\/(certificates|diplomas)$/, ['admin', 'registrar']],
  [/^POST \/credentials\/:id\/signatures$/, ['registrar']],
  [/^GET \/(credentials\/:id(\/download)?|learners\/:id\/credentials)$/, ['admin', 'hr_manager', 'registrar', 'learner']],
  [/^POST \/(credentials|presentations)\/verify$/, ['public']],
  [/^POST \/issuers\/:slug\/credentials\/(issue|status)$/, ['admin', 'registrar']],
  [/^(POST \/sessions\/:id\/credential-batches|GET \/credential-batches\/:id)$/, ['admin', 'registrar']],
  [/^(GET|POST) \/institutions\/:id\/issuer-keys(\/rotation)?$/, ['admin', 'registrar']],
  [/^GET \/(issuers\/:slug\/did\.json|status-lists\/:id\/(revocation|suspension))$/, ['public']],
  [/^GET \/audit-events$/, ['admin', 'registrar']],
  [/^GET \/learners/, ['admin', 'hr_manager', 'registrar', 'learner']],
  [/^POST \/learners$/, ['admin', 'hr_manager']],
  [/^POST \/learners\/:id\/evidence$/, ['admin', 'hr_manager', 'registrar']],
  [/^POST \/sessions\/:id\/enrolments$/, ['admin', 'hr_manager', 'registrar']],
  [/^POST \/enrolments\/:id\/acceptance$/, ['admin', 'hr_manager', 'registrar', 'learner']],
  [/^PATCH \/learners\/:id$/, ['admin', 'hr_manager']],
  [
    /^(GET|POST|PATCH) \/(sessions\/:id\/(enrolments|assessments|questionnaire-comparison)|enrolments\/:id|results-imports)$/,
    ['admin', 'registrar'],
  ],
  [/^GET \/(health|institutions|frameworks|framework-items|job-profiles)/, ['public']],
  [/^POST \/auth\/login$/, ['public']],
  [/^GET \/auth\/me$/, ['admin', 'hr_manager', 'registrar', 'learner']],
  [/^(GET|POST) \/users$/, ['admin']],
  [/^PUT \/institutions\/:id\/logo$/, ['admin', 'registrar']],
  [/^(POST|PATCH) \/institutions/, ['admin']],
  [/^(POST|PATCH|PUT|DELETE) \/(frameworks|job-profiles|framework-imports)/, ['admin', 'hr_manager']],
  [/^GET \/(modules|programmes|sessions)(\/:id)?$/, ['public']],
  [/^(POST|PATCH|PUT|DELETE) \/(modules|programmes|sessions)(\/:id(\/outcomes)?)?$/, ['admin', 'registrar']],
];

function routes(ctx: TestApp): Route[] {
  const found: Route[] = [];
  for (const module of ctx.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as { prototype: Record<string, object> };
      const base = String(Reflect.getMetadata('path', controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name];
        const method = Reflect.getMetadata('method', handler) as RequestMethod | undefined;
        if (name === 'constructor' || method === undefined) continue;
        if (!METHODS[method]) throw new Error(`${name}: add its HTTP method to this walk`);
        const path = `/${[base, String(Reflect.getMetadata('path', handler))].filter((part) => part && part !== '/').join('/')}`.replace(
          /\/+/g,
          '/',
        );
        found.push({
          method: METHODS[method]!,
          path,
          audiences: Reflect.getMetadata(ALLOW_KEY, handler) ?? Reflect.getMetadata(ALLOW_KEY, controller),
        });
      }
    }
  }
  return found;
}

describe('role matrix', () => {
  let ctx: TestApp;
  let people: Record<Role, Person>;
  beforeAll(async () => {
    ctx = await startTestApp();
    const factory = new Factory(ctx);
    const institution = await factory.newInstitution();
    people = {
      admin: await factory.admin(),
      hr_manager: await factory.newUser('hr_manager', institution.id),
      registrar: await factory.newUser('registrar', institution.id),
      learner: await factory.newUser('learner'),
    };
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('each route group declares its intended roles', () => {
    const wrong: string[] = [];
    for (const route of routes(ctx)) {
      const key = `${route.method.toUpperCase()} ${route.path}`;
      const rule = INTENDED.find(([pattern]) => pattern.test(key));
      if (rule && [...route.audiences].sort().join() !== [...rule[1]].sort().join())
        wrong.push(`${key}: declares ${route.audiences}, intended ${rule[1]}`);
    }
    expect(wrong).toEqual([]);
  });

  it('the guard lets in exactly the declared roles, and anonymous callers only on public routes', async () => {
    const violations: string[] = [];
    const all = routes(ctx);
    expect(all.length).toBeGreaterThan(30);
    for (const route of all) {
      const path = route.path.replace(/:[A-Za-z]+/g, ANY_ID);
      const key = `${route.method.toUpperCase()} ${route.path}`;
      const call = (token?: string) => {
        const request: Test = ctx.http[route.method](path);
        if (token) request.auth(token, { type: 'bearer' });
        // Empty bodies: allowed callers stop at validation or at an unknown id, so the walk writes nothing.
        return route.method === 'get' || route.method === 'delete' ? request : request.send({});
      };
      const anonymous = await call();
      const isPublic = route.audiences.includes('public');
      if (!isPublic && anonymous.status !== 401) violations.push(`${key} anonymous → ${anonymous.status}`);
      if (isPublic && [401, 403].includes(anonymous.status)) violations.push(`${key} anonymous → ${anonymous.status} on a public route`);
      for (const [role, person] of Object.entries(people) as [Role, Person][]) {
        const response = await call(person.token);
        const allowed = isPublic || route.audiences.includes(role);
        const refused = response.status === 403 && response.body.code === 'role_not_allowed';
        if (allowed === refused || response.status === 401 || response.status >= 500)
          violations.push(`${key} as ${role} → ${response.status} ${response.body.code ?? ''}`);
      }
    }
    expect(violations).toEqual([]);
  });
});

interface Operation {
  method: Method;
  path: string;
  pathParams: string[];
  query: string[];
  body?: { contentType: string; schema: Schema };
}
type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  minimum?: number;
  minItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
};

/** DELETE consumes its object: each caller gets a new one of the same owner. */
const FRESH: [RegExp, keyof AccessWorld['fresh']][] = [
  [/^DELETE \/frameworks\//, 'framework'],
  [/^DELETE \/job-profiles\//, 'profile'],
  [/^DELETE \/modules\//, 'module'],
  [/^DELETE \/programmes\//, 'programme'],
  [/^DELETE \/sessions\//, 'session'],
];
/** Bodies the schema alone does not describe well enough to pass validation (rules beyond the OpenAPI types). */
const BODIES: Record<string, (world: AccessWorld) => object> = {
  'POST /frameworks/{id}/scales': () => ({
    code: 'niveaux',
    title: { fr: 'Niveaux' },
    levels: [
      { rank: 1, code: 'n1', label: { fr: 'Notions' } },
      { rank: 2, code: 'n2', label: { fr: 'Pratique' } },
    ],
  }),
  'POST /frameworks/{id}/associations': (world) => ({
    originId: world.ids['/frameworks:itemId'],
    destinationUri: 'https://esco.example/skill/1',
    type: 'exactMatchOf',
  }),
};
const ONE_PIXEL_PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082',
  'hex',
);

describe('object-level access matrix, generated from the OpenAPI document', () => {
  let ctx: TestApp;
  let world: AccessWorld;
  let operations: Operation[];
  let components: Record<string, Schema>;
  beforeAll(async () => {
    ctx = await startTestApp({ VC_API_ISSUANCE: 'true' });
    world = await buildAccessWorld(ctx);
    const doc = (await ctx.http.get('/docs-json').expect(200)).body;
    components = doc.components.schemas;
    operations = Object.entries<Record<string, any>>(doc.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).map(([method, op]) => {
        const content = op.requestBody?.content as Record<string, { schema: Schema }> | undefined;
        const [contentType, media] = Object.entries(content ?? {})[0] ?? [];
        return {
          method: method as Method,
          path,
          pathParams: (op.parameters ?? []).filter((p: any) => p.in === 'path').map((p: any) => p.name),
          query: (op.parameters ?? []).filter((p: any) => p.in === 'query' && p.required).map((p: any) => p.name),
          body: contentType ? { contentType, schema: media!.schema } : undefined,
        };
      }),
    );
  });
  afterAll(async () => {
    await ctx?.close();
  });

  /** A value the validation accepts, from the schema: ids of the world's objects by field name, else examples. */
  const sample = (schema: Schema, name = ''): unknown => {
    if (schema.$ref?.endsWith('/LocalizedTextDto')) return { fr: 'Gestion de crise' };
    if (schema.$ref) return sample(components[schema.$ref.split('/').pop()!], name);
    if (schema.allOf) return sample(schema.allOf[0], name);
    if (world.fields[name] && (schema.format === 'uuid' || schema.type === 'string')) return world.fields[name];
    if (schema.example !== undefined) return schema.example;
    if (schema.enum) return schema.enum[0];
    if (schema.type === 'array') return Array.from({ length: schema.minItems ?? 0 }, () => sample(schema.items ?? {}, name));
    if (schema.type === 'object' || schema.properties) {
      return Object.fromEntries((schema.required ?? []).map((key) => [key, sample(schema.properties?.[key] ?? {}, key)]));
    }
    if (schema.type === 'integer' || schema.type === 'number') return schema.minimum ?? 1;
    if (schema.type === 'boolean') return false;
    if (schema.format === 'date') return '2026-03-09';
    if (schema.format === 'date-time') return '2026-03-09T09:00:00Z';
    return 'Gestion de crise';
  };

  const call = async (operation: Operation, caller: Caller) => {
    const key = `${operation.method.toUpperCase()} ${operation.path}`;
    const fresh = FRESH.find(([pattern]) => pattern.test(key));
    const ids = { ...world.ids, ...(fresh ? await world.fresh[fresh[1]]() : {}) };
    const prefix = `/${operation.path.split('/')[1]}`;
    const path = operation.path.replace(
      /\{(\w+)\}/g,
      (_, name: string) => ids[`${prefix}:${name}`] ?? ids[`:${name}`] ?? `missing-${name}`,
    );
    const query = Object.fromEntries(operation.query.map((name) => [name, world.fields[name] ?? 'x']));
    const request: Test = ctx.http[operation.method](path).query(query);
    if (caller !== 'anonymous') request.auth(world.people[caller].token, { type: 'bearer' });
    if (operation.body?.contentType === 'multipart/form-data')
      return request.attach('file', ONE_PIXEL_PNG, { filename: 'file.png', contentType: 'image/png' });
    if (operation.body) return request.send(BODIES[key]?.(world) ?? (sample(operation.body.schema) as object));
    return ['get', 'delete'].includes(operation.method) ? request : request.send({});
  };

  it('every operation answers each caller as its permission says', async () => {
    expect(operations.length).toBeGreaterThan(100);
    const violations: string[] = [];
    // Reads first, then writes, DELETE last; within an operation, callers to refuse before callers to let in.
    const rank = (op: Operation) => (({ get: 0, delete: 2 }) as Record<string, number>)[op.method] ?? 1;
    for (const operation of [...operations].sort((a, b) => rank(a) - rank(b))) {
      const key = `${operation.method.toUpperCase()} ${operation.path}`;
      const rule = expectedAccess(key);
      if (!rule) {
        violations.push(`${key}: no row in the access table`);
        continue;
      }
      const callers = [...CALLERS].sort((a, b) => Number(rule.allowed.includes(a)) - Number(rule.allowed.includes(b)));
      for (const caller of callers) {
        const response = await call(operation, caller);
        // A refusal: the guard's or the policy's 401/403, or the 404 of a record whose existence is private. On a public
        // route only the guard refuses (a CASE id of another kind is just absent; a wrong password is not a refusal).
        const denied = rule.public
          ? ['unauthenticated', 'invalid_token', 'role_not_allowed'].includes(response.body?.code)
          : [401, 403].includes(response.status) || (response.status === 404 && operation.pathParams.length > 0);
        const expected = rule.allowed.includes(caller);
        if (response.status >= 500 || denied === expected)
          violations.push(
            `${key} [${rule.permission}] as ${caller}: ${response.status} ${response.body?.code ?? ''}, expected ${expected ? 'allowed' : 'denied'}`,
          );
      }
    }
    expect(violations).toEqual([]);
  }, 300_000); // every operation × every caller, each over HTTP against PostgreSQL: minutes on a loaded machine
});
