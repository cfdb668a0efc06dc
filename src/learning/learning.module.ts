import { Module } from '@nestjs/common';
import { FrameworksModule } from '../frameworks/frameworks.module.js';
import { InstitutionsModule } from '../institutions/institutions.module.js';
import { JobProfilesModule } from '../profiles/job-profiles.module.js';
import { GapsRepository } from './gaps.repository.js';
import { GapsService } from './gaps.service.js';
import { LearnersController } from './learners.controller.js';
import { LearnersService } from './learners.service.js';
import { LearningRepository } from './learning.repository.js';
import { RecordsService } from './records.service.js';
import { ResultsImportService } from './results-import.service.js';
import { SessionRecordsController } from './sessions-records.controller.js';

@Module({
  imports: [FrameworksModule, InstitutionsModule, JobProfilesModule],
  controllers: [LearnersController, SessionRecordsController],
  providers: [LearningRepository, LearnersService, RecordsService, ResultsImportService, GapsRepository, GapsService],
  exports: [LearningRepository, LearnersService, RecordsService, GapsService],
})
export class LearningModule {}
