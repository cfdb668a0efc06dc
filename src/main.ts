import 'reflect-metadata';
import { INestApplication, Logger } from '@nestjs/common';
import { createApp } from './app.js';
import { AuthService } from './auth/auth.service.js';
import { isClusterWorker, runPrimary, webConcurrency } from './cluster.js';
import { type AppConfig, ConfigError, loadConfig } from './config/app-config.js';
import { DemoSeeder } from './demo/demo.seeder.js';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Bootstrap');
  let config: AppConfig;
  let workers: number;
  try {
    config = loadConfig();
    workers = webConcurrency(process.env, config);
  } catch (error) {
    if (error instanceof ConfigError) {
      logger.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (config.jwt.generated)
    logger.warn(`JWT_SECRET is not set: a random secret is used and tokens end with this ${workers > 1 ? 'cluster' : 'process'}.`);

  if (workers > 1) {
    // WEB_CONCURRENCY: the database is prepared here once, then the workers (this file again) serve.
    await runPrimary(config, workers, async (shared) => {
      const app = await createApp(shared);
      await prepare(app, shared);
      await app.close();
    });
    return;
  }
  const app = await createApp(config);
  if (!isClusterWorker()) await prepare(app, config);
  if (config.host) await app.listen(config.port, config.host);
  else await app.listen(config.port);
  const database = config.databaseUrl ? 'PostgreSQL server' : `embedded PGlite in ${config.pgliteDir}`;
  logger.log(
    `Listening on ${config.publicBaseUrl} (database: ${database}${isClusterWorker() ? `, worker ${process.pid}` : ''}); API docs at ${config.publicBaseUrl}/docs`,
  );
}

/** Once per database start, before serving: the first administrator and, when asked for, the demo data. */
async function prepare(app: INestApplication, config: AppConfig): Promise<void> {
  await app.get(AuthService).ensureFirstAdmin();
  if (config.loadDemoData) await app.get(DemoSeeder).seedOnce();
}

void bootstrap();
