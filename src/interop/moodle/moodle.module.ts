import { Module } from '@nestjs/common';
import { FrameworksModule } from '../../frameworks/frameworks.module.js';
import { InteropModule } from '../interop.module.js';
import { MoodleController } from './moodle.controller.js';
import { MoodleService } from './moodle.service.js';

/** Moodle competency framework CSV (admin/tool/lpimportcsv): import and export. */
@Module({
  imports: [InteropModule, FrameworksModule],
  controllers: [MoodleController],
  providers: [MoodleService],
})
export class MoodleModule {}
