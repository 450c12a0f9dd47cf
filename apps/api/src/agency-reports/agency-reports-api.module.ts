import { Module } from '@nestjs/common';
import { AgencyReportsModule } from '@agrilink/core';
import { AdHocReportsController, AgencyReportsController } from './agency-reports.controller';

@Module({ imports: [AgencyReportsModule], controllers: [AgencyReportsController, AdHocReportsController] })
export class AgencyReportsApiModule {}
