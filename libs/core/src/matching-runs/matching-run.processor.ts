import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError, WaitingChildrenError } from 'bullmq';
import { DataSource } from 'typeorm';
import { recordMatchingRun } from '@agrilink/observability';
import { JobName, QueueName, RunMatchingPayload } from '@agrilink/queue';
import { NotificationsService } from '../notifications/notifications.service';
import { MatchingRun, MatchingRunSize } from './matching-run.entity';
import { MATCHING_JOB_LOCKS } from './matching-job-locks';
import { MatchingRunFlow } from './matching-run.flow';
import { MatchingRunJobs } from './matching-run.jobs';
import { mergePartPlans } from './matching-parts';
import { writeMatchingResults } from './matching-results.writer';

/**
 * A run's job, in two steps around its parts (MatchingRunFlow). First step: claim the run, snapshot
 * the registry, store its parts and add them as child jobs; the job then waits for its children
 * (WaitingChildrenError), holding no worker. Last step, when BullMQ hands it back with every part
 * solved: merge the parts' solutions and write the proposals delete-then-insert in one transaction.
 * Neither step holds the event loop for long (MATCHING_JOB_LOCKS says why that matters).
 * A worker that dies in either step stops renewing the lock; after `lockDuration` another worker's
 * stalled check puts the job back, and the step is redone from what PostgreSQL holds (a run already
 * split is never snapshotted again; a repeated write never duplicates).
 */
@Processor(QueueName.Matching, { concurrency: 1, ...MATCHING_JOB_LOCKS })
export class MatchingRunProcessor extends WorkerHost {
  constructor(
    private readonly jobs: MatchingRunJobs,
    private readonly flow: MatchingRunFlow,
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
  ) {
    super();
  }

  async process(job: Job<RunMatchingPayload>, token?: string): Promise<'completed' | 'skipped'> {
    if (job.name !== JobName.RunMatching) throw new UnrecoverableError(`unknown job ${job.name}`);
    const { matchingRunId } = job.data;
    return this.jobs.runAttempt(job, matchingRunId, (onProgress) =>
      this.execute(job, token, matchingRunId, onProgress),
    );
  }

  private async execute(
    job: Job,
    token: string | undefined,
    id: string,
    onProgress: (percent: number) => void,
  ): Promise<'completed' | 'skipped'> {
    let state = await this.flow.state(id);
    if (!state.split) {
      if (!(await this.jobs.claim(id))) return 'skipped';
      await this.flow.split(await this.dataSource.getRepository(MatchingRun).findOneByOrFail({ id }));
      state = await this.flow.state(id);
      if (!state.split) return 'skipped';
      onProgress(10);
    } else if (!(await this.flow.resume(id))) return 'skipped';
    const open = state.parts.filter((p) => p.status !== 'completed');
    if (open.length) {
      await this.flow.addParts(job, open);
      if (await job.moveToWaitingChildren(token!)) throw new WaitingChildrenError();
      // Every child ended between the add and the move: done, unless one ended without solving its part.
      const unsolved = (await this.flow.state(id)).parts.filter((p) => p.status !== 'completed');
      if (unsolved.length) throw new Error(`parts not solved: ${unsolved.map((p) => p.product).join(', ')}`);
    }
    return this.write(id, onProgress);
  }

  private async write(id: string, onProgress: (percent: number) => void): Promise<'completed' | 'skipped'> {
    // 95 marks a write begun: a later attempt that finds it counts as a new attempt (MatchingRunFlow.resume).
    await this.jobs.progress(id, 95);
    const run = await this.dataSource.getRepository(MatchingRun).findOneByOrFail({ id });
    const { split, plans, snapshot, solveMs } = await this.flow.solved(id);
    const plan = mergePartPlans(plans, split);
    const size: MatchingRunSize = {
      lots: split.lots,
      requests: split.requests,
      contracts: split.contracts,
      products: split.products,
      restrictedZones: split.restrictedZones,
      feasiblePairs: plan.stats.feasiblePairs,
    };
    const written = await writeMatchingResults(this.dataSource, this.notifications, {
      run,
      snapshot,
      plan,
      size,
      heldOutKg: split.heldOutKg,
      timings: { snapshotMs: split.snapshotMs, solveMs },
    });
    if (!written) return 'skipped';
    await this.flow.releasePayloads(id);
    // The README's matching metrics: one observation per run written (its parts' engine time summed).
    recordMatchingRun({
      lots: size.lots,
      requests: size.requests,
      pairs: size.feasiblePairs,
      solveMs: plan.stats.solveMs,
      pivots: plan.stats.pivots,
      ...(plan.stats.warmPairs !== undefined ? { warmPairs: plan.stats.warmPairs } : {}),
    });
    onProgress(100);
    return 'completed';
  }
}
