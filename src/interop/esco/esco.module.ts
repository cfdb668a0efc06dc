import { Module } from '@nestjs/common';
import { FrameworksModule } from '../../frameworks/frameworks.module.js';
import { InteropModule } from '../interop.module.js';
import { EscoController } from './esco.controller.js';
import { EscoImportService } from './esco-import.service.js';
import { EscoProfilesRepository } from './esco-profiles.repository.js';

/** ESCO classification CSV: skills framework and job profiles. */
@Module({
  imports: [InteropModule, FrameworksModule],
  controllers: [EscoController],
  providers: [EscoImportService, EscoProfilesRepository],
})
export class EscoModule {}
