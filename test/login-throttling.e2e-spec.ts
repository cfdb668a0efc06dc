// Password guessing: every login attempt is reserved in the database before its password is checked, per address and
// account (5 per 15 min), per account (20, so a stranger cannot lock an administrator out) and per address (here 12).
import { jest } from '@jest/globals';
import { LoginAttemptsRepository } from '../src/auth/login-attempts.repository.js';
import { Factory, PASSWORD, type Person } from './support/factories.js';
import { startAnotherInstance, startTestApp, type TestApp } from './support/test-app.js';

const LIMITS = { LOGIN_MAX_FAILURES: '5', LOGIN_ACCOUNT_MAX_FAILURES: '20', LOGIN_ADDRESS_MAX_FAILURES: '12', LOGIN_WINDOW_SECONDS: '900' };

// Each login hashes a password (CPU-bound by design): dozens in a row need more than the default minute on a loaded
// two-core machine. Not a speed test: the limits asserted are counts, not times.
jest.setTimeout(180_000);

describe('login throttling', () => {
  let ctx: TestApp;
  let factory: Factory;
  beforeAll(async () => {
    ctx = await startTestApp(LIMITS);
    factory = new Factory(ctx);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const login = (app: TestApp, from: string, email: string, password: string) =>
    app.http.post('/auth/login').set('X-Forwarded-For', from).send({ email, password });
  const statuses = (responses: { status: number }[]) => responses.map((response) => response.status);
  const count = (list: number[], status: number) => list.filter((s) => s === status).length;

  it('100 wrong passwords fired at once at two instances get at most 5 evaluated, the rest 429 with Retry-After', async () => {
    const other = await startAnotherInstance(ctx, LIMITS, { ownConnections: true });
    try {
      const user = await factory.newUser('learner');
      const started = performance.now();
      const responses = await Promise.all(
        Array.from({ length: 100 }, (_, i) => login(i % 2 ? other : ctx, '198.51.100.7', user.email, `wrong-guess-${i}`)),
      );
      const elapsed = performance.now() - started;
      const evaluated = count(statuses(responses), 401);
      console.log(`login throttling: ${evaluated} of 100 parallel wrong passwords evaluated (limit 5), ${Math.round(elapsed)} ms`);
      expect(evaluated).toBe(5);
      expect(count(statuses(responses), 429)).toBe(95);
      for (const refused of responses.filter((response) => response.status === 429)) {
        expect(refused.body.code).toBe('too_many_failed_logins');
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
        expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(900);
      }
    } finally {
      await other.close();
    }
  });

  it('an attacker at the victim’s address stays limited while the victim keeps logging in', async () => {
    const victim = await factory.newUser('hr_manager', (await factory.newInstitution()).id);
    const guesses: number[] = [];
    for (let i = 0; i < 10; i++) {
      guesses.push((await login(ctx, '192.0.2.40', victim.email, `guess-${i}`)).status);
      await login(ctx, '192.0.2.40', victim.email, PASSWORD);
    }
    expect(guesses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
  });

  it('guesses at many accounts interleaved with one’s own successful logins stay limited per address', async () => {
    const attacker = await factory.newUser('learner');
    const guesses: number[] = [];
    for (let i = 0; i < 16; i++) {
      guesses.push((await login(ctx, '192.0.2.41', `staff-${i}@chu-oran.example`, 'Hopital2026!')).status);
      await login(ctx, '192.0.2.41', attacker.email, PASSWORD);
    }
    expect(count(guesses, 401)).toBe(12);
    expect(guesses.slice(12)).toEqual([429, 429, 429, 429]);
  });

  it('a stranger hammering an administrator from one address does not lock them out', async () => {
    const admin: Person = await factory.admin();
    const hammering = statuses(
      await Promise.all(Array.from({ length: 25 }, (_, i) => login(ctx, '203.0.113.66', admin.email, `admin-guess-${i}`))),
    );
    expect(count(hammering, 401)).toBe(5);
    expect(count(hammering, 429)).toBe(20);
    expect((await login(ctx, '192.0.2.10', admin.email, PASSWORD)).status).toBe(200);
  });

  it('guesses from many addresses meet the slower account limit, and the right password waits too', async () => {
    const user = await factory.newUser('registrar', (await factory.newInstitution()).id);
    for (let i = 0; i < 20; i++) expect((await login(ctx, `10.20.0.${i}`, user.email, `guess-${i}`)).status).toBe(401);
    const blocked = await login(ctx, '10.20.1.1', user.email, PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('too_many_failed_logins');
    // The window started at the first of the twenty failures, a few seconds ago.
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(900);
    expect(blocked.body.retryAfter).toBe(Number(blocked.headers['retry-after']));
  });

  it('the owner’s successful login clears the account’s count, not the addresses’', async () => {
    const user = await factory.newUser('learner');
    for (let i = 0; i < 19; i++) expect((await login(ctx, `10.30.0.${i}`, user.email, `guess-${i}`)).status).toBe(401);
    expect((await login(ctx, '10.30.9.9', user.email, PASSWORD)).status).toBe(200);
    for (let i = 0; i < 19; i++) expect((await login(ctx, `10.31.0.${i}`, user.email, `guess-${i}`)).status).toBe(401);
  });

  it('attempts reserved by any server process count in every other, are stored hashed, and leave with the window', async () => {
    const user = await factory.newUser('learner');
    // Another server process of the same deployment: its own repository, the same database.
    const otherProcess = new LoginAttemptsRepository(ctx.database.dataSource);
    for (let i = 0; i < 20; i++) {
      expect(
        await otherProcess.reserve(
          [
            { key: `account:${user.email}`, limit: 20 },
            { key: `address:198.51.100.${i}`, limit: 12 },
          ],
          900,
        ),
      ).toEqual({ reserved: true });
    }
    expect((await login(ctx, '198.51.100.50', user.email, PASSWORD)).status).toBe(429);

    const stored: { key: string }[] = await ctx.database.dataSource.query(`SELECT key FROM login_attempt_count`);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.every(({ key }) => /^[0-9a-f]{64}$/.test(key))).toBe(true);

    // Fifteen minutes later the window has ended: the login is tried, and the ended counters are swept at the next failure.
    await ctx.database.dataSource.query(`UPDATE login_attempt_count SET "windowStart" = "windowStart" - interval '901 seconds'`);
    expect((await login(ctx, '198.51.100.50', user.email, PASSWORD)).status).toBe(200);
    expect((await login(ctx, '198.51.100.51', user.email, 'one-more-guess')).status).toBe(401);
    const [{ count }] = await ctx.database.dataSource.query(
      `SELECT count(*)::int AS count FROM login_attempt_count WHERE "windowStart" <= now() - interval '900 seconds'`,
    );
    expect(count).toBe(0);
  });

  it('a refused attempt counts under none of its keys', async () => {
    const user = await factory.newUser('learner');
    for (let i = 0; i < 5; i++) await login(ctx, '192.0.2.77', user.email, `guess-${i}`);
    for (let i = 0; i < 30; i++) expect((await login(ctx, '192.0.2.77', user.email, `guess-${i}`)).status).toBe(429);
    // Those 30 refusals did not raise the account's count towards its 20: the owner, elsewhere, still logs in.
    expect((await login(ctx, '192.0.2.78', user.email, PASSWORD)).status).toBe(200);
  });
});
