// The database out of reach: down (connections dropped, new ones refused) or behind a network partition (bytes stop,
// sockets stay open). Every route answers 503 with Retry-After within the configured timeouts instead of a 500 or a
// hang, /health says the database is down, a verification is indeterminate, and all comes back when the network does.
import { CatalogueFactory, Factory } from './support/factories.js';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.js';
import { startAnotherInstance, startTestApp, type TestApp } from './support/test-app.js';
import { openDatabase, type Database } from '../src/database/database.js';

const bearer = { type: 'bearer' as const };
/** Only a PostgreSQL server can be out of reach: the embedded database lives in the process. */
const onServer = !!process.env.TEST_DATABASE_URL;
const serverIt = onServer ? it : it.skip;
const TIMEOUTS = { connectMs: 1_000, statementMs: 1_500, queryMs: 2_500 };

/** Repeats `probe` until it answers `status`, or the deadline passes; returns the last status. */
async function eventually(probe: () => Promise<{ status: number }>, status: number, ms = 15_000): Promise<number> {
  let last = 0;
  for (const deadline = Date.now() + ms; Date.now() < deadline;) {
    last = (await probe()).status;
    if (last === status) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return last;
}

const timed = async <T>(work: Promise<T>): Promise<{ result: T; ms: number }> => {
  const started = Date.now();
  const result = await work;
  return { result, ms: Date.now() - started };
};

describe('the database out of reach', () => {
  let ctx: TestApp;
  let proxy: TcpProxy;
  let database: Database;
  let app: TestApp;
  let credential: Record<string, unknown>;

  beforeAll(async () => {
    ctx = await startTestApp();
    if (!onServer) return;
    // A certificate to verify later, issued on the direct connection.
    const factory = new Factory(ctx);
    const school = await factory.newInstitution();
    const registrar = await factory.newUser('registrar', school.id);
    const hr = await factory.newUser('hr_manager', (await factory.newInstitution({ kind: 'hospital' })).id);
    const framework = await factory.newFramework(await factory.newUser('hr_manager', school.id), { publish: true });
    const module = await new CatalogueFactory(ctx).newModule(school.id, 'GC-SSE', 35, [{ itemId: framework.items.planBlanc.id, level: 3 }]);
    const session = await new CatalogueFactory(ctx).newSession(module.id, school.id);
    const learner = (
      await ctx.http.post('/learners').auth(hr.token, bearer).send({ givenName: 'Nadia', familyName: 'Benkhelifa' }).expect(201)
    ).body;
    const enrolment = await factory.enrol(session, learner.id, { hr, registrar });
    await ctx.http
      .post(`/sessions/${session.id}/assessments`)
      .auth(registrar.token, bearer)
      .send({ learnerId: learner.id, kind: 'final_exam', score: 15 })
      .expect(201);
    credential = (
      await ctx.http.post('/credentials/certificates').auth(registrar.token, bearer).send({ enrolmentId: enrolment.id }).expect(201)
    ).body.verifiableCredential;

    // The same service reaching the same database through a proxy that stages the faults.
    const server = new URL(ctx.database.url);
    proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
    database = await openDatabase({ url: proxy.through(ctx.database.url), pgliteDir: 'memory://', poolSize: 4, timeouts: TIMEOUTS });
    app = await startAnotherInstance({ ...ctx, database }, { JOB_WORKERS: 'false' });
  });
  afterAll(async () => {
    proxy?.heal();
    await app?.close();
    await database?.close();
    await proxy?.close();
    await ctx?.close();
  });
  afterEach(async () => {
    if (!onServer) return;
    proxy.heal();
    // Back to normal once the network is: fresh connections replace the ones the fault broke.
    expect(await eventually(() => app.http.get('/health'), 200)).toBe(200);
    expect(await eventually(() => app.http.get('/frameworks'), 200)).toBe(200);
  });

  serverIt('down: routes answer 503 with Retry-After at once, and /health says the database is down', async () => {
    await app.http.get('/frameworks').expect(200);
    proxy.down();
    const { result: route, ms } = await timed(app.http.get('/frameworks').timeout(15_000));
    expect(route.status).toBe(503);
    expect(route.headers['retry-after']).toMatch(/^\d+$/);
    expect(route.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(route.body).toMatchObject({ status: 503, code: 'database_unavailable' });
    expect(ms).toBeLessThan(TIMEOUTS.connectMs + 1_000);
    const health = await app.http.get('/health').timeout(15_000);
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'unavailable', database: 'down' });
    const verification = await app.http.post('/credentials/verify').send({ verifiableCredential: credential }).timeout(15_000);
    expect(verification.status).toBe(503);
    expect(verification.body.outcome).toBe('indeterminate');
  });

  serverIt('partition: routes answer 503 within the query timeout, /health within seconds, a verification is indeterminate', async () => {
    await app.http.get('/frameworks').expect(200);
    proxy.partition();
    const { result: route, ms } = await timed(app.http.get('/frameworks').timeout(15_000));
    expect(route.status).toBe(503);
    expect(route.headers['retry-after']).toMatch(/^\d+$/);
    expect(route.body.code).toBe('database_unavailable');
    expect(ms).toBeLessThan(TIMEOUTS.queryMs + 1_500);

    const { result: health, ms: healthMs } = await timed(app.http.get('/health').timeout(15_000));
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'unavailable', database: 'down' });
    expect(healthMs).toBeLessThan(3_000);

    // A genuine certificate is never "not verified" because our own database cannot be read now.
    const { result: verification, ms: verifyMs } = await timed(
      app.http.post('/credentials/verify').send({ verifiableCredential: credential }).timeout(15_000),
    );
    expect(verification.status).toBe(503);
    expect(verification.body.outcome).toBe('indeterminate');
    expect(verification.headers['retry-after']).toMatch(/^\d+$/);
    expect(verifyMs).toBeLessThan(2 * TIMEOUTS.queryMs + 1_500);
  });
});
