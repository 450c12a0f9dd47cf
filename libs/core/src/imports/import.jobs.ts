import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobName, ProcessImportPayload, QueueName } from '@agrilink/queue';
import { DurableJobs } from '../common/durable-jobs/durable-jobs';
import { DurableJobsRegistry } from '../common/durable-jobs/periodic-jobs';

/** Imports as durable jobs: the `imports` row (with the file's bytes) is the record, its id the job id. */
@Injectable()
export class ImportJobs extends DurableJobs {
  constructor(
    dataSource: DataSource,
    @InjectQueue(QueueName.Imports) queue: Queue<ProcessImportPayload>,
    registry: DurableJobsRegistry,
  ) {
    super(dataSource, {
      noun: 'import',
      table: 'imports',
      queue,
      jobName: JobName.ProcessImport,
      payload: (id) => ({ importId: id }),
      onClaim: 'progress = 0, started_at = COALESCE(started_at, now())',
      errorValue: (message) => ({ code: 'IMPORT.PROCESSING_FAILED', message }),
    });
    registry.add(this);
  }
}
