import { Module } from '@nestjs/common';
import { FrameworksModule } from '../frameworks/frameworks.module.js';
import { InstitutionsModule } from '../institutions/institutions.module.js';
import { ProgrammesController } from './programmes.controller.js';
import { ProgrammesRepository } from './programmes.repository.js';
import { ProgrammesService } from './programmes.service.js';
import { TrainingModulesController } from './training-modules.controller.js';
import { TrainingModulesRepository } from './training-modules.repository.js';
import { TrainingModulesService } from './training-modules.service.js';
import { TrainingSessionsController } from './training-sessions.controller.js';
import { TrainingSessionsRepository } from './training-sessions.repository.js';
import { TrainingSessionsService } from './training-sessions.service.js';
import { YearlyCatalogueController } from './yearly-catalogue.controller.js';
import { YearlyCatalogueService } from './yearly-catalogue.service.js';

@Module({
  imports: [FrameworksModule, InstitutionsModule],
  controllers: [TrainingModulesController, ProgrammesController, TrainingSessionsController, YearlyCatalogueController],
  providers: [
    TrainingModulesService,
    TrainingModulesRepository,
    ProgrammesService,
    ProgrammesRepository,
    TrainingSessionsService,
    TrainingSessionsRepository,
    YearlyCatalogueService,
  ],
  exports: [
    TrainingModulesRepository,
    ProgrammesRepository,
    TrainingSessionsRepository,
    TrainingModulesService,
    ProgrammesService,
    TrainingSessionsService,
  ],
})
export class CatalogueModule {}
