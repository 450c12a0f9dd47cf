import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { parseInstance, solveMatching } from '@agrilink/matching-engine';
import { ensureProduct, makeBuyer, makeCooperative, makePurchaseRequest, makeSupplyLot } from '@agrilink/testing';
import { waitFor, waitForRun } from '../support/matching';
import { createTestApp, TestApp } from '../support/test-app';

const ROOT = join(__dirname, '..', '..');
const LOCK_CLASS = 308; // the matching write lock (MatchingRunsService)

/**
 * Faults on real processes: a worker process SIGKILLed in the middle of a run, and Redis stopped and
 * started again. Redis here is a private redis-server on its own port, never the shared one.
 */
describe('matching runs survive faults (e2e, worker processes, private Redis)', () => {
  let t: TestApp;
  let redisPort: number;
  let redis: ChildProcess | undefined;
  const workers: ChildProcess[] = [];
  let staff: string;

  beforeAll(async () => {
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    t = await createTestApp({ REDIS_URL: `redis://127.0.0.1:${redisPort}` });
    staff = await t.tokenFor('staff');
    await ensureProduct(t.dataSource, { code: 'E2E_FAULT', shelfLifeDays: 60 });
    for (let i = 0; i < 4; i++) {
      const cooperativeId = (await makeCooperative(t.dataSource)).id;
      const buyerId = (await makeBuyer(t.dataSource)).id;
      await makeSupplyLot(t.dataSource, {
        cooperativeId,
        productCode: 'E2E_FAULT',
        quantityKg: 10_000 + i * 1_000,
        askVndPerKg: 6000 + i * 100,
      });
      await makePurchaseRequest(t.dataSource, {
        buyerId,
        productCode: 'E2E_FAULT',
        quantityKg: 12_000 - i * 1_000,
        bidVndPerKg: 9000 - i * 50,
      });
    }
  }, 60_000);

  afterAll(async () => {
    for (const w of workers) await stop(w, 'SIGTERM');
    await t?.close();
    if (redis) await stop(redis, 'SIGKILL');
  });

  const run = () =>
    t
      .http()
      .post('/api/matching-runs')
      .auth(staff, { type: 'bearer' })
      .send({ products: ['E2E_FAULT'] })
      .expect(202);

  async function expectCompleteAndExact(id: string, timeoutMs = 60_000) {
    const done = await waitForRun(t, staff, id, ['completed', 'failed'], timeoutMs);
    expect(done.status).toBe('completed');
    // A run's plan is its own new proposals plus the identical open ones of earlier runs that it kept (issue 12).
    const [{ kept }] = await t.dataSource.query(
      `SELECT COALESCE(diff->'keptProposalIds', '[]'::jsonb) AS kept FROM matching_runs WHERE id = $1`,
      [id],
    );
    const rows = await t.dataSource.query(
      `SELECT count(*)::int AS n, count(DISTINCT (supply_lot_id, purchase_request_id))::int AS pairs, COALESCE(SUM(quantity_kg), 0)::bigint AS kg
       FROM proposals WHERE matching_run_id = $1 OR id = ANY($2::uuid[])`,
      [id, kept as string[]],
    );
    expect(rows[0].n).toBe(rows[0].pairs);
    expect(rows[0].n).toBe(done.proposalsCount + (kept as string[]).length);
    expect(Number(rows[0].kg)).toBe(done.objective.matchedKg);
    const instance = (
      await t.http().get(`/api/matching-runs/${id}/instance`).auth(staff, { type: 'bearer' }).expect(200)
    ).body;
    expect((await solveMatching(parseInstance(instance), { threads: 0 })).objective).toEqual(done.objective);
    return done;
  }

  it('completes a run whose worker process was killed mid-run, after a worker restarts, with no duplicate proposals', async () => {
    // Hold the matching write lock so the worker is caught inside its write phase.
    const holder = new Client({ connectionString: t.db.url });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1, 0)', [LOCK_CLASS]);
      const first = spawnWorker();
      const { body } = await run();
      await waitFor(
        async () => {
          const [w] = await t.dataSource.query(
            `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid = $1 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
            [LOCK_CLASS],
          );
          return w.n > 0;
        },
        'the worker to reach its write phase',
        60_000,
      );
      expect((await t.http().get(`/api/matching-runs/${body.id}`).auth(staff, { type: 'bearer' })).body.status).toBe(
        'running',
      );

      await stop(first, 'SIGKILL');
      await holder.query('SELECT pg_advisory_unlock($1, 0)', [LOCK_CLASS]);

      // The job's lock expires (MATCHING_JOB_LOCKS: up to 60 s), a new worker's stalled check puts it back,
      // and the run is redone from the start.
      workers.push(spawnWorker());
      const done = await expectCompleteAndExact(body.id, 150_000);
      expect(done.attempts).toBeGreaterThanOrEqual(2);
    } finally {
      await holder.end();
    }
  }, 240_000);

  it('completes a run requested while Redis was stopped, once Redis is back', async () => {
    await stop(redis!, 'SIGKILL');
    redis = undefined;
    // PostgreSQL takes the run; the enqueue waits for Redis (or the worker's sweeper redoes it).
    const { body } = await run();
    expect(body.status).toBe('queued');
    await new Promise((r) => setTimeout(r, 1000));
    redis = await startRedis(redisPort);
    await expectCompleteAndExact(body.id);
  }, 90_000);
});

function spawnWorker(): ChildProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out = (out + d).slice(-4000)));
  child.stderr.on('data', (d) => (out = (out + d).slice(-4000)));
  child.on('exit', (code, signal) => {
    if (code && code !== 0 && signal === null) console.error(`worker exited ${code}:\n${out}`);
  });
  return child;
}

async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as any).port as number;
      srv.close(() => resolve(port));
    });
  });
}

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
    { stdio: 'ignore' },
  );
  await waitFor(
    async () => {
      const c = new IORedis({
        port,
        host: '127.0.0.1',
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      c.on('error', () => undefined);
      try {
        await c.connect();
        return (await c.ping()) === 'PONG';
      } catch {
        return false;
      } finally {
        c.disconnect();
      }
    },
    `redis-server on port ${port}`,
    15_000,
  );
  return child;
}
