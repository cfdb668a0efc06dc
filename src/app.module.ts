import { DynamicModule, Global, Module } from '@nestjs/common';
import { AccessModule } from './auth/access.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CatalogueModule } from './catalogue/catalogue.module.js';
import { type Clock, ClockModule } from './common/clock.js';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import type { Database } from './database/database.js';
import { CredentialsModule } from './credentials/credentials.module.js';
import { DatabaseModule } from './database/database.module.js';
import { CredentialInfrastructureModule } from './credentials/credential-infrastructure.module.js';
import { DemoModule } from './demo/demo.module.js';
import { FrameworksModule } from './frameworks/frameworks.module.js';
import { HealthController } from './health/health.controller.js';
import { InstitutionsModule } from './institutions/institutions.module.js';
import { CaseModule } from './interop/case/case.module.js';
import { InteropModule } from './interop/interop.module.js';
import { EscoModule } from './interop/esco/esco.module.js';
import { MoodleModule } from './interop/moodle/moodle.module.js';
import { LearningModule } from './learning/learning.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { VerificationModule } from './verification/verification.module.js';
import { DocumentsModule } from './documents/documents.module.js';
import { JobProfilesModule } from './profiles/job-profiles.module.js';

@Global()
@Module({})
class ConfigModule {
  static forConfig(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}

@Module({})
export class AppModule {
  /** `clock`: the system clock unless given (a test's FixedClock). */
  static forRoot(config: AppConfig, database: Database, clock?: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forConfig(config),
        ClockModule.with({ clock }),
        DatabaseModule.forDatabase(database),
        JobsModule,
        AuthModule,
        AccessModule,
        InstitutionsModule,
        FrameworksModule,
        JobProfilesModule,
        CatalogueModule,
        LearningModule,
        CredentialInfrastructureModule,
        CredentialsModule,
        VerificationModule,
        DocumentsModule,
        InteropModule,
        // standards (interop/case, interop/moodle, interop/esco) register here
        CaseModule,
        MoodleModule,
        EscoModule,
        DemoModule,
      ],
      controllers: [HealthController],
    };
  }
}
