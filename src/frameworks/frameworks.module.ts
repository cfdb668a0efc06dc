import { Module } from '@nestjs/common';
import { InstitutionsModule } from '../institutions/institutions.module.js';
import { FrameworkContentRepository } from './framework-content.repository.js';
import { FrameworkItemsController } from './framework-items.controller.js';
import { FrameworkItemsService } from './framework-items.service.js';
import { FrameworksController } from './frameworks.controller.js';
import { FrameworksRepository } from './frameworks.repository.js';
import { FrameworksService } from './frameworks.service.js';

@Module({
  imports: [InstitutionsModule],
  controllers: [FrameworksController, FrameworkItemsController],
  providers: [FrameworksService, FrameworkItemsService, FrameworksRepository, FrameworkContentRepository],
  exports: [FrameworksService, FrameworkItemsService, FrameworksRepository, FrameworkContentRepository],
})
export class FrameworksModule {}
