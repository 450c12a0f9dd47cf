import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { MatchingRunPartView, MatchingRunView } from '@agrilink/core';
import { parseInstance, solveMatching } from '@agrilink/matching-engine';
import { QueueName, redisConnectionOptions } from '@agrilink/queue';
import { ensureProduct } from '@agrilink/testing';
import { startInProcessWorker, waitFor, waitForRun } from '../support/matching';
import { seedProduct } from '../support/matching-seed';
import { createTestApp, TestApp } from '../support/test-app';

const PRODUCTS = ['E2E_WARM_A', 'E2E_WARM_B'];
/** A run as the api answers it (JSON: times as text). */
type Run = MatchingRunView & { objective: NonNullable<MatchingRunView['objective']> };
type Part = MatchingRunPartView;

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Incremental re-matching through the service (issue 17, item 3): a run after a first one of the
 * same scope starts each part from the first run's plan of that product (its proposals, read in
 * PostgreSQL by the part's worker), records it, and reaches the exact optimum a cold run finds on
 * the same data. A run whose part fails keeps its parts, the failed one with its error.
 */
describe('matching runs start warm from the last run of their scope (e2e, real worker)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let staff: string;
  let partsQueue: Queue;
  let first: Run;
  let cold: Run;

  beforeAll(async () => {
    t = await createTestApp();
    worker = await startInProcessWorker();
    staff = await t.tokenFor('staff');
    for (const [k, code] of PRODUCTS.entries()) {
      await ensureProduct(t.dataSource, { code, shelfLifeDays: 30 });
      await seedProduct(t.dataSource, code, 300 + 20 * k, 120 + 10 * k);
    }
    partsQueue = new Queue(QueueName.MatchingParts, {
      connection: redisConnectionOptions(REDIS_URL),
      prefix: t.queuePrefix,
    });
  }, 120_000);

  afterAll(async () => {
    await partsQueue.close();
    await worker.close();
    await t.close();
  });

  const startRun = async (body: Record<string, unknown> = {}): Promise<Run> =>
    (
      await t
        .http()
        .post('/api/matching-runs')
        .auth(staff, { type: 'bearer' })
        .send({ products: PRODUCTS, ...body })
        .expect(202)
    ).body;
  const completed = async (id: string): Promise<Run> => {
    const done: Run = await waitForRun(t, staff, id, ['completed', 'failed'], 90_000);
    expect(done.status).toBe('completed');
    return done;
  };

  /** A run's plan is its own proposals plus the identical open ones of earlier runs that it kept; each pair once, within what each lot and request offered. */
  async function planOf(run: Run) {
    const rows: Array<{ lot: string; req: string; kg: string }> = await t.dataSource.query(
      `SELECT supply_lot_id AS lot, purchase_request_id AS req, quantity_kg AS kg FROM proposals WHERE matching_run_id = $1 OR id = ANY($2::uuid[])`,
      [run.id, run.diff?.keptProposalIds ?? []],
    );
    expect(new Set(rows.map((r) => `${r.lot} ${r.req}`)).size).toBe(rows.length);
    expect(rows.reduce((s, r) => s + Number(r.kg), 0)).toBe(run.objective.matchedKg);
    const instance = parseInstance(
      (await t.http().get(`/api/matching-runs/${run.id}/instance`).auth(staff, { type: 'bearer' }).expect(200)).body,
    );
    const offered = new Map<string, number>([
      ...instance.lots.map((l) => [l.id, l.quantityKg] as const),
      ...instance.requests.map((r) => [r.id, r.quantityKg] as const),
    ]);
    const used = new Map<string, number>();
    for (const r of rows) for (const id of [r.lot, r.req]) used.set(id, (used.get(id) ?? 0) + Number(r.kg));
    for (const [id, kg] of used) expect(kg).toBeLessThanOrEqual(offered.get(id)!);
    return { rows, instance };
  }

  it('solves the first run of a scope cold and records its pivots', async () => {
    first = await completed((await startRun()).id);
    expect(first).toMatchObject({ warmStartFrom: null, warmPairs: null });
    expect(first.pivots).toBeGreaterThan(0);
    expect(first.parts.map((p: Part) => p.product)).toEqual(PRODUCTS);
    for (const p of first.parts)
      expect(p).toMatchObject({ status: 'completed', warmStartFrom: null, warmPairs: null, error: null });
  }, 120_000);

  it('after about a tenth of lots and requests changed through the api, starts from the first run and reaches the exact optimum of a cold run', async () => {
    // About 10 % of lots change their quantity and ask, and 10 % of requests their quantity and bid, as staff would type them.
    const lots: Array<{ id: string; quantity_kg: string; ask_vnd_per_kg: number }> = await t.dataSource.query(
      `SELECT id, quantity_kg, ask_vnd_per_kg FROM supply_lots WHERE product_code = ANY($1) ORDER BY id`,
      [PRODUCTS],
    );
    const requests: Array<{ id: string; quantity_kg: string; bid_vnd_per_kg: number }> = await t.dataSource.query(
      `SELECT id, quantity_kg, bid_vnd_per_kg FROM purchase_requests WHERE product_code = ANY($1) ORDER BY id`,
      [PRODUCTS],
    );
    const changedLots = lots.filter((_l, i) => i % 10 === 3);
    const changedRequests = requests.filter((_r, i) => i % 10 === 7);
    for (const [i, l] of changedLots.entries()) {
      await t
        .http()
        .patch(`/api/supply-lots/${l.id}`)
        .auth(staff, { type: 'bearer' })
        .send({
          quantityKg: Number(l.quantity_kg) + (i % 2 ? 7_000 : -500),
          askVndPerKg: l.ask_vnd_per_kg + (i % 3) * 150 - 100,
        })
        .expect(200);
    }
    for (const [i, r] of changedRequests.entries()) {
      await t
        .http()
        .patch(`/api/purchase-requests/${r.id}`)
        .auth(staff, { type: 'bearer' })
        .send({
          quantityKg: Number(r.quantity_kg) + (i % 2 ? -1_500 : 9_000),
          bidVndPerKg: r.bid_vnd_per_kg + (i % 3) * 200 - 150,
        })
        .expect(200);
    }

    const warm = await completed((await startRun()).id);
    expect(warm.warmStartFrom).toBe(first.id);
    expect(warm.warmPairs).toBeGreaterThan(0);
    for (const p of warm.parts) {
      expect(p).toMatchObject({ status: 'completed', warmStartFrom: first.id });
      expect(p.warmPairs).toBeGreaterThan(0);
      expect(p.pivots).toBeGreaterThanOrEqual(0);
    }
    expect(warm.warmPairs).toBe(warm.parts.reduce((s: number, p: Part) => s + (p.warmPairs ?? 0), 0));
    expect(warm.pivots).toBe(warm.parts.reduce((s: number, p: Part) => s + (p.pivots ?? 0), 0));

    // The same data, solved cold on staff's word: the same exact optimum.
    cold = await completed((await startRun({ warmStart: false })).id);
    expect(cold).toMatchObject({
      warmStartFrom: null,
      warmPairs: null,
      options: expect.objectContaining({ warmStart: false }),
    });
    for (const p of cold.parts) expect(p).toMatchObject({ warmStartFrom: null, warmPairs: null });
    expect(warm.objective).toEqual(cold.objective);
    expect(warm.size).toEqual(cold.size);
    const warmPlan = await planOf(warm);
    const coldPlan = await planOf(cold);
    expect(warmPlan.rows.length).toBeGreaterThan(0);
    // And the engine alone, cold, on the warm run's own instance.
    expect((await solveMatching(warmPlan.instance, { threads: 0 })).objective).toEqual(warm.objective);
    expect(coldPlan.instance.lots.length).toBe(warmPlan.instance.lots.length);
    console.log(
      `warm start after ${changedLots.length}/${lots.length} lots and ${changedRequests.length}/${requests.length} requests changed: ` +
        `pivots cold ${cold.pivots} → warm ${warm.pivots} (${warm.warmPairs} pairs of run 1 reused); engine solve cold ${cold.timings.engineSolveMs} ms, warm ${warm.timings.engineSolveMs} ms`,
    );
  }, 180_000);

  it('counts warm and cold runs on /metrics, as the processor recorded them', async () => {
    const admin = await t.tokenFor('admin');
    const metrics = (await t.http().get('/metrics').auth(admin, { type: 'bearer' }).expect(200)).text;
    // Runs so far in this process: the first (cold), the re-run (warm), the forced cold run.
    expect(metrics).toMatch(/^agrilink_matching_warm_started_runs_total 1$/m);
    expect(metrics).toMatch(/^agrilink_matching_pivots_count\{start="warm"\} 1$/m);
    expect(metrics).toMatch(/^agrilink_matching_pivots_count\{start="cold"\} 2$/m);
    expect(metrics).toContain(`agrilink_matching_last_run_size{kind="pairs"} ${cold.size?.feasiblePairs ?? -1}`);
  });

  it('starts a run under other parameters cold: another objective is another problem', async () => {
    const other = await completed((await startRun({ objective: 'score' })).id);
    expect(other).toMatchObject({ warmStartFrom: null, warmPairs: null });
  }, 120_000);

  it('keeps the parts of a failed run, the failed one with its error, and the next run starts from the last completed one', async () => {
    // Parts wait while a part's stored instance is damaged, as a disk or a bad migration might leave it.
    await partsQueue.pause();
    let failedId: string;
    try {
      failedId = (await startRun()).id;
      await waitFor(
        async () =>
          (await t.dataSource.query(`SELECT 1 FROM matching_run_parts WHERE matching_run_id = $1`, [failedId]))
            .length === PRODUCTS.length,
        'the run to be split',
        60_000,
      );
      await t.dataSource.query(
        `UPDATE matching_run_parts SET instance = '{"version":1,"lots":"damaged"}' WHERE matching_run_id = $1 AND product_code = $2`,
        [failedId, PRODUCTS[1]],
      );
    } finally {
      await partsQueue.resume();
    }
    const failed: Run = await waitForRun(t, staff, failedId, ['completed', 'failed'], 90_000);
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain(PRODUCTS[1]);
    expect(failed.parts.map((p: Part) => p.product)).toEqual(PRODUCTS);
    const broken = failed.parts.find((p: Part) => p.product === PRODUCTS[1]);
    expect(broken).toMatchObject({ status: 'failed', attempts: 1, worker: expect.any(String) });
    expect(broken?.error).toEqual(expect.any(String));
    // Still there on a second look (nothing sweeps a failed run's parts).
    await new Promise((r) => setTimeout(r, 1_000));
    const again = (await t.http().get(`/api/matching-runs/${failedId}`).auth(staff, { type: 'bearer' }).expect(200))
      .body;
    expect(again.parts).toEqual(failed.parts);

    // A failed run starts nobody: the next run of the scope starts from the cold run, the last completed.
    const next = await completed((await startRun()).id);
    expect(next.warmStartFrom).toBe(cold.id);
    expect(next.objective).toEqual(cold.objective);
  }, 180_000);

  it('documents the warm start in the OpenAPI document', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    expect(Object.keys(doc.components.schemas.MatchingRunResponse.properties)).toEqual(
      expect.arrayContaining(['warmStartFrom', 'warmPairs', 'pivots']),
    );
    expect(Object.keys(doc.components.schemas.MatchingRunPartResponse.properties)).toEqual(
      expect.arrayContaining(['error', 'warmStartFrom', 'warmPairs', 'pivots']),
    );
    expect(doc.components.schemas.CreateMatchingRunDto.properties.warmStart.type).toBe('boolean');
  });
});
