// Builds the HTTP application around an opened database; shared by main.ts and the end-to-end tests.
import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import { openDatabase, type Database } from './database/database.js';
import { ProblemFilter } from './common/problem.filter.js';
import { validationPipe } from './common/validation.js';

export interface AppOptions {
  logger?: LogLevel[] | false;
  /** An already opened database (tests); otherwise opened from the configuration. */
  database?: Database;
}

export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<INestApplication> {
  const database = options.database ?? (await openDatabase({ url: config.databaseUrl, pgliteDir: config.pgliteDir }));
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, database), {
    logger: options.logger ?? ['log', 'warn', 'error'],
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: config.bodyLimit, type: ['application/json', 'application/*+json'] });
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.useGlobalPipes(validationPipe);
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();
  app.enableCors({ origin: true, methods: ['GET', 'HEAD'], credentials: false });

  const openApi = new DocumentBuilder()
    .setTitle('Competency & credentialing service')
    .setDescription('Competency frameworks and job profiles (référentiels métiers et compétences), training records and verifiable credentials for health-management schools and hospitals. Errors are RFC 9457 problem details with a stable `code`.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi), { jsonDocumentUrl: 'docs-json' });
  return app;
}
