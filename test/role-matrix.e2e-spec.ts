// Walks every route as anonymous, admin, HR manager, registrar and learner: the guard must enforce each route's
// declared roles, and the declared roles of the main route groups must be the intended ones.
import type { RequestMethod } from '@nestjs/common';
import type { Test } from 'supertest';
import { ModulesContainer } from '@nestjs/core';
import { ALLOW_KEY, type Audience, type Role } from '../src/auth/roles.js';
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
  [/^POST \/learners(\/:id\/evidence)?$/, ['admin', 'hr_manager', 'registrar']],
  [/^PATCH \/learners\/:id$/, ['admin', 'hr_manager']],
  [/^(GET|POST|PATCH) \/(sessions\/:id\/(enrolments|assessments|questionnaire-comparison)|enrolments\/:id|results-imports)$/, ['admin', 'registrar']],
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
        const path = `/${[base, String(Reflect.getMetadata('path', handler))].filter((part) => part && part !== '/').join('/')}`.replace(/\/+/g, '/');
        found.push({ method: METHODS[method]!, path, audiences: Reflect.getMetadata(ALLOW_KEY, handler) ?? Reflect.getMetadata(ALLOW_KEY, controller) });
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
  afterAll(async () => { await ctx?.close(); });

  it('each route group declares its intended roles', () => {
    const wrong: string[] = [];
    for (const route of routes(ctx)) {
      const key = `${route.method.toUpperCase()} ${route.path}`;
      const rule = INTENDED.find(([pattern]) => pattern.test(key));
      if (rule && [...route.audiences].sort().join() !== [...rule[1]].sort().join()) wrong.push(`${key}: declares ${route.audiences}, intended ${rule[1]}`);
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
        if (allowed === refused || response.status === 401 || response.status >= 500) violations.push(`${key} as ${role} → ${response.status} ${response.body.code ?? ''}`);
      }
    }
    expect(violations).toEqual([]);
  });
});
