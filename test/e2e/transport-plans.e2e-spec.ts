import { addDays, todayInVietnam, Zone } from '@agrilink/core';
import {
  ensureProduct,
  makeBuyer,
  makeCooperative,
  makePurchaseRequest,
  makeSupplyLot,
  makeTransportOperator,
  makeVehicle,
} from '@agrilink/testing';
import { INestApplicationContext } from '@nestjs/common';
import { startInProcessWorker, waitFor } from '../support/matching';
import { createTestApp, TestApp } from '../support/test-app';

const PRODUCT = 'E2E_TPLAN';
const pt = (lat: number, lng: number) => ({ type: 'Point' as const, coordinates: [lng, lat] });

/**
 * Transport plans against real PostgreSQL, Redis and a real worker: loads come from confirmed
 * deals, vehicles from operators' registrations.
 */
describe('transport plans (e2e)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let staff: string;
  let coopToken: string;
  const day = addDays(todayInVietnam(), 2);
  const loads: any[] = [];
  const vehicles: Record<string, { id: string; capacityKg: number; refrigerated: boolean }> = {};

  const post = (url: string, body: object = {}, token = staff) =>
    t.http().post(url).auth(token, { type: 'bearer' }).send(body);
  const get = (url: string, token = staff) => t.http().get(url).auth(token, { type: 'bearer' });
  const finished = (id: string) =>
    waitFor(async () => {
      const res = await get(`/api/transport-plans/${id}`);
      return res.status === 200 && ['completed', 'failed'].includes(res.body.status) ? res.body : null;
    }, `transport plan ${id}`);

  beforeAll(async () => {
    t = await createTestApp();
    worker = await startInProcessWorker();
    await ensureProduct(t.dataSource, { code: PRODUCT, shelfLifeDays: 30 });
    staff = await t.tokenFor('staff');
    const coops = [
      await makeCooperative(t.dataSource),
      await makeCooperative(t.dataSource),
      await makeCooperative(t.dataSource),
    ];
    coopToken = await t.tokenFor('cooperative', coops[0].id);
    const buyer = await makeBuyer(t.dataSource);
    const other = await makeBuyer(t.dataSource);
    // Three cooperatives a few km apart in Kiên Giang selling to one buyer in Cần Thơ, one to another buyer.
    const sales: Array<[number, number, number, string, boolean]> = [
      [0, 10.01, 105.08, buyer.id, false],
      [1, 10.04, 105.1, buyer.id, false],
      [2, 9.99, 105.12, buyer.id, false],
      [0, 10.0, 105.09, other.id, true],
    ];
    const kgs = [2_500, 3_000, 1_800, 1_200];
    for (const [i, [c, lat, lng, buyerId, cold]] of sales.entries()) {
      const lot = await makeSupplyLot(t.dataSource, {
        cooperativeId: coops[c].id,
        productCode: PRODUCT,
        quantityKg: 20_000,
        location: pt(lat, lng),
        provinceCode: '91',
      });
      const request = await makePurchaseRequest(t.dataSource, {
        buyerId,
        productCode: PRODUCT,
        quantityKg: 20_000,
        location: buyerId === buyer.id ? pt(10.03, 105.77) : pt(10.37, 105.43),
        provinceCode: buyerId === buyer.id ? '92' : '89',
      });
      const deal = (
        await post('/api/deals', {
          supplyLotId: lot.id,
          purchaseRequestId: request.id,
          quantityKg: kgs[i],
          priceVndPerKg: 7_200,
          transportArranged: true,
        }).expect(201)
      ).body;
      loads.push(
        (
          await post('/api/loads', {
            dealId: deal.id,
            earliestPickupOn: todayInVietnam(),
            latestDeliveryOn: addDays(day, 3),
            refrigerated: cold,
          }).expect(201)
        ).body,
      );
    }
    const operator = await makeTransportOperator(t.dataSource, {
      location: pt(10.02, 105.1),
      serviceProvinceCodes: ['91', '92', '89'],
    });
    for (const [name, capacityKg, refrigerated] of [
      ['big', 8_000, false],
      ['small', 2_000, false],
      ['cold', 5_000, true],
    ] as const) {
      const v = await makeVehicle(t.dataSource, operator.id, { capacityKg, refrigerated, kind: 'truck' });
      vehicles[name] = { id: v.id, capacityKg, refrigerated };
    }
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('plans the day: nearby loads to one buyer share a truck within its capacity, a refrigerated load goes cold, and the plan costs no more than one truck per load', async () => {
    const accepted = await post('/api/transport-plans', { date: day, provinceCodes: ['91'] }).expect(202);
    expect(accepted.body).toMatchObject({
      status: 'queued',
      date: day,
      provinceCodes: ['91'],
      trips: [],
      costVnd: null,
    });
    const plan = await finished(accepted.body.id);
    expect(plan.status).toBe('completed');
    const byId = new Map(Object.values(vehicles).map((v) => [v.id, v]));
    const carried = new Map<string, number>();
    for (const trip of plan.trips) {
      const v = byId.get(trip.vehicleId)!;
      expect(trip.kg).toBeLessThanOrEqual(v.capacityKg);
      expect(trip.parts.reduce((a: number, p: any) => a + p.kg, 0)).toBe(trip.kg);
      expect(trip.parts.reduce((a: number, p: any) => a + p.priceVnd, 0)).toBe(trip.costVnd);
      for (const p of trip.parts) carried.set(p.loadId, (carried.get(p.loadId) ?? 0) + p.kg);
      if (trip.parts.some((p: any) => p.loadId === loads[3].id)) expect(v.refrigerated).toBe(true);
    }
    // Every kilogram is on a truck or said to be without one.
    for (const l of loads)
      expect((carried.get(l.id) ?? 0) + (plan.unplanned.find((u: any) => u.loadId === l.id)?.kg ?? 0)).toBe(
        l.quantityKg,
      );
    expect(plan.costVnd).toBeLessThanOrEqual(plan.baselineCostVnd);
    expect(plan.lowerBoundVnd).toBeLessThanOrEqual(plan.costVnd);
    expect(plan.costVnd).toBe(plan.trips.reduce((a: number, x: any) => a + x.costVnd, 0));
    // The three loads to one buyer (7.3 t) fit the 8 t truck together: one trip, cheaper than three.
    const shared = plan.trips.find((x: any) => x.parts.length === 3);
    expect(shared?.vehicleId).toBe(vehicles.big.id);
    expect(plan.method).toBe('shared');
    expect(plan.costVnd).toBeLessThan(plan.baselineCostVnd);
    const list = (await get('/api/transport-plans').expect(200)).body;
    expect(list.items[0]).toMatchObject({ id: plan.id, status: 'completed', tripsCount: plan.trips.length });
  });

  it('turns a plan into load offers in one action, once', async () => {
    const plan = await finished((await post('/api/transport-plans', { date: day }).expect(202)).body.id);
    const res = await post(`/api/transport-plans/${plan.id}/offers`).expect(201);
    const parts = plan.trips.flatMap((x: any) => x.parts.map((p: any) => ({ ...p, vehicleId: x.vehicleId })));
    expect(res.body.skipped).toEqual([]);
    expect(res.body.offers).toHaveLength(parts.length);
    for (const o of res.body.offers) {
      expect(o).toMatchObject({ source: 'plan', transportPlanId: plan.id, pickupOn: day, status: 'pending' });
      expect(parts).toContainEqual(
        expect.objectContaining({ loadId: o.loadId, vehicleId: o.vehicleId, kg: o.kg, priceVnd: o.priceVnd }),
      );
    }
    expect(res.body.plan).toMatchObject({ offersCount: parts.length });
    // The seller sees the planned offer on its load.
    const mine = (await get(`/api/loads/${loads[0].id}/offers`, coopToken).expect(200)).body.items;
    expect(mine.some((o: any) => o.transportPlanId === plan.id)).toBe(true);
    expect((await post(`/api/transport-plans/${plan.id}/offers`).expect(409)).body.code).toBe(
      'TRANSPORT_PLAN.OFFERS_ALREADY_MADE',
    );
  });

  it('gives a load whose route leaves a restricted zone only to a truck with a green-lane permit valid on the day', async () => {
    // A lockdown zone around Cà Mau city: the pickup is inside, the buyer in Bạc Liêu outside.
    const ring = [
      [105.1, 9.13],
      [105.22, 9.13],
      [105.22, 9.23],
      [105.1, 9.23],
      [105.1, 9.13],
    ];
    await t.dataSource.getRepository(Zone).save({
      code: 'AAA-E2E-TPLAN',
      name: 'Phong tỏa TP. Cà Mau',
      boundary: { type: 'Polygon', coordinates: [ring] },
      restricted: true,
      activeFrom: null,
      activeTo: null,
    } as any);
    const coop = await makeCooperative(t.dataSource);
    const buyer = await makeBuyer(t.dataSource);
    const lot = await makeSupplyLot(t.dataSource, {
      cooperativeId: coop.id,
      productCode: PRODUCT,
      quantityKg: 5_000,
      location: pt(9.18, 105.15),
      provinceCode: '96',
    });
    const request = await makePurchaseRequest(t.dataSource, {
      buyerId: buyer.id,
      productCode: PRODUCT,
      quantityKg: 5_000,
      location: pt(9.29, 105.72),
      provinceCode: '95',
    });
    const deal = (
      await post('/api/deals', {
        supplyLotId: lot.id,
        purchaseRequestId: request.id,
        quantityKg: 1_500,
        priceVndPerKg: 7_200,
        transportArranged: true,
      }).expect(201)
    ).body;
    const load = (
      await post('/api/loads', {
        dealId: deal.id,
        earliestPickupOn: todayInVietnam(),
        latestDeliveryOn: addDays(day, 3),
      }).expect(201)
    ).body;
    const operator = await makeTransportOperator(t.dataSource, {
      location: pt(9.2, 105.2),
      serviceProvinceCodes: ['96'],
      provinceCode: '96',
    });
    await makeVehicle(t.dataSource, operator.id, { capacityKg: 5_000 });
    const plan = await finished(
      (await post('/api/transport-plans', { date: day, provinceCodes: ['96'] }).expect(202)).body.id,
    );
    expect(plan.status).toBe('completed');
    expect(plan.trips).toEqual([]);
    expect(plan.unplanned).toEqual([{ loadId: load.id, kg: 1_500, reason: 'NO_ELIGIBLE_VEHICLE' }]);
    // Staff issue a green-lane permit over the day to a second truck of the operator: it takes the load.
    const permitted = await makeVehicle(t.dataSource, operator.id, { capacityKg: 3_000 });
    await post('/api/green-lane-permits', {
      vehicleId: permitted.id,
      validFrom: todayInVietnam(),
      validTo: addDays(day, 1),
    }).expect(201);
    const next = await finished(
      (await post('/api/transport-plans', { date: day, provinceCodes: ['96'] }).expect(202)).body.id,
    );
    expect(next.unplanned).toEqual([]);
    expect(next.trips.map((x: any) => [x.vehicleId, x.parts.map((p: any) => p.loadId)])).toEqual([
      [permitted.id, [load.id]],
    ]);
    // A permit that ends the day before does not count.
    const late = await finished(
      (await post('/api/transport-plans', { date: addDays(day, 2), provinceCodes: ['96'] }).expect(202)).body.id,
    );
    expect(late.unplanned.map((u: any) => u.reason)).toEqual(['NO_ELIGIBLE_VEHICLE']);
  });

  it('refuses bad input with the field named, and keeps plans to staff', async () => {
    expect((await post('/api/transport-plans', { date: '2026-02-30' }).expect(400)).body).toMatchObject({
      code: 'VALIDATION.FAILED',
    });
    expect(
      (await post('/api/transport-plans', { date: day, provinceCodes: ['Kiên Giang'] }).expect(422)).body,
    ).toMatchObject({ code: 'TRANSPORT_PLAN.INVALID_PROVINCES', details: [{ field: 'provinceCodes' }] });
    expect(
      (await post('/api/transport-plans', { date: day, vndPerKmByKind: { truck: -1 } }).expect(422)).body,
    ).toMatchObject({ code: 'TRANSPORT_PLAN.INVALID_RATE', details: [{ field: 'vndPerKmByKind.truck' }] });
    await post('/api/transport-plans', { date: day }, coopToken).expect(403);
    await get('/api/transport-plans', coopToken).expect(403);
    await t.http().get('/api/transport-plans').expect(401);
    expect((await get('/api/transport-plans/6f1c2a9e-3b7d-4c41-9a55-0d8e2f7b1c33').expect(404)).body.code).toBe(
      'TRANSPORT_PLAN.NOT_FOUND',
    );
    const vi = await post('/api/transport-plans', { date: day, provinceCodes: ['x'] }).set('Accept-Language', 'vi');
    expect(vi.body.message).toContain('mã tỉnh');
  });
});
