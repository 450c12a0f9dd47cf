import { Global, Module } from '@nestjs/common';
import { DurableJobsRegistry, PeriodicJobs } from './periodic-jobs';

/** Global: every feature that owns a durable or periodic job registers it here. */
@Global()
@Module({ providers: [DurableJobsRegistry, PeriodicJobs], exports: [DurableJobsRegistry, PeriodicJobs] })
export class DurableJobsModule {}
