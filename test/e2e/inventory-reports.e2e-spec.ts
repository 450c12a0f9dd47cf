import { ensureProduct, makeBuyer, makeCooperative } from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';

describe('inventory reports (e2e)', () => {
  let t: TestApp;
  let buyerA: string;
  let buyerB: string;
  let staff: string;
  let buyerAToken: string;
  let buyerBToken: string;
  let coopToken: string;

  const validReport = () => ({
    product: 'LUA_ST',
    quantityKg: 350000,
    reportedAt: '2026-11-20',
    note: 'Tồn kho cuối tuần',
  });
  const post = (token: string, body: object) =>
    t.http().post('/api/inventory-reports').auth(token, { type: 'bearer' }).send(body);
  const count = async () =>
    (await t.dataSource.query('SELECT count(*)::int AS n FROM inventory_reports'))[0].n as number;

  beforeAll(async () => {
    t = await createTestApp();
    await ensureProduct(t.dataSource, { code: 'LUA_ST', nameVi: 'Lúa ST25', nameEn: 'ST25 paddy' });
    await ensureProduct(t.dataSource, { code: 'TOM_SU', nameVi: 'Tôm sú', nameEn: 'Tiger prawn' });
    buyerA = (await makeBuyer(t.dataSource, { type: 'processor', name: 'Nhà máy chế biến gạo Kiên Giang' })).id;
    buyerB = (await makeBuyer(t.dataSource, { type: 'processor' })).id;
    staff = await t.tokenFor('staff');
    buyerAToken = await t.tokenFor('buyer', buyerA);
    buyerBToken = await t.tokenFor('buyer', buyerB);
    coopToken = await t.tokenFor('cooperative', (await makeCooperative(t.dataSource)).id);
  });
  afterAll(() => t?.close());

  it('lets a buyer report its own stock, with the buyer name in the view', async () => {
    const res = await post(buyerAToken, validReport()).expect(201);
    expect(res.body).toMatchObject({
      buyerId: buyerA,
      buyerName: 'Nhà máy chế biến gạo Kiên Giang',
      product: 'LUA_ST',
      quantityKg: 350000,
      reportedAt: '2026-11-20',
    });
    const zero = await post(buyerAToken, { ...validReport(), quantityKg: 0, reportedAt: '2026-11-21' }).expect(201);
    expect(zero.body.quantityKg).toBe(0);
  });

  it('answers 409 for a second report of the same buyer, product and day, writing nothing', async () => {
    await post(staff, { ...validReport(), buyerId: buyerB, reportedAt: '2026-11-10' }).expect(201);
    const before = await count();
    const res = await post(buyerBToken, { ...validReport(), reportedAt: '2026-11-10', quantityKg: 1 }).expect(409);
    expect(res.body.code).toBe('INVENTORY_REPORT.DUPLICATE');
    expect(await count()).toBe(before);
    await post(buyerBToken, { ...validReport(), reportedAt: '2026-11-10', product: 'TOM_SU' }).expect(201);
  });

  it.each([
    ['a negative quantity', { quantityKg: -1 }, 'quantityKg'],
    ['a fractional quantity', { quantityKg: 0.5 }, 'quantityKg'],
    ['a missing day', { reportedAt: undefined }, 'reportedAt'],
    ['a day that does not exist', { reportedAt: '2026-11-31' }, 'reportedAt'],
    ['a timestamp instead of a day', { reportedAt: '2026-11-20T08:00:00Z' }, 'reportedAt'],
    ['a malformed product code', { product: 'lúa st' }, 'product'],
    ['a server field', { buyerName: 'x' }, 'buyerName'],
  ])('rejects %s with 400 naming the field', async (_label, patch, field) => {
    const res = await post(staff, { ...validReport(), buyerId: buyerA, ...patch }).expect(400);
    expect(res.body.code).toBe('VALIDATION.FAILED');
    expect(res.body.details.map((d: any) => d.field)).toContain(field);
  });

  it('rejects an unknown product or buyer with 422 naming the field, writing nothing', async () => {
    const before = await count();
    const res = await post(buyerAToken, { ...validReport(), product: 'NOT_A_PRODUCT' }).expect(422);
    expect(res.body).toMatchObject({ code: 'PRODUCT.UNKNOWN', details: [{ field: 'product' }] });
    const res2 = await post(staff, { ...validReport(), buyerId: '7d7c8b1e-4b7c-4d35-9a0e-2d3f4a5b6c7d' }).expect(422);
    expect(res2.body.details[0].field).toBe('buyerId');
    expect(await count()).toBe(before);
  });

  it("does not let one buyer write another's reports, nor a cooperative report stock", async () => {
    await post(buyerBToken, { ...validReport(), buyerId: buyerA, reportedAt: '2026-11-01' }).expect(403);
    await post(coopToken, { ...validReport(), buyerId: buyerA, reportedAt: '2026-11-01' }).expect(403);
    const mine = await post(buyerAToken, { ...validReport(), reportedAt: '2026-11-02' }).expect(201);
    const url = `/api/inventory-reports/${mine.body.id}`;
    await t.http().patch(url).auth(buyerBToken, { type: 'bearer' }).send({ quantityKg: 1 }).expect(403);
    await t.http().delete(url).auth(buyerBToken, { type: 'bearer' }).expect(403);
    await t.http().get(url).auth(buyerBToken, { type: 'bearer' }).expect(200);
    await t.http().get('/api/inventory-reports').expect(401);
  });

  it('updates and deletes with audit rows; moving onto a taken day is 409', async () => {
    const created = await post(buyerAToken, { ...validReport(), reportedAt: '2026-11-05' }).expect(201);
    await post(buyerAToken, { ...validReport(), reportedAt: '2026-11-06' }).expect(201);
    const url = `/api/inventory-reports/${created.body.id}`;
    const upd = await t
      .http()
      .patch(url)
      .auth(buyerAToken, { type: 'bearer' })
      .send({ quantityKg: 300000, note: null })
      .expect(200);
    expect(upd.body).toMatchObject({ quantityKg: 300000, note: null });
    await t.http().patch(url).auth(buyerAToken, { type: 'bearer' }).send({ reportedAt: '2026-11-06' }).expect(409);
    await t.http().patch(url).auth(buyerAToken, { type: 'bearer' }).send({ quantityKg: null }).expect(400);
    await t.http().patch(url).auth(staff, { type: 'bearer' }).send({ buyerId: buyerB }).expect(422);
    await t.http().delete(url).auth(buyerAToken, { type: 'bearer' }).expect(204);
    await t.http().get(url).auth(buyerAToken, { type: 'bearer' }).expect(404);
    const rows = await t.dataSource.query(
      `SELECT action, changes FROM audit_logs WHERE entity_id = $1 AND entity_type = 'inventory_report' ORDER BY id`,
      [created.body.id],
    );
    expect(rows.map((r: any) => r.action)).toEqual(['create', 'update', 'delete']);
    expect(rows[1].changes.quantityKg).toEqual([350000, 300000]);
  });

  it('lists with pagination and buyer, product and date filters', async () => {
    const page = await t
      .http()
      .get('/api/inventory-reports?limit=2&offset=1')
      .auth(staff, { type: 'bearer' })
      .expect(200);
    expect(page.body).toMatchObject({ limit: 2, offset: 1 });
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBeGreaterThanOrEqual(5);
    const filters: Array<[string, (r: any) => boolean]> = [
      [`buyerId=${buyerB}`, (r) => r.buyerId === buyerB],
      ['product=tom_su', (r) => r.product === 'TOM_SU'],
      ['from=2026-11-20', (r) => r.reportedAt >= '2026-11-20'],
      ['to=2026-11-10', (r) => r.reportedAt <= '2026-11-10'],
      ['from=2026-11-10&to=2026-11-10', (r) => r.reportedAt === '2026-11-10'],
    ];
    for (const [query, ok] of filters) {
      const res = await t.http().get(`/api/inventory-reports?${query}`).auth(staff, { type: 'bearer' }).expect(200);
      expect(res.body.total).toBeGreaterThan(0);
      expect(res.body.items.every(ok)).toBe(true);
    }
    await t
      .http()
      .get('/api/inventory-reports?from=2026-11-20&to=2026-11-01')
      .auth(staff, { type: 'bearer' })
      .expect(400);
    await t.http().get('/api/inventory-reports/not-a-uuid').auth(staff, { type: 'bearer' }).expect(400);
    await t
      .http()
      .get('/api/inventory-reports/7d7c8b1e-4b7c-4d35-9a0e-2d3f4a5b6c7d')
      .auth(staff, { type: 'bearer' })
      .expect(404);
  });
});
