// The demo a newcomer sees after `npm start`: loaded through the services, so it obeys every business rule.
import { DemoSeeder } from '../src/demo/demo.seeder.js';
import { DEMO_PASSWORD, demoUsers } from '../src/demo/demo-users.js';
import { caseSchemaErrors } from './support/case-schema.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('demo data', () => {
  let ctx: TestApp;
  beforeAll(async () => {
    ctx = await startTestApp();
    await ctx.app.get(DemoSeeder).seedOnce();
    await ctx.app.get(DemoSeeder).seedOnce(); // a second start loads nothing twice
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('has the two schools and a published hospital-management framework in French and Arabic', async () => {
    const institutions = (await ctx.http.get('/institutions').expect(200)).body;
    expect(institutions.map((i: { slug: string; country: string }) => `${i.slug}/${i.country}`)).toEqual([
      'chu-mustapha/DZ',
      'ehesp-rennes/FR',
      'ensm-alger/DZ',
    ]);

    const frameworks = (await ctx.http.get('/frameworks').query({ status: 'published' }).expect(200)).body;
    expect(frameworks.total).toBe(1);
    const framework = frameworks.data[0];
    expect(framework.title.fr).toBe('Management des établissements de santé');
    const detail = (await ctx.http.get(`/frameworks/${framework.id}`).expect(200)).body;
    expect(detail.itemCount).toBeGreaterThanOrEqual(40);
    expect(detail.scales[0].levels).toHaveLength(4);

    const tree = (await ctx.http.get(`/frameworks/${framework.id}/tree`).expect(200)).body;
    expect(tree.map((domain: { code: string }) => domain.code)).toEqual(['PS', 'GC', 'SI', 'TS', 'CO', 'PH']);
    const items = (await ctx.http.get(`/frameworks/${framework.id}/items`).query({ limit: 200 }).expect(200)).body.data;
    expect(items.every((item: { label: { fr?: string; ar?: string } }) => item.label.fr && item.label.ar)).toBe(true);
    const esco = (await ctx.http.get(`/frameworks/${framework.id}/associations`).expect(200)).body.filter(
      (a: { destinationUri: string | null }) => a.destinationUri?.startsWith('http://data.europa.eu/esco/skill/'),
    );
    expect(esco.length).toBeGreaterThanOrEqual(4);

    // Its CASE package, as exported and as the CASE API serves it, passes the official CASE 1.1 schema.
    const exported = (await ctx.http.get(`/frameworks/${framework.id}/case-package`).expect(200)).body;
    expect(caseSchemaErrors(exported)).toEqual([]);
    expect(caseSchemaErrors((await ctx.http.get(`/ims/case/v1p1/CFPackages/${framework.identifier}`).expect(200)).body)).toEqual([]);
  });

  it('has five published job profiles whose comparison shows real gaps', async () => {
    const profiles = (await ctx.http.get('/job-profiles').query({ status: 'published' }).expect(200)).body.data;
    expect(profiles.map((p: { code: string }) => p.code).sort()).toEqual(['COM-01', 'DIR-01', 'DSI-01', 'ING-01', 'PHA-01']);
    const code = (c: string) => profiles.find((p: { code: string }) => p.code === c).id;
    const comparison = (
      await ctx.http
        .get(`/job-profiles/${code('DIR-01')}/comparison`)
        .query({ from: code('DSI-01') })
        .expect(200)
    ).body;
    expect(comparison.raisedItems).toBeGreaterThan(0);
    expect(comparison.newItems).toBeGreaterThan(0);
    expect(comparison.essentialLevelGap).toBeGreaterThan(0);
  });

  it('keeps a 2027.1 draft visible to the owning school’s HR manager only', async () => {
    const login = async (email: string) =>
      (await ctx.http.post('/auth/login').send({ email, password: DEMO_PASSWORD }).expect(200)).body.accessToken;
    const ensm = await login('rh@ensm.demo.example');
    const ehesp = await login('rh@ehesp.demo.example');
    const drafts = (token: string) => ctx.http.get('/frameworks').auth(token, { type: 'bearer' }).query({ status: 'draft' }).expect(200);
    expect((await drafts(ensm)).body.data.map((f: { version: string }) => f.version)).toEqual(['2027.1']);
    expect((await drafts(ehesp)).body.total).toBe(0);
  });

  it('shows training: a yearly catalogue, staff with evidence and gaps, the HR team view', async () => {
    const [ensm, hospital] = await Promise.all(
      ['ensm-alger', 'chu-mustapha'].map(async (slug) =>
        (await ctx.http.get('/institutions').expect(200)).body.find((i: { slug: string }) => i.slug === slug),
      ),
    );
    const catalogue = (await ctx.http.get(`/institutions/${ensm.id}/catalogue`).query({ year: 2026 }).expect(200)).body;
    expect(JSON.stringify(catalogue)).toContain('GC-SSE');

    const hr = (await ctx.http.post('/auth/login').send({ email: 'rh@chu-mustapha.demo.example', password: DEMO_PASSWORD }).expect(200))
      .body.accessToken;
    const staff = (await ctx.http.get('/learners').auth(hr, { type: 'bearer' }).expect(200)).body.data;
    expect(staff.length).toBeGreaterThanOrEqual(6);
    const karim = staff.find((l: { givenName: string }) => l.givenName === 'Karim');
    const gaps = (await ctx.http.get(`/learners/${karim.id}/gaps`).auth(hr, { type: 'bearer' }).expect(200)).body;
    expect(gaps.essentialGapCount).toBeGreaterThan(0);
    expect(gaps.recommendation.modules.map((m: { code: string }) => m.code)).toContain('GC-SSE');
    const team = (await ctx.http.get(`/institutions/${hospital.id}/team-gaps`).auth(hr, { type: 'bearer' }).expect(200)).body;
    expect(team.people.length).toBe(staff.length);
  });

  it('shows credentials: certificates, a co-accredited diploma (lead proof over the partner’s endorsement), a CLR transcript, a revoked and a suspended one', async () => {
    const learner = (await ctx.http.post('/auth/login').send({ email: 'apprenant@demo.example', password: DEMO_PASSWORD }).expect(200)).body
      .accessToken;
    const [me] = (await ctx.http.get('/learners').auth(learner, { type: 'bearer' }).expect(200)).body.data;
    const mine = (await ctx.http.get(`/learners/${me.id}/credentials`).auth(learner, { type: 'bearer' }).expect(200)).body;
    const diploma = mine.find((c: { kind: string }) => c.kind === 'diploma');
    expect(diploma.verifiableCredential.proof.verificationMethod.split('#')[0]).toBe(diploma.verifiableCredential.issuer.id);
    expect(diploma.verifiableCredential.endorsement).toHaveLength(1);
    expect(mine.filter((c: { kind: string }) => c.kind === 'certificate')).toHaveLength(4);
    const verdict = await ctx.http.post('/credentials/verify').send({ verifiableCredential: diploma.verifiableCredential }).expect(200);
    expect(verdict.body.verified).toBe(true);
    const transcript = mine.find((c: { kind: string }) => c.kind === 'transcript');
    expect(transcript.verifiableCredential.credentialSubject.verifiableCredential.length).toBeGreaterThan(0);
    expect(
      (await ctx.http.post('/credentials/verify').send({ verifiableCredential: transcript.verifiableCredential }).expect(200)).body
        .verified,
    ).toBe(true);

    const registrar = (
      await ctx.http.post('/auth/login').send({ email: 'scolarite@ensm.demo.example', password: DEMO_PASSWORD }).expect(200)
    ).body.accessToken;
    const states = (
      await ctx.http.get('/audit-events').query({ limit: 200 }).auth(registrar, { type: 'bearer' }).expect(200)
    ).body.data.map((e: { action: string }) => e.action);
    expect(states).toEqual(
      expect.arrayContaining(['credential.revoked', 'credential.suspended', 'credential.signed', 'credential.issued']),
    );
  });

  it('every demo account can log in with the README password', async () => {
    for (const user of demoUsers) {
      const response = await ctx.http.post('/auth/login').send({ email: user.email, password: DEMO_PASSWORD });
      expect([user.email, response.status]).toEqual([user.email, 200]);
    }
  });
});
