import { toPoint } from '@agrilink/core';
import { makeBuyer, makeCooperative } from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';

describe('harvest resources (e2e)', () => {
  let t: TestApp;
  let coopA: string;
  let coopB: string;
  let staff: string;
  let coopAToken: string;
  let coopBToken: string;
  let buyerToken: string;

  const validResource = () => ({
    kind: 'combine_harvester',
    name: 'Tổ máy gặt đập liên hợp ấp Thạnh Hưng',
    unitCount: 4,
    capacityHaPerDay: 12.5,
    workers: 8,
    availableFrom: '2026-12-01',
    availableTo: '2027-01-15',
    contactName: 'Trần Văn Bình',
    contactPhone: '0291 3 812 345',
  });
  const post = (token: string, body: object) =>
    t.http().post('/api/harvest-resources').auth(token, { type: 'bearer' }).send(body);
  const count = async () =>
    (await t.dataSource.query('SELECT count(*)::int AS n FROM harvest_resources'))[0].n as number;

  beforeAll(async () => {
    t = await createTestApp();
    coopA = (
      await makeCooperative(t.dataSource, {
        name: 'HTX Thử nghiệm Phước Lộc Ánh Dương',
        provinceCode: '91',
        location: toPoint({ lat: 9.95, lng: 105.2 }),
      })
    ).id;
    coopB = (await makeCooperative(t.dataSource, { provinceCode: '92' })).id;
    staff = await t.tokenFor('staff');
    coopAToken = await t.tokenFor('cooperative', coopA);
    coopBToken = await t.tokenFor('cooperative', coopB);
    buyerToken = await t.tokenFor('buyer', (await makeBuyer(t.dataSource)).id);
  });
  afterAll(() => t?.close());

  it("lets a cooperative register its own machines, defaulting location and province to the cooperative's", async () => {
    const res = await post(coopAToken, validResource()).expect(201);
    expect(res.body).toMatchObject({
      kind: 'combine_harvester',
      cooperativeId: coopA,
      cooperativeName: 'HTX Thử nghiệm Phước Lộc Ánh Dương',
      unitCount: 4,
      capacityHaPerDay: 12.5,
      workers: 8,
      location: { lat: 9.95, lng: 105.2 },
      provinceCode: '91',
      contactPhone: '02913812345',
    });
    await t.http().get(`/api/harvest-resources/${res.body.id}`).auth(buyerToken, { type: 'bearer' }).expect(200);
  });

  it('lets staff register an independent team with no cooperative', async () => {
    const res = await post(staff, {
      ...validResource(),
      kind: 'harvest_team',
      name: 'Tổ thu hoạch Giồng Riềng',
      location: { lat: 9.9, lng: 105.3 },
      provinceCode: '91',
    }).expect(201);
    expect(res.body).toMatchObject({ cooperativeId: null, kind: 'harvest_team', location: { lat: 9.9, lng: 105.3 } });
  });

  it.each([
    ['an unknown kind', { kind: 'tractor' }, 'kind'],
    ['a zero capacity', { capacityHaPerDay: 0 }, 'capacityHaPerDay'],
    ['a negative capacity', { capacityHaPerDay: -3 }, 'capacityHaPerDay'],
    ['a capacity with 3 decimals', { capacityHaPerDay: 1.234 }, 'capacityHaPerDay'],
    ['a fractional unit count', { unitCount: 1.5 }, 'unitCount'],
    ['negative workers', { workers: -1 }, 'workers'],
    ['a reversed availability window', { availableFrom: '2027-01-15', availableTo: '2026-12-01' }, 'availableTo'],
    ['a date in another format', { availableTo: '2027/01/15' }, 'availableTo'],
    ['coordinates outside Vietnam', { location: { lat: 11.55, lng: 104.9 - 10 } }, 'location'],
    ['a malformed cooperative id', { cooperativeId: 'htx-1' }, 'cooperativeId'],
  ])('rejects %s with 400 naming the field, writing nothing', async (_label, patch, field) => {
    const before = await count();
    const res = await post(staff, { ...validResource(), cooperativeId: coopA, ...patch }).expect(400);
    expect(res.body.code).toBe('VALIDATION.FAILED');
    expect(res.body.details.map((d: any) => d.field)).toContain(field);
    expect(await count()).toBe(before);
  });

  it('rejects an unknown cooperative with 422 naming the field', async () => {
    const res = await post(staff, { ...validResource(), cooperativeId: '7d7c8b1e-4b7c-4d35-9a0e-2d3f4a5b6c7d' }).expect(
      422,
    );
    expect(res.body.details[0].field).toBe('cooperativeId');
  });

  it("does not let a cooperative write another cooperative's or an independent resource, nor a buyer write any", async () => {
    await post(coopBToken, { ...validResource(), cooperativeId: coopA }).expect(403);
    await post(buyerToken, validResource()).expect(403);
    const mine = await post(coopAToken, validResource()).expect(201);
    const independent = await post(staff, validResource()).expect(201);
    for (const id of [mine.body.id, independent.body.id]) {
      await t
        .http()
        .patch(`/api/harvest-resources/${id}`)
        .auth(coopBToken, { type: 'bearer' })
        .send({ unitCount: 1 })
        .expect(403);
      await t.http().delete(`/api/harvest-resources/${id}`).auth(coopBToken, { type: 'bearer' }).expect(403);
    }
    await t
      .http()
      .patch(`/api/harvest-resources/${mine.body.id}`)
      .auth(coopAToken, { type: 'bearer' })
      .send({ cooperativeId: coopB })
      .expect(403);
    const ok = await t
      .http()
      .patch(`/api/harvest-resources/${mine.body.id}`)
      .auth(coopAToken, { type: 'bearer' })
      .send({ unitCount: 5 })
      .expect(200);
    expect(ok.body).toMatchObject({ unitCount: 5, cooperativeId: coopA });
    const moved = await t
      .http()
      .patch(`/api/harvest-resources/${independent.body.id}`)
      .auth(staff, { type: 'bearer' })
      .send({ cooperativeId: coopB })
      .expect(200);
    expect(moved.body.cooperativeId).toBe(coopB);
    await t.http().delete(`/api/harvest-resources/${mine.body.id}`).auth(coopAToken, { type: 'bearer' }).expect(204);
    await t.http().get('/api/harvest-resources').expect(401);
  });

  it('updates with audit rows and refuses reversed windows and nulls', async () => {
    const created = await post(coopAToken, validResource()).expect(201);
    const url = `/api/harvest-resources/${created.body.id}`;
    await t.http().patch(url).auth(staff, { type: 'bearer' }).send({ capacityHaPerDay: 15 }).expect(200);
    const reversed = await t
      .http()
      .patch(url)
      .auth(coopAToken, { type: 'bearer' })
      .send({ availableFrom: '2027-02-01' })
      .expect(422);
    expect(reversed.body.details[0].field).toBe('availableTo');
    await t.http().patch(url).auth(coopAToken, { type: 'bearer' }).send({ kind: null }).expect(400);
    await t.http().patch(url).auth(coopAToken, { type: 'bearer' }).send({ cooperativeName: 'x' }).expect(400);
    await t.http().delete(url).auth(staff, { type: 'bearer' }).expect(204);
    const rows = await t.dataSource.query(
      `SELECT action, changes FROM audit_logs WHERE entity_id = $1 AND entity_type = 'harvest_resource' ORDER BY id`,
      [created.body.id],
    );
    expect(rows.map((r: any) => r.action)).toEqual(['create', 'update', 'delete']);
    expect(rows[1].changes.capacityHaPerDay).toEqual([12.5, 15]);
  });

  it('lists with pagination, filters and diacritics-insensitive search', async () => {
    await post(coopBToken, {
      ...validResource(),
      kind: 'dryer',
      name: 'Lò sấy thử nghiệm Vĩnh Thạnh Ánh Dương',
      availableFrom: '2027-04-01',
      availableTo: '2027-04-30',
    }).expect(201);
    const page = await t
      .http()
      .get('/api/harvest-resources?limit=2&offset=1')
      .auth(staff, { type: 'bearer' })
      .expect(200);
    expect(page.body).toMatchObject({ limit: 2, offset: 1 });
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBeGreaterThanOrEqual(3);
    const search = await t
      .http()
      .get('/api/harvest-resources?q=lo SAY thu nghiem vinh thanh')
      .auth(buyerToken, { type: 'bearer' })
      .expect(200);
    expect(search.body.items.map((r: any) => r.kind)).toEqual(['dryer']);
    const byCoop = await t
      .http()
      .get('/api/harvest-resources?q=phuoc loc ANH duong')
      .auth(buyerToken, { type: 'bearer' })
      .expect(200);
    expect(byCoop.body.total).toBeGreaterThan(0);
    expect(byCoop.body.items.map((r: any) => [r.cooperativeId, r.name])).toEqual(
      byCoop.body.items.map((r: any) => [coopA, r.name]),
    );
    const filters: Array<[string, (r: any) => boolean]> = [
      ['kind=dryer', (r) => r.kind === 'dryer'],
      [`cooperativeId=${coopB}`, (r) => r.cooperativeId === coopB],
      ['provinceCode=92', (r) => r.provinceCode === '92'],
      [
        'availableOn=2027-04-10',
        (r) => (r.availableFrom ?? '') <= '2027-04-10' && (r.availableTo ?? '9999') >= '2027-04-10',
      ],
    ];
    for (const [query, ok] of filters) {
      const res = await t.http().get(`/api/harvest-resources?${query}`).auth(staff, { type: 'bearer' }).expect(200);
      expect(res.body.total).toBeGreaterThan(0);
      expect(res.body.items.every(ok)).toBe(true);
    }
    await t.http().get('/api/harvest-resources?kind=tractor').auth(staff, { type: 'bearer' }).expect(400);
    await t.http().get('/api/harvest-resources/not-a-uuid').auth(staff, { type: 'bearer' }).expect(400);
    await t
      .http()
      .get('/api/harvest-resources/7d7c8b1e-4b7c-4d35-9a0e-2d3f4a5b6c7d')
      .auth(staff, { type: 'bearer' })
      .expect(404);
  });
});
