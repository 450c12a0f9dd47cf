import { performance } from 'node:perf_hooks';
import { DataSource, EntityManager } from 'typeorm';
import type { MatchingInstance, MatchingPlan } from '@agrilink/matching-engine';
import { NotificationsService } from '../notifications/notifications.service';
import { ProposalSnapshot } from '../proposals/proposal.entity';
import { MatchingRun, MatchingRunDiff, MatchingRunSize, MatchingRunTimings } from './matching-run.entity';
import { forEachYielding } from './matching-json';
import { runNotifications } from './matching-run.notifications';
import type { MatchingSnapshot } from './matching-snapshot.query';
import { NewProposalRow, writeSupersedingProposals } from './proposal-supersede.writer';

/** Advisory-lock class for matching writes (KH 308). Key 0 = the whole registry; other keys = one province. */
export const MATCHING_LOCK_CLASS = 308;

export interface MatchingResults {
  run: MatchingRun;
  /** The instance to keep on the run; absent when the snapshot step already stored it. */
  instance?: MatchingInstance;
  snapshot: MatchingSnapshot;
  plan: MatchingPlan;
  size: MatchingRunSize;
  heldOutKg: MatchingRunDiff['heldOutKg'];
  timings: MatchingRunTimings;
}

/**
 * Writes a solved run in one transaction: its proposals (delete-then-insert, superseding what it
 * replaces), the run's figures, and the notifications of the parties. False when the run is no
 * longer running (a second worker that raced this one already wrote it).
 */
export async function writeMatchingResults(
  dataSource: DataSource,
  notifications: NotificationsService,
  r: MatchingResults,
): Promise<boolean> {
  const { run, snapshot, plan } = r;
  const tWrite = performance.now();
  return dataSource.transaction(async (em) => {
    await lockScope(em, run.options.provinceCodes ?? []);
    // Under the run's row lock: a second worker that raced us (a stalled job re-run) sees it completed and stops.
    const current = await em.findOne(MatchingRun, { where: { id: run.id }, lock: { mode: 'pessimistic_write' } });
    if (!current || current.status !== 'running') return false;
    await em.query('DELETE FROM proposals WHERE matching_run_id = $1', [run.id]);
    // A processor's offered stock is not proposed to the processor itself (the engine has no
    // pair exclusion; such an allocation is dropped here and its kilograms stay unproposed).
    // A slice at a time: a national run writes about 670,000 rows, built here while the job's lock is renewed.
    const rows: NewProposalRow[] = [];
    await forEachYielding(plan.allocations, (a) => {
      const lot = snapshot.lots.get(a.lotId)!;
      const request = snapshot.requests.get(a.requestId)!;
      if (lot.sellerBuyerId && lot.sellerBuyerId === request.buyerId) return;
      const snap: ProposalSnapshot = {
        lot: {
          productCode: lot.productCode,
          askVndPerKg: lot.askVndPerKg,
          harvestFrom: lot.harvestFrom,
          harvestTo: lot.harvestTo,
          availableUntil: lot.availableUntil,
          certifications: lot.certifications,
          location: [lot.lng, lot.lat],
          zone: lot.zone,
          greenLane: lot.greenLane,
        },
        request: {
          productCode: request.productCode,
          bidVndPerKg: request.bidVndPerKg,
          deliverFrom: request.deliverFrom,
          deliverTo: request.deliverTo,
          requiredCertifications: request.requiredCertifications,
          location: [request.lng, request.lat],
          maxDistanceKm: request.maxDistanceKm,
          zone: request.zone,
        },
      };
      rows.push({
        matchingRunId: run.id,
        supplyLotId: lot.id,
        purchaseRequestId: request.id,
        cooperativeId: lot.cooperativeId,
        buyerId: request.buyerId,
        productCode: lot.productCode,
        quantityKg: a.quantityKg,
        distanceKm: a.distanceKm,
        transportVndPerKg: a.transportVndPerKg,
        scoreVndPerKg: a.scoreVndPerKg,
        askVndPerKg: lot.askVndPerKg,
        bidVndPerKg: request.bidVndPerKg,
        reasons: a.reasons,
        status: 'proposed' as const,
        lotVersion: lot.version,
        requestVersion: request.version,
        snapshot: snap,
      });
    });
    const outcome = await writeSupersedingProposals(em, run, rows);
    const [previous]: Array<{ id: string }> = await em.query(
      `SELECT id FROM matching_runs WHERE scope_key = $1 AND status = 'completed' AND id <> $2 ORDER BY finished_at DESC NULLS LAST, created_at DESC LIMIT 1`,
      [run.scopeKey, run.id],
    );
    const diff: MatchingRunDiff = { previousRunId: previous?.id ?? null, heldOutKg: r.heldOutKg, ...outcome.diff };
    const writeMs = round(performance.now() - tWrite);
    await em.query(
      `UPDATE matching_runs SET status = 'completed', progress = 100, size = $2, matched_kg = $3, score_vnd = $4, proposals_count = $5,
         timings = $6, instance = COALESCE($7::json, instance), error = NULL, finished_at = now(), updated_at = now(), previous_run_id = $8, diff = $9,
         pivots = $10, warm_pairs = $11::int,
         -- A run none of whose parts found a pair of the earlier plan (its products new) was solved cold.
         warm_start_from_run_id = CASE WHEN $11::int IS NULL THEN NULL ELSE warm_start_from_run_id END
       WHERE id = $1`,
      [
        run.id,
        JSON.stringify(r.size),
        plan.objective.matchedKg,
        plan.objective.scoreVnd,
        outcome.inserted.length,
        JSON.stringify({
          ...r.timings,
          engineSolveMs: plan.stats.solveMs,
          writeMs,
          totalMs: round(writeMs + (r.timings.snapshotMs ?? 0) + (r.timings.solveMs ?? 0)),
        }),
        r.instance === undefined ? null : JSON.stringify(r.instance),
        diff.previousRunId,
        JSON.stringify(diff),
        plan.stats.pivots ?? null,
        plan.stats.warmPairs ?? null,
      ],
    );
    await notifications.notify(
      em,
      runNotifications(
        run.id,
        outcome.inserted.map((row, i) => ({ ...row, id: outcome.insertedIds[i] })),
        outcome.superseded,
        outcome.kept,
        run.options.provinceCodes ?? [],
      ),
    );
    return true;
  });
}

/**
 * Runs over overlapping scopes never interleave their writes: a run over the whole registry takes
 * the global key exclusively; a run over provinces takes it shared plus each province key exclusively.
 */
async function lockScope(em: EntityManager, provinceCodes: string[]): Promise<void> {
  if (!provinceCodes.length) {
    await em.query('SELECT pg_advisory_xact_lock($1, 0)', [MATCHING_LOCK_CLASS]);
    return;
  }
  await em.query('SELECT pg_advisory_xact_lock_shared($1, 0)', [MATCHING_LOCK_CLASS]);
  for (const code of [...provinceCodes].sort()) {
    await em.query(`SELECT pg_advisory_xact_lock($1, hashtext('province:' || $2::text))`, [MATCHING_LOCK_CLASS, code]);
  }
}

export function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
