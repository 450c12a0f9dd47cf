import { addDays, todayInVietnam } from '@agrilink/core';
import {
  ensureProduct,
  makeBuyer,
  makeCooperative,
  makePurchaseRequest,
  makeSupplyLot,
  makeTransportOperator,
} from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';

const PRODUCT = 'E2E_LOADS';

describe('loads: a confirmed deal posts its transport (e2e)', () => {
  let t: TestApp;
  const tok: Record<'staff' | 'coop' | 'buyer' | 'stranger', string> = {} as any;
  let coopId: string;
  let buyerId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await ensureProduct(t.dataSource, { code: PRODUCT, shelfLifeDays: 60 });
    coopId = (await makeCooperative(t.dataSource)).id;
    buyerId = (await makeBuyer(t.dataSource)).id;
    tok.staff = await t.tokenFor('staff');
    tok.coop = await t.tokenFor('cooperative', coopId);
    tok.buyer = await t.tokenFor('buyer', buyerId);
    tok.stranger = await t.tokenFor('cooperative', (await makeCooperative(t.dataSource)).id);
  });
  afterAll(() => t?.close());

  const as = (who: keyof typeof tok) => ({
    get: (url: string) => t.http().get(url).auth(tok[who], { type: 'bearer' }),
    post: (url: string, body: object = {}) => t.http().post(url).auth(tok[who], { type: 'bearer' }).send(body),
  });
  const deal = async (kg = 12_000) => {
    const lot = await makeSupplyLot(t.dataSource, { cooperativeId: coopId, productCode: PRODUCT, provinceCode: '91' });
    const request = await makePurchaseRequest(t.dataSource, { buyerId, productCode: PRODUCT, provinceCode: '79' });
    return (
      await as('staff')
        .post('/api/deals', {
          supplyLotId: lot.id,
          purchaseRequestId: request.id,
          quantityKg: kg,
          priceVndPerKg: 7200,
          transportArranged: true,
        })
        .expect(201)
    ).body;
  };

  it('lets the seller post the load of its deal, with pickup at the lot and drop at the request, and tells both parties', async () => {
    const d = await deal();
    const from = addDays(todayInVietnam(), 1);
    const res = await as('coop')
      .post('/api/loads', {
        dealId: d.id,
        earliestPickupOn: from,
        latestDeliveryOn: addDays(from, 5),
        refrigerated: true,
      })
      .expect(201);
    expect(res.body).toMatchObject({
      dealId: d.id,
      cooperativeId: coopId,
      buyerId,
      product: PRODUCT,
      quantityKg: 12_000,
      coveredKg: 0,
      openKg: 12_000,
      pickup: { location: { lat: 9.93, lng: 105.3 }, provinceCode: '91' },
      drop: { location: { lat: 10.7225, lng: 106.6225 }, provinceCode: '79' },
      earliestPickupOn: from,
      refrigerated: true,
      status: 'open',
    });
    expect(res.body.distanceKm).toBeGreaterThan(100);
    expect((await as('buyer').get(`/api/loads/${res.body.id}`).expect(200)).body.id).toBe(res.body.id);
    expect((await as('buyer').get('/api/loads').expect(200)).body.items.map((l: any) => l.id)).toContain(res.body.id);
    const notes = await t.dataSource.query(
      `SELECT audience FROM notifications WHERE kind = 'load.posted' AND data->>'loadId' = $1 ORDER BY audience`,
      [res.body.id],
    );
    expect(notes.map((n: any) => n.audience)).toEqual(['buyer', 'cooperative']);
    // One live load per deal.
    expect((await as('buyer').post('/api/loads', { dealId: d.id }).expect(409)).body.code).toBe('LOAD.ALREADY_POSTED');
  });

  it("refuses a stranger's load, more kilograms than the deal, a reversed window; hides others' loads", async () => {
    const d = await deal(5_000);
    expect((await as('stranger').post('/api/loads', { dealId: d.id }).expect(403)).body.code).toBe('LOAD.FORBIDDEN');
    expect((await as('coop').post('/api/loads', { dealId: d.id, kg: 5_001 }).expect(422)).body).toMatchObject({
      code: 'LOAD.KG_EXCEEDS_DEAL',
      details: [{ field: 'kg' }],
    });
    expect(
      (
        await as('coop')
          .post('/api/loads', { dealId: d.id, earliestPickupOn: '2026-12-10', latestDeliveryOn: '2026-12-01' })
          .expect(400)
      ).body.code,
    ).toBe('VALIDATION.FAILED');
    expect(
      (await as('coop').post('/api/loads', { dealId: '6f1c2a9e-3b7d-4c41-9a55-0d8e2f7b1c33' }).expect(422)).body.code,
    ).toBe('LOAD.UNKNOWN_DEAL');
    const load = (await as('staff').post('/api/loads', { dealId: d.id }).expect(201)).body;
    await as('stranger').get(`/api/loads/${load.id}`).expect(404);
    expect((await as('stranger').get('/api/loads').expect(200)).body.items).toEqual([]);
    // Cancelled, it can be posted again.
    expect(
      (await as('buyer').post(`/api/loads/${load.id}/cancel`, { reason: 'Bên mua tự đến lấy' }).expect(200)).body,
    ).toMatchObject({ status: 'cancelled', openKg: 0 });
    await as('coop').post('/api/loads', { dealId: d.id }).expect(201);
  });
  it('posts the load of a confirmed deal in the same transaction and tells the operators serving its provinces; not when transport is arranged', async () => {
    const operatorId = (await makeTransportOperator(t.dataSource, { serviceProvinceCodes: ['91'], provinceCode: '91' }))
      .id;
    const opToken = await t.tokenFor('transport', operatorId);
    const lot = await makeSupplyLot(t.dataSource, { cooperativeId: coopId, productCode: PRODUCT, provinceCode: '91' });
    const request = await makePurchaseRequest(t.dataSource, { buyerId, productCode: PRODUCT, provinceCode: '79' });
    const d = (
      await as('staff')
        .post('/api/deals', {
          supplyLotId: lot.id,
          purchaseRequestId: request.id,
          quantityKg: 4_000,
          priceVndPerKg: 7200,
        })
        .expect(201)
    ).body;
    const [load] = (await as('coop').get(`/api/loads?dealId=${d.id}`).expect(200)).body.items;
    expect(load).toMatchObject({
      dealId: d.id,
      quantityKg: 4_000,
      openKg: 4_000,
      pickup: { provinceCode: '91' },
      drop: { provinceCode: '79' },
      refrigerated: false,
      status: 'open',
    });
    expect(load.earliestPickupOn <= load.latestDeliveryOn).toBe(true);
    const seen = (await t.http().get('/api/loads').auth(opToken, { type: 'bearer' }).expect(200)).body.items.map(
      (l: any) => l.id,
    );
    expect(seen).toContain(load.id);
    const told = await t.dataSource.query(
      `SELECT n.audience FROM notifications n JOIN users u ON u.id::text = n.audience_id::text WHERE n.kind = 'load.open' AND n.data->>'loadId' = $1 AND u.transport_operator_id = $2`,
      [load.id, operatorId],
    );
    expect(told.length).toBeGreaterThan(0);
    // The deal already has its load: posting it again is refused.
    expect((await as('coop').post('/api/loads', { dealId: d.id }).expect(409)).body).toMatchObject({
      code: 'LOAD.ALREADY_POSTED',
    });

    const lot2 = await makeSupplyLot(t.dataSource, { cooperativeId: coopId, productCode: PRODUCT, provinceCode: '91' });
    const request2 = await makePurchaseRequest(t.dataSource, { buyerId, productCode: PRODUCT, provinceCode: '79' });
    const arranged = (
      await as('staff')
        .post('/api/deals', {
          supplyLotId: lot2.id,
          purchaseRequestId: request2.id,
          quantityKg: 2_000,
          priceVndPerKg: 7200,
          transportArranged: true,
        })
        .expect(201)
    ).body;
    expect((await as('coop').get(`/api/loads?dealId=${arranged.id}`).expect(200)).body.items).toEqual([]);
    // A party can still post one later.
    expect((await as('buyer').post('/api/loads', { dealId: arranged.id }).expect(201)).body).toMatchObject({
      dealId: arranged.id,
      quantityKg: 2_000,
    });

    // Cancelling the deal cancels the load nobody took yet.
    await as('staff').post(`/api/deals/${d.id}/cancel`, { reason: 'Bên mua hủy' }).expect(200);
    expect((await as('coop').get(`/api/loads/${load.id}`).expect(200)).body).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Bên mua hủy',
    });
  });
});
