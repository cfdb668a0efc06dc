import { ConfigError, loadConfig } from './app-config.js';

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
    expect(loadConfig({ DB_CONNECT_TIMEOUT_MS: '2000', DB_STATEMENT_TIMEOUT_MS: '30000', DB_QUERY_TIMEOUT_MS: '35000' }).databaseTimeouts)
      .toEqual({ connectMs: 2_000, statementMs: 30_000, queryMs: 35_000 });
    expect(() => loadConfig({ DB_STATEMENT_TIMEOUT_MS: '30000' })).toThrow('DB_QUERY_TIMEOUT_MS must be longer than DB_STATEMENT_TIMEOUT_MS');
  });
});
