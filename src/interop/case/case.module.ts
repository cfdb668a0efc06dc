import { Module } from '@nestjs/common';
import { FrameworksModule } from '../../frameworks/frameworks.module.js';
import { InteropModule } from '../interop.module.js';
import { CaseApiController } from './case-api.controller.js';
import { CaseApiService } from './case-api.service.js';
import { CasePackageService } from './case-package.service.js';
import { CasePackagesController } from './case-packages.controller.js';
import { CaseRepository } from './case.repository.js';

/** 1EdTech CASE: package import and export, and the read-only CASE 1.1 REST API. */
@Module({
  imports: [InteropModule, FrameworksModule],
  controllers: [CasePackagesController, CaseApiController],
  providers: [CaseRepository, CasePackageService, CaseApiService],
})
export class CaseModule {}
