// Bad input never answers 5xx: every operation of the app's own OpenAPI document gets bounded mutations of a
// valid-shaped request (bodies, query and path parameters, multipart forms), as an administrator and anonymously.
// The seed is fixed, so a failure names the operation and the input and replays the same way.
import type { Test } from 'supertest';
import { CatalogueFactory, expectStatus, Factory, type Person } from './support/factories.js';
import {
  BODY_VALUES,
  FIELD_VALUES,
  fieldPaths,
  multipartBodies,
  type Mutation,
  type OpenApiDocument,
  type Operation,
  PATH_VALUES,
  pick,
  QUERY_VALUES,
  sample,
  withField,
} from './support/openapi-fuzz.js';
import { seededRandom } from '../src/common/testing/seeded-random.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const SEED = 20260311;
const FIELDS_PER_VALUE = 2;
const QUERY_VALUES_PER_PARAM = 3;
const PATH_VALUES_PER_PARAM = 1;
const ANY_ID = '0b7c6a52-8f7d-4a8e-9d61-3f1e2b7a9c10';
const bearer = { type: 'bearer' as const };

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
// Operations that change what the others read run last (deleting or publishing the seeded rows).
const LATE = /(delete|publish|retire|rotation|versions)/i;

describe('fuzz of every operation of the OpenAPI document', () => {
  let ctx: TestApp;
  let admin: Person;
  let ids: Record<string, string>;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    ctx = await startTestApp({ LOGIN_MAX_FAILURES: '1000', LOGIN_ACCOUNT_MAX_FAILURES: '2000', LOGIN_ADDRESS_MAX_FAILURES: '5000' });
    const factory = new Factory(ctx);
    admin = await factory.admin();
    const school = await factory.newInstitution();
    const hr = await factory.newHrManager(school.id);
    const published = await factory.newFramework(hr, { publish: true });
    const framework = await factory.newFramework(hr, { version: '2027.1' });
    const module = await new CatalogueFactory(ctx).newModule(school.id, 'GC-SSE', 21, [{ itemId: published.items.planBlanc.id, level: 2 }]);
    const session = await new CatalogueFactory(ctx).newSession(module.id, school.id);
    const newProfile = async (code: string) => {
      const response = await ctx.http
        .post('/job-profiles')
        .auth(hr.token, bearer)
        .send({ code, version: '2026.1', title: { fr: 'Directeur' }, requirements: [{ itemId: published.items.planBlanc.id, level: 2 }] });
      expectStatus(response, 201);
      return response.body.id as string;
    };
    const director = await newProfile('DIR-01');
    expectStatus(await ctx.http.post(`/job-profiles/${director}/publish`).auth(hr.token, bearer), 200);
    const profile = { body: { id: await newProfile('DSI-01') } };
    const learner = await ctx.http
      .post('/learners')
      .auth(hr.token, bearer)
      .send({ givenName: 'Nadia', familyName: 'Benkhelifa', currentProfileId: director });
    expectStatus(learner, 201);
    const enrolment = await ctx.http
      .post(`/sessions/${session.id}/enrolments`)
      .auth(admin.token, bearer)
      .send({ learnerId: learner.body.id });
    expectStatus(enrolment, 201);
    ids = {
      institutions: school.id,
      frameworks: framework.id,
      'job-profiles': profile.body.id,
      modules: module.id,
      sessions: session.id,
      learners: learner.body.id,
      enrolments: enrolment.body.id,
      itemId: framework.items.planBlanc.id,
      scaleId: framework.scaleId,
      slug: school.slug,
      sourcedId: framework.identifier,
      institutionId: school.id,
      ownerInstitutionId: school.id,
      employerInstitutionId: school.id,
      awardingInstitutionIds: school.id,
      moduleId: module.id,
      learnerId: learner.body.id,
      enrolmentId: enrolment.body.id,
      profileId: director,
      currentProfileId: director,
      targetProfileId: director,
      parentId: framework.items.domain.id,
      destinationItemId: framework.items.cellule.id,
      sessionId: session.id,
    };
    doc = (await ctx.http.get('/docs-json').expect(200)).body;
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const idFor = (name: string): string => ids[name] ?? ANY_ID;

  /** The route's path with real ids: `{id}` takes the row of the collection it follows. */
  const realPath = (template: string): string =>
    template.replace(/\{(\w+)\}/g, (_, name: string, offset: number) => {
      if (name !== 'id') return idFor(name);
      const collection = template.slice(0, offset).split('/').filter(Boolean).pop()!;
      return ids[collection] ?? ANY_ID;
    });

  function mutations(template: string, method: Method, operation: Operation, random: () => number): Mutation[] {
    const path = realPath(template);
    const out: Mutation[] = [{ label: 'valid-shaped', path }];
    for (const param of operation.parameters?.filter((p) => p.in === 'path') ?? []) {
      for (const value of [...PATH_VALUES.always, ...pick(random, PATH_VALUES.some, PATH_VALUES_PER_PARAM)]) {
        out.push({ label: `path ${param.name}=${value.slice(0, 40)}`, path: realPath(template.replace(`{${param.name}}`, value)) });
      }
    }
    for (const param of operation.parameters?.filter((p) => p.in === 'query') ?? []) {
      for (const value of [...QUERY_VALUES.always, ...pick(random, QUERY_VALUES.some, QUERY_VALUES_PER_PARAM)]) {
        out.push({ label: `query ${param.name}=${value.slice(0, 40)}`, path: `${path}?${param.name}=${value}` });
      }
      out.push({ label: `query ${param.name} twice`, path: `${path}?${param.name}=1&${param.name}=2` });
    }
    const content = operation.requestBody?.content ?? {};
    const form = content['multipart/form-data']?.schema;
    if (form) {
      const fields = Object.entries(form.properties ?? {});
      const fileField = fields.find(([, schema]) => schema.format === 'binary')![0];
      const textFields = fields.filter(([, schema]) => schema.format !== 'binary').map(([name]) => name);
      for (const body of multipartBodies(fileField, textFields))
        out.push({ label: `multipart: ${body.label}`, path, raw: { contentType: body.contentType, body: body.body } });
      return out;
    }
    if (method === 'get') return out;
    for (const body of BODY_VALUES) out.push({ label: body.label, path, raw: { contentType: 'application/json', body: body.body } });
    const schema = content['application/json']?.schema;
    if (!schema) return out;
    const valid = sample(doc, schema, 'body', idFor);
    const minimal = sample(doc, schema, 'body', idFor, true);
    out.push(
      { label: 'valid-shaped body', path, json: valid, fieldLevel: true },
      { label: 'required fields only', path, json: minimal, fieldLevel: true },
    );
    const paths = fieldPaths(valid);
    for (const value of FIELD_VALUES) {
      for (const field of value.everyField ? paths : pick(random, paths, FIELDS_PER_VALUE)) {
        out.push({
          label: `${field.join('.')} = ${value.label}`,
          path,
          fieldLevel: true,
          raw: { contentType: 'application/json', body: withField(minimal, valid, field, value) },
        });
      }
    }
    return out;
  }

  const send = (method: Method, mutation: Mutation, token?: string): Test => {
    const request: Test = ctx.http[method](mutation.path);
    if (token) request.auth(token, bearer);
    if (mutation.raw) return request.set('content-type', mutation.raw.contentType).send(mutation.raw.body);
    return mutation.json === undefined ? request : request.send(mutation.json as object);
  };

  it('answers every mutation of every operation without a server error', async () => {
    const random = seededRandom(SEED);
    const operations = Object.entries(doc.paths).flatMap(([template, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ template, method: method as Method, operation })),
    );
    operations.sort((a, b) => Number(LATE.test(`${a.method} ${a.template}`)) - Number(LATE.test(`${b.method} ${b.template}`)));
    expect(operations.length).toBeGreaterThan(100);

    const failures: string[] = [];
    let sent = 0;
    const started = Date.now();
    for (const { template, method, operation } of operations) {
      // Anonymous callers of a secured route stop at the guard, after the body parser and before validation.
      const secured = Boolean(operation.security?.length);
      for (const mutation of mutations(template, method, operation, random)) {
        for (const [who, token] of [
          ['admin', admin.token],
          ['anonymous', undefined],
        ] as const) {
          if (!token && secured && mutation.fieldLevel) continue;
          const response = await send(method, mutation, token);
          sent += 1;
          if (response.status >= 500) failures.push(`${response.status} ${method.toUpperCase()} ${template} as ${who}: ${mutation.label}`);
        }
      }
    }
    console.log(
      `fuzz: ${sent} requests to ${operations.length} operations in ${((Date.now() - started) / 1000).toFixed(1)} s, ${failures.length} server errors${failures.length ? `:\n${failures.join('\n')}` : ''}`,
    );
    expect(failures).toEqual([]);
  }, 300_000);
});
