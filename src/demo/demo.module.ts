import { Module } from '@nestjs/common';
import { FrameworksModule } from '../frameworks/frameworks.module.js';
import { InstitutionsModule } from '../institutions/institutions.module.js';
import { JobProfilesModule } from '../profiles/job-profiles.module.js';
import { DemoSeeder } from './demo.seeder.js';

@Module({
  imports: [InstitutionsModule, FrameworksModule, JobProfilesModule],
  providers: [DemoSeeder],
  exports: [DemoSeeder],
})
export class DemoModule {}
