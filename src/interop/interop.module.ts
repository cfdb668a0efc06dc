import { Module } from '@nestjs/common';
import { FrameworksModule } from '../frameworks/frameworks.module.js';
import { InstitutionsModule } from '../institutions/institutions.module.js';
import { FrameworkImportService } from './framework-import.service.js';

/** What every standard's importer shares: the framework writer and upload limits. */
@Module({
  imports: [FrameworksModule, InstitutionsModule],
  providers: [FrameworkImportService],
  exports: [FrameworkImportService],
})
export class InteropModule {}
