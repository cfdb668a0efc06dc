import { Module } from '@nestjs/common';
import { FrameworksModule } from '../frameworks/frameworks.module.js';
import { InstitutionsModule } from '../institutions/institutions.module.js';
import { JobProfilesController } from './job-profiles.controller.js';
import { JobProfilesRepository } from './job-profiles.repository.js';
import { JobProfilesService } from './job-profiles.service.js';

@Module({
  imports: [FrameworksModule, InstitutionsModule],
  controllers: [JobProfilesController],
  providers: [JobProfilesService, JobProfilesRepository],
  exports: [JobProfilesService, JobProfilesRepository],
})
export class JobProfilesModule {}
