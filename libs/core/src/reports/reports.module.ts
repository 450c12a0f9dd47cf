import { Module } from '@nestjs/common';
import { AgencyReportsModule } from '../agency-reports/agency-reports.module';
import { AgencyReportsService } from '../agency-reports/agency-reports.service';
import { AGENCY_WEEKLY_TEXTS, AgencyWeeklyTexts, agencyWeeklySection } from './agency-texts';
import { HarvestCapacityReport } from './harvest-capacity.report';
import { HarvestForecastReport } from './harvest-forecast.report';
import { HarvestForecastRepository } from './harvest-forecast.repository';
import { ReportsService } from './reports.service';

@Module({
  imports: [AgencyReportsModule],
  providers: [
    ReportsService,
    HarvestForecastRepository,
    HarvestForecastReport,
    HarvestCapacityReport,
    // The consolidated report quotes the agencies' weekly reports (issue 13 §3).
    {
      provide: AGENCY_WEEKLY_TEXTS,
      inject: [AgencyReportsService],
      useFactory: (agencies: AgencyReportsService): AgencyWeeklyTexts => ({
        forWeek: async (week) => agencyWeeklySection(await agencies.forWeek(week)),
      }),
    },
  ],
  exports: [ReportsService, HarvestForecastReport, HarvestCapacityReport],
})
export class ReportsModule {}
