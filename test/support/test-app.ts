// Starts the real application for one spec file on its own fresh database: a new database on the PostgreSQL
// server named by TEST_DATABASE_URL, or an in-memory PGlite when it is unset. With `{ clock }` (a FixedClock from
// src/common/testing/fixed-clock.ts) the app reads the time from it: a spec moves time instead of sleeping.
import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { createApp } from '../../src/app.js';
import type { Clock } from '../../src/common/clock.js';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';
import { openDatabase, type Database } from '../../src/database/database.js';
import { createThrowAwayDatabase } from '../../src/database/throw-away-database.js';

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  config: AppConfig;
  database: Database;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** The clock the app reads "now" from instead of the system's; the database's own now() is not affected. */
  clock?: Clock;
}

export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const { url, drop } = await freshDatabase();
  const database = await openDatabase({ url, pgliteDir: 'memory://', poolSize: 5 });
  return startOn(database, env, drop, options);
}

/**
 * Another instance of the service on the database of a running one (say, restarted with other settings). Closing it
 * leaves the database to its first instance. `ownConnections`: on a PostgreSQL server it opens its own pool, as another
 * process would, instead of sharing the first instance's (the embedded database lives in the first one's process).
 */
export async function startAnotherInstance(
  first: TestApp,
  env: Record<string, string> = {},
  { ownConnections = false } = {},
): Promise<TestApp> {
  if (!ownConnections || first.database.kind !== 'postgres')
    return startOn({ ...first.database, close: async () => {} }, env, async () => {});
  return startOn(await openDatabase({ url: first.database.url, pgliteDir: 'memory://', poolSize: 5 }), env, async () => {});
}

async function startOn(
  database: Database,
  env: Record<string, string>,
  drop: () => Promise<void>,
  options: TestAppOptions = {},
): Promise<TestApp> {
  const config = loadConfig({
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256',
    PUBLIC_BASE_URL: 'https://competences.test',
    DEMO_DATA: 'false',
    PGLITE_DIR: 'memory://',
    ADMIN_EMAIL: 'admin@test.example',
    ADMIN_PASSWORD: 'admin-test-password',
    ...env,
  });
  const app = await createApp(config, {
    database,
    clock: options.clock,
    logger: process.env.TEST_LOGS ? ['log', 'warn', 'error'] : ['error'],
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    http: request(app.getHttpServer()),
    config,
    database,
    async close() {
      await app.close();
      await drop();
    },
  };
}

async function freshDatabase(): Promise<{ url?: string; drop: () => Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  return serverUrl ? createThrowAwayDatabase(serverUrl, 'test') : { url: undefined, drop: async () => {} };
}
