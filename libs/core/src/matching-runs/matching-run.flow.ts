import { InjectFlowProducer, InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { FlowProducer, Job, Queue } from 'bullmq';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import type { MatchingInstance, MatchingPlan } from '@agrilink/matching-engine';
import { FlowName, JobName, QueueName, SolveMatchingPartPayload } from '@agrilink/queue';
import type { LotRow, RequestRow } from './matching-instance.builder';
import { MatchingRun, MatchingRunSplit } from './matching-run.entity';
import { assertValidInstance } from './matching-part.solver';
import { forEachYielding, stringifyYielding } from './matching-json';
import { buildPart, groupByProduct, instanceOutsideParts, partsLargestFirst } from './matching-parts';
import { round } from './matching-results.writer';
import { MatchingSnapshot, readMatchingRegistry } from './matching-snapshot.query';
import { wantsWarmStart, warmStartScope } from './matching-warm-start';
import { lastCompletedRunOfScope } from './matching-warm-start.query';

export interface MatchingRunPartState {
  id: string;
  product: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  /** Lots × requests of the part: what its solve costs grows with it. */
  size: number;
}

export interface SolvedParts {
  split: MatchingRunSplit;
  plans: MatchingPlan[];
  snapshot: MatchingSnapshot;
  /** From the parts' enqueue to the last part solved, in ms: the fanned-out solve as the run saw it. */
  solveMs: number;
}

// A part's job: a few attempts of its own (FlowProducer does not apply the queue's defaults); a part
// that fails for good fails its run's job with it (failParentOnFailure), and the run with it.
const PART_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10000 },
  removeOnFail: { age: 30 * 24 * 3600 },
  failParentOnFailure: true,
};

/**
 * The fanned-out shape of a matching run (issue 17). The run's job snapshots the registry once,
 * builds its independent parts (one per product, exact: the parts `splitByProduct` cuts) and stores
 * each part's instance and snapshot rows in `matching_run_parts`; the parts become child jobs of the
 * run's job in a BullMQ flow, taken by any worker on any machine; each stores its solution beside its
 * instance; when the last is done BullMQ hands the run's job back, which merges the solutions and
 * writes the proposals once. PostgreSQL holds every instance and solution; jobs carry ids.
 */
@Injectable()
export class MatchingRunFlow {
  constructor(
    private readonly dataSource: DataSource,
    @InjectFlowProducer(FlowName.MatchingParts) private readonly flow: FlowProducer,
    @InjectQueue(QueueName.MatchingParts) private readonly partsQueue: Queue<SolveMatchingPartPayload>,
  ) {}

  /** Where the run stands: split or not, and its parts. */
  async state(runId: string): Promise<{ split: MatchingRunSplit | null; parts: MatchingRunPartState[] }> {
    const [run]: Array<{ split: MatchingRunSplit | null }> = await this.dataSource.query(
      'SELECT split FROM matching_runs WHERE id = $1',
      [runId],
    );
    const parts: MatchingRunPartState[] = await this.dataSource.query(
      'SELECT id, product_code AS product, status, lots::float8 * requests AS size FROM matching_run_parts WHERE matching_run_id = $1 ORDER BY product_code',
      [runId],
    );
    return { split: run?.split ?? null, parts };
  }

  /**
   * Snapshots the registry for the run (claimed by the caller) and stores its parts, in one
   * transaction under the run's row lock: two racing attempts never both store, and a run no
   * longer running stores nothing. Each part is built from its product's rows and stringified a
   * slice at a time, one after the other: the whole instance is never built or stringified on the
   * worker's event loop (at a national scale that held it for minutes, past the job's lock). The run
   * keeps what its parts do not hold (`instanceOutsideParts`), so the whole stays answerable.
   * The run's warm start is chosen here, once: the last run of its warm-start scope completed by
   * now (unless staff forced a cold run); its parts read that run's plan when they solve.
   */
  async split(run: MatchingRun): Promise<void> {
    const t0 = performance.now();
    const read = await readMatchingRegistry(this.dataSource, run);
    const byProduct = await groupByProduct(read);
    const input = {
      options: run.options,
      contracts: read.contracts,
      shelfLifeDays: read.shelfLifeDays,
      restrictedZones: read.restrictedZones,
    };
    await this.dataSource.transaction(async (em) => {
      const [row]: Array<{ status: string; split: boolean }> = await em.query(
        'SELECT status, split IS NOT NULL AS split FROM matching_runs WHERE id = $1 FOR UPDATE',
        [run.id],
      );
      if (!row || row.status !== 'running' || row.split) return;
      await em.query('DELETE FROM matching_run_parts WHERE matching_run_id = $1', [run.id]);
      const contracts: MatchingInstance['contracts'] = [];
      for (const product of byProduct.parts) {
        const p = buildPart(product, byProduct, input);
        // A bad instance fails the run at once, before any part is solved.
        assertValidInstance(p.instance);
        contracts.push(...p.instance.contracts);
        await em.query(
          `INSERT INTO matching_run_parts (matching_run_id, product_code, lots, requests, instance, snapshot) VALUES ($1, $2, $3, $4, $5, $6)`,
          [
            run.id,
            p.product,
            p.instance.lots.length,
            p.instance.requests.length,
            await stringifyYielding(p.instance),
            await stringifyYielding(p.snapshot),
          ],
        );
      }
      const outside = instanceOutsideParts(byProduct, contracts, input);
      const scope = warmStartScope(run.options, assertValidInstance(outside).params);
      const warmFrom = wantsWarmStart(run.options) ? await lastCompletedRunOfScope(em, scope, run.id) : null;
      const split: MatchingRunSplit = {
        snapshotMs: round(performance.now() - t0),
        splitAt: new Date().toISOString(),
        lots: read.lots.length,
        requests: read.requests.length,
        contracts: contracts.length,
        products: [...byProduct.groups.values()].filter((g) => g.lots.length).length,
        restrictedZones: read.restrictedZones.length,
        heldOutKg: read.heldOutKg,
        parts: byProduct.parts.length,
      };
      await em.query(
        'UPDATE matching_runs SET split = $2, instance_outside_parts = $3, warm_start_scope = $4, warm_start_from_run_id = $5, updated_at = now() WHERE id = $1',
        [run.id, JSON.stringify(split), await stringifyYielding(outside), scope, warmFrom],
      );
    });
  }

  /**
   * The run's job back for a later step (its parts done, or after a restart). It counts as a new
   * attempt when the run was put back to queued by a failed attempt, or when an earlier attempt had
   * begun writing (progress 95) and died. False when the run is no longer pending.
   */
  async resume(runId: string): Promise<boolean> {
    const rows = await this.dataSource.query(
      `UPDATE matching_runs SET status = 'running', updated_at = now(),
              attempts = attempts + CASE WHEN status = 'queued' OR progress >= 95 THEN 1 ELSE 0 END
        WHERE id = $1 AND status IN ('queued', 'running') RETURNING id`,
      [runId],
    );
    return (Array.isArray(rows[0]) ? rows[0] : rows).length > 0;
  }

  /**
   * Adds the parts not yet solved as child jobs of the run's job, in one flow (one MULTI). A part
   * whose job is still waiting or running is left to it; one whose job ended without solving it
   * (a run that was not running then, a job Redis lost) is added again.
   */
  async addParts(parent: Job, parts: MatchingRunPartState[]): Promise<void> {
    const toAdd: MatchingRunPartState[] = [];
    for (const p of parts) {
      const existing = await this.partsQueue.getJob(p.id);
      if (existing) {
        const state = await existing.getState();
        if (state !== 'completed' && state !== 'failed' && state !== 'unknown') continue;
        await existing.remove();
      }
      toAdd.push(p);
    }
    if (!toAdd.length) return;
    const rank = partsLargestFirst(parts);
    await this.flow.addBulk(
      toAdd.map((p) => ({
        name: JobName.SolveMatchingPart,
        queueName: QueueName.MatchingParts,
        data: { matchingRunPartId: p.id },
        opts: {
          ...PART_JOB_OPTIONS,
          jobId: p.id,
          priority: rank.get(p.id),
          parent: { id: parent.id!, queue: parent.queueQualifiedName },
        },
      })),
    );
  }

  /** The parts' solutions and snapshot rows, for the one write of the run. */
  async solved(runId: string): Promise<SolvedParts> {
    const [run]: Array<{ split: MatchingRunSplit }> = await this.dataSource.query(
      'SELECT split FROM matching_runs WHERE id = $1',
      [runId],
    );
    const rows: Array<{
      solution: MatchingPlan;
      snapshot: { lots: LotRow[]; requests: RequestRow[] };
      finished_at: Date;
    }> = await this.dataSource.query(
      `SELECT solution, snapshot, finished_at FROM matching_run_parts WHERE matching_run_id = $1 AND status = 'completed' ORDER BY product_code`,
      [runId],
    );
    if (rows.length !== run.split.parts)
      throw new Error(`matching run ${runId}: ${rows.length} of ${run.split.parts} parts solved`);
    const snapshot: MatchingSnapshot = { lots: new Map(), requests: new Map() };
    for (const r of rows) {
      await forEachYielding(r.snapshot.lots, (l) => snapshot.lots.set(l.id, l));
      await forEachYielding(r.snapshot.requests, (q) => snapshot.requests.set(q.id, q));
    }
    const last = rows.reduce(
      (m, r) => Math.max(m, new Date(r.finished_at).getTime()),
      new Date(run.split.splitAt).getTime(),
    );
    return {
      split: run.split,
      plans: rows.map((r) => r.solution),
      snapshot,
      solveMs: round(last - new Date(run.split.splitAt).getTime()),
    };
  }

  /**
   * Once the run is written its parts' snapshot rows and solutions were working copies (the proposals
   * hold them); each part keeps its instance, which is the run's instance for replay and explanation.
   */
  async releasePayloads(runId: string): Promise<void> {
    await this.dataSource.query(
      'UPDATE matching_run_parts SET snapshot = NULL, solution = NULL WHERE matching_run_id = $1',
      [runId],
    );
  }
}
