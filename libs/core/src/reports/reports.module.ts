import { Module } from '@nestjs/common';
import { HarvestCapacityReport } from './harvest-capacity.report';
import { HarvestForecastReport } from './harvest-forecast.report';
import { HarvestForecastRepository } from './harvest-forecast.repository';
import { ReportsService } from './reports.service';

@Module({
  providers: [ReportsService, HarvestForecastRepository, HarvestForecastReport, HarvestCapacityReport],
  exports: [ReportsService, HarvestForecastReport, HarvestCapacityReport],
})
export class ReportsModule {}
