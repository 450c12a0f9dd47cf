import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { AppConfig } from '@agrilink/config';
import { AgencyReportsModule } from '@agrilink/core';
import { AdHocReportsController, AgencyReportsController } from './agency-reports.controller';

@Module({
  imports: [
    AgencyReportsModule,
    MulterModule.registerAsync({
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.importLimits.maxFileBytes, files: 1 } }),
      inject: [AppConfig],
    }),
  ],
  controllers: [AgencyReportsController, AdHocReportsController],
})
export class AgencyReportsApiModule {}
