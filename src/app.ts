// Builds the HTTP application around an opened database; shared by main.ts and the end-to-end tests.
import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import multipart from '@fastify/multipart';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import type { Clock } from './common/clock.js';
import type { AppConfig } from './config/app-config.js';
import { openDatabase, type Database } from './database/database.js';
import { acceptJsonBodies } from './common/json-body.js';
import { ProblemFilter } from './common/problem.filter.js';
import { validationPipe } from './common/validation.js';

export interface AppOptions {
  logger?: LogLevel[] | false;
  /** An already opened database (tests); otherwise opened from the configuration. */
  database?: Database;
  /** Another clock than the system's (tests that move time). */
  clock?: Clock;
}

export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<NestFastifyApplication> {
  const database =
    options.database ?? (await openDatabase({ url: config.databaseUrl, pgliteDir: config.pgliteDir, timeouts: config.databaseTimeouts }));
  // Fastify: about 0.4 ms less CPU per verification than Express (bench/credential-verify). A reverse proxy on
  // loopback is trusted for the client's address (the public rate limits count by it).
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, database, options.clock),
    new FastifyAdapter({ trustProxy: 'loopback' }),
    {
      logger: options.logger ?? ['log', 'warn', 'error'],
      bodyParser: false,
    },
  );
  acceptJsonBodies(app.getHttpAdapter().getInstance(), config.bodyLimitBytes);
  // Limits are set per upload route (interop/upload.ts).
  await app.register(multipart);
  app.useGlobalPipes(validationPipe);
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();
  // Export-Warnings (Moodle CSV export) is readable by pages of other origins too, like the file it comes with.
  app.enableCors({ origin: true, methods: ['GET', 'HEAD'], credentials: false, exposedHeaders: ['Export-Warnings'] });

  const openApi = new DocumentBuilder()
    .setTitle('Competency & credentialing service')
    .setDescription(
      'Competency frameworks and job profiles (référentiels métiers et compétences), training records and verifiable credentials for health-management schools and hospitals. Errors are RFC 9457 problem details with a stable `code`.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi), { jsonDocumentUrl: 'docs-json' });
  return app;
}
