import { Module } from '@nestjs/common';
import { UploadModule } from '../interop/upload.module.js';
import { InstitutionsController } from './institutions.controller.js';
import { InstitutionsRepository } from './institutions.repository.js';
import { InstitutionsService } from './institutions.service.js';

@Module({
  imports: [UploadModule],
  controllers: [InstitutionsController],
  providers: [InstitutionsService, InstitutionsRepository],
  exports: [InstitutionsService, InstitutionsRepository],
})
export class InstitutionsModule {}
