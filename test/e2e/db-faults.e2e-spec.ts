import { Client } from 'pg';
import { makeCooperative } from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';

/** Terminates every connection the api holds to its database (never our own, never other databases). */
async function dropApiConnections(admin: Client): Promise<number> {
  const { rows } = await admin.query(
    `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  return rows[0].n;
}

describe('PostgreSQL connection faults (e2e)', () => {
  let t: TestApp;
  let admin: Client;
  let staff: string;
  let cooperativeId: string;
  const lot = (note: string) => ({
    cooperativeId,
    product: 'LUA_ST',
    quantityKg: 1000,
    harvestFrom: '2026-12-01',
    harvestTo: '2026-12-10',
    askVndPerKg: 7000,
    location: { lat: 9.93, lng: 105.3 },
    note,
  });

  beforeAll(async () => {
    t = await createTestApp();
    cooperativeId = (await makeCooperative(t.dataSource)).id;
    staff = await t.tokenFor('staff');
    admin = new Client({ connectionString: t.db.url });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await t?.close();
  });

  it('answers 503 (not a hang, not a 500) when its connection is dropped mid-request, then recovers', async () => {
    // Hold the table so the api's INSERT is in flight, waiting, when its connection is cut.
    const blocker = new Client({ connectionString: t.db.url });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE supply_lots IN ACCESS EXCLUSIVE MODE');
    const inFlight = t
      .http()
      .post('/api/supply-lots')
      .auth(staff, { type: 'bearer' })
      .send(lot('cut-mid-request'))
      .timeout(15_000)
      .then((r) => r);
    for (let i = 0; i < 100; i++) {
      const { rows } = await admin.query(
        `SELECT count(*)::int AS n FROM pg_locks WHERE relation = 'supply_lots'::regclass AND NOT granted`,
      );
      if (rows[0].n > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const blockerPid = (await blocker.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid NOT IN (pg_backend_pid(), $1)`,
      [blockerPid],
    );
    await blocker.query('ROLLBACK');
    await blocker.end();

    const res = await inFlight;
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('DATABASE.UNAVAILABLE');
    expect(res.headers['retry-after']).toBeDefined();
    const { rows } = await admin.query(`SELECT count(*)::int AS n FROM supply_lots WHERE note = 'cut-mid-request'`);
    expect(rows[0].n).toBe(0);

    // The pool drops the dead connections; the next request is served.
    const next = await t.http().post('/api/supply-lots').auth(staff, { type: 'bearer' }).send(lot('after-the-cut'));
    expect(next.status).toBe(201);
    await t.http().get('/api/health').expect(200);
  });

  it('loses and duplicates no accepted write while connections are dropped again and again', async () => {
    const N = 60;
    const cutting = (async () => {
      for (let i = 0; i < 6; i++) {
        await new Promise((r) => setTimeout(r, 15));
        await dropApiConnections(admin);
      }
    })();
    const responses = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        t
          .http()
          .post('/api/supply-lots')
          .auth(staff, { type: 'bearer' })
          .send(lot(`storm-${i}`))
          .timeout(15_000)
          .then((r) => ({ i, status: r.status })),
      ),
    );
    await cutting;
    // Every answer is a success or a clean, retryable refusal.
    for (const r of responses) expect([201, 503]).toContain(r.status);
    const { rows } = await admin.query(
      `SELECT note, count(*)::int AS n FROM supply_lots WHERE note LIKE 'storm-%' GROUP BY note`,
    );
    const stored = new Map(rows.map((r) => [r.note as string, r.n as number]));
    for (const r of responses.filter((x) => x.status === 201)) expect(stored.get(`storm-${r.i}`)).toBe(1);
    for (const n of stored.values()) expect(n).toBe(1);
    // A refused write left nothing behind (one transaction per write, audit included).
    for (const r of responses.filter((x) => x.status === 503)) expect(stored.has(`storm-${r.i}`)).toBe(false);
    // After the storm, writes go through again.
    await t.http().post('/api/supply-lots').auth(staff, { type: 'bearer' }).send(lot('after-the-storm')).expect(201);
  });
});
