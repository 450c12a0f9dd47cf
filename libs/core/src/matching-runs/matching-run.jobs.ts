import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobName, QueueName, RunMatchingPayload } from '@agrilink/queue';
import { DurableJobs } from '../common/durable-jobs/durable-jobs';
import { DurableJobsRegistry } from '../common/durable-jobs/periodic-jobs';

/** Matching runs as durable jobs: the `matching_runs` row is the record, its id the job id. */
@Injectable()
export class MatchingRunJobs extends DurableJobs {
  constructor(
    dataSource: DataSource,
    @InjectQueue(QueueName.Matching) queue: Queue<RunMatchingPayload>,
    registry: DurableJobsRegistry,
  ) {
    super(dataSource, {
      noun: 'matching run',
      table: 'matching_runs',
      queue,
      jobName: JobName.RunMatching,
      payload: (id) => ({ matchingRunId: id }),
      onClaim: 'attempts = attempts + 1, progress = 0, started_at = now()',
      errorValue: (message) => message,
    });
    registry.add(this);
  }
}
