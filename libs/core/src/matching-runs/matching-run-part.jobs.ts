import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';
import { JobName, QueueName, SolveMatchingPartPayload } from '@agrilink/queue';
import { DurableJobs } from '../common/durable-jobs/durable-jobs';

/** Who solves a part, as recorded on the run: the machine and the process. */
export const MATCHING_WORKER_ID = `${hostname()}:${process.pid}`;

/**
 * Parts of fanned-out matching runs as durable jobs: the `matching_run_parts` row is the record,
 * its id the child job's id. Claim, failure and final attempt come from the base. Recovery does not:
 * a part job belongs to its run's job (its parent in the flow), and when Redis lost them the run's
 * recovery re-enqueues the run, whose job adds again the parts still unsolved under itself. A part
 * re-enqueued on its own would have no parent to wake.
 */
@Injectable()
export class MatchingRunPartJobs extends DurableJobs {
  constructor(dataSource: DataSource, @InjectQueue(QueueName.MatchingParts) queue: Queue<SolveMatchingPartPayload>) {
    super(dataSource, {
      noun: 'matching run part',
      table: 'matching_run_parts',
      queue,
      jobName: JobName.SolveMatchingPart,
      payload: (id) => ({ matchingRunPartId: id }),
      onClaim: `attempts = attempts + 1, progress = 0, started_at = now(), worker = '${MATCHING_WORKER_ID.replace(/'/g, "''")}'`,
      errorValue: (message) => message,
    });
  }
}
