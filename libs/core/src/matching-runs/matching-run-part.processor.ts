import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { JobName, QueueName, SolveMatchingPartPayload } from '@agrilink/queue';
import { MATCHING_JOB_LOCKS } from './matching-job-locks';
import { MatchingRunJobs } from './matching-run.jobs';
import { MatchingRunPartJobs } from './matching-run-part.jobs';
import { solveStoredMatchingPart } from './matching-part.solver';
import { round } from './matching-results.writer';
import { toWarmStart } from './matching-warm-start';
import { previousPlanOfProduct } from './matching-warm-start.query';

/**
 * Solves one part of a fanned-out run: reads the part's instance from PostgreSQL, solves it
 * (solveMatchingPart) and stores the solution beside it. As many parts at once as the machine has
 * cores, each parsed, solved and stringified in its own thread (solveStoredMatchingPart), so the
 * event loop keeps renewing the parts' locks. A worker that dies mid-part stops renewing the lock; another
 * worker's stalled check puts the part back and it is solved there (the part row's `attempts` counts
 * both, `worker` names the last). A part that fails for good fails its run.
 */
@Processor(QueueName.MatchingParts, {
  concurrency: Math.max(1, availableParallelism()),
  ...MATCHING_JOB_LOCKS,
})
export class MatchingRunPartProcessor extends WorkerHost {
  constructor(
    private readonly parts: MatchingRunPartJobs,
    private readonly runs: MatchingRunJobs,
    private readonly dataSource: DataSource,
  ) {
    super();
  }

  async process(job: Job<SolveMatchingPartPayload>): Promise<'completed' | 'skipped'> {
    if (job.name !== JobName.SolveMatchingPart) throw new UnrecoverableError(`unknown job ${job.name}`);
    const { matchingRunPartId } = job.data;
    const [part]: Array<{ run_id: string; product: string; run_status: string }> = await this.dataSource.query(
      `SELECT p.matching_run_id AS run_id, p.product_code AS product, r.status AS run_status
         FROM matching_run_parts p JOIN matching_runs r ON r.id = p.matching_run_id WHERE p.id = $1`,
      [matchingRunPartId],
    );
    // A run that is settled (failed, cancelled, or written by a racing attempt) needs no part. One put
    // back to queued (its job's attempt failed, BullMQ retries it) still does: its next attempt resumes
    // from the parts already solved, so a part skipped now would only be added and solved again later.
    if (!part || (part.run_status !== 'running' && part.run_status !== 'queued')) return 'skipped';
    try {
      return await this.parts.runAttempt(job, matchingRunPartId, (onProgress) =>
        this.solve(matchingRunPartId, part.run_id, onProgress),
      );
    } catch (e) {
      // The part's job fails its parent too (failParentOnFailure); the run's record says so at once.
      if (e instanceof UnrecoverableError)
        await this.runs.recordFailure(part.run_id, `${part.product}: ${e.message}`, true);
      throw e;
    }
  }

  private async solve(
    id: string,
    runId: string,
    onProgress: (percent: number) => void,
  ): Promise<'completed' | 'skipped'> {
    if (!(await this.parts.claim(id))) return 'skipped';
    const t0 = performance.now();
    // As text: the parse is the solver thread's, not this event loop's (a national part is tens of MB).
    const [{ instance, product, warmFrom }]: Array<{ instance: string; product: string; warmFrom: string | null }> =
      await this.dataSource.query(
        `SELECT p.instance::text AS instance, p.product_code AS product, r.warm_start_from_run_id AS "warmFrom"
         FROM matching_run_parts p JOIN matching_runs r ON r.id = p.matching_run_id WHERE p.id = $1`,
        [id],
      );
    // Incremental re-matching: the run chose its earlier run at split; this product's share of that plan is the start.
    const warmStart = warmFrom ? toWarmStart(await previousPlanOfProduct(this.dataSource, warmFrom, product)) : null;
    const { planJson, stats } = await solveStoredMatchingPart(
      instance,
      (f) => onProgress(Math.floor(90 * f)),
      warmStart,
    );
    const stored = await this.dataSource.query(
      `UPDATE matching_run_parts SET status = 'completed', progress = 100, solution = $2, solve_ms = $3, error = NULL, finished_at = now(), updated_at = now(),
              warm_start_from_run_id = $4, warm_pairs = $5, pivots = $6
        WHERE id = $1 AND status = 'running' RETURNING id`,
      [
        id,
        planJson,
        round(performance.now() - t0),
        warmStart ? warmFrom : null,
        warmStart ? (stats.warmPairs ?? 0) : null,
        stats.pivots ?? null,
      ],
    );
    // A racing attempt (a stalled job put back while this one still ran) may have stored it first.
    if (!(Array.isArray(stored[0]) ? stored[0] : stored).length) return 'skipped';
    // The run's progress: 10 once split, 90 once every part is solved (95 and 100 belong to its write).
    const [{ done, total }] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE status = 'completed')::int AS done, count(*)::int AS total FROM matching_run_parts WHERE matching_run_id = $1`,
      [runId],
    );
    await this.runs.progress(runId, 10 + Math.floor((80 * done) / total));
    return 'completed';
  }
}
