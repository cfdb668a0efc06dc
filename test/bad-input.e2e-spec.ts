// Bad input is refused where it enters, with a 400 naming the field and the reason (the fuzz spec checks that nothing
// answers 5xx; this one pins down what each class of input gets).
import { Factory, type Person } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const bearer = { type: 'bearer' as const };
const json = { 'content-type': 'application/json' };

describe('bad input at the boundary', () => {
  let ctx: TestApp;
  let admin: Person;
  let hr: Person;
  let school: { id: string; slug: string };
  let framework: { id: string };

  beforeAll(async () => {
    ctx = await startTestApp();
    const factory = new Factory(ctx);
    admin = await factory.admin();
    school = await factory.newInstitution({ slug: 'ensm-input' });
    hr = await factory.newHrManager(school.id);
    framework = await factory.newFramework(hr);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const problem = (response: { status: number; body: { code?: string; errors?: unknown } }) => ({
    status: response.status,
    code: response.body.code,
    errors: response.body.errors,
  });

  it('refuses JSON nested 5,000 deep on any route, signed in or not', async () => {
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    for (const [path, token] of [
      ['/auth/login', undefined],
      ['/frameworks', hr.token],
      ['/credentials/verify', undefined],
    ] as const) {
      const request = ctx.http.post(path).set(json);
      if (token) request.auth(token, bearer);
      expect(problem(await request.send(deep))).toEqual({
        status: 400,
        code: 'validation_failed',
        errors: [{ field: 'body', reason: 'JSON nested more than 64 levels deep' }],
      });
    }
  });

  it('names the field holding a NUL or a lone surrogate, login included', async () => {
    const nul = await ctx.http
      .patch(`/frameworks/${framework.id}`)
      .auth(hr.token, bearer)
      .set(json)
      .send('{"title":{"fr":"Gestion\\u0000de crise"}}');
    expect(problem(nul)).toEqual({
      status: 400,
      code: 'validation_failed',
      errors: [{ field: 'title.fr', reason: 'must not contain the NUL character (U+0000)' }],
    });
    const surrogate = await ctx.http.post('/auth/login').set(json).send('{"email":"\\ud800@chu.example","password":"x"}');
    expect(problem(surrogate)).toMatchObject({
      status: 400,
      errors: [{ field: 'email', reason: expect.stringContaining('lone surrogate') }],
    });
    const query = await ctx.http.get('/job-profiles?code=%00');
    expect(problem(query)).toEqual({
      status: 400,
      code: 'validation_failed',
      errors: [{ field: 'code', reason: 'must not contain the NUL character (U+0000)' }],
    });
  });

  it('reads a null the contract does not allow as absent, and keeps the nulls it declares', async () => {
    const renamed = await ctx.http
      .patch(`/institutions/${school.id}`)
      .auth(admin.token, bearer)
      .send({ slug: null, name: { fr: 'ENSM', ar: null } })
      .expect(200);
    expect(renamed.body).toMatchObject({ slug: 'ensm-input', name: { fr: 'ENSM' } });
    const profile = (
      await ctx.http
        .post('/job-profiles')
        .auth(hr.token, bearer)
        .send({ code: 'DIR-01', version: '2026.1', title: { fr: 'Directeur' }, family: { fr: 'Management' } })
        .expect(201)
    ).body;
    expect(
      (
        await ctx.http
          .patch(`/job-profiles/${profile.id}`)
          .auth(hr.token, bearer)
          .send({ family: { ar: null } })
          .expect(200)
      ).body.family,
    ).toBeNull();
    await ctx.http
      .patch(`/job-profiles/${profile.id}`)
      .auth(hr.token, bearer)
      .send({ family: { fr: 'Management' } })
      .expect(200);
    expect(
      (await ctx.http.patch(`/job-profiles/${profile.id}`).auth(hr.token, bearer).send({ family: null, title: null }).expect(200)).body,
    ).toMatchObject({ family: null, title: { fr: 'Directeur' } });
    expect(
      problem(
        await ctx.http
          .post('/institutions')
          .auth(admin.token, bearer)
          .send({ slug: null, kind: 'school', name: { fr: 'X' }, country: 'DZ' }),
      ),
    ).toMatchObject({ status: 400, errors: expect.arrayContaining([expect.objectContaining({ field: 'slug' })]) });
  });

  it('refuses an offset past PostgreSQL’s integer, in the CASE API too', async () => {
    expect(problem(await ctx.http.get('/frameworks?offset=99999999999999999999'))).toMatchObject({
      status: 400,
      errors: [{ field: 'offset' }],
    });
    expect((await ctx.http.get('/ims/case/v1p1/CFDocuments?offset=99999999999999999999')).status).toBe(400);
  });

  it('refuses a malformed multipart form on every upload route with 400', async () => {
    const routes: [string, 'post' | 'put', string][] = [
      [`/institutions/${school.id}/logo`, 'put', 'file'],
      ['/results-imports', 'post', 'file'],
      ['/verify', 'post', 'file'],
      ['/verifications', 'post', 'file'],
      ['/framework-imports/case', 'post', 'file'],
      ['/framework-imports/moodle', 'post', 'file'],
      ['/framework-imports/esco', 'post', 'skills_fr'],
    ];
    for (const [path, method, field] of routes) {
      const truncated = `--fuzz\r\nContent-Disposition: form-data; name="${field}"; filename="a.csv"\r\n\r\nname`;
      for (const [type, body] of [
        ['multipart/form-data', '--x\r\n'],
        ['multipart/form-data; boundary=fuzz', truncated],
      ]) {
        const response = await ctx.http[method](path).auth(admin.token, bearer).set('content-type', type).send(body);
        expect({ path, ...problem(response) }).toMatchObject({
          path,
          status: 400,
          errors: [{ field: 'body', reason: expect.stringContaining('not well-formed multipart/form-data') }],
        });
      }
    }
  });

  it('refuses a NUL in an uploaded text file with its line, and in a form field', async () => {
    const csv = 'Parent id number,Id number,Shortname\r\n,GC,Gestion de crise\r\n,GC-1,Plan\u0000blanc\r\n';
    const file = await ctx.http.post('/framework-imports/moodle').auth(hr.token, bearer).attach('file', Buffer.from(csv), 'gc.csv');
    expect(problem(file)).toEqual({
      status: 400,
      code: 'validation_failed',
      errors: [{ field: 'file', reason: 'contains the NUL character (U+0000)', line: 3 }],
    });
    const field = await ctx.http
      .post('/framework-imports/moodle')
      .auth(hr.token, bearer)
      .field('version', '1\u0000')
      .attach('file', Buffer.from(csv), 'gc.csv');
    expect(problem(field)).toEqual({
      status: 400,
      code: 'validation_failed',
      errors: [{ field: 'version', reason: 'must not contain the NUL character (U+0000)' }],
    });
  });

  it('stores names and titles without bidi controls', async () => {
    const learner = await ctx.http
      .post('/learners')
      .auth(hr.token, bearer)
      .send({ givenName: '\u202eNadia\u202c', familyName: 'بن\u200fخليفة' })
      .expect(201);
    expect(learner.body).toMatchObject({ givenName: 'Nadia', familyName: 'بنخليفة' });
    const item = await ctx.http
      .post(`/frameworks/${framework.id}/items`)
      .auth(hr.token, bearer)
      .send({ itemType: 'competency', label: { fr: '\u2066Plan blanc\u2069', ar: '\u061c' } })
      .expect(201);
    expect(item.body.label).toEqual({ fr: 'Plan blanc' });
    expect((await ctx.http.post('/learners').auth(hr.token, bearer).send({ givenName: '\u202e', familyName: 'X' })).status).toBe(400);
  });
});
