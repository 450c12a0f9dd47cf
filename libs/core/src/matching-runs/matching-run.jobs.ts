import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobName, QueueName, RunMatchingPayload, SolveMatchingPartPayload } from '@agrilink/queue';
import { DurableJobs } from '../common/durable-jobs/durable-jobs';
import { DurableJobsRegistry } from '../common/durable-jobs/periodic-jobs';
import { queryRows } from '../common/sql-rows';

/**
 * How long after its last part was solved a run's job may still be waiting for its children
 * before recovery calls it stuck: BullMQ moves the parent on as the last child completes, so a
 * parent still waiting well after that lost the bookkeeping of its children in Redis.
 */
const PARTS_SETTLE_SECONDS = 30;

/** Matching runs as durable jobs: the `matching_runs` row is the record, its id the job id. */
@Injectable()
export class MatchingRunJobs extends DurableJobs {
  constructor(
    dataSource: DataSource,
    @InjectQueue(QueueName.Matching) queue: Queue<RunMatchingPayload>,
    @InjectQueue(QueueName.MatchingParts) partsQueue: Queue<SolveMatchingPartPayload>,
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
      isStuck: (id, state) => runWaitsInVain(dataSource, partsQueue, id, state),
    });
    registry.add(this);
  }
}

/**
 * A fanned-out run's job waits for its parts' jobs. When Redis lost those (a flush, a failover)
 * but kept the run's job, nothing will ever wake it: a part still owed has no job, or every part
 * is solved and the run still waits. Re-enqueued, the run's job adds again the parts not yet
 * solved, or writes the proposals when none is left.
 */
async function runWaitsInVain(
  dataSource: DataSource,
  partsQueue: Queue<SolveMatchingPartPayload>,
  runId: string,
  state: string,
): Promise<boolean> {
  if (state !== 'waiting-children') return false;
  const parts = await queryRows<{ id: string; status: string; settled: boolean }>(
    dataSource,
    `SELECT id, status, finished_at < now() - make_interval(secs => $2) AS settled
       FROM matching_run_parts WHERE matching_run_id = $1`,
    [runId, PARTS_SETTLE_SECONDS],
  );
  if (!parts.length) return false;
  for (const part of parts) {
    if (part.status !== 'queued' && part.status !== 'running') continue;
    if (!(await partsQueue.getJob(part.id))) return true;
  }
  return parts.every((p) => p.status === 'completed' && p.settled);
}
