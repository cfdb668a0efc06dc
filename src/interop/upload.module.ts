import { Global, Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/** Upload limits for every FileInterceptor, from the configuration. */
@Global()
@Module({
  imports: [
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.importMaxBytes, files: 1, fields: 20 } }),
    }),
  ],
  exports: [MulterModule],
})
export class UploadModule {}
