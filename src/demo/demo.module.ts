import { Module } from '@nestjs/common';
import { FrameworksModule } from '../frameworks/frameworks.module.js';
import { InstitutionsModule } from '../institutions/institutions.module.js';
import { JobProfilesModule } from '../profiles/job-profiles.module.js';
import { CatalogueModule } from '../catalogue/catalogue.module.js';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { LearningModule } from '../learning/learning.module.js';
import { DemoTrainingSeeder } from './demo-training.seeder.js';
import { DemoSeeder } from './demo.seeder.js';

@Module({
  imports: [InstitutionsModule, FrameworksModule, JobProfilesModule, CatalogueModule, LearningModule, CredentialsModule],
  providers: [DemoSeeder, DemoTrainingSeeder],
  exports: [DemoSeeder],
})
export class DemoModule {}
