import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config.js';

/** What a production deployment sets, generated the way README says. */
const production = () => ({
  NODE_ENV: 'production',
  JWT_SECRET: randomBytes(32).toString('base64url'),
  ADMIN_PASSWORD: 'une phrase de passe pour l’administrateur',
  KEY_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
});
const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems;
  }
};

describe('loadConfig', () => {
  it('defaults to the embedded database on port 3000', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.port).toBe(3000);
    expect(config.pgliteDir).toBe('./data');
    expect(config.jwt.generated).toBe(true);
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        'PORT must be an integer between 0 and 65535',
        'JWT_SECRET must be at least 32 characters',
        'DATABASE_URL must use postgres: or postgresql:',
        'KEY_ENCRYPTION_KEY or KEY_ENCRYPTION_KEY_FILE is required with DATABASE_URL: issuer keys stored in a database server must outlive this process (openssl rand -hex 32)',
      ]);
    }
  });

  it('reads BODY_LIMIT as bytes, kb or mb, and refuses anything else', () => {
    expect(loadConfig({}).bodyLimitBytes).toBe(1024 * 1024);
    expect(loadConfig({ BODY_LIMIT: '2mb' }).bodyLimitBytes).toBe(2 * 1024 * 1024);
    expect(loadConfig({ BODY_LIMIT: '512KB' }).bodyLimitBytes).toBe(512 * 1024);
    expect(loadConfig({ BODY_LIMIT: '65536' }).bodyLimitBytes).toBe(65536);
    for (const bad of ['1gb', 'lots', '10', '2048mb']) expect(() => loadConfig({ BODY_LIMIT: bad })).toThrow(/BODY_LIMIT must be a size/);
  });

  it('requires real secrets in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required/);
  });

  it('bounds every wait for the database, the server cancelling a statement before our side gives up', () => {
    expect(loadConfig({}).databaseTimeouts).toEqual({ connectMs: 5_000, statementMs: 15_000, queryMs: 20_000 });
    expect(
      loadConfig({ DB_CONNECT_TIMEOUT_MS: '2000', DB_STATEMENT_TIMEOUT_MS: '30000', DB_QUERY_TIMEOUT_MS: '35000' }).databaseTimeouts,
    ).toEqual({ connectMs: 2_000, statementMs: 30_000, queryMs: 35_000 });
    expect(() => loadConfig({ DB_STATEMENT_TIMEOUT_MS: '30000' })).toThrow(
      'DB_QUERY_TIMEOUT_MS must be longer than DB_STATEMENT_TIMEOUT_MS',
    );
  });

  it('knows NODE_ENV as production, development or test only, spelt so', () => {
    expect(loadConfig(production()).environment).toBe('production');
    expect(loadConfig({ NODE_ENV: 'development' }).environment).toBe('development');
    expect(loadConfig({ NODE_ENV: 'test' }).environment).toBe('test');
    expect(loadConfig({}).environment).toBe('development');
    // Each of these booted as development, with the demo data and its published passwords.
    for (const spelling of ['Production', 'PRODUCTION', 'prod', 'production ', 'staging', '']) {
      expect(problemsOf({ ...production(), NODE_ENV: spelling })).toEqual([
        expect.stringMatching(/^NODE_ENV must be production, development or test/),
      ]);
    }
  });

  it('refuses a JWT_SECRET that is long but not random, in any environment', () => {
    for (const weak of [
      'a'.repeat(64),
      'changeme-changeme-changeme-changeme',
      '0123456789abcdef0123456789abcdef',
      'thisismyveryownsupersecretjwtkeyok',
      'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1',
    ]) {
      expect(problemsOf({ JWT_SECRET: weak })).toEqual([expect.stringMatching(/^JWT_SECRET /)]);
      expect(problemsOf({ ...production(), JWT_SECRET: weak })).toHaveLength(1);
    }
    for (const generated of [
      randomBytes(32).toString('base64url'),
      randomBytes(16).toString('hex'),
      randomBytes(24).toString('base64'),
      'test-secret-that-is-long-enough-for-hs256',
    ]) {
      expect(problemsOf({ JWT_SECRET: generated })).toEqual([]);
    }
  });

  it('refuses an all-zero or patterned key-encryption key, as a value or in a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kek-'));
    const zeros = join(dir, 'zeros.key');
    writeFileSync(zeros, Buffer.alloc(32), { mode: 0o600 });
    for (const env of <Record<string, string>[]>[
      { KEY_ENCRYPTION_KEY: '00'.repeat(32) },
      { KEY_ENCRYPTION_KEY: 'ff'.repeat(32) },
      { KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') },
      { KEY_ENCRYPTION_KEY: '0123456789abcdef'.repeat(4) },
      { KEY_ENCRYPTION_KEY_FILE: zeros },
    ]) {
      expect(problemsOf({ ...production(), KEY_ENCRYPTION_KEY: '', ...env })).toEqual([
        expect.stringMatching(/^KEY_ENCRYPTION_KEY (is one byte repeated|repeats a pattern)/),
      ]);
    }
    expect(problemsOf({ KEY_ENCRYPTION_KEY: randomBytes(32).toString('hex') })).toEqual([]);
  });

  it('refuses the demo in production: DEMO_DATA and the demo passwords', () => {
    expect(problemsOf(production())).toEqual([]);
    expect(loadConfig(production()).loadDemoData).toBe(false);
    expect(problemsOf({ ...production(), DEMO_DATA: 'true' })).toEqual([
      'DEMO_DATA cannot be true when NODE_ENV=production: the demo publishes its passwords',
    ]);
    expect(problemsOf({ ...production(), ADMIN_PASSWORD: 'admin-demo-2026' })).toEqual([
      'ADMIN_PASSWORD must not be a demo password (README) when NODE_ENV=production',
    ]);
    expect(loadConfig({ DEMO_DATA: 'true' }).loadDemoData).toBe(true);
  });

  it('with DATABASE_URL, requires a key-encryption key that outlives the process', () => {
    const server = { DATABASE_URL: 'postgresql://competences@db.internal:5432/competences' };
    expect(problemsOf(server)).toEqual([
      expect.stringMatching(/^KEY_ENCRYPTION_KEY or KEY_ENCRYPTION_KEY_FILE is required with DATABASE_URL/),
    ]);
    expect(problemsOf({ ...server, KEY_ENCRYPTION_KEY: randomBytes(32).toString('hex') })).toEqual([]);
    // The embedded database keeps its development key in its own directory.
    expect(problemsOf({})).toEqual([]);
  });

  it('keeps the account limit slower than the address-and-account one', () => {
    expect(loadConfig({}).login).toEqual({ perAddressAndAccount: 5, perAccount: 20, perAddress: 50, windowSeconds: 900 });
    expect(problemsOf({ LOGIN_MAX_FAILURES: '10', LOGIN_ACCOUNT_MAX_FAILURES: '10' })).toEqual([
      'LOGIN_ACCOUNT_MAX_FAILURES must be greater than LOGIN_MAX_FAILURES, or one address could lock an account out',
    ]);
  });
});
