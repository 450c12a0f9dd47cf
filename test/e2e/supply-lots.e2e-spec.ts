import { ensureProduct, makeCooperative, makeProductionArea } from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';

describe('supply lots (e2e)', () => {
  let t: TestApp;
  let coopA: string;
  let coopB: string;
  let staff: string;
  let coopAToken: string;
  let coopBToken: string;

  const validLot = () => ({
    product: 'LUA_ST',
    quantityKg: 50000,
    harvestFrom: '2026-12-01',
    harvestTo: '2026-12-15',
    certifications: ['VietGAP'],
    askVndPerKg: 7200,
    location: { lat: 9.93, lng: 105.3 },
  });

  beforeAll(async () => {
    t = await createTestApp();
    await ensureProduct(t.dataSource, { code: 'LUA_ST', nameVi: 'Lúa ST25', nameEn: 'ST25 paddy' });
    coopA = (await makeCooperative(t.dataSource, { name: 'HTX Nông nghiệp Thạnh Phước Lợi' })).id;
    coopB = (await makeCooperative(t.dataSource)).id;
    staff = await t.tokenFor('staff');
    coopAToken = await t.tokenFor('cooperative', coopA);
    coopBToken = await t.tokenFor('cooperative', coopB);
  });
  afterAll(() => t?.close());

  it('lets a cooperative post a lot for itself, with remainingKg and status computed by the server', async () => {
    const res = await t
      .http()
      .post('/api/supply-lots')
      .auth(coopAToken, { type: 'bearer' })
      .send(validLot())
      .expect(201);
    expect(res.body).toMatchObject({
      cooperativeId: coopA,
      product: 'LUA_ST',
      quantityKg: 50000,
      remainingKg: 50000,
      status: 'open',
      certifications: ['VIETGAP'],
      location: { lat: 9.93, lng: 105.3 },
    });
  });

  it('refuses remainingKg or status sent by the client', async () => {
    const res = await t
      .http()
      .post('/api/supply-lots')
      .auth(coopAToken, { type: 'bearer' })
      .send({ ...validLot(), remainingKg: 1, status: 'sold_out' })
      .expect(400);
    expect(res.body.details.map((d: any) => d.field).sort()).toEqual(['remainingKg', 'status']);
  });

  it.each([
    ['a reversed harvest window', { harvestFrom: '2026-12-15', harvestTo: '2026-12-01' }, 'harvestTo'],
    ['a date that does not exist', { harvestFrom: '2026-02-30' }, 'harvestFrom'],
    ['a negative quantity', { quantityKg: -5 }, 'quantityKg'],
    ['a fractional quantity', { quantityKg: 10.5 }, 'quantityKg'],
    ['a fractional price', { askVndPerKg: 7200.5 }, 'askVndPerKg'],
    ['coordinates outside Vietnam', { location: { lat: 48.85, lng: 2.35 } }, 'location'],
    ['a latitude out of range', { location: { lat: 123, lng: 105 } }, 'location.lat'],
    ['an unknown certification', { certifications: ['FAKEGAP'] }, 'certifications'],
  ])('rejects %s with 400 naming the field', async (_label, patch, field) => {
    const res = await t
      .http()
      .post('/api/supply-lots')
      .auth(staff, { type: 'bearer' })
      .send({ ...validLot(), cooperativeId: coopA, ...patch })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION.FAILED');
    expect(res.body.details.map((d: any) => d.field)).toContain(field);
  });

  it('rejects an unknown product with 422 naming the field, and writes nothing', async () => {
    const before = await t.dataSource.query('SELECT count(*)::int AS n FROM supply_lots');
    const res = await t
      .http()
      .post('/api/supply-lots')
      .auth(coopAToken, { type: 'bearer' })
      .send({ ...validLot(), product: 'NOT_A_PRODUCT' })
      .expect(422);
    expect(res.body).toMatchObject({ code: 'PRODUCT.UNKNOWN', details: [{ field: 'product' }] });
    const after = await t.dataSource.query('SELECT count(*)::int AS n FROM supply_lots');
    expect(after[0].n).toBe(before[0].n);
  });

  it('rejects an oversize payload with 413', async () => {
    const res = await t
      .http()
      .post('/api/supply-lots')
      .auth(coopAToken, { type: 'bearer' })
      .send({ ...validLot(), note: 'x'.repeat(2_000_000) });
    expect(res.status).toBe(413);
  });

  it('defaults the location to the production area centroid', async () => {
    const area = await makeProductionArea(t.dataSource, { cooperativeId: coopA });
    const { location, ...lot } = validLot();
    const res = await t
      .http()
      .post('/api/supply-lots')
      .auth(coopAToken, { type: 'bearer' })
      .send({ ...lot, productionAreaId: area.id })
      .expect(201);
    expect(res.body.location).toEqual({ lat: 9.93, lng: 105.3 });
  });

  it("does not let one cooperative edit or delete another's lot", async () => {
    const created = await t
      .http()
      .post('/api/supply-lots')
      .auth(coopAToken, { type: 'bearer' })
      .send(validLot())
      .expect(201);
    await t
      .http()
      .patch(`/api/supply-lots/${created.body.id}`)
      .auth(coopBToken, { type: 'bearer' })
      .send({ askVndPerKg: 1 })
      .expect(403);
    await t.http().delete(`/api/supply-lots/${created.body.id}`).auth(coopBToken, { type: 'bearer' }).expect(403);
    await t
      .http()
      .post('/api/supply-lots')
      .auth(coopBToken, { type: 'bearer' })
      .send({ ...validLot(), cooperativeId: coopA })
      .expect(403);
    const res = await t
      .http()
      .patch(`/api/supply-lots/${created.body.id}`)
      .auth(coopAToken, { type: 'bearer' })
      .send({ askVndPerKg: 7500 })
      .expect(200);
    expect(res.body.askVndPerKg).toBe(7500);
  });

  it('records every write in the audit log', async () => {
    const created = await t
      .http()
      .post('/api/supply-lots')
      .auth(coopAToken, { type: 'bearer' })
      .send(validLot())
      .expect(201);
    await t
      .http()
      .patch(`/api/supply-lots/${created.body.id}`)
      .auth(staff, { type: 'bearer' })
      .send({ quantityKg: 60000 })
      .expect(200);
    const rows = await t.dataSource.query(`SELECT action, changes FROM audit_logs WHERE entity_id = $1 ORDER BY id`, [
      created.body.id,
    ]);
    expect(rows.map((r: any) => r.action)).toEqual(['create', 'update']);
    expect(rows[1].changes.quantityKg).toEqual([50000, 60000]);
  });

  it('lists with pagination, filters and diacritics-insensitive search', async () => {
    const res = await t
      .http()
      .get('/api/supply-lots?limit=2&offset=0&q=thanh phuoc loi')
      .auth(staff, { type: 'bearer' })
      .expect(200);
    expect(res.body.limit).toBe(2);
    expect(res.body.offset).toBe(0);
    expect(res.body.items.length).toBeLessThanOrEqual(2);
    expect(res.body.total).toBeGreaterThanOrEqual(3);
    expect(res.body.items.every((l: any) => l.cooperativeId === coopA)).toBe(true);
    await t.http().get('/api/supply-lots?limit=0').auth(staff, { type: 'bearer' }).expect(400);
  });

  it('keeps anonymous users out and answers 404 for an unknown lot', async () => {
    await t.http().get('/api/supply-lots').expect(401);
    await t
      .http()
      .get('/api/supply-lots/7d7c8b1e-4b7c-4d35-9a0e-2d3f4a5b6c7d')
      .auth(staff, { type: 'bearer' })
      .expect(404);
    await t.http().get('/api/supply-lots/not-a-uuid').auth(staff, { type: 'bearer' }).expect(400);
  });
});
