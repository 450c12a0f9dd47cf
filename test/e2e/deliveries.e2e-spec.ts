import { ensureProduct, makeBuyer, makeCooperative, makePurchaseRequest, makeSupplyLot } from '@agrilink/testing';
import { addDays, todayInVietnam } from '@agrilink/core';
import { createTestApp, TestApp } from '../support/test-app';

// Deliveries in parts, staff corrections with their audit trail, cancellation with a reason,
// and the price-band guard on deals (issue 12, item 7). Real PostgreSQL; no worker needed.
const PRODUCT = 'E2E_DELIVERY';
const BANDED = 'E2E_BANDED';

describe('deals: partial deliveries, corrections, cancellation and unusual prices (e2e)', () => {
  let t: TestApp;
  let coopId: string;
  let buyerId: string;
  let tok: Record<'staff' | 'admin' | 'coop' | 'buyer' | 'otherBuyer', string>;
  const today = todayInVietnam();

  beforeAll(async () => {
    t = await createTestApp();
    await ensureProduct(t.dataSource, { code: PRODUCT, typicalPriceMinVnd: null, typicalPriceMaxVnd: null });
    await ensureProduct(t.dataSource, { code: BANDED, typicalPriceMinVnd: 6_000, typicalPriceMaxVnd: 9_000 });
    coopId = (await makeCooperative(t.dataSource)).id;
    buyerId = (await makeBuyer(t.dataSource)).id;
    const otherBuyer = (await makeBuyer(t.dataSource)).id;
    tok = {
      staff: await t.tokenFor('staff'),
      admin: await t.tokenFor('admin'),
      coop: await t.tokenFor('cooperative', coopId),
      buyer: await t.tokenFor('buyer', buyerId),
      otherBuyer: await t.tokenFor('buyer', otherBuyer),
    };
  });
  afterAll(() => t?.close());

  const as = (who: keyof typeof tok) => ({
    get: (url: string) => t.http().get(url).auth(tok[who], { type: 'bearer' }),
    post: (url: string, body: object = {}) => t.http().post(url).auth(tok[who], { type: 'bearer' }).send(body),
    patch: (url: string, body: object) => t.http().patch(url).auth(tok[who], { type: 'bearer' }).send(body),
  });

  async function makeDeal(quantityKg: number, lotKg = 50_000, requestKg = 50_000, product = PRODUCT) {
    const lot = await makeSupplyLot(t.dataSource, { cooperativeId: coopId, productCode: product, quantityKg: lotKg });
    const request = await makePurchaseRequest(t.dataSource, { buyerId, productCode: product, quantityKg: requestKg });
    const res = await as('staff')
      .post('/api/deals', { supplyLotId: lot.id, purchaseRequestId: request.id, quantityKg, priceVndPerKg: 7_000 })
      .expect(201);
    return { lot, request, deal: res.body };
  }
  const lotOf = async (id: string) => (await as('staff').get(`/api/supply-lots/${id}`).expect(200)).body;
  const requestOf = async (id: string) => (await as('staff').get(`/api/purchase-requests/${id}`).expect(200)).body;

  it('records a deal delivered in two parts: partially_delivered, then delivered; more than the deal is a 422', async () => {
    const { deal } = await makeDeal(10_000);
    const url = `/api/deals/${deal.id}/deliveries`;
    const first = await as('staff')
      .post(url, { deliveredKg: 4_000, deliveredOn: addDays(today, -3), note: 'Đợt 1, xe 68C-123.45' })
      .expect(201);
    expect(first.body.deal).toMatchObject({
      status: 'partially_delivered',
      deliveredKg: 4_000,
      remainingToDeliverKg: 6_000,
      deliveredAt: null,
    });
    expect(first.body.delivery).toMatchObject({
      dealId: deal.id,
      deliveredKg: 4_000,
      deliveredOn: addDays(today, -3),
      note: 'Đợt 1, xe 68C-123.45',
    });

    const over = await as('staff').post(url, { deliveredKg: 6_001, deliveredOn: today }).expect(422);
    expect(over.body).toMatchObject({
      code: 'DEAL.DELIVERED_EXCEEDS_QUANTITY',
      details: [{ field: 'deliveredKg', remainingKg: 6_000, quantityKg: 10_000 }],
    });
    expect(
      (
        await as('staff')
          .post(url, { deliveredKg: 10, deliveredOn: addDays(today, 1) })
          .expect(422)
      ).body.code,
    ).toBe('DEAL.DELIVERY_IN_FUTURE');
    await as('staff').post(url, { deliveredKg: 0, deliveredOn: today }).expect(400);
    await as('staff').post(url, { deliveredKg: 1.5, deliveredOn: today }).expect(400);
    await as('staff').post(url, { deliveredKg: 10, deliveredOn: '2026-02-30' }).expect(400);

    const second = await as('staff').post(url, { deliveredKg: 6_000, deliveredOn: today }).expect(201);
    expect(second.body.deal).toMatchObject({ status: 'delivered', deliveredKg: 10_000, remainingToDeliverKg: 0 });
    expect(second.body.deal.deliveredAt.slice(0, 10)).toBe(today);
    expect((await as('staff').post(url, { deliveredKg: 1, deliveredOn: today }).expect(422)).body.code).toBe(
      'DEAL.DELIVERED_EXCEEDS_QUANTITY',
    );

    // The parties see the deliveries; others do not; only staff record them.
    const list = await as('coop').get(url).expect(200);
    expect(list.body).toMatchObject({ total: 2, limit: 50, offset: 0 });
    expect(list.body.items.map((d: any) => d.deliveredKg)).toEqual([4_000, 6_000]);
    await as('buyer').get(url).expect(200);
    await as('otherBuyer').get(url).expect(403);
    await as('coop').post(url, { deliveredKg: 1, deliveredOn: today }).expect(403);
    await as('buyer').post(url, { deliveredKg: 1, deliveredOn: today }).expect(403);
    await t.http().get(url).expect(401);
    await as('staff').get('/api/deals/7d7c8b1e-4b7c-4d35-9a0e-2d3f4a5b6c7d/deliveries').expect(404);

    // Both parties are told of each delivery (rows the notification worker sends on).
    const inbox = (await as('buyer').get('/api/notifications').expect(200)).body.items.filter(
      (n: any) => n.kind === 'delivery.recorded' && n.data.dealId === deal.id,
    );
    expect(inbox.map((n: any) => n.data.totalDeliveredKg).sort()).toEqual([10_000, 4_000]);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM notifications WHERE kind = 'delivery.recorded' AND data->>'dealId' = $1`,
      [deal.id],
    );
    expect(n).toBe(4);
  });

  it('never delivers more than the deal under 20 concurrent deliveries: 5 of 200 kg fit in 1 000 kg, the rest get 422', async () => {
    const { deal } = await makeDeal(1_000);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        as('staff').post(`/api/deals/${deal.id}/deliveries`, { deliveredKg: 200, deliveredOn: today }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    expect(results.filter((r) => r.status === 422)).toHaveLength(15);
    const [row] = await t.dataSource.query(
      `SELECT d.delivered_kg::int AS kg, d.status, (SELECT SUM(delivered_kg)::int FROM deal_deliveries WHERE deal_id = d.id) AS parts FROM deals d WHERE id = $1`,
      [deal.id],
    );
    expect(row).toEqual({ kg: 1_000, status: 'delivered', parts: 1_000 });
  });

  it('lets staff correct a delivery, recomputes the deal, and audits the before and after', async () => {
    const { deal } = await makeDeal(5_000);
    const url = `/api/deals/${deal.id}/deliveries`;
    await as('staff')
      .post(url, { deliveredKg: 3_000, deliveredOn: addDays(today, -2) })
      .expect(201);
    const second = (await as('staff').post(url, { deliveredKg: 2_000, deliveredOn: today }).expect(201)).body;
    expect(second.deal.status).toBe('delivered');

    const fix = `${url}/${second.delivery.id}`;
    await as('coop').patch(fix, { deliveredKg: 1_800 }).expect(403);
    expect((await as('staff').patch(fix, { deliveredKg: 2_001 }).expect(422)).body.code).toBe(
      'DEAL.DELIVERED_EXCEEDS_QUANTITY',
    );
    await as('staff').patch(`${url}/7d7c8b1e-4b7c-4d35-9a0e-2d3f4a5b6c7d`, { deliveredKg: 1 }).expect(404);
    const corrected = await as('admin')
      .patch(fix, { deliveredKg: 1_800, note: 'Cân lại tại kho', reason: 'Phiếu cân sai' })
      .expect(200);
    expect(corrected.body.delivery).toMatchObject({ deliveredKg: 1_800, note: 'Cân lại tại kho' });
    expect(corrected.body.delivery.correctedAt).toBeTruthy();
    expect(corrected.body.deal).toMatchObject({
      status: 'partially_delivered',
      deliveredKg: 4_800,
      remainingToDeliverKg: 200,
      deliveredAt: null,
    });

    const logs = (
      await as('staff').get(`/api/audit-logs?entityType=deal_delivery&entityId=${second.delivery.id}`).expect(200)
    ).body;
    const correction = logs.items.find((l: any) => l.action === 'correct');
    expect(correction.actor).toMatchObject({ role: 'admin' });
    expect(correction.changes).toMatchObject({
      deliveredKg: [2_000, 1_800],
      note: [null, 'Cân lại tại kho'],
      reason: 'Phiếu cân sai',
      dealId: deal.id,
    });
    expect(correction.fields).toEqual(expect.arrayContaining([{ field: 'deliveredKg', before: 2_000, after: 1_800 }]));
    const dealLogs = (await as('staff').get(`/api/audit-logs?entityType=deal&entityId=${deal.id}`).expect(200)).body
      .items;
    expect(dealLogs.find((l: any) => l.action === 'correct_delivery').changes).toMatchObject({
      status: ['delivered', 'partially_delivered'],
      deliveredKg: [5_000, 4_800],
    });
  });

  it('cancels a deal with a reason: its kilograms return to the lot and the request; a delivered part forbids it', async () => {
    const { lot, request, deal } = await makeDeal(4_000, 4_000, 10_000);
    expect(await lotOf(lot.id)).toMatchObject({ remainingKg: 0, status: 'sold_out' });
    const url = `/api/deals/${deal.id}/cancel`;
    await as('coop').post(url, { reason: 'x' }).expect(403);
    expect((await as('staff').post(url, {}).expect(400)).body.message).toMatch(/reason/);
    await as('staff').post(url, { reason: '   ' }).expect(400);
    const cancelled = await as('staff').post(url, { reason: 'Bên mua hủy do lũ' }).expect(200);
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Bên mua hủy do lũ',
      remainingToDeliverKg: 0,
    });
    expect(await lotOf(lot.id)).toMatchObject({ committedKg: 0, remainingKg: 4_000, status: 'open' });
    expect(await requestOf(request.id)).toMatchObject({ committedKg: 0, remainingKg: 10_000, status: 'open' });
    expect((await as('staff').post(url, { reason: 'again' }).expect(409)).body.code).toBe('DEAL.NOT_CANCELLABLE');
    expect(
      (await as('staff').post(`/api/deals/${deal.id}/deliveries`, { deliveredKg: 1, deliveredOn: today }).expect(409))
        .body.code,
    ).toBe('DEAL.CANCELLED');
    const told = (await as('coop').get('/api/notifications').expect(200)).body.items.find(
      (n: any) => n.kind === 'deal.cancelled' && n.data.dealId === deal.id,
    );
    expect(told.data.reason).toBe('Bên mua hủy do lũ');
    // The lot's own history shows the kilograms coming back, with who did it.
    const lotLogs = (await as('staff').get(`/api/audit-logs?entityType=supply_lot&entityId=${lot.id}`).expect(200)).body
      .items;
    expect(lotLogs.find((l: any) => l.action === 'release').changes).toMatchObject({
      committedKg: [4_000, 0],
      status: ['sold_out', 'open'],
      dealId: deal.id,
    });

    const partly = await makeDeal(2_000);
    await as('staff')
      .post(`/api/deals/${partly.deal.id}/deliveries`, { deliveredKg: 500, deliveredOn: today })
      .expect(201);
    expect(
      (await as('staff').post(`/api/deals/${partly.deal.id}/cancel`, { reason: 'x' }).expect(409)).body,
    ).toMatchObject({ code: 'DEAL.NOT_CANCELLABLE', details: { status: 'partially_delivered' } });
  });

  it('refuses a price far outside the product band unless confirmUnusualPrice says it is intended', async () => {
    const lot = await makeSupplyLot(t.dataSource, { cooperativeId: coopId, productCode: BANDED, quantityKg: 10_000 });
    const request = await makePurchaseRequest(t.dataSource, { buyerId, productCode: BANDED, quantityKg: 10_000 });
    const body = { supplyLotId: lot.id, purchaseRequestId: request.id, quantityKg: 1_000 };
    // Band 6 000–9 000 đ/kg: the usual range is 2 000 to 27 000.
    const low = await as('staff')
      .post('/api/deals', { ...body, priceVndPerKg: 1_999 })
      .expect(422);
    expect(low.body).toMatchObject({
      code: 'DEAL.UNUSUAL_PRICE',
      details: [{ field: 'priceVndPerKg', lowestVndPerKg: 2_000, highestVndPerKg: 27_000, typicalPriceMinVnd: 6_000 }],
    });
    expect(
      (
        await as('staff')
          .post('/api/deals', { ...body, priceVndPerKg: 27_001 })
          .expect(422)
      ).body.code,
    ).toBe('DEAL.UNUSUAL_PRICE');
    await as('staff')
      .post('/api/deals', { ...body, priceVndPerKg: 2_000 })
      .expect(201);
    await as('staff')
      .post('/api/deals', { ...body, priceVndPerKg: 27_000 })
      .expect(201);
    await as('staff')
      .post('/api/deals', { ...body, priceVndPerKg: 70, confirmUnusualPrice: 'yes' })
      .expect(400);
    const intended = await as('staff')
      .post('/api/deals', { ...body, priceVndPerKg: 70, confirmUnusualPrice: true })
      .expect(201);
    expect(intended.body).toMatchObject({ priceVndPerKg: 70, unusualPriceConfirmed: true });
    // Nothing was committed by the refused ones.
    expect(await lotOf(lot.id)).toMatchObject({ committedKg: 3_000 });
    // A product without a catalogue band takes any price.
    await makeDeal(10);
  });
});
