// Logging in, user accounts and institutions (throttling: login-throttling.e2e-spec.ts).
import { Factory, PASSWORD } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('auth and institutions', () => {
  let ctx: TestApp;
  let factory: Factory;
  beforeAll(async () => {
    ctx = await startTestApp();
    factory = new Factory(ctx);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('a user logs in with email and password and gets a bearer token that identifies them', async () => {
    const admin = await factory.admin();
    const login = await ctx.http.post('/auth/login').send({ email: admin.email.toUpperCase(), password: PASSWORD }).expect(200);
    expect(login.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 3600 });
    const me = await ctx.http.get('/auth/me').auth(login.body.accessToken, { type: 'bearer' }).expect(200);
    expect(me.body).toEqual({ id: admin.id, email: admin.email, displayName: expect.any(String), role: 'admin', institutionId: null });
    expect(me.body).not.toHaveProperty('passwordHash');
  });

  it('the first administrator comes from ADMIN_EMAIL / ADMIN_PASSWORD', async () => {
    const { AuthService } = await import('../src/auth/auth.service.js');
    await ctx.app.get(AuthService).ensureFirstAdmin();
    await ctx.app.get(AuthService).ensureFirstAdmin(); // idempotent
    await ctx.http.post('/auth/login').send({ email: 'admin@test.example', password: 'admin-test-password' }).expect(200);
  });

  it('a wrong password, an unknown account or a forged token is refused without saying which', async () => {
    const user = await factory.newUser('learner');
    const wrong = await ctx.http
      .post('/auth/login')
      .set('X-Forwarded-For', '10.0.0.1')
      .send({ email: user.email, password: 'not-the-password' })
      .expect(401);
    const unknown = await ctx.http
      .post('/auth/login')
      .set('X-Forwarded-For', '10.0.0.1')
      .send({ email: 'nobody@test.example', password: 'whatever-password' })
      .expect(401);
    expect(wrong.body.code).toBe('invalid_credentials');
    expect(unknown.body.detail).toBe(wrong.body.detail);
    const forged = await ctx.http.get('/auth/me').auth(`${user.token}x`, { type: 'bearer' }).expect(401);
    expect(forged.body.code).toBe('invalid_token');
  });

  it('login input is validated field by field', async () => {
    const response = await ctx.http.post('/auth/login').send({ email: 'not-an-email', extra: 1 }).expect(400);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'email', reason: 'email must be an email' },
        { field: 'password', reason: expect.stringContaining('password') },
        { field: 'extra', reason: 'property extra should not exist' },
      ]),
    );
  });

  it('an admin creates institutions and user accounts; a duplicate is a conflict', async () => {
    const admin = await factory.admin();
    const auth = { type: 'bearer' as const };
    const hospital = await ctx.http
      .post('/institutions')
      .auth(admin.token, auth)
      .send({
        slug: 'chu-mustapha',
        kind: 'hospital',
        name: { fr: 'CHU Mustapha Pacha', ar: 'المستشفى الجامعي مصطفى باشا' },
        country: 'DZ',
        website: 'https://chu-mustapha.example.dz',
      })
      .expect(201);
    expect(hospital.body).toMatchObject({ slug: 'chu-mustapha', kind: 'hospital', country: 'DZ' });
    const duplicate = await ctx.http
      .post('/institutions')
      .auth(admin.token, auth)
      .send({ slug: 'chu-mustapha', kind: 'hospital', name: { fr: 'Autre' }, country: 'DZ' })
      .expect(409);
    expect(duplicate.body.errors).toEqual([{ field: 'slug', reason: 'already taken' }]);
    const renamed = await ctx.http
      .patch(`/institutions/${hospital.body.id}`)
      .auth(admin.token, auth)
      .send({ website: 'https://www.chu-mustapha.example.dz' })
      .expect(200);
    expect(renamed.body.website).toBe('https://www.chu-mustapha.example.dz');
    expect((await ctx.http.get('/institutions').expect(200)).body.map((i: { slug: string }) => i.slug)).toContain('chu-mustapha');

    const hr = await ctx.http
      .post('/users')
      .auth(admin.token, auth)
      .send({
        email: 'RH@chu-mustapha.example.dz',
        password: 'a-long-password',
        displayName: 'Samia Benali',
        role: 'hr_manager',
        institutionId: hospital.body.id,
      })
      .expect(201);
    expect(hr.body).toEqual({
      id: expect.any(String),
      email: 'rh@chu-mustapha.example.dz',
      displayName: 'Samia Benali',
      role: 'hr_manager',
      institutionId: hospital.body.id,
    });
    await ctx.http.post('/auth/login').send({ email: 'rh@chu-mustapha.example.dz', password: 'a-long-password' }).expect(200);
    const again = await ctx.http
      .post('/users')
      .auth(admin.token, auth)
      .send({ email: 'rh@chu-mustapha.example.dz', password: 'a-long-password', displayName: 'X', role: 'learner' })
      .expect(409);
    expect(again.body.code).toBe('duplicate_email');
    const users = await ctx.http.get('/users').auth(admin.token, auth).expect(200);
    expect(JSON.stringify(users.body)).not.toMatch(/passwordHash|argon2/);
  });

  it('bad institution and user input is a 400 naming the field', async () => {
    const admin = await factory.admin();
    const auth = { type: 'bearer' as const };
    const institution = await ctx.http
      .post('/institutions')
      .auth(admin.token, auth)
      .send({ slug: 'Bad Slug', kind: 'castle', name: { fr: ' ' }, country: 'Algeria', website: 'ftp://x' })
      .expect(400);
    expect(institution.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['country', 'kind', 'name', 'slug', 'website']);
    const user = await ctx.http
      .post('/users')
      .auth(admin.token, auth)
      .send({ email: 'x@test.example', password: 'short', displayName: 'X', role: 'hr_manager' })
      .expect(400);
    expect(user.body.errors).toEqual([{ field: 'password', reason: 'password must be longer than or equal to 10 characters' }]);
    const noInstitution = await ctx.http
      .post('/users')
      .auth(admin.token, auth)
      .send({ email: 'y@test.example', password: 'a-long-password', displayName: 'Y', role: 'registrar' })
      .expect(400);
    expect(noInstitution.body.errors).toEqual([{ field: 'institutionId', reason: 'required for role registrar' }]);
    await ctx.http.patch('/institutions/0b7c6a52-8f7d-4a8e-9d61-3f1e2b7a9c10').auth(admin.token, auth).send({ country: 'FR' }).expect(404);
  });
});
