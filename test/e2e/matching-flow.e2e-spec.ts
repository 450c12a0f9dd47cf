import { ChildProcess, execSync, spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { parseInstance, solveMatching } from '@agrilink/matching-engine';
import { QueueName, redisConnectionOptions } from '@agrilink/queue';
import { ensureProduct } from '@agrilink/testing';
import { waitFor, waitForRun } from '../support/matching';
import { seedProduct } from '../support/matching-seed';
import { stopProcess } from '../support/notifications';
import { createTestApp, TestApp } from '../support/test-app';

const ROOT = join(__dirname, '..', '..');
const PRODUCTS = ['E2E_FLOW_A', 'E2E_FLOW_B', 'E2E_FLOW_C', 'E2E_FLOW_D'];
const HEAVY = 'E2E_FLOW_HEAVY';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * A matching run fanned out over worker processes (issue 17): the api here runs no worker; two
 * built worker processes (`node dist/apps/worker/src/main.js`, as production starts them) share the
 * run's parts through the BullMQ flow, on the shared Redis under this file's own prefix.
 */
describe('matching fanned out over worker processes (e2e, built workers)', () => {
  let t: TestApp;
  let staff: string;
  let partsQueue: Queue;
  const workers: Array<ChildProcess & { id: string }> = [];

  beforeAll(async () => {
    execSync('npm run -s build', { cwd: ROOT, stdio: 'pipe', timeout: 180_000 });
    t = await createTestApp();
    staff = await t.tokenFor('staff');
    const ds = t.dataSource;
    // Four products of a few hundred lots and requests each, spread in space and price so every part is a real solve.
    for (const [k, code] of PRODUCTS.entries()) {
      await ensureProduct(ds, { code, shelfLifeDays: 30 });
      await seedProduct(ds, code, 220 + 10 * k, 200 + 10 * k);
    }
    // One product big enough that a worker is caught inside its part.
    await ensureProduct(ds, { code: HEAVY, shelfLifeDays: 30 });
    await seedProduct(ds, HEAVY, 1800, 1200);
    partsQueue = new Queue(QueueName.MatchingParts, {
      connection: redisConnectionOptions(REDIS_URL),
      prefix: t.queuePrefix,
    });
    workers.push(spawnBuiltWorker(), spawnBuiltWorker());
    await waitFor(
      async () => (await partsQueue.getWorkers()).length >= 2,
      'two worker processes on the parts queue',
      60_000,
      250,
    );
  }, 240_000);

  afterAll(async () => {
    for (const w of workers) await stopProcess(w, 'SIGTERM');
    await partsQueue?.close();
    await t?.close();
  });

  const getRun = async (id: string) =>
    (await t.http().get(`/api/matching-runs/${id}`).auth(staff, { type: 'bearer' }).expect(200)).body;

  /** The run's proposals are exactly what one process solving the run's whole instance finds. */
  async function expectSingleProcessOptimum(id: string, done: any) {
    const instance = (
      await t.http().get(`/api/matching-runs/${id}/instance`).auth(staff, { type: 'bearer' }).expect(200)
    ).body;
    const reference = await solveMatching(parseInstance(instance), { threads: 0 });
    expect(done.objective).toEqual(reference.objective);
    // A run's plan is its own new proposals plus the identical open ones of earlier runs that it kept (issue 12).
    const kept: string[] = done.diff?.keptProposalIds ?? [];
    const rows: Array<{ lot: string; req: string; kg: string }> = await t.dataSource.query(
      `SELECT supply_lot_id AS lot, purchase_request_id AS req, quantity_kg AS kg FROM proposals WHERE matching_run_id = $1 OR id = ANY($2::uuid[]) ORDER BY supply_lot_id, purchase_request_id`,
      [id, kept],
    );
    // One proposal per pair: nothing doubled by a part solved twice.
    expect(new Set(rows.map((r) => `${r.lot} ${r.req}`)).size).toBe(rows.length);
    expect(rows.map((r) => [r.lot, r.req, Number(r.kg)])).toEqual(
      reference.allocations.map((a) => [a.lotId, a.requestId, a.quantityKg]),
    );
    expect(done.proposalsCount + kept.length).toBe(reference.allocations.length);
  }

  it('spreads a run of four products over both worker processes and writes the single-process optimum once', async () => {
    const started = Date.now();
    const { body } = await t
      .http()
      .post('/api/matching-runs')
      .auth(staff, { type: 'bearer' })
      .send({ products: PRODUCTS })
      .expect(202);
    expect(body.parts).toEqual([]);
    const done = await waitForRun(t, staff, body.id, ['completed', 'failed'], 120_000);
    expect(done.status).toBe('completed');
    const ids = workers.map((w) => w.id);
    expect(done.parts.map((p: any) => p.product)).toEqual(PRODUCTS);
    for (const p of done.parts) {
      expect(p).toMatchObject({ status: 'completed', attempts: 1 });
      expect(ids).toContain(p.worker);
      expect(p.ms).toBeGreaterThan(0);
    }
    expect(new Set(done.parts.map((p: any) => p.worker)).size).toBe(2);
    await expectSingleProcessOptimum(body.id, done);
    // The parts' snapshot rows and solutions were working copies (the proposals hold them); their
    // instances are the run's instance (served merged above), not kept a second time on the run.
    const [{ left, instances }] = await t.dataSource.query(
      `SELECT count(*) FILTER (WHERE snapshot IS NOT NULL OR solution IS NOT NULL)::int AS left,
              count(*) FILTER (WHERE instance IS NOT NULL)::int AS instances
         FROM matching_run_parts WHERE matching_run_id = $1`,
      [body.id],
    );
    expect({ left, instances }).toEqual({ left: 0, instances: PRODUCTS.length });
    const [{ whole }] = await t.dataSource.query(
      `SELECT instance IS NOT NULL AS whole FROM matching_runs WHERE id = $1`,
      [body.id],
    );
    expect(whole).toBe(false);
    // The parts were queued largest first: BullMQ priority 1 for the most lots × requests.
    const sizes: Array<{ id: string; size: number }> = await t.dataSource.query(
      `SELECT id, lots::float8 * requests AS size FROM matching_run_parts WHERE matching_run_id = $1 ORDER BY size DESC, product_code`,
      [body.id],
    );
    const priorities = await Promise.all(sizes.map(async (p) => (await partsQueue.getJob(p.id))?.opts.priority));
    expect(priorities).toEqual(sizes.map((_, i) => i + 1));
    // The OpenAPI document describes the parts as answered.
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    expect(Object.keys(doc.components.schemas.MatchingRunPartResponse.properties)).toEqual(
      expect.arrayContaining(['product', 'worker', 'ms']),
    );
    expect(doc.paths['/api/matching-runs/{id}'].get.responses['200'].content['application/json'].schema.$ref).toMatch(
      /MatchingRunResponse$/,
    );
    console.log(
      `four products, two workers: ${Date.now() - started} ms; parts ${JSON.stringify(done.parts.map((p: any) => [p.product, p.worker, p.ms]))}; timings ${JSON.stringify(done.timings)}`,
    );
  }, 150_000);

  it('solves a part again on the other worker when its worker is killed mid-part, with no duplicate proposal', async () => {
    const { body } = await t
      .http()
      .post('/api/matching-runs')
      .auth(staff, { type: 'bearer' })
      .send({ products: [HEAVY] })
      .expect(202);
    // Caught inside the part: claimed (its worker recorded) and not yet solved.
    const taken = await waitFor(
      async () => (await getRun(body.id)).parts.find((p: any) => p.status === 'running' && p.worker),
      'a worker to take the part',
      60_000,
      20,
    );
    const victim = workers.find((w) => w.id === taken.worker)!;
    const survivor = workers.find((w) => w !== victim)!;
    expect(victim).toBeDefined();
    await stopProcess(victim, 'SIGKILL');

    // The part's lock expires (MATCHING_JOB_LOCKS: up to 60 s); the survivor's stalled check puts it back and solves it.
    const done = await waitForRun(t, staff, body.id, ['completed', 'failed'], 150_000);
    expect(done.status).toBe('completed');
    expect(done.parts).toEqual([
      expect.objectContaining({ product: HEAVY, status: 'completed', attempts: 2, worker: survivor.id }),
    ]);
    await expectSingleProcessOptimum(body.id, done);
    workers.splice(workers.indexOf(victim), 1);
  }, 240_000);

  it('finishes a run whose jobs Redis lost while its parts were out: recovery adds the parts again under the run', async () => {
    workers.push(spawnBuiltWorker());
    await waitFor(async () => (await partsQueue.getWorkers()).length >= 2, 'a second worker again', 60_000, 250);
    const { body } = await t
      .http()
      .post('/api/matching-runs')
      .auth(staff, { type: 'bearer' })
      .send({ products: [HEAVY, ...PRODUCTS] })
      .expect(202);
    await waitFor(async () => (await getRun(body.id)).parts.length === 5, 'the run to be split', 60_000, 20);
    // Redis loses the run's job and its parts' jobs (the queues' keys; the maintenance schedulers stay).
    const redis = new IORedis(redisConnectionOptions(REDIS_URL));
    try {
      for (const queue of [QueueName.Matching, QueueName.MatchingParts]) {
        const keys = await redis.keys(`${t.queuePrefix}:${queue}:*`);
        if (keys.length) await redis.del(...keys);
      }
    } finally {
      redis.disconnect();
    }
    const done = await waitForRun(t, staff, body.id, ['completed', 'failed'], 150_000);
    expect(done.status).toBe('completed');
    expect(done.parts.map((p: any) => p.status)).toEqual([
      'completed',
      'completed',
      'completed',
      'completed',
      'completed',
    ]);
    await expectSingleProcessOptimum(body.id, done);
  }, 240_000);

  it('finishes a run whose parts Redis lost while the run waited for them: recovery puts the run back', async () => {
    const { body } = await t
      .http()
      .post('/api/matching-runs')
      .auth(staff, { type: 'bearer' })
      .send({ products: [HEAVY, ...PRODUCTS] })
      .expect(202);
    await waitFor(
      async () => (await getRun(body.id)).parts.some((p: any) => p.status === 'running'),
      'a part to be solved',
      60_000,
      20,
    );
    // Only the parts' queue goes: the run's job stays, waiting for children nobody will finish.
    const redis = new IORedis(redisConnectionOptions(REDIS_URL));
    try {
      const keys = await redis.keys(`${t.queuePrefix}:${QueueName.MatchingParts}:*`);
      if (keys.length) await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
    const done = await waitForRun(t, staff, body.id, ['completed', 'failed'], 150_000);
    expect(done.status).toBe('completed');
    expect(done.parts.every((p: any) => p.status === 'completed')).toBe(true);
    await expectSingleProcessOptimum(body.id, done);
  }, 240_000);

  it('fires each iteration of a matching schedule once with two worker processes up, each run fanned out', async () => {
    const created = await t
      .http()
      .post('/api/matching-schedules')
      .auth(staff, { type: 'bearer' })
      .send({ cron: '*/4 * * * * *', scope: { products: PRODUCTS.slice(0, 2) } })
      .expect(201);
    const id = created.body.id;
    const runsOf = async () =>
      (
        await t
          .http()
          .get(`/api/matching-runs?matchingScheduleId=${id}&limit=100`)
          .auth(staff, { type: 'bearer' })
          .expect(200)
      ).body.items;
    await waitFor(
      async () => (await runsOf()).filter((r: any) => r.status === 'completed').length >= 2,
      'two scheduled runs',
      90_000,
      250,
    );
    await t.http().post(`/api/matching-schedules/${id}/pause`).auth(staff, { type: 'bearer' }).expect(200);
    await waitFor(
      async () => (await runsOf()).every((r: any) => ['completed', 'failed'].includes(r.status)),
      'the fired runs to settle',
      90_000,
      250,
    );
    const runs = await runsOf();
    const [{ n, iterations }] = await t.dataSource.query(
      `SELECT count(*)::int AS n, count(DISTINCT scheduled_for)::int AS iterations FROM matching_runs WHERE matching_schedule_id = $1`,
      [id],
    );
    expect(n).toBe(iterations);
    const ids = workers.map((w) => w.id);
    for (const run of runs) {
      expect(run.status).toBe('completed');
      expect(run.parts.map((p: any) => p.product)).toEqual(PRODUCTS.slice(0, 2));
      for (const p of run.parts) expect(ids).toContain(p.worker);
    }
  }, 200_000);
});

/** The built worker, as production runs it, on this process's environment (database, Redis, queue prefix). */
function spawnBuiltWorker(): ChildProcess & { id: string } {
  const child = spawn(process.execPath, ['dist/apps/worker/src/main.js'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as ChildProcess & { id: string };
  child.id = `${hostname()}:${child.pid}`;
  let out = '';
  child.stdout!.on('data', (d) => (out = (out + d).slice(-8000)));
  child.stderr!.on('data', (d) => (out = (out + d).slice(-8000)));
  child.on('exit', (code, signal) => {
    if (code && code !== 0 && signal === null) console.error(`worker exited ${code}:\n${out}`);
  });
  return child;
}
