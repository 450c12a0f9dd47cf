import { Actor, addDays, LoadsService, todayInVietnam } from '@agrilink/core';
import {
  ensureProduct,
  makeBuyer,
  makeCooperative,
  makePurchaseRequest,
  makeSupplyLot,
  makeTransportOperator,
  makeVehicle,
} from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';

const PRODUCT = 'E2E_LOAD_OFFERS';
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

describe('load offers: operators offer vehicles, a party accepts, the others are declined and told (e2e)', () => {
  let t: TestApp;
  const tok: Record<'staff' | 'coop' | 'buyer' | 'opA' | 'opB' | 'opFar', string> = {} as any;
  let coopId: string;
  let buyerId: string;
  let opA: string;
  let opB: string;
  const v: Record<'aSmall' | 'aBig' | 'bBig' | 'bCold', string> = {} as any;
  const day = (n: number) => addDays(todayInVietnam(), n);

  beforeAll(async () => {
    t = await createTestApp();
    await ensureProduct(t.dataSource, { code: PRODUCT, shelfLifeDays: 60 });
    coopId = (await makeCooperative(t.dataSource)).id;
    buyerId = (await makeBuyer(t.dataSource)).id;
    opA = (await makeTransportOperator(t.dataSource, { serviceProvinceCodes: ['91'], provinceCode: '91' })).id;
    opB = (await makeTransportOperator(t.dataSource, { serviceProvinceCodes: ['79'], provinceCode: '79' })).id;
    const far = (await makeTransportOperator(t.dataSource, { serviceProvinceCodes: ['01'], provinceCode: '01' })).id;
    v.aSmall = (await makeVehicle(t.dataSource, opA, { capacityKg: 3_000 })).id;
    v.aBig = (await makeVehicle(t.dataSource, opA, { capacityKg: 20_000 })).id;
    v.bBig = (await makeVehicle(t.dataSource, opB, { capacityKg: 15_000 })).id;
    v.bCold = (await makeVehicle(t.dataSource, opB, { capacityKg: 15_000, refrigerated: true })).id;
    tok.staff = await t.tokenFor('staff');
    tok.coop = await t.tokenFor('cooperative', coopId);
    tok.buyer = await t.tokenFor('buyer', buyerId);
    tok.opA = await t.tokenFor('transport', opA);
    tok.opB = await t.tokenFor('transport', opB);
    tok.opFar = await t.tokenFor('transport', far);
  });
  afterAll(() => t?.close());

  const as = (who: keyof typeof tok) => ({
    get: (url: string) => t.http().get(url).auth(tok[who], { type: 'bearer' }),
    post: (url: string, body: object = {}) => t.http().post(url).auth(tok[who], { type: 'bearer' }).send(body),
  });
  const postLoad = async (kg: number, o: object = {}, lotAt?: { lat: number; lng: number }) => {
    const lot = await makeSupplyLot(t.dataSource, {
      cooperativeId: coopId,
      productCode: PRODUCT,
      provinceCode: '91',
      ...(lotAt ? { location: { type: 'Point', coordinates: [lotAt.lng, lotAt.lat] } as any } : {}),
    });
    const request = await makePurchaseRequest(t.dataSource, { buyerId, productCode: PRODUCT, provinceCode: '79' });
    const deal = (
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
    return (
      await as('coop')
        .post('/api/loads', { dealId: deal.id, earliestPickupOn: day(1), latestDeliveryOn: day(10), ...o })
        .expect(201)
    ).body;
  };
  const offer = (who: 'opA' | 'opB', loadId: string, body: object) =>
    as(who).post(`/api/loads/${loadId}/offers`, { pickupOn: day(2), priceVnd: 4_500_000, ...body });
  const notices = async (kind: string, offerId: string) =>
    await t.dataSource.query<Array<{ audience: string; audience_id: string }>>(
      `SELECT audience, audience_id FROM notifications WHERE kind = $1 AND data->>'offerId' = $2 ORDER BY audience, audience_id`,
      [kind, offerId],
    );
  const userOf = async (operatorId: string) =>
    (await t.dataSource.query(`SELECT id FROM users WHERE transport_operator_id = $1`, [operatorId])).map(
      (r: any) => r.id,
    );

  it('shows open loads to operators serving the pickup or drop province, not to others', async () => {
    const load = await postLoad(4_000);
    expect((await as('opA').get('/api/loads').expect(200)).body.items.map((l: any) => l.id)).toContain(load.id);
    expect((await as('opB').get('/api/loads').expect(200)).body.items.map((l: any) => l.id)).toContain(load.id);
    expect((await as('opFar').get('/api/loads').expect(200)).body.items).toEqual([]);
    await as('opFar').get(`/api/loads/${load.id}`).expect(404);
    expect(
      (
        await as('opFar')
          .post(`/api/loads/${load.id}/offers`, { vehicleId: v.aBig, priceVnd: 1, pickupOn: day(2) })
          .expect(404)
      ).body.code,
    ).toBe('LOAD.NOT_FOUND');
  });

  it('refuses a too-small, a foreign, a warm vehicle for a cold load and a day outside the window with 422 and the reason', async () => {
    const load = await postLoad(12_000);
    const small = (await offer('opA', load.id, { vehicleId: v.aSmall }).expect(422)).body;
    expect(small).toMatchObject({
      code: 'LOAD_OFFER.VEHICLE_TOO_SMALL',
      details: [{ field: 'vehicleId', capacityKg: 3_000, kg: 12_000 }],
    });
    expect(small.message).toBe(
      'Xe chở được 3.000 kg, ít hơn 12.000 kg chào chở; hãy chào một phần hàng (kg) hoặc chọn xe lớn hơn.',
    );
    expect((await offer('opA', load.id, { vehicleId: v.bBig }).expect(422)).body.code).toBe(
      'LOAD_OFFER.VEHICLE_NOT_YOURS',
    );
    expect((await offer('opA', load.id, { vehicleId: v.aBig, pickupOn: day(11) }).expect(422)).body.code).toBe(
      'LOAD_OFFER.PICKUP_OUTSIDE_WINDOW',
    );
    expect((await offer('opA', load.id, { vehicleId: v.aBig, kg: 12_001 }).expect(422)).body.code).toBe(
      'LOAD_OFFER.KG_EXCEEDS_OPEN',
    );
    expect(
      (await offer('opA', load.id, { vehicleId: '6f1c2a9e-3b7d-4c41-9a55-0d8e2f7b1c33' }).expect(422)).body.code,
    ).toBe('LOAD_OFFER.UNKNOWN_VEHICLE');
    const cold = await postLoad(10_000, { refrigerated: true });
    expect((await offer('opB', cold.id, { vehicleId: v.bBig }).expect(422)).body.code).toBe(
      'LOAD_OFFER.VEHICLE_NOT_REFRIGERATED',
    );
    await offer('opB', cold.id, { vehicleId: v.bCold }).expect(201);
    // A seller does not offer trucks; an operator does not accept.
    await as('coop')
      .post(`/api/loads/${load.id}/offers`, { vehicleId: v.aBig, priceVnd: 1, pickupOn: day(2) })
      .expect(403);
    expect(
      (await t.dataSource.query(`SELECT count(*)::int AS n FROM load_offers WHERE load_id = $1`, [load.id]))[0].n,
    ).toBe(0);
  });

  it('refuses an offer whose route leaves a restricted zone without a permit valid on the pickup day', async () => {
    await as('staff')
      .post('/api/zones', {
        code: 'T-LOAD-LOCK',
        name: 'Phong tỏa nơi lấy hàng',
        polygon: square(104.9, 9.5, 0.2),
        restricted: true,
        from: day(0),
        to: day(5),
        curfew: { allowedFrom: '18:00', allowedTo: '05:00' },
      })
      .expect(201);
    const load = await postLoad(5_000, {}, { lat: 9.6, lng: 105.0 });
    // The operator sees the curfew at the pickup before it offers.
    expect((await as('opA').get(`/api/loads/${load.id}`).expect(200)).body.curfews).toEqual([
      {
        end: 'pickup',
        zoneCode: 'T-LOAD-LOCK',
        zoneName: 'Phong tỏa nơi lấy hàng',
        allowedFrom: '18:00',
        allowedTo: '05:00',
      },
    ]);
    const res = (await offer('opA', load.id, { vehicleId: v.aBig }).expect(422)).body;
    expect(res).toMatchObject({
      code: 'LOAD_OFFER.PERMIT_REQUIRED',
      details: [{ field: 'vehicleId', zones: ['T-LOAD-LOCK'], pickupOn: day(2) }],
    });
    // After the zone's last day the road is open.
    await offer('opA', load.id, { vehicleId: v.aBig, pickupOn: day(6) }).expect(201);
    // A permit valid on the pickup day lets the same vehicle through; one that ends the day before does not.
    const permitted = (await makeVehicle(t.dataSource, opA, { capacityKg: 20_000 })).id;
    await as('staff')
      .post('/api/green-lane-permits', {
        vehicleId: permitted,
        validFrom: day(0),
        validTo: day(1),
        note: 'hết hạn trước ngày lấy hàng',
      })
      .expect(201);
    expect((await offer('opA', load.id, { vehicleId: permitted }).expect(422)).body.code).toBe(
      'LOAD_OFFER.PERMIT_REQUIRED',
    );
    const permit = (
      await as('staff')
        .post('/api/green-lane-permits', {
          vehicleId: permitted,
          validFrom: day(2),
          validTo: day(4),
          provinceCodes: ['91', '79'],
        })
        .expect(201)
    ).body;
    const ok = (await offer('opA', load.id, { vehicleId: permitted }).expect(201)).body;
    // Revoked before the party accepts: the acceptance judges the permit again.
    await as('staff').post(`/api/green-lane-permits/${permit.id}/revoke`, { reason: 'xe vi phạm' }).expect(200);
    expect((await as('coop').post(`/api/load-offers/${ok.id}/accept`).expect(422)).body.code).toBe(
      'LOAD_OFFER.PERMIT_REQUIRED',
    );
  });

  it('accepting one offer covers the load, declines every other pending offer and tells the parties and each operator', async () => {
    const load = await postLoad(10_000);
    const a = (await offer('opA', load.id, { vehicleId: v.aBig, priceVnd: 5_000_000 }).expect(201)).body;
    const b = (await offer('opB', load.id, { vehicleId: v.bBig, priceVnd: 4_200_000 }).expect(201)).body;
    expect(a).toMatchObject({ kg: 10_000, status: 'pending', operatorId: opA, source: 'operator' });
    expect((await notices('load_offer.received', b.id)).map((n) => n.audience)).toEqual(['buyer', 'cooperative']);
    // An operator sees only its own offers on the load; the parties see all.
    expect((await as('opA').get(`/api/loads/${load.id}/offers`).expect(200)).body.items.map((o: any) => o.id)).toEqual([
      a.id,
    ]);
    expect((await as('buyer').get(`/api/loads/${load.id}/offers`).expect(200)).body.items).toHaveLength(2);
    await as('opB').post(`/api/load-offers/${b.id}/accept`).expect(403);

    const res = (await as('buyer').post(`/api/load-offers/${b.id}/accept`).expect(200)).body;
    expect(res.offer).toMatchObject({ id: b.id, status: 'accepted' });
    expect(res.load).toMatchObject({ status: 'covered', coveredKg: 10_000, openKg: 0 });
    expect(res.declined).toEqual([
      expect.objectContaining({ id: a.id, status: 'declined', declineReason: 'load_covered' }),
    ]);
    expect(
      (await as('opA').get('/api/load-offers').expect(200)).body.items.find((o: any) => o.id === a.id),
    ).toMatchObject({ status: 'declined' });

    expect((await notices('load_offer.declined', a.id)).map((n) => n.audience_id)).toEqual(await userOf(opA));
    expect((await notices('load_offer.accepted', b.id)).map((n) => n.audience).sort()).toEqual([
      'buyer',
      'cooperative',
      'user',
    ]);
    expect((await notices('load_offer.accepted', b.id)).find((n) => n.audience === 'user')!.audience_id).toBe(
      (await userOf(opB))[0],
    );
    // The operator reads it in its bell.
    const bell = (await as('opA').get('/api/notifications').expect(200)).body.items;
    expect(bell.map((n: any) => n.kind)).toContain('load_offer.declined');

    expect((await as('coop').post(`/api/load-offers/${a.id}/accept`).expect(409)).body.code).toBe(
      'LOAD_OFFER.NOT_PENDING',
    );
    expect((await offer('opA', load.id, { vehicleId: v.aBig }).expect(409)).body.code).toBe('LOAD.NOT_OPEN');
    expect((await as('coop').post(`/api/loads/${load.id}/cancel`).expect(409)).body.code).toBe('LOAD.NOT_CANCELLABLE');
    const audit = await t.dataSource.query(
      `SELECT action FROM audit_logs WHERE entity_type = 'load_offer' AND entity_id = ANY($1::text[]) ORDER BY at, action`,
      [[a.id, b.id]],
    );
    expect(audit.map((r: any) => r.action).sort()).toEqual(['accept', 'create', 'create', 'decline']);
  });

  it('carries a load in parts: accepted offers add up to its kilograms, offers that no longer fit are declined', async () => {
    const load = await postLoad(12_000);
    const part1 = (await offer('opA', load.id, { vehicleId: v.aSmall, kg: 3_000 }).expect(201)).body;
    const whole = (await offer('opB', load.id, { vehicleId: v.bBig, kg: 12_000 }).expect(201)).body;
    const part2 = (await offer('opA', load.id, { vehicleId: v.aBig, kg: 9_000, pickupOn: day(3) }).expect(201)).body;

    const first = (await as('coop').post(`/api/load-offers/${part1.id}/accept`).expect(200)).body;
    expect(first.load).toMatchObject({ status: 'open', coveredKg: 3_000, openKg: 9_000 });
    // 12,000 kg no longer fits in the 9,000 kg left; 9,000 still does.
    expect(first.declined).toEqual([expect.objectContaining({ id: whole.id, declineReason: 'does_not_fit' })]);
    expect((await as('opA').get('/api/loads').expect(200)).body.items.find((l: any) => l.id === load.id)).toMatchObject(
      { openKg: 9_000 },
    );
    // A new offer is judged against what is still open.
    expect((await offer('opB', load.id, { vehicleId: v.bBig }).expect(201)).body.kg).toBe(9_000);

    const second = (await as('staff').post(`/api/load-offers/${part2.id}/accept`).expect(200)).body;
    expect(second.load).toMatchObject({ status: 'covered', coveredKg: 12_000, openKg: 0 });
    expect(second.declined).toHaveLength(1);
    const [row] = await t.dataSource.query(
      `SELECT covered_kg::int AS c, (SELECT sum(kg)::int FROM load_offers WHERE load_id = $1 AND status = 'accepted') AS s FROM loads WHERE id = $1`,
      [load.id],
    );
    expect(row).toEqual({ c: 12_000, s: 12_000 });
  });

  it('lets staff turn a plan into offers, skipping items that no longer hold with their reason', async () => {
    const load = await postLoad(6_000);
    const sut = t.app.get(LoadsService);
    const staff: Actor = {
      userId: '00000000-0000-0000-0000-000000000001',
      email: 'staff@test',
      role: 'staff',
      organizationId: null,
    };
    const planId = '7a1c2a9e-3b7d-4c41-9a55-0d8e2f7b1c34';
    const out = await sut.createOffersFromPlan(staff, planId, [
      { loadId: load.id, vehicleId: v.aSmall, kg: 3_000, priceVnd: 1_500_000, pickupOn: day(2) },
      { loadId: load.id, vehicleId: v.aSmall, kg: 6_000, priceVnd: 3_000_000, pickupOn: day(3) },
      { loadId: load.id, vehicleId: v.bBig, kg: 3_000, priceVnd: 1_400_000, pickupOn: day(2) },
    ]);
    expect(out.offers.map((o) => [o.vehicleId, o.source, o.transportPlanId, o.operatorId])).toEqual([
      [v.aSmall, 'plan', planId, opA],
      [v.bBig, 'plan', planId, opB],
    ]);
    expect(out.skipped).toEqual([expect.objectContaining({ index: 1, code: 'LOAD_OFFER.VEHICLE_TOO_SMALL' })]);
    expect((await notices('load_offer.planned', out.offers[0].id)).map((n) => n.audience_id)).toEqual(
      await userOf(opA),
    );
    await expect(
      sut.createOffersFromPlan({ ...staff, role: 'cooperative', organizationId: coopId }, planId, []),
    ).rejects.toMatchObject({ code: 'LOAD_OFFER.FORBIDDEN' });
  });
});
