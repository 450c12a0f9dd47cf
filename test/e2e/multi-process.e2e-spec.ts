import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ENTITIES } from '@agrilink/core';
import { buildDataSourceOptions } from '@agrilink/database';
import {
  createTestDatabase,
  ensureProduct,
  makeCooperative,
  makePurchaseRequest,
  makeSupplyLot,
  TestDatabase,
} from '@agrilink/testing';
import { buildLocked } from '../support/build';
import { waitFor } from '../support/matching';

const ROOT = join(__dirname, '..', '..');
const PASSWORD = 'Test@12345';
const WRITES_PER_MINUTE = 6;

/** What the tests read of the api's JSON answers. */
interface Answer {
  id: string;
  status: string;
  ticket: string;
  accessToken: string;
  features: Array<{ properties: { id: string } }>;
  items: Array<{ id: string; status: string; scheduledFor: string }>;
}

interface Proc {
  name: string;
  child: ChildProcess;
  out: string;
}

/**
 * Two api processes (RUN_WORKER=false) and two worker processes, as built (`node dist/…`), on one
 * database and one Redis prefix: what one process does, the others see.
 */
describe('several api and worker processes (e2e)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const procs: Proc[] = [];
  let apiA: string;
  let apiB: string;
  let staff: string;
  let coopId: string;
  let coop: string;
  let limited: string;

  const call = async (base: string, method: string, path: string, token?: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      body: (text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : {}) as Answer,
    };
  };

  const signIn = async (base: string, email: string, password: string) => {
    const res = await call(base, 'POST', '/api/auth/login', undefined, { email, password });
    if (res.status !== 200) throw new Error(`sign-in of ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken;
  };

  beforeAll(async () => {
    // One build for the processes; a lock keeps two suites from rewriting dist/ under each other.
    buildLocked('npm run -s build');
    db = await createTestDatabase('agrilink_multi');
    const adminPassword = randomBytes(12).toString('base64url');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: db.url,
      DATABASE_POOL_SIZE: '5',
      QUEUE_PREFIX: `agrilink-multi-${randomBytes(4).toString('hex')}`,
      SEED_DEMO: 'false',
      RUN_WORKER: 'false',
      HOST: '127.0.0.1',
      JWT_SECRET: `multi-process-${randomBytes(16).toString('hex')}`,
      ADMIN_EMAIL: 'admin@multi.test.agrilink.vn',
      ADMIN_PASSWORD: adminPassword,
      RATE_LIMIT_WRITES_PER_MINUTE: String(WRITES_PER_MINUTE),
      NOTIFICATION_POLL_MS: '200',
    };
    const [portA, portB] = [await freePort(), await freePort()];
    // The first api applies the migrations (the second waits on the same advisory lock).
    procs.push(start('api-a', 'dist/apps/api/src/main.js', { ...env, PORT: String(portA) }));
    procs.push(start('api-b', 'dist/apps/api/src/main.js', { ...env, PORT: String(portB) }));
    apiA = `http://127.0.0.1:${portA}`;
    apiB = `http://127.0.0.1:${portB}`;
    for (const base of [apiA, apiB])
      await waitFor(
        async () => (await fetch(`${base}/api/health`).catch(() => null))?.status === 200,
        `${base} to answer`,
        120_000,
        250,
      );
    procs.push(start('worker-1', 'dist/apps/worker/src/main.js', env));
    procs.push(start('worker-2', 'dist/apps/worker/src/main.js', env));

    ds = await new DataSource(buildDataSourceOptions({ url: db.url, entities: ENTITIES, poolSize: 3 })).initialize();
    await ensureProduct(ds, { code: 'E2E_MULTI' });
    await ensureProduct(ds, { code: 'E2E_MULTI_SCHED' });
    coopId = (await makeCooperative(ds)).id;
    const admin = await signIn(apiA, env.ADMIN_EMAIL!, adminPassword);
    const user = async (role: string, organizationId?: string) => {
      const email = `${role}-${randomBytes(4).toString('hex')}@multi.test.agrilink.vn`;
      const res = await call(apiB, 'POST', '/api/users', admin, {
        email,
        password: PASSWORD,
        role,
        ...(organizationId ? { organizationId } : {}),
      });
      if (res.status !== 201) throw new Error(`user ${role}: ${res.status} ${JSON.stringify(res.body)}`);
      return signIn(apiA, email, PASSWORD);
    };
    staff = await user('staff');
    coop = await user('cooperative', coopId);
    limited = await user('cooperative', (await makeCooperative(ds)).id);
  }, 300_000);

  afterAll(async () => {
    await Promise.all(procs.map(stop));
    await ds?.destroy();
    await db?.drop();
  }, 60_000);

  it('shares one rate limit: writes through either process count against the same limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < WRITES_PER_MINUTE + 2; i++) {
      // An invalid body: counted (the limit comes before validation), nothing written.
      statuses.push((await call(i % 2 ? apiB : apiA, 'POST', '/api/supply-lots', limited, {})).status);
    }
    expect(statuses.slice(0, WRITES_PER_MINUTE)).toEqual(Array(WRITES_PER_MINUTE).fill(400));
    expect(statuses.slice(WRITES_PER_MINUTE)).toEqual([429, 429]);
    // Each process alone saw half the writes: only a shared count reaches the limit. It is per user: another is not held back.
    const other = await call(apiA, 'POST', '/api/supply-lots', coop, {});
    expect(other.status).toBe(400);
  });

  it("shows a lot posted through one process on the other process's map at once", async () => {
    const view = { bbox: '105.29,9.92,105.31,9.94', zoom: '16' };
    const q = new URLSearchParams(view).toString();
    // B has its snapshot of open lots loaded before the lot exists.
    expect((await call(apiB, 'GET', `/api/map/supply?${q}`)).status).toBe(200);
    const posted = await call(apiA, 'POST', '/api/supply-lots', coop, {
      product: 'E2E_MULTI',
      quantityKg: 20_000,
      harvestFrom: '2026-12-01',
      harvestTo: '2026-12-20',
      askVndPerKg: 7000,
      location: { lat: 9.93, lng: 105.3 },
    });
    expect(posted.status).toBe(201);
    const map = await call(apiB, 'GET', `/api/map/supply?${q}`);
    expect(map.body.features.map((f) => f.properties.id)).toContain(posted.body.id);
    const list = await call(apiB, 'GET', '/api/map/supply-list?product=E2E_MULTI');
    expect(list.body.items.map((i) => i.id)).toContain(posted.body.id);

    // And a withdrawal through B leaves A's map at once.
    expect((await call(apiA, 'GET', `/api/map/supply?${q}`)).body.features.map((f) => f.properties.id)).toContain(
      posted.body.id,
    );
    const withdrawn = await call(apiB, 'DELETE', `/api/supply-lots/${posted.body.id}`, coop);
    expect(withdrawn.status).toBe(204);
    expect((await call(apiA, 'GET', `/api/map/supply?${q}`)).body.features.map((f) => f.properties.id)).not.toContain(
      posted.body.id,
    );
  });

  it('brings a notification raised through one api (run by a worker) to a client streaming from the other', async () => {
    await makeSupplyLot(ds, { cooperativeId: coopId, productCode: 'E2E_MULTI' });
    await makePurchaseRequest(ds, { productCode: 'E2E_MULTI' });
    // The client listens on B, with a ticket taken from A (tickets live in Redis).
    const ticket = await call(apiA, 'POST', '/api/notifications/stream-tickets', coop);
    expect(ticket.status).toBe(200);
    const ac = new AbortController();
    const res = await fetch(`${apiB}/api/notifications/stream?ticket=${encodeURIComponent(ticket.body.ticket)}`, {
      signal: ac.signal,
    });
    expect(res.status).toBe(200);
    let text = '';
    const reader = res.body!.getReader();
    const pump = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        text += Buffer.from(value).toString('utf8');
      }
    })();
    await waitFor(() => text.includes('event: ready'), 'the ready event', 15_000, 20);

    const run = await call(apiA, 'POST', '/api/matching-runs', staff, { products: ['E2E_MULTI'] });
    expect(run.status).toBe(202);
    await waitFor(() => text.includes('event: notification'), 'the notification on the other api', 90_000, 50);
    const event = text.split('\n\n').find((e) => e.includes('event: notification'))!;
    const data = JSON.parse(
      event
        .split('\n')
        .find((l) => l.startsWith('data: '))!
        .slice(6),
    );
    expect(data).toMatchObject({ read: false, kind: expect.stringMatching(/^proposal/) });
    const done = await call(apiB, 'GET', `/api/matching-runs/${run.body.id}`, staff);
    expect(done.body.status).toBe('completed');
    ac.abort();
    await pump;
  }, 120_000);

  it('fires each iteration of a schedule once, with two workers and two apis up', async () => {
    await makeSupplyLot(ds, { cooperativeId: coopId, productCode: 'E2E_MULTI_SCHED' });
    await makePurchaseRequest(ds, { productCode: 'E2E_MULTI_SCHED' });
    const created = await call(apiA, 'POST', '/api/matching-schedules', staff, {
      cron: '*/2 * * * * *',
      scope: { products: ['E2E_MULTI_SCHED'] },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const runs = async () =>
      (await call(apiB, 'GET', `/api/matching-runs?matchingScheduleId=${id}&limit=100`, staff)).body;
    await waitFor(
      async () => (await runs()).items.filter((r) => r.status === 'completed').length >= 3,
      'three scheduled runs',
      90_000,
      250,
    );
    expect((await call(apiB, 'POST', `/api/matching-schedules/${id}/pause`, staff)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2_500));
    const [{ n, iterations }] = await ds.query(
      `SELECT count(*)::int AS n, count(DISTINCT scheduled_for)::int AS iterations FROM matching_runs WHERE matching_schedule_id = $1`,
      [id],
    );
    expect(n).toBeGreaterThanOrEqual(3);
    expect(n).toBe(iterations);
    // Iterations two seconds apart, each its own run, whichever of the two workers took it.
    const times = (await runs()).items.map((r) => Date.parse(r.scheduledFor)).sort((a: number, b: number) => a - b);
    for (let i = 1; i < times.length; i++) expect((times[i] - times[i - 1]) % 2000).toBe(0);
  }, 120_000);

  it('keeps all four processes up throughout', () => {
    for (const p of procs)
      expect({ name: p.name, exit: p.child.exitCode, signal: p.child.signalCode }).toEqual({
        name: p.name,
        exit: null,
        signal: null,
      });
  });
});

function start(name: string, script: string, env: NodeJS.ProcessEnv): Proc {
  const child = spawn(process.execPath, [script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const proc: Proc = { name, child, out: '' };
  const keep = (d: Buffer) => (proc.out = (proc.out + d.toString()).slice(-6000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.on('exit', (code, signal) => {
    if (code && signal === null) console.error(`${name} exited ${code}:\n${proc.out}`);
  });
  return proc;
}

async function stop(p: Proc): Promise<void> {
  const child = p.child;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
