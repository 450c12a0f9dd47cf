import { Module } from '@nestjs/common';
import { ReportsModule } from '@agrilink/core';
import { HarvestForecastController } from './harvest-forecast.controller';
import { ReportsController } from './reports.controller';

@Module({ imports: [ReportsModule], controllers: [ReportsController, HarvestForecastController] })
export class ReportsApiModule {}
