import { Module } from '@nestjs/common';
import { FrameworksModule } from '../frameworks/frameworks.module.js';
import { InstitutionsModule } from '../institutions/institutions.module.js';
import { FrameworkImportService } from './framework-import.service.js';
import { UploadModule } from './upload.module.js';

/** What every standard's importer shares: the framework writer and upload limits. */
@Module({
  imports: [FrameworksModule, InstitutionsModule, UploadModule],
  providers: [FrameworkImportService],
  exports: [FrameworkImportService, UploadModule],
})
export class InteropModule {}
