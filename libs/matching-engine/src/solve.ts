/**
 * The engine's entry points: instance in, plan out. Components (products) are independent
 * and solved in worker threads when the compiled worker is present; the plan is the same
 * whatever the thread count, because each component is solved by the same deterministic
 * code on the same canonical (id-sorted) input.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { runComponent, type ComponentResult } from './component-run';
import { explainAllocation } from './explain';
import { haversineKm } from './geo';
import { compileInstance, type CompiledInstance, type ComponentInput } from './model';
import { transitDays, transportMultiplier, transportVndPerKg } from './rules';
import type { LocalAllocations } from './component-solver';
import type { MatchingInstance, MatchingPlan, PlanAllocation, SolveOptions, WarmStart } from './types';

const WORKER_FILE = join(__dirname, 'matching.worker.js');

/** Whether worker threads can be used (the compiled worker sits next to this module). */
export function workersAvailable(): boolean {
  return existsSync(WORKER_FILE);
}

/** Solves in the calling thread. */
export function solveMatchingSync(
  instance: MatchingInstance,
  options: Omit<SolveOptions, 'threads'> = {},
): MatchingPlan {
  const clock = options.clock ?? (() => performance.now());
  const t0 = clock();
  const compiled = compileInstance(instance);
  const warm = warmStarts(compiled, options.warmStart);
  const results: ComponentResult[] = [];
  compiled.components.forEach((c, k) => {
    results.push(runComponent(c, clock, warm?.[k]));
    options.onProgress?.((k + 1) / compiled.components.length);
  });
  return assemblePlan(instance, compiled, results, 0, t0, clock, warm !== null);
}

/** Solves an instance exactly (see SPEC.md), in worker threads when available. */
export async function solveMatching(instance: MatchingInstance, options: SolveOptions = {}): Promise<MatchingPlan> {
  const clock = options.clock ?? (() => performance.now());
  const wanted = options.threads ?? (workersAvailable() ? availableParallelism() : 0);
  const t0 = clock();
  const compiled = compileInstance(instance);
  const warm = warmStarts(compiled, options.warmStart);
  const threads = Math.max(
    Math.min(wanted, compiled.components.length),
    options.offThread && wanted >= 1 && compiled.components.length ? 1 : 0,
  );
  if (threads < 1 || (threads === 1 && !options.offThread) || !workersAvailable()) {
    const results: ComponentResult[] = [];
    compiled.components.forEach((c, k) => {
      results.push(runComponent(c, clock, warm?.[k]));
      options.onProgress?.((k + 1) / compiled.components.length);
    });
    return assemblePlan(instance, compiled, results, 0, t0, clock, warm !== null);
  }
  const results = await runInWorkers(compiled.components, warm, threads, options.onProgress);
  return assemblePlan(instance, compiled, results, threads, t0, clock, warm !== null);
}

/** A warm start's allocations as each component's local indices (null: a cold start). */
function warmStarts(compiled: CompiledInstance, warmStart: WarmStart | undefined): LocalAllocations[] | null {
  if (!warmStart) return null;
  // Global (id-sorted) index → [component, local index].
  const lotAt = new Map<string, number>();
  compiled.lots.forEach((l, g) => lotAt.set(l.id, g));
  const reqAt = new Map<string, number>();
  compiled.requests.forEach((r, g) => reqAt.set(r.id, g));
  const lotComponent = new Int32Array(compiled.lots.length).fill(-1);
  const lotLocal = new Int32Array(compiled.lots.length);
  const reqComponent = new Int32Array(compiled.requests.length).fill(-1);
  const reqLocal = new Int32Array(compiled.requests.length);
  compiled.components.forEach((c, k) => {
    c.lotGlobal.forEach((g, i) => {
      lotComponent[g] = k;
      lotLocal[g] = i;
    });
    c.reqGlobal.forEach((g, j) => {
      reqComponent[g] = k;
      reqLocal[g] = j;
    });
  });
  const rows = compiled.components.map(() => ({ lot: [] as number[], req: [] as number[], qty: [] as number[] }));
  for (const a of warmStart.allocations) {
    const gl = lotAt.get(a.lotId);
    const gr = reqAt.get(a.requestId);
    if (gl === undefined || gr === undefined || !(a.quantityKg > 0)) continue;
    const k = lotComponent[gl];
    if (k < 0 || k !== reqComponent[gr]) continue;
    rows[k].lot.push(lotLocal[gl]);
    rows[k].req.push(reqLocal[gr]);
    rows[k].qty.push(a.quantityKg);
  }
  return rows.map((r) => ({ lot: Int32Array.from(r.lot), req: Int32Array.from(r.req), qty: Float64Array.from(r.qty) }));
}

function runInWorkers(
  components: ComponentInput[],
  warm: LocalAllocations[] | null,
  threads: number,
  onProgress?: (f: number) => void,
): Promise<ComponentResult[]> {
  // Biggest first, so the two cores finish together.
  const queue = [...components].sort(
    (a, b) => b.lotQty.length * b.reqQty.length - a.lotQty.length * a.reqQty.length || a.index - b.index,
  );
  const results = new Array<ComponentResult>(components.length);
  let done = 0;
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let failed = false;
    const finish = (err?: Error): void => {
      for (const w of workers) void w.terminate();
      if (err) reject(err);
      else resolve(results);
    };
    const feed = (w: Worker): void => {
      const next = queue.shift();
      if (next) w.postMessage({ c: next, warm: warm?.[next.index] });
      else if (done === components.length && !failed) finish();
    };
    for (let k = 0; k < threads; k++) {
      const w = new Worker(WORKER_FILE);
      workers.push(w);
      w.on('message', (msg: { ok: true; result: ComponentResult } | { ok: false; error: string }) => {
        if (failed) return;
        if (!msg.ok) {
          failed = true;
          finish(new Error(`matching worker failed: ${msg.error}`));
          return;
        }
        results[msg.result.index] = msg.result;
        done++;
        onProgress?.(done / components.length);
        feed(w);
      });
      w.on('error', (err) => {
        if (failed) return;
        failed = true;
        finish(err);
      });
      feed(w);
    }
  });
}

function assemblePlan(
  instance: MatchingInstance,
  compiled: CompiledInstance,
  results: ComponentResult[],
  threads: number,
  t0: number,
  clock: () => number,
  warm: boolean,
): MatchingPlan {
  const params = instance.params;
  const shelf = new Map(instance.products.map((p) => [p.code, p.shelfLifeDays]));
  const bonus = new Map<string, number>();
  for (const c of instance.contracts) {
    const key = `${c.cooperativeId}\u0000${c.buyerId}`;
    bonus.set(key, Math.max(bonus.get(key) ?? 0, c.bonusVndPerKg));
  }
  const restricted = new Set(params.restrictedZones);
  const rows: Array<{ lot: number; req: number; alloc: PlanAllocation }> = [];
  let matchedKg = 0;
  let scoreVnd = 0;
  let feasiblePairs = 0;
  let pairsMs = 0;
  let solveMs = 0;
  let candidateArcs = 0;
  let pricingRounds = 0;
  let pivots = 0;
  let warmPairs = 0;
  for (const r of results) {
    pivots += r.pivots;
    warmPairs += r.warmPairs;
    const c = compiled.components[r.index];
    feasiblePairs += r.pairCount;
    pairsMs += r.pairsMs;
    solveMs += r.solveMs;
    candidateArcs += r.candidateArcs;
    pricingRounds = Math.max(pricingRounds, r.pricingRounds);
    for (let a = 0; a < r.allocLot.length; a++) {
      const li = r.allocLot[a];
      const rj = r.allocReq[a];
      const lot = compiled.lots[c.lotGlobal[li]];
      const request = compiled.requests[c.reqGlobal[rj]];
      const quantityKg = r.allocQty[a];
      const distanceKm = haversineKm(lot.lat, lot.lng, request.lat, request.lng);
      const multiplier = transportMultiplier(params, lot.zone, request.zone);
      const transport = transportVndPerKg(params.transportVndPerKgKm, multiplier, distanceKm);
      const score = r.allocScore[a];
      matchedKg += quantityKg;
      scoreVnd += quantityKg * score;
      rows.push({
        lot: c.lotGlobal[li],
        req: c.reqGlobal[rj],
        alloc: {
          lotId: lot.id,
          requestId: request.id,
          quantityKg,
          distanceKm: Math.round(distanceKm * 1000) / 1000,
          transportVndPerKg: transport,
          scoreVndPerKg: score,
          reasons: explainAllocation({
            lot,
            request,
            distanceKm,
            multiplier,
            touchesRestricted:
              params.scenario === 2 &&
              ((lot.zone !== null && restricted.has(lot.zone)) ||
                (request.zone !== null && restricted.has(request.zone))),
            transportVndPerKg: transport,
            transitDays: transitDays(distanceKm, params.kmPerDay),
            shelfLifeDays: shelf.get(lot.product),
            bonusVndPerKg: bonus.get(`${lot.cooperativeId}\u0000${request.buyerId}`) ?? 0,
            scoreVndPerKg: score,
            nearestForRequest: distanceKm === r.reqMinKm[rj],
            bestForRequest: score === r.reqBestScore[rj],
            bestForLot: score === r.lotBestScore[li],
          }),
        },
      });
    }
  }
  rows.sort((a, b) => a.lot - b.lot || a.req - b.req);
  const totalMs = clock() - t0;
  return {
    version: 1,
    objective: { matchedKg, scoreVnd },
    allocations: rows.map((r) => r.alloc),
    stats: {
      lots: instance.lots.length,
      requests: instance.requests.length,
      feasiblePairs,
      pairsMs: round(pairsMs),
      solveMs: round(solveMs),
      totalMs: round(totalMs),
      components: compiled.components.length,
      threads,
      candidateArcs,
      pricingRounds,
      pivots,
      ...(warm ? { warmPairs } : {}),
    },
  };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
