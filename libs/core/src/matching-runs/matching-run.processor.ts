import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { InstanceValidationError, parseInstance, solveMatching, workersAvailable } from '@agrilink/matching-engine';
import { recordMatchingRun } from '@agrilink/observability';
import { JobName, QueueName, RunMatchingPayload } from '@agrilink/queue';
import { NonRetryableError } from '../common/durable-jobs/non-retryable.error';
import { NotificationsService } from '../notifications/notifications.service';
import { MatchingRun, MatchingRunSize } from './matching-run.entity';
import { MatchingRunJobs } from './matching-run.jobs';
import { round, writeMatchingResults } from './matching-results.writer';
import { readMatchingSnapshot } from './matching-snapshot.query';

/**
 * Takes a run (queued, or running after a worker died), snapshots the registry, solves and writes
 * the proposals delete-then-insert in one transaction. A worker that dies mid-run stops renewing its
 * lock; after `lockDuration` another worker's stalled check puts the job back and the run is redone
 * from the start (a repeat never duplicates). The solve runs in worker threads, so the event loop
 * keeps the lock fresh.
 */
@Processor(QueueName.Matching, { concurrency: 1, lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 2 })
export class MatchingRunProcessor extends WorkerHost {
  constructor(
    private readonly jobs: MatchingRunJobs,
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
  ) {
    super();
  }

  async process(job: Job<RunMatchingPayload>): Promise<'completed' | 'skipped'> {
    if (job.name !== JobName.RunMatching) throw new UnrecoverableError(`unknown job ${job.name}`);
    const { matchingRunId } = job.data;
    return this.jobs.runAttempt(job, matchingRunId, (onProgress) => this.execute(matchingRunId, onProgress));
  }

  private async execute(id: string, onProgress: (percent: number) => void): Promise<'completed' | 'skipped'> {
    if (!(await this.jobs.claim(id))) return 'skipped';
    const run = await this.dataSource.getRepository(MatchingRun).findOneByOrFail({ id });
    const t0 = performance.now();
    const { instance, snapshot, contracts, restrictedZones, heldOutKg } = await readMatchingSnapshot(this.dataSource, run);
    const tSnap = performance.now();
    onProgress(10);
    const { parsed, plan } = await solve(instance, onProgress);
    const tSolve = performance.now();
    const size: MatchingRunSize = {
      lots: parsed.lots.length,
      requests: parsed.requests.length,
      contracts,
      products: new Set(parsed.lots.map((l) => l.product)).size,
      restrictedZones,
      feasiblePairs: plan.stats.feasiblePairs,
    };
    const written = await writeMatchingResults(this.dataSource, this.notifications, {
      run,
      instance,
      snapshot,
      plan,
      size,
      heldOutKg,
      timings: { snapshotMs: round(tSnap - t0), solveMs: round(tSolve - tSnap) },
    });
    if (!written) return 'skipped';
    // The README's matching metrics: one observation per run this process solved and wrote.
    recordMatchingRun({ lots: size.lots, requests: size.requests, pairs: size.feasiblePairs, solveMs: plan.stats.solveMs });
    onProgress(100);
    return 'completed';
  }
}

/** The engine's part; its errors about the instance are translated here, so retries are decided on our own error type. */
async function solve(instance: unknown, onProgress: (percent: number) => void) {
  try {
    const parsed = parseInstance(instance);
    const plan = await solveMatching(parsed, { threads: workersAvailable() ? undefined : 0, onProgress: (f) => onProgress(10 + Math.floor(80 * f)) });
    return { parsed, plan };
  } catch (e) {
    // A bad instance will not get better by retrying.
    if (e instanceof InstanceValidationError) throw new NonRetryableError(e.message, e);
    throw e;
  }
}
