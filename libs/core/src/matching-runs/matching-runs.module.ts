import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module';
import { ProductsModule } from '../products/products.module';
import { MatchingRun } from './matching-run.entity';
import { MatchingRunJobs } from './matching-run.jobs';
import { MatchingRunFlow } from './matching-run.flow';
import { MatchingRunPartJobs } from './matching-run-part.jobs';
import { MatchingRunPartProcessor } from './matching-run-part.processor';
import { MatchingRunProcessor } from './matching-run.processor';
import { MatchingRunsService } from './matching-runs.service';

/** Needs QueueModule.forRoot() (global) and DurableJobsModule (global) in the root module. */
@Module({
  imports: [TypeOrmModule.forFeature([MatchingRun]), ProductsModule, NotificationsModule],
  providers: [MatchingRunsService, MatchingRunJobs],
  exports: [MatchingRunsService, MatchingRunJobs],
})
export class MatchingRunsModule {}

/** The worker's side: registered by a process that runs the job processors (the run's job and its parts'). */
@Module({
  imports: [MatchingRunsModule, NotificationsModule],
  providers: [MatchingRunFlow, MatchingRunPartJobs, MatchingRunProcessor, MatchingRunPartProcessor],
})
export class MatchingRunProcessorsModule {}
