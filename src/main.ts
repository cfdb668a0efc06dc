import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.js';
import { AuthService } from './auth/auth.service.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { DemoSeeder } from './demo/demo.seeder.js';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Bootstrap');
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      logger.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (config.jwt.generated) logger.warn('JWT_SECRET is not set: a random secret is used and tokens end with this process.');

  const app = await createApp(config);
  await app.get(AuthService).ensureFirstAdmin();
  if (config.loadDemoData) await app.get(DemoSeeder).seedOnce();
  await app.listen(config.port);
  const database = config.databaseUrl ? 'PostgreSQL server' : `embedded PGlite in ${config.pgliteDir}`;
  logger.log(`Listening on ${config.publicBaseUrl} (database: ${database}); API docs at ${config.publicBaseUrl}/docs`);
}

void bootstrap();
