import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { AppConfig } from '@agrilink/config';
import { ImportsModule } from '@agrilink/core';
import { ImportsController } from './imports.controller';

@Module({
  imports: [
    ImportsModule,
    // No storage option: multer keeps the file in memory, so the file limit bounds the api's memory per upload.
    MulterModule.registerAsync({
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.importLimits.maxFileBytes, files: 1 } }),
      inject: [AppConfig],
    }),
  ],
  controllers: [ImportsController],
})
export class ImportsApiModule {}
