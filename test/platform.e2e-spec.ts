// Health, OpenAPI contract, error shape, schema drift and the rule that every route declares its roles.
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ModulesContainer } from '@nestjs/core';
import { ALLOW_KEY } from '../src/auth/roles.js';
import { Factory } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('platform', () => {
  let ctx: TestApp;
  beforeAll(async () => {
    ctx = await startTestApp();
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('health answers with the database kind', async () => {
    const response = await ctx.http.get('/health').expect(200);
    expect(response.body).toEqual({ status: 'ok', database: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite' });
  });

  it('migrations leave nothing for the entities to change', async () => {
    const pending = await ctx.database.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('a query outside the open transaction fails at once instead of deadlocking the embedded database', async () => {
    const { dataSource } = ctx.database;
    await expect(dataSource.transaction(async () => dataSource.query('SELECT 1'))).rejects.toThrow(/outside the open transaction/);
    await expect(dataSource.transaction(async (manager) => manager.query('SELECT 1 AS one'))).resolves.toEqual([{ one: 1 }]);
  });

  it('every route declares a role rule', () => {
    const missing: string[] = [];
    for (const module of ctx.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const controller = wrapper.metatype as { prototype: Record<string, unknown>; name: string };
        for (const name of Object.getOwnPropertyNames(controller.prototype)) {
          const handler = controller.prototype[name] as object;
          if (name === 'constructor' || Reflect.getMetadata('method', handler) === undefined) continue;
          if (!Reflect.getMetadata(ALLOW_KEY, handler) && !Reflect.getMetadata(ALLOW_KEY, controller))
            missing.push(`${controller.name}.${name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('publishes an OpenAPI document whose request bodies all have a schema', async () => {
    const { body: doc } = await ctx.http.get('/docs-json').expect(200);
    expect(doc.openapi).toMatch(/^3\./);
    const operations = Object.entries(
      doc.paths as Record<string, Record<string, { requestBody?: { content: Record<string, { schema?: unknown }> } }>>,
    ).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
    );
    expect(operations.length).toBeGreaterThan(30);
    // Actions that take no input (publish, sign, start a batch, rotate a key, accept an enrolment) are the only writes without a body.
    const writes = operations.filter(
      ({ route, operation }) =>
        /^(POST|PUT|PATCH) /.test(route) &&
        !/\/(publish|retire|signatures|credential-batches|rotation|acceptance)$/.test(route) &&
        operation.requestBody === undefined,
    );
    expect(writes.map((write) => write.route)).toEqual([]);
    for (const { operation } of operations) {
      for (const media of Object.values(operation.requestBody?.content ?? {})) expect(media.schema).toBeDefined();
    }
    expect(doc.components.schemas.CreateFrameworkDto.required).toEqual(expect.arrayContaining(['title', 'version']));
  });

  it('errors share one problem-details shape', async () => {
    const admin = await new Factory(ctx).admin();
    const malformed = await ctx.http
      .post('/institutions')
      .auth(admin.token, { type: 'bearer' })
      .set('Content-Type', 'application/json')
      .send('{"slug": ');
    expect(malformed.status).toBe(400);
    expect(malformed.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(malformed.body).toMatchObject({ status: 400, code: 'malformed_json', title: 'Bad Request' });
    for (const bare of ['3', '"text"', 'null']) {
      const refused = await ctx.http.post('/credentials/verify').set('Content-Type', 'application/json').send(bare);
      expect(refused.body).toMatchObject({ status: 400, code: 'malformed_json', detail: 'The request body must be a JSON object.' });
    }

    const unknown = await ctx.http.get('/frameworks/0b7c6a52-8f7d-4a8e-9d61-3f1e2b7a9c10').expect(404);
    expect(unknown.body).toMatchObject({ status: 404, code: 'not_found' });

    const badId = await ctx.http.get('/frameworks/not-a-uuid').expect(400);
    expect(badId.body.errors).toEqual([{ field: 'id', reason: 'must be a UUID' }]);

    const tooLarge = await ctx.http
      .post('/institutions')
      .auth(admin.token, { type: 'bearer' })
      .send({ slug: 'x', name: { fr: 'x'.repeat(2_000_000) } });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.code).toBe('payload_too_large');
    expect(tooLarge.body.detail).toBe('The request body is too large.');
    const xml = await ctx.http.post('/credentials/verify').set('Content-Type', 'application/xml').send('<credential/>');
    expect(xml.body).toMatchObject({
      status: 415,
      code: 'unsupported_media_type',
      detail: 'This route does not take a body of this Content-Type; send application/json.',
    });

    const latin1 = await ctx.http.post('/credentials/verify').set('Content-Type', 'application/json; charset=iso-8859-1').send('{}');
    expect(latin1.body).toMatchObject({ status: 415, code: 'unsupported_encoding' });
  });

  it('reads JSON-LD bodies as JSON, an empty JSON body as an empty object', async () => {
    const ldJson = await ctx.http
      .post('/credentials/verify')
      .set('Content-Type', 'application/ld+json')
      .send(JSON.stringify({ verifiableCredential: { type: ['VerifiableCredential'] } }));
    expect(ldJson.status).toBe(400);
    expect(ldJson.body).toMatchObject({ verified: false, errors: [{ code: 'MALFORMED_CREDENTIAL' }] });
    const empty = await ctx.http.post('/credentials/verify').set('Content-Type', 'application/json').send('');
    expect(empty.body).toMatchObject({
      status: 400,
      errors: [{ field: 'verifiableCredential', reason: 'verifiableCredential must be an object' }],
    });
  });

  it('takes an upload in its named field only, and leaves no temporary file behind a refused one', async () => {
    const otherField = await ctx.http.post('/verifications').attach('document', Buffer.from('{}'), 'credential.json');
    expect(otherField.status).toBe(400);
    expect(otherField.body.errors).toEqual([{ field: 'document', reason: 'unexpected file: send it in the field "file"' }]);
    const twice = await ctx.http
      .post('/verifications')
      .attach('file', Buffer.from('{}'), 'a.json')
      .attach('file', Buffer.from('{}'), 'b.json');
    expect(twice.status).toBe(400);
    const none = await ctx.http.post('/verifications').field('note', 'no file');
    expect(none.body).toMatchObject({ status: 400, errors: [{ field: 'file' }] });

    // The ESCO import writes its files to disk: refused part-way (a field it does not take), what was written goes.
    const hr = await new Factory(ctx).newHrManager();
    const uploads = () => readdirSync(tmpdir()).filter((name) => name.startsWith('upload-')).length;
    const before = uploads();
    const refused = await ctx.http
      .post('/framework-imports/esco')
      .auth(hr.token, { type: 'bearer' })
      .attach('skills_fr', Buffer.from('conceptUri,preferredLabel\n'), 'skills_fr.csv')
      .attach('photo', Buffer.from('x'), 'photo.png');
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: 'photo', reason: 'unexpected file field, or the same field twice' }]);
    expect(uploads()).toBe(before);
    // Received whole, then refused for a form field before the import runs: the files go all the same.
    const badField = await ctx.http
      .post('/framework-imports/esco')
      .auth(hr.token, { type: 'bearer' })
      .attach('skills_fr', Buffer.from('conceptUri,preferredLabel\n'), 'skills_fr.csv')
      .field('ownerInstitutionId', 'not-a-uuid');
    expect(badField.status).toBe(400);
    expect(uploads()).toBe(before);
  });
});
