import { toPoint } from '@agrilink/core';
import { ensureProduct, makeBuyer, makeCooperative } from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';

describe('purchase requests (e2e)', () => {
  let t: TestApp;
  let buyerA: string;
  let buyerB: string;
  let buyerNoLocation: string;
  let staff: string;
  let buyerAToken: string;
  let buyerBToken: string;
  let coopToken: string;

  const validRequest = () => ({
    product: 'LUA_ST',
    quantityKg: 100000,
    deliverFrom: '2026-12-01',
    deliverTo: '2026-12-31',
    requiredCertifications: ['VietGAP'],
    bidVndPerKg: 9000,
    location: { lat: 10.7225, lng: 106.6225 },
    maxDistanceKm: 250,
  });
  const post = (token: string, body: object) =>
    t.http().post('/api/purchase-requests').auth(token, { type: 'bearer' }).send(body);
  const count = async () =>
    (await t.dataSource.query('SELECT count(*)::int AS n FROM purchase_requests'))[0].n as number;

  beforeAll(async () => {
    t = await createTestApp();
    await ensureProduct(t.dataSource, { code: 'LUA_ST', nameVi: 'Lúa ST25', nameEn: 'ST25 paddy' });
    await ensureProduct(t.dataSource, {
      code: 'TEST_MANGO',
      nameVi: 'Xoài cát thử nghiệm Hòa Lộc',
      nameEn: 'Test mango',
    });
    buyerA = (
      await makeBuyer(t.dataSource, {
        name: 'Chợ đầu mối Thử nghiệm Ánh Dương Bình Điền',
        provinceCode: '79',
        location: toPoint({ lat: 10.86, lng: 106.76 }),
      })
    ).id;
    buyerB = (await makeBuyer(t.dataSource, { name: 'Siêu thị Cần Thơ', provinceCode: '92' })).id;
    buyerNoLocation = (await makeBuyer(t.dataSource, { location: null })).id;
    staff = await t.tokenFor('staff');
    buyerAToken = await t.tokenFor('buyer', buyerA);
    buyerBToken = await t.tokenFor('buyer', buyerB);
    coopToken = await t.tokenFor('cooperative', (await makeCooperative(t.dataSource)).id);
  });
  afterAll(() => t?.close());

  it('lets a buyer post a request for itself, with remainingKg and status computed by the server', async () => {
    const res = await post(buyerAToken, validRequest()).expect(201);
    expect(res.body).toMatchObject({
      buyerId: buyerA,
      buyerName: 'Chợ đầu mối Thử nghiệm Ánh Dương Bình Điền',
      product: 'LUA_ST',
      quantityKg: 100000,
      committedKg: 0,
      remainingKg: 100000,
      status: 'open',
      requiredCertifications: ['VIETGAP'],
      bidVndPerKg: 9000,
      location: { lat: 10.7225, lng: 106.6225 },
      maxDistanceKm: 250,
      zone: null,
      provinceCode: '79',
    });
    const got = await t
      .http()
      .get(`/api/purchase-requests/${res.body.id}`)
      .auth(buyerBToken, { type: 'bearer' })
      .expect(200);
    expect(got.body).toMatchObject({ id: res.body.id, remainingKg: 100000 });
  });

  it("defaults the location to the buyer's and refuses a request with no location at all", async () => {
    const { location, ...noLocation } = validRequest();
    const res = await post(buyerAToken, noLocation).expect(201);
    expect(res.body.location).toEqual({ lat: 10.86, lng: 106.76 });
    const before = await count();
    const bad = await post(staff, { ...noLocation, buyerId: buyerNoLocation }).expect(422);
    expect(bad.body).toMatchObject({ code: 'PURCHASE_REQUEST.LOCATION_REQUIRED', details: [{ field: 'location' }] });
    expect(await count()).toBe(before);
  });

  it('refuses server-computed fields sent by the client', async () => {
    const res = await post(buyerAToken, {
      ...validRequest(),
      remainingKg: 1,
      status: 'fulfilled',
      committedKg: 5,
    }).expect(400);
    expect(res.body.details.map((d: any) => d.field).sort()).toEqual(['committedKg', 'remainingKg', 'status']);
  });

  it.each([
    ['a reversed delivery window', { deliverFrom: '2026-12-31', deliverTo: '2026-12-01' }, 'deliverTo'],
    ['a date that does not exist', { deliverFrom: '2026-02-30' }, 'deliverFrom'],
    ['a date in another format', { deliverTo: '31/12/2026' }, 'deliverTo'],
    ['a negative quantity', { quantityKg: -5 }, 'quantityKg'],
    ['a zero quantity', { quantityKg: 0 }, 'quantityKg'],
    ['a fractional quantity', { quantityKg: 10.5 }, 'quantityKg'],
    ['a quantity as text', { quantityKg: '1000' }, 'quantityKg'],
    ['a fractional bid', { bidVndPerKg: 9000.5 }, 'bidVndPerKg'],
    ['a negative bid', { bidVndPerKg: -1 }, 'bidVndPerKg'],
    ['coordinates outside Vietnam', { location: { lat: 48.85, lng: 2.35 } }, 'location'],
    ['a longitude out of range', { location: { lat: 10, lng: 200 } }, 'location.lng'],
    ['a zero max distance', { maxDistanceKm: 0 }, 'maxDistanceKm'],
    ['an unknown certification', { requiredCertifications: ['FAKEGAP'] }, 'requiredCertifications'],
    ['a malformed buyer id', { buyerId: 'abc' }, 'buyerId'],
  ])('rejects %s with 400 naming the field', async (_label, patch, field) => {
    const res = await post(staff, { ...validRequest(), buyerId: buyerA, ...patch }).expect(400);
    expect(res.body.code).toBe('VALIDATION.FAILED');
    expect(res.body.details.map((d: any) => d.field)).toContain(field);
  });

  it('rejects an unknown product or buyer with 422 naming the field, and writes nothing', async () => {
    const before = await count();
    const res = await post(buyerAToken, { ...validRequest(), product: 'NOT_A_PRODUCT' }).expect(422);
    expect(res.body).toMatchObject({ code: 'PRODUCT.UNKNOWN', details: [{ field: 'product' }] });
    const res2 = await post(staff, { ...validRequest(), buyerId: '7d7c8b1e-4b7c-4d35-9a0e-2d3f4a5b6c7d' }).expect(422);
    expect(res2.body.details[0].field).toBe('buyerId');
    const res3 = await post(staff, validRequest()).expect(422);
    expect(res3.body.details[0].field).toBe('buyerId');
    expect(await count()).toBe(before);
  });

  it("does not let one buyer post, edit or delete another's request, nor a cooperative post one", async () => {
    const created = await post(buyerAToken, validRequest()).expect(201);
    await t
      .http()
      .patch(`/api/purchase-requests/${created.body.id}`)
      .auth(buyerBToken, { type: 'bearer' })
      .send({ bidVndPerKg: 1 })
      .expect(403);
    await t
      .http()
      .delete(`/api/purchase-requests/${created.body.id}`)
      .auth(buyerBToken, { type: 'bearer' })
      .expect(403);
    await post(buyerBToken, { ...validRequest(), buyerId: buyerA }).expect(403);
    await post(coopToken, { ...validRequest(), buyerId: buyerA }).expect(403);
    const res = await t
      .http()
      .patch(`/api/purchase-requests/${created.body.id}`)
      .auth(buyerAToken, { type: 'bearer' })
      .send({ bidVndPerKg: 9500 })
      .expect(200);
    expect(res.body.bidVndPerKg).toBe(9500);
    const staffEdit = await t
      .http()
      .patch(`/api/purchase-requests/${created.body.id}`)
      .auth(staff, { type: 'bearer' })
      .send({ quantityKg: 120000 })
      .expect(200);
    expect(staffEdit.body).toMatchObject({ quantityKg: 120000, remainingKg: 120000 });
  });

  it('withdraws and reopens, refuses a reversed window, a null quantity and a new owner on PATCH', async () => {
    const created = await post(buyerAToken, validRequest()).expect(201);
    const url = `/api/purchase-requests/${created.body.id}`;
    expect(
      (await t.http().patch(url).auth(buyerAToken, { type: 'bearer' }).send({ withdrawn: true }).expect(200)).body
        .status,
    ).toBe('withdrawn');
    expect(
      (await t.http().patch(url).auth(buyerAToken, { type: 'bearer' }).send({ withdrawn: false }).expect(200)).body
        .status,
    ).toBe('open');
    const reversed = await t
      .http()
      .patch(url)
      .auth(buyerAToken, { type: 'bearer' })
      .send({ deliverTo: '2026-11-01' })
      .expect(422);
    expect(reversed.body.details[0].field).toBe('deliverTo');
    const nulled = await t
      .http()
      .patch(url)
      .auth(buyerAToken, { type: 'bearer' })
      .send({ quantityKg: null })
      .expect(400);
    expect(nulled.body.details[0].field).toBe('quantityKg');
    await t.http().patch(url).auth(staff, { type: 'bearer' }).send({ buyerId: buyerB }).expect(422);
    await t.http().patch(url).auth(buyerAToken, { type: 'bearer' }).send({ status: 'fulfilled' }).expect(400);
    const after = await t.http().get(url).auth(buyerAToken, { type: 'bearer' }).expect(200);
    expect(after.body).toMatchObject({ deliverTo: '2026-12-31', quantityKg: 100000, buyerId: buyerA, status: 'open' });
  });

  it('keeps quantity above what deals committed and refuses to delete a committed request', async () => {
    const created = await post(buyerAToken, validRequest()).expect(201);
    const url = `/api/purchase-requests/${created.body.id}`;
    await t.dataSource.query('UPDATE purchase_requests SET committed_kg = 40000 WHERE id = $1', [created.body.id]);
    const low = await t.http().patch(url).auth(buyerAToken, { type: 'bearer' }).send({ quantityKg: 30000 }).expect(409);
    expect(low.body.code).toBe('PURCHASE_REQUEST.QUANTITY_BELOW_COMMITTED');
    const full = await t
      .http()
      .patch(url)
      .auth(buyerAToken, { type: 'bearer' })
      .send({ quantityKg: 40000 })
      .expect(200);
    expect(full.body).toMatchObject({ committedKg: 40000, remainingKg: 0, status: 'fulfilled' });
    await t.http().delete(url).auth(buyerAToken, { type: 'bearer' }).expect(409);
    await t.http().get(url).auth(buyerAToken, { type: 'bearer' }).expect(200);
  });

  it('deletes an uncommitted request and records every write in the audit log', async () => {
    const created = await post(buyerAToken, validRequest()).expect(201);
    const url = `/api/purchase-requests/${created.body.id}`;
    await t.http().patch(url).auth(staff, { type: 'bearer' }).send({ quantityKg: 60000 }).expect(200);
    await t.http().delete(url).auth(buyerAToken, { type: 'bearer' }).expect(204);
    await t.http().get(url).auth(buyerAToken, { type: 'bearer' }).expect(404);
    const rows = await t.dataSource.query(
      `SELECT action, entity_type, changes FROM audit_logs WHERE entity_id = $1 ORDER BY id`,
      [created.body.id],
    );
    expect(rows.map((r: any) => r.action)).toEqual(['create', 'update', 'delete']);
    expect(rows[0].entity_type).toBe('purchase_request');
    expect(rows[1].changes.quantityKg).toEqual([100000, 60000]);
  });

  it('lists with pagination, filters and diacritics-insensitive search on buyer and product names', async () => {
    await post(buyerBToken, {
      ...validRequest(),
      product: 'TEST_MANGO',
      deliverFrom: '2027-03-01',
      deliverTo: '2027-03-31',
      requiredCertifications: ['GlobalGAP'],
    }).expect(201);
    const page = await t
      .http()
      .get('/api/purchase-requests?limit=2&offset=1')
      .auth(staff, { type: 'bearer' })
      .expect(200);
    expect(page.body).toMatchObject({ limit: 2, offset: 1 });
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBeGreaterThanOrEqual(4);

    const byBuyer = await t
      .http()
      .get('/api/purchase-requests?q=anh duong BINH dien')
      .auth(staff, { type: 'bearer' })
      .expect(200);
    expect(byBuyer.body.total).toBeGreaterThan(0);
    expect(byBuyer.body.items.every((r: any) => r.buyerId === buyerA)).toBe(true);
    const byProduct = await t
      .http()
      .get('/api/purchase-requests?q=XOAI CAT THU NGHIEM hoa loc')
      .auth(staff, { type: 'bearer' })
      .expect(200);
    expect(byProduct.body.items.map((r: any) => r.product)).toEqual(['TEST_MANGO']);

    const filters: Array<[string, (r: any) => boolean]> = [
      ['product=test_mango', (r) => r.product === 'TEST_MANGO'],
      [`buyerId=${buyerB}`, (r) => r.buyerId === buyerB],
      ['provinceCode=92', (r) => r.provinceCode === '92'],
      ['certification=globalgap', (r) => r.requiredCertifications.includes('GLOBALGAP')],
      ['deliverFrom=2027-01-01', (r) => r.deliverTo >= '2027-01-01'],
      ['deliverTo=2026-12-05', (r) => r.deliverFrom <= '2026-12-05'],
      ['status=fulfilled', (r) => r.status === 'fulfilled'],
    ];
    for (const [query, ok] of filters) {
      const res = await t.http().get(`/api/purchase-requests?${query}`).auth(staff, { type: 'bearer' }).expect(200);
      expect(res.body.total).toBeGreaterThan(0);
      expect(res.body.items.every(ok)).toBe(true);
    }
    await t.http().get('/api/purchase-requests?limit=0').auth(staff, { type: 'bearer' }).expect(400);
    await t.http().get('/api/purchase-requests?status=closed').auth(staff, { type: 'bearer' }).expect(400);
    await t.http().get('/api/purchase-requests?deliverFrom=2026-13-01').auth(staff, { type: 'bearer' }).expect(400);
  });

  it('keeps anonymous users out and answers 404 for an unknown request', async () => {
    await t.http().get('/api/purchase-requests').expect(401);
    await t.http().post('/api/purchase-requests').send(validRequest()).expect(401);
    await t
      .http()
      .get('/api/purchase-requests/7d7c8b1e-4b7c-4d35-9a0e-2d3f4a5b6c7d')
      .auth(staff, { type: 'bearer' })
      .expect(404);
    await t.http().get('/api/purchase-requests/not-a-uuid').auth(staff, { type: 'bearer' }).expect(400);
    await t
      .http()
      .patch('/api/purchase-requests/7d7c8b1e-4b7c-4d35-9a0e-2d3f4a5b6c7d')
      .auth(staff, { type: 'bearer' })
      .send({ bidVndPerKg: 1 })
      .expect(404);
    await t
      .http()
      .delete('/api/purchase-requests/7d7c8b1e-4b7c-4d35-9a0e-2d3f4a5b6c7d')
      .auth(staff, { type: 'bearer' })
      .expect(404);
  });
});
