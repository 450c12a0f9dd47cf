import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobSchedulersBootstrap, MaintenanceProcessor } from '../common/durable-jobs/maintenance.processor';
import { SupplyLotChangeLogJobs } from '../map/supply-lot-change-log.jobs';
import { AgencyReportsModule } from '../agency-reports/agency-reports.module';
import { ImportProcessorsModule } from '../imports/imports.module';
import { MatchingRunProcessorsModule } from '../matching-runs/matching-runs.module';
import { MatchingSchedulesModule } from '../matching-schedules/matching-schedules.module';
import { NotificationProcessorsModule } from '../notifications/notifications.module';
import { SupplyLotsModule } from '../supply-lots/supply-lots.module';
import { TransportPlanProcessorsModule } from '../transport-plans/transport-plans.module';
import { QueueCoverageCheck } from './queue-coverage.check';
import { SchedulesJobs } from './schedules.jobs';
import { SchedulesProcessor } from './schedules.processor';

/**
 * Every BullMQ processor and periodic job. A separate worker's root module imports it; so does the
 * api's when RUN_WORKER is on, in the same Nest context (one pool, one config, one migration run).
 * A queue without a processor here is a queue nothing drains: QueueCoverageCheck refuses to start.
 */
@Module({
  imports: [
    DiscoveryModule,
    MatchingRunProcessorsModule,
    ImportProcessorsModule,
    NotificationProcessorsModule,
    MatchingSchedulesModule,
    SupplyLotsModule,
    TransportPlanProcessorsModule,
    AgencyReportsModule,
  ],
  providers: [
    SchedulesProcessor,
    SchedulesJobs,
    SupplyLotChangeLogJobs,
    MaintenanceProcessor,
    JobSchedulersBootstrap,
    QueueCoverageCheck,
  ],
})
export class JobProcessorsModule {}
