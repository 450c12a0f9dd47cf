import { ReadReplicas } from '@agrilink/database';
import { ensureProduct, makeCooperative, makeSupplyLot } from '@agrilink/testing';
import { REPLICA_READ_ROUTES } from '../../apps/api/src/common/read-routing';
import { startStreamingReplica, StreamingReplica } from '../support/streaming-replica';
import { createTestApp, TestApp } from '../support/test-app';

// A real hot standby of the test PostgreSQL. Pausing its replay is how a test tells a read
// answered by the replica (the newest row is missing) from one answered by the primary.
describe('read replicas (e2e)', () => {
  let replica: StreamingReplica;
  let t: TestApp;
  let coopId: string;
  let coopToken: string;
  let staffToken: string;

  const lotBody = (note: string) => ({
    product: 'LUA_ST',
    quantityKg: 30_000,
    harvestFrom: '2026-12-01',
    harvestTo: '2026-12-20',
    askVndPerKg: 7100,
    location: { lat: 9.93, lng: 105.3 },
    note,
  });
  const ids = (body: { items: Array<{ id: string }> }) => body.items.map((i) => i.id);

  beforeAll(async () => {
    replica = await startStreamingReplica();
    t = await createTestApp(async (db) => {
      // The replica must hold the new database before the api opens its pool there.
      await replica.caughtUp();
      // A long window: replay is paused for seconds at a time without the replica being left out as lagging.
      return { DATABASE_REPLICA_URLS: replica.urlFor(db.name), DATABASE_REPLICA_STICKY_MS: '60000' };
    });
    await ensureProduct(t.dataSource, { code: 'LUA_ST', nameVi: 'Lúa ST25', nameEn: 'ST25 paddy' });
    coopId = (await makeCooperative(t.dataSource)).id;
    coopToken = await t.tokenFor('cooperative', coopId);
    staffToken = await t.tokenFor('staff');
    await replica.caughtUp();
    await t.app.get(ReadReplicas).check();
  }, 240_000);

  afterEach(async () => {
    await replica?.resumeReplay().catch(() => undefined);
  });

  afterAll(async () => {
    await t?.close();
    await replica?.stop();
  });

  it('opens the api on a replica that streams from the primary', async () => {
    const [{ standby }] = await replica.query<{ standby: boolean }>(t.db.name, 'SELECT pg_is_in_recovery() AS standby');
    expect(standby).toBe(true);
    expect(t.app.get(ReadReplicas).status()).toEqual([expect.objectContaining({ inUse: true, error: null })]);
    // The api's replica pool is connected to the test database on the replica.
    const [{ n }] = await replica.query<{ n: number }>(
      'postgres',
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend'`,
      [t.db.name],
    );
    expect(n).toBeGreaterThan(0);
  });

  it('sends map, list and report reads to the replica: a lot the replica has not replayed yet is not in them', async () => {
    await replica.pauseReplay();
    const lot = await makeSupplyLot(t.dataSource, {
      cooperativeId: coopId,
      productCode: 'LUA_ST',
      note: 'only on the primary',
    });
    const onPrimary = await t.dataSource.query('SELECT 1 FROM supply_lots WHERE id = $1', [lot.id]);
    expect(onPrimary).toHaveLength(1);
    expect(await replica.query(t.db.name, 'SELECT 1 FROM supply_lots WHERE id = $1', [lot.id])).toHaveLength(0);

    const list = await t.http().get('/api/supply-lots').auth(staffToken, { type: 'bearer' }).expect(200);
    expect(ids(list.body)).not.toContain(lot.id);
    const publicList = await t.http().get('/api/map/supply-list').expect(200);
    expect(ids(publicList.body)).not.toContain(lot.id);
    const map = await t.http().get('/api/map/supply').query({ bbox: '105.29,9.92,105.31,9.94', zoom: 16 }).expect(200);
    expect(map.body.features.map((f: { properties: { id: string } }) => f.properties.id)).not.toContain(lot.id);

    // An item by id is not a replica read: the primary answers it.
    await t.http().get(`/api/supply-lots/${lot.id}`).auth(staffToken, { type: 'bearer' }).expect(200);

    await replica.resumeReplay();
    await replica.caughtUp();
    const after = await t.http().get('/api/supply-lots').auth(staffToken, { type: 'bearer' }).expect(200);
    expect(ids(after.body)).toContain(lot.id);
    const mapAfter = await t
      .http()
      .get('/api/map/supply')
      .query({ bbox: '105.29,9.92,105.31,9.94', zoom: 16 })
      .expect(200);
    expect(mapAfter.body.features.map((f: { properties: { id: string } }) => f.properties.id)).toContain(lot.id);
  });

  it('lets a user see their own write at once, while others read the replica', async () => {
    await replica.pauseReplay();
    const created = await t
      .http()
      .post('/api/supply-lots')
      .auth(coopToken, { type: 'bearer' })
      .send(lotBody('posted while the replica waits'))
      .expect(201);
    const own = await t
      .http()
      .get('/api/supply-lots')
      .auth(coopToken, { type: 'bearer' })
      .query({ cooperativeId: coopId })
      .expect(200);
    expect(ids(own.body)).toContain(created.body.id);
    const ownMap = await t.http().get('/api/map/supply-list').auth(coopToken, { type: 'bearer' }).expect(200);
    expect(ids(ownMap.body)).toContain(created.body.id);
    // Staff did not write: their read goes to the replica, which has not replayed the lot yet.
    const others = await t
      .http()
      .get('/api/supply-lots')
      .auth(staffToken, { type: 'bearer' })
      .query({ cooperativeId: coopId })
      .expect(200);
    expect(ids(others.body)).not.toContain(created.body.id);

    // An edit shows to its writer at once too.
    await t
      .http()
      .patch(`/api/supply-lots/${created.body.id}`)
      .auth(coopToken, { type: 'bearer' })
      .send({ askVndPerKg: 7300 })
      .expect(200);
    const edited = await t
      .http()
      .get('/api/supply-lots')
      .auth(coopToken, { type: 'bearer' })
      .query({ cooperativeId: coopId })
      .expect(200);
    expect(edited.body.items.find((i: { id: string }) => i.id === created.body.id).askVndPerKg).toBe(7300);
  });

  it('answers every replica read on a hot standby (no write, lock or SERIALIZABLE in them)', async () => {
    await replica.caughtUp();
    await t.app.get(ReadReplicas).check();
    expect(t.app.get(ReadReplicas).status()[0].inUse).toBe(true);
    const urls = [
      '/api/map/supply?bbox=104,8,107,11&zoom=8',
      '/api/map/supply-list',
      '/api/map/production-areas?bbox=104,8,107,11',
      '/api/map/buyers?bbox=104,8,107,11',
      '/api/map/zones?bbox=104,8,107,11',
      '/api/map/flows?bbox=104,8,107,11',
      '/api/reports/weekly',
      '/api/reports/weekly?format=xlsx',
      '/api/reports/harvest-calendar',
      '/api/reports/price-watch',
      '/api/reports/backlog-by-commune',
      '/api/reports/harvest-forecast',
      '/api/reports/harvest-forecast/unposted-areas',
      '/api/reports/harvest-capacity',
      ...[
        'supply-lots',
        'purchase-requests',
        'cooperatives',
        'buyers',
        'production-areas',
        'contracts',
        'zones',
        'price-observations',
        'harvest-resources',
        'inventory-reports',
        'transport-operators',
        'vehicles',
        'checkpoints',
        'deals',
        'proposals',
        'loads',
        'agencies',
        'audit-logs',
      ].map((r) => `/api/${r}`),
    ];
    const failures: string[] = [];
    for (const url of urls) {
      const res = await t.http().get(url).auth(staffToken, { type: 'bearer' });
      if (res.status !== 200) failures.push(`${url}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    // The list of replica routes names only routes that exist (a renamed route would silently fall back to the primary).
    const doc = await t.http().get('/api/docs-json').expect(200);
    const gets = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>)
      .filter(([, ops]) => 'get' in ops)
      .map(([path]) => path.replace(/\{(\w+)\}/g, ':$1'));
    const matched = REPLICA_READ_ROUTES.map((r) => gets.filter((p) => r.test(p)).length);
    expect(matched.every((n) => n > 0)).toBe(true);
    expect(gets.filter((p) => REPLICA_READ_ROUTES.some((r) => r.test(p)))).toHaveLength(urls.length - 1);
  });

  it('leaves out a replica that falls behind, and reads from the primary until it catches up', async () => {
    const sut = t.app.get(ReadReplicas);
    await replica.pauseReplay();
    const lot = await makeSupplyLot(t.dataSource, {
      cooperativeId: coopId,
      productCode: 'LUA_ST',
      note: 'while the replica lags',
    });
    // Pretend the last time it was seen caught up is past the window: the next check keeps it out.
    (sut as unknown as { states: Array<{ caughtUpAt: number }> }).states[0].caughtUpAt = Date.now() - 31_000;
    await sut.check();
    expect(sut.status()[0].inUse).toBe(false);
    const list = await t.http().get('/api/supply-lots').auth(staffToken, { type: 'bearer' }).expect(200);
    expect(ids(list.body)).toContain(lot.id);

    await replica.resumeReplay();
    await replica.caughtUp();
    await sut.check();
    expect(sut.status()[0].inUse).toBe(true);
  });

  it('reads from the primary when the replica is down', async () => {
    const sut = t.app.get(ReadReplicas);
    await replica.stop();
    await sut.check();
    expect(sut.status()[0]).toMatchObject({ inUse: false });
    const lot = await makeSupplyLot(t.dataSource, { cooperativeId: coopId, productCode: 'LUA_ST' });
    const list = await t.http().get('/api/supply-lots').auth(staffToken, { type: 'bearer' }).expect(200);
    expect(ids(list.body)).toContain(lot.id);
    await t.http().get('/api/map/supply-list').expect(200);
  });
});
