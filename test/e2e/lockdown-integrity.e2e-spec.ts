import { INestApplicationContext } from '@nestjs/common';
import { addDays, todayInVietnam } from '@agrilink/core';
import { ensureProduct, makeBuyer, makeCooperative, makePurchaseRequest, makeSupplyLot } from '@agrilink/testing';
import { startInProcessWorker, waitForRun } from '../support/matching';
import { createTestApp, TestApp } from '../support/test-app';

const PRODUCT = 'E2E_LOCKDOWN';
const pt = (lat: number, lng: number) => ({ type: 'Point' as const, coordinates: [lng, lat] });
const square = (lng: number, lat: number, d: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lng, lat],
      [lng + d, lat],
      [lng + d, lat + d],
      [lng, lat + d],
      [lng, lat],
    ],
  ],
});

describe('lockdown integrity: zones derived from locations, green lanes from staff (e2e)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let coopId: string;
  let buyerId: string;
  const tok: Record<'staff' | 'coop' | 'buyer', string> = {} as any;

  beforeAll(async () => {
    t = await createTestApp();
    worker = await startInProcessWorker();
    await ensureProduct(t.dataSource, { code: PRODUCT, shelfLifeDays: 60 });
    coopId = (await makeCooperative(t.dataSource)).id;
    buyerId = (await makeBuyer(t.dataSource)).id;
    tok.staff = await t.tokenFor('staff');
    tok.coop = await t.tokenFor('cooperative', coopId);
    tok.buyer = await t.tokenFor('buyer', buyerId);
  });

  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  const as = (who: keyof typeof tok) => ({
    get: (url: string) => t.http().get(url).auth(tok[who], { type: 'bearer' }),
    post: (url: string, body: object = {}) => t.http().post(url).auth(tok[who], { type: 'bearer' }).send(body),
    patch: (url: string, body: object) => t.http().patch(url).auth(tok[who], { type: 'bearer' }).send(body),
    delete: (url: string) => t.http().delete(url).auth(tok[who], { type: 'bearer' }),
  });
  const lotBody = (o: object = {}) => ({
    product: PRODUCT,
    quantityKg: 5_000,
    harvestFrom: '2026-12-01',
    harvestTo: '2026-12-15',
    askVndPerKg: 7000,
    location: { lat: 9.93, lng: 105.3 },
    ...o,
  });
  const requestBody = (o: object = {}) => ({
    product: PRODUCT,
    quantityKg: 5_000,
    deliverFrom: '2026-12-01',
    deliverTo: '2026-12-31',
    bidVndPerKg: 9000,
    location: { lat: 10.03, lng: 105.77 },
    ...o,
  });
  const zoneOf = async (table: 'supply_lots' | 'purchase_requests', id: string) =>
    (await t.dataSource.query(`SELECT zone FROM ${table} WHERE id = $1`, [id]))[0].zone;
  const count = async (table: string) =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

  it("refuses a cooperative's or a buyer's write of zone or greenLane with 403 naming the field, and writes nothing", async () => {
    const lots = await count('supply_lots');
    for (const [body, code, field] of [
      [{ zone: 'KHONG-PHONG-TOA' }, 'SUPPLY_LOT.ZONE_DERIVED', 'zone'],
      [{ zone: null }, 'SUPPLY_LOT.ZONE_DERIVED', 'zone'],
      [{ greenLane: true }, 'SUPPLY_LOT.GREEN_LANE_STAFF_ONLY', 'greenLane'],
      [{ greenLane: false }, 'SUPPLY_LOT.GREEN_LANE_STAFF_ONLY', 'greenLane'],
    ] as const) {
      const res = await as('coop').post('/api/supply-lots', lotBody(body)).expect(403);
      expect(res.body).toMatchObject({ code, details: { field } });
    }
    expect(await count('supply_lots')).toBe(lots);

    const lot = (await as('coop').post('/api/supply-lots', lotBody()).expect(201)).body;
    expect(lot).toMatchObject({ zone: null, greenLane: false });
    expect(
      (await as('coop').patch(`/api/supply-lots/${lot.id}`, { zone: 'KHONG-PHONG-TOA', note: 'đổi vùng' }).expect(403))
        .body,
    ).toMatchObject({ code: 'SUPPLY_LOT.ZONE_DERIVED', details: { field: 'zone' } });
    expect(
      (await as('coop').patch(`/api/supply-lots/${lot.id}`, { greenLane: true, note: 'xin luồng xanh' }).expect(403))
        .body,
    ).toMatchObject({ code: 'SUPPLY_LOT.GREEN_LANE_STAFF_ONLY', details: { field: 'greenLane' } });
    expect((await as('coop').get(`/api/supply-lots/${lot.id}`).expect(200)).body).toMatchObject({
      zone: null,
      greenLane: false,
      note: null,
      version: lot.version,
    });

    // Staff grant the green lane; nobody writes a zone, staff included.
    expect(
      (await as('staff').patch(`/api/supply-lots/${lot.id}`, { greenLane: true }).expect(200)).body.greenLane,
    ).toBe(true);
    expect(
      (
        await as('staff')
          .post('/api/supply-lots', lotBody({ cooperativeId: coopId, greenLane: true }))
          .expect(201)
      ).body.greenLane,
    ).toBe(true);
    expect((await as('staff').patch(`/api/supply-lots/${lot.id}`, { zone: 'X' }).expect(403)).body.code).toBe(
      'SUPPLY_LOT.ZONE_DERIVED',
    );

    const requests = await count('purchase_requests');
    expect(
      (
        await as('buyer')
          .post('/api/purchase-requests', requestBody({ zone: 'HCM' }))
          .expect(403)
      ).body,
    ).toMatchObject({ code: 'PURCHASE_REQUEST.ZONE_DERIVED', details: { field: 'zone' } });
    expect(await count('purchase_requests')).toBe(requests);
    const request = (await as('buyer').post('/api/purchase-requests', requestBody()).expect(201)).body;
    expect(
      (await as('buyer').patch(`/api/purchase-requests/${request.id}`, { zone: 'HCM' }).expect(403)).body.code,
    ).toBe('PURCHASE_REQUEST.ZONE_DERIVED');
  });

  it('derives the zone of lots and requests from their location, and keeps it current as zones are drawn, moved, ended, renamed and deleted', async () => {
    const inside = (
      await as('coop')
        .post('/api/supply-lots', lotBody({ location: { lat: 10.05, lng: 104.05 } }))
        .expect(201)
    ).body;
    const outside = (
      await as('coop')
        .post('/api/supply-lots', lotBody({ location: { lat: 10.5, lng: 104.5 } }))
        .expect(201)
    ).body;
    const request = (
      await as('buyer')
        .post('/api/purchase-requests', requestBody({ location: { lat: 10.06, lng: 104.06 } }))
        .expect(201)
    ).body;
    expect([inside.zone, outside.zone, request.zone]).toEqual([null, null, null]);

    // Drawn: the lot and the request inside it take its code, in the same transaction.
    const zone = (
      await as('staff')
        .post('/api/zones', {
          code: 'PT-DERIVE',
          name: 'Phong tỏa thử',
          polygon: square(104.0, 10.0, 0.2),
          restricted: true,
        })
        .expect(201)
    ).body;
    expect((await as('coop').get(`/api/supply-lots/${inside.id}`).expect(200)).body.zone).toBe('PT-DERIVE');
    expect(await zoneOf('supply_lots', outside.id)).toBeNull();
    expect((await as('buyer').get(`/api/purchase-requests/${request.id}`).expect(200)).body.zone).toBe('PT-DERIVE');

    // A lot moved in or out follows its location.
    expect(
      (
        await as('coop')
          .patch(`/api/supply-lots/${outside.id}`, { location: { lat: 10.15, lng: 104.0 } })
          .expect(200)
      ).body.zone,
    ).toBe('PT-DERIVE');
    expect(
      (
        await as('coop')
          .patch(`/api/supply-lots/${outside.id}`, { location: { lat: 10.5, lng: 104.5 } })
          .expect(200)
      ).body.zone,
    ).toBeNull();

    // Renamed, moved away, ended, restored, deleted.
    await as('staff').patch(`/api/zones/${zone.id}`, { code: 'PT-DERIVE-2' }).expect(200);
    expect(await zoneOf('supply_lots', inside.id)).toBe('PT-DERIVE-2');
    await as('staff')
      .patch(`/api/zones/${zone.id}`, { polygon: square(104.4, 10.4, 0.2) })
      .expect(200);
    expect([
      await zoneOf('supply_lots', inside.id),
      await zoneOf('supply_lots', outside.id),
      await zoneOf('purchase_requests', request.id),
    ]).toEqual([null, 'PT-DERIVE-2', null]);
    await as('staff')
      .patch(`/api/zones/${zone.id}`, { polygon: square(104.0, 10.0, 0.2) })
      .expect(200);
    expect(await zoneOf('supply_lots', inside.id)).toBe('PT-DERIVE-2');
    const yesterday = addDays(todayInVietnam(), -1);
    await as('staff')
      .patch(`/api/zones/${zone.id}`, { from: addDays(yesterday, -10), to: yesterday })
      .expect(200);
    expect([await zoneOf('supply_lots', inside.id), await zoneOf('purchase_requests', request.id)]).toEqual([
      null,
      null,
    ]);
    await as('staff').patch(`/api/zones/${zone.id}`, { to: null }).expect(200);
    expect(await zoneOf('supply_lots', inside.id)).toBe('PT-DERIVE-2');
    await as('staff').delete(`/api/zones/${zone.id}`).expect(204);
    expect([await zoneOf('supply_lots', inside.id), await zoneOf('purchase_requests', request.id)]).toEqual([
      null,
      null,
    ]);
  });

  it('gives a lot inside a restricted zone no proposal in scenario 2 after its owner tries to rename its zone; a proposal made before the zone was drawn goes stale', async () => {
    const zoned = await makeSupplyLot(t.dataSource, {
      cooperativeId: coopId,
      productCode: PRODUCT,
      quantityKg: 6_000,
      askVndPerKg: 6500,
      location: pt(9.45, 104.85),
    });
    const control = await makeSupplyLot(t.dataSource, {
      cooperativeId: coopId,
      productCode: PRODUCT,
      quantityKg: 6_000,
      askVndPerKg: 6600,
      location: pt(9.93, 105.3),
    });
    // Far enough apart for a run to give each lot its own request.
    const [r1, r2] = [
      await makePurchaseRequest(t.dataSource, {
        buyerId,
        productCode: PRODUCT,
        quantityKg: 6_000,
        bidVndPerKg: 9000,
        location: pt(10.03, 105.77),
      }),
      await makePurchaseRequest(t.dataSource, {
        buyerId,
        productCode: PRODUCT,
        quantityKg: 6_000,
        bidVndPerKg: 9000,
        location: pt(10.04, 105.78),
      }),
    ];
    const run = async () => {
      const res = await as('staff')
        .post('/api/matching-runs', { scenario: 2, products: [PRODUCT] })
        .expect(202);
      expect((await waitForRun(t, tok.staff, res.body.id)).status).toBe('completed');
      const items: any[] = (await as('staff').get(`/api/matching-runs/${res.body.id}/proposals?limit=100`).expect(200))
        .body.items;
      return items.filter((p) => [r1.id, r2.id].includes(p.purchaseRequestId));
    };

    const before = await run();
    const early = before.find((p) => p.supplyLotId === zoned.id);
    expect(early).toBeDefined();

    await as('staff')
      .post('/api/zones', {
        code: 'PT-SC2',
        name: 'Phong tỏa kịch bản 2',
        polygon: square(104.8, 9.4, 0.1),
        restricted: true,
      })
      .expect(201);
    expect(await zoneOf('supply_lots', zoned.id)).toBe('PT-SC2');
    // The lockdown came after the proposal: accepting it now is refused, not a deal across the barrier.
    expect((await as('coop').post(`/api/proposals/${early.id}/accept`).expect(409)).body.code).toBe('PROPOSAL.STALE');

    // The owner tries to lift its lot out of the zone.
    await as('coop').patch(`/api/supply-lots/${zoned.id}`, { zone: 'KHONG-PHONG-TOA' }).expect(403);
    await t.dataSource.query(`UPDATE supply_lots SET zone = 'KHONG-PHONG-TOA' WHERE id = $1`, [zoned.id]);
    expect(await zoneOf('supply_lots', zoned.id)).toBe('PT-SC2'); // not even a direct write sticks

    const during = await run();
    expect(during.filter((p) => p.supplyLotId === zoned.id)).toEqual([]);
    // The control lot outside the zone still holds an open proposal (a later run keeps one open proposal per pair).
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM proposals WHERE supply_lot_id = $1 AND status = 'proposed'`,
      [control.id],
    );
    expect(n).toBeGreaterThan(0);

    // A green lane from staff lets it through again.
    await as('staff').patch(`/api/supply-lots/${zoned.id}`, { greenLane: true }).expect(200);
    const withPermit = await run();
    expect(withPermit.some((p) => p.supplyLotId === zoned.id)).toBe(true);
  });
});
