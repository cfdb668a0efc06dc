// kill -9 during bulk issuance: the worker process dies mid-batch, another one starts, and the batch completes within
// a minute with every learner certified once, each on an index of their own; a new batch is not refused meanwhile.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { CatalogueFactory, Factory, type Person } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const bearer = { type: 'bearer' as const };
/** Workers are other processes sharing the database: a PostgreSQL server. */
const onServer = !!process.env.TEST_DATABASE_URL;
const serverIt = onServer ? it : it.skip;
const LEARNERS = 90;
const KEY_ENCRYPTION_KEY = randomBytes(32).toString('hex');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The service from its sources in a process of its own, working jobs; resolves once it listens. */
async function startWorker(ctx: TestApp): Promise<ChildProcess> {
  const worker = spawn(process.execPath, ['--import', './test/support/ts-node/register.mjs', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: ctx.database.url,
      PORT: '0',
      HOST: '127.0.0.1',
      PUBLIC_BASE_URL: ctx.config.publicBaseUrl,
      JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256',
      KEY_ENCRYPTION_KEY,
      DEMO_DATA: 'false',
      JOB_WORKERS: 'true',
      ADMIN_EMAIL: 'admin@test.example',
      ADMIN_PASSWORD: 'admin-test-password',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the worker did not start:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    worker.stdout!.on('data', read);
    worker.stderr!.on('data', read);
    worker.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the worker exited (${code}):\n${output}`));
    });
  });
  return worker;
}

describe('bulk issuance survives a killed worker', () => {
  let ctx: TestApp;
  let registrar: Person;
  let session: { id: string };
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    // This process serves HTTP only: the jobs are the child processes' to work.
    ctx = await startTestApp({ JOB_WORKERS: 'false', KEY_ENCRYPTION_KEY });
    if (!onServer) return;
    const factory = new Factory(ctx);
    const school = await factory.newInstitution();
    registrar = await factory.newUser('registrar', school.id);
    const hr = await factory.newUser('hr_manager', (await factory.newInstitution({ kind: 'hospital' })).id);
    const framework = await factory.newFramework(await factory.newUser('hr_manager', school.id), { publish: true });
    const module = await new CatalogueFactory(ctx).newModule(school.id, 'GC-SSE', 35, [{ itemId: framework.items.planBlanc.id, level: 3 }]);
    session = await new CatalogueFactory(ctx).newSession(module.id, school.id, LEARNERS);
    for (let i = 0; i < LEARNERS; i++) {
      const learner = await ctx.http
        .post('/learners')
        .auth(hr.token, bearer)
        .send({ givenName: `Agent${i}`, familyName: 'Urgences' })
        .expect(201);
      await factory.enrol(session, learner.body.id, { hr, registrar });
      await ctx.http
        .post(`/sessions/${session.id}/assessments`)
        .auth(registrar.token, bearer)
        .send({ learnerId: learner.body.id, kind: 'final_exam', score: 14 })
        .expect(201);
    }
  }, 180_000);
  afterAll(async () => {
    for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGKILL');
    await ctx?.close();
  });

  const batch = async (id: string) =>
    (await ctx.database.dataSource.query(`SELECT state, total, issued, skipped, failed FROM credential_batch WHERE id = $1`, [id]))[0];

  serverIt(
    'a worker killed mid-batch: another one completes the batch within a minute, nothing twice, nothing lost',
    async () => {
      workers.push(await startWorker(ctx));
      const started = await ctx.http.post(`/sessions/${session.id}/credential-batches`).auth(registrar.token, bearer).expect(202);
      expect(started.body.total).toBe(LEARNERS);

      // Killed once it has certified some learners, and before it is done.
      for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(20)) {
        const { issued } = await batch(started.body.id);
        if (issued > 0) break;
      }
      const before = await batch(started.body.id);
      expect(before.issued).toBeGreaterThan(0);
      expect(before.issued).toBeLessThan(LEARNERS);
      workers[0].kill('SIGKILL');
      const killedAt = Date.now();

      workers.push(await startWorker(ctx));
      let after = before;
      while (Date.now() - killedAt < 60_000 && after.state !== 'completed') {
        await sleep(250);
        after = await batch(started.body.id);
      }
      const seconds = (Date.now() - killedAt) / 1000;
      expect({ ...after, seconds: seconds < 60 }).toEqual({
        state: 'completed',
        total: LEARNERS,
        issued: LEARNERS,
        skipped: 0,
        failed: 0,
        seconds: true,
      });
      process.stdout.write(`batch of ${LEARNERS}: killed at ${before.issued} issued, completed ${seconds.toFixed(1)} s later\n`);

      const [counts] = await ctx.database.dataSource.query(
        `SELECT count(*)::int AS credentials, count(DISTINCT c."enrolmentId")::int AS enrolments, count(DISTINCT (c."statusListId", c."statusListIndex"))::int AS indexes
       FROM credential c JOIN enrolment e ON e.id = c."enrolmentId" WHERE e."sessionId" = $1`,
        [session.id],
      );
      expect(counts).toEqual({ credentials: LEARNERS, enrolments: LEARNERS, indexes: LEARNERS });
      // The batch is over: a new one is accepted (nothing left to do).
      expect(
        (await ctx.http.post(`/sessions/${session.id}/credential-batches`).auth(registrar.token, bearer).expect(202)).body,
      ).toMatchObject({ state: 'completed', total: 0 });
    },
    180_000,
  );
});
