import { ensureProduct, makeBuyer, makeCooperative, makePurchaseRequest } from '@agrilink/testing';
import { addDays, todayInVietnam } from '@agrilink/core';
import { createTestApp, TestApp } from '../support/test-app';

// The audit trail read back (issue 12, item 8): staff and admin read all of it with filters;
// an owner reads only its own lot's, request's or deal's history.
describe('audit logs: who changed what and when (e2e)', () => {
  let t: TestApp;
  let coopId: string;
  let buyerId: string;
  let tok: Record<'staff' | 'admin' | 'coop' | 'otherCoop' | 'buyer' | 'otherBuyer', string>;
  let coopUserId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await ensureProduct(t.dataSource, { code: 'E2E_AUDIT', typicalPriceMinVnd: null, typicalPriceMaxVnd: null });
    coopId = (await makeCooperative(t.dataSource)).id;
    buyerId = (await makeBuyer(t.dataSource)).id;
    tok = {
      staff: await t.tokenFor('staff'),
      admin: await t.tokenFor('admin'),
      coop: await t.tokenFor('cooperative', coopId),
      otherCoop: await t.tokenFor('cooperative', (await makeCooperative(t.dataSource)).id),
      buyer: await t.tokenFor('buyer', buyerId),
      otherBuyer: await t.tokenFor('buyer', (await makeBuyer(t.dataSource)).id),
    };
    coopUserId = (await t.http().get('/api/auth/me').auth(tok.coop, { type: 'bearer' })).body?.id;
  });
  afterAll(() => t?.close());

  const as = (who: keyof typeof tok) => ({
    get: (url: string) => t.http().get(url).auth(tok[who], { type: 'bearer' }),
    post: (url: string, body: object = {}) => t.http().post(url).auth(tok[who], { type: 'bearer' }).send(body),
    patch: (url: string, body: object) => t.http().patch(url).auth(tok[who], { type: 'bearer' }).send(body),
  });

  it('answers 401 to anonymous callers and 403 to cooperatives and buyers; staff and admin read it', async () => {
    await t.http().get('/api/audit-logs').expect(401);
    expect((await as('coop').get('/api/audit-logs').expect(403)).body.code).toBeDefined();
    await as('buyer').get('/api/audit-logs').expect(403);
    const page = (await as('staff').get('/api/audit-logs?limit=5').expect(200)).body;
    expect(page).toMatchObject({ limit: 5, offset: 0 });
    expect(typeof page.total).toBe('number');
    await as('admin').get('/api/audit-logs').expect(200);
    await as('staff').get('/api/audit-logs?from=yesterday').expect(400);
    await as('staff').get('/api/audit-logs?actorId=nope').expect(400);
    expect((await as('staff').get('/api/audit-logs?from=2026-12-10&to=2026-12-01').expect(422)).body.code).toBe(
      'AUDIT.INVALID_RANGE',
    );
  });

  it('shows a lot posted and changed by its cooperative with before and after values, filtered by entity, actor and time', async () => {
    const created = await as('coop')
      .post('/api/supply-lots', {
        product: 'E2E_AUDIT',
        quantityKg: 8_000,
        harvestFrom: todayInVietnam(),
        harvestTo: addDays(todayInVietnam(), 19),
        askVndPerKg: 7_000,
        location: { lat: 9.93, lng: 105.3 },
      })
      .expect(201);
    const lotId = created.body.id;
    await as('coop').patch(`/api/supply-lots/${lotId}`, { askVndPerKg: 7_300 }).expect(200);

    const logs = (await as('staff').get(`/api/audit-logs?entityType=supply_lot&entityId=${lotId}`).expect(200)).body;
    expect(logs.total).toBe(2);
    const [update, create] = logs.items;
    expect(update).toMatchObject({
      action: 'update',
      entityType: 'supply_lot',
      entityId: lotId,
      actor: { role: 'cooperative' },
      changes: { askVndPerKg: [7_000, 7_300] },
    });
    expect(update.fields).toEqual([{ field: 'askVndPerKg', before: 7_000, after: 7_300 }]);
    expect(update.actor.email).toMatch(/^cooperative-.*@test\.agrilink\.vn$/);
    expect(create).toMatchObject({ action: 'create', changes: { quantityKg: 8_000 } });
    expect(new Date(update.at).getTime()).toBeGreaterThanOrEqual(new Date(create.at).getTime());

    // By actor: the cooperative user's changes only.
    const actorId = update.actor.userId;
    if (coopUserId) expect(actorId).toBe(coopUserId);
    const mine = (await as('staff').get(`/api/audit-logs?actorId=${actorId}&limit=500`).expect(200)).body;
    expect(mine.items.length).toBeGreaterThanOrEqual(2);
    expect(mine.items.every((l: any) => l.actor.userId === actorId)).toBe(true);
    // By time: today (Việt Nam) holds them, a day long past holds none of them.
    const today = todayInVietnam();
    expect(
      (await as('staff').get(`/api/audit-logs?entityId=${lotId}&from=${today}&to=${today}`).expect(200)).body.total,
    ).toBe(2);
    expect((await as('staff').get(`/api/audit-logs?entityId=${lotId}&to=2020-01-01`).expect(200)).body.total).toBe(0);
    expect(
      (
        await as('staff')
          .get(`/api/audit-logs?entityId=${lotId}&from=${new Date(Date.now() + 60_000).toISOString()}`)
          .expect(200)
      ).body.total,
    ).toBe(0);
    // Paged, newest first.
    const p2 = (await as('staff').get(`/api/audit-logs?entityId=${lotId}&limit=1&offset=1`).expect(200)).body;
    expect(p2).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(p2.items[0].action).toBe('create');

    // The lot's own history: its cooperative and staff, nobody else.
    expect((await as('coop').get(`/api/supply-lots/${lotId}/history`).expect(200)).body.total).toBe(2);
    await as('staff').get(`/api/supply-lots/${lotId}/history`).expect(200);
    await as('otherCoop').get(`/api/supply-lots/${lotId}/history`).expect(403);
    await as('buyer').get(`/api/supply-lots/${lotId}/history`).expect(403);
    await t.http().get(`/api/supply-lots/${lotId}/history`).expect(401);
    await as('staff').get('/api/supply-lots/7d7c8b1e-4b7c-4d35-9a0e-2d3f4a5b6c7d/history').expect(404);
  });

  it("keeps a deal's history with its deliveries, readable by both parties only, and a request's by its buyer", async () => {
    const lot = (
      await as('coop')
        .post('/api/supply-lots', {
          product: 'E2E_AUDIT',
          quantityKg: 5_000,
          harvestFrom: todayInVietnam(),
          harvestTo: addDays(todayInVietnam(), 20),
          askVndPerKg: 7_000,
          location: { lat: 9.93, lng: 105.3 },
        })
        .expect(201)
    ).body;
    const request = await makePurchaseRequest(t.dataSource, { buyerId, productCode: 'E2E_AUDIT', quantityKg: 5_000 });
    const deal = (
      await as('staff')
        .post('/api/deals', {
          supplyLotId: lot.id,
          purchaseRequestId: request.id,
          quantityKg: 3_000,
          priceVndPerKg: 7_100,
        })
        .expect(201)
    ).body;
    await as('staff')
      .post(`/api/deals/${deal.id}/deliveries`, { deliveredKg: 1_000, deliveredOn: todayInVietnam() })
      .expect(201);

    const history = (await as('buyer').get(`/api/deals/${deal.id}/history`).expect(200)).body;
    const kinds = history.items.map((l: any) => `${l.entityType}:${l.action}`);
    expect(kinds).toEqual(expect.arrayContaining(['deal:create', 'deal:deliver', 'deal_delivery:create']));
    expect(history.items.find((l: any) => l.action === 'deliver').fields).toEqual(
      expect.arrayContaining([
        { field: 'status', before: 'confirmed', after: 'partially_delivered' },
        { field: 'deliveredKg', before: null, after: 1_000 },
      ]),
    );
    await as('coop').get(`/api/deals/${deal.id}/history`).expect(200);
    await as('otherBuyer').get(`/api/deals/${deal.id}/history`).expect(403);
    await as('otherCoop').get(`/api/deals/${deal.id}/history`).expect(403);

    // The deal moved the lot's and the request's committed kilograms: both histories show it.
    const reqHistory = (await as('buyer').get(`/api/purchase-requests/${request.id}/history`).expect(200)).body.items;
    expect(reqHistory.find((l: any) => l.action === 'commit').changes).toMatchObject({
      committedKg: [0, 3_000],
      dealId: deal.id,
    });
    await as('coop').get(`/api/purchase-requests/${request.id}/history`).expect(403);
    const lotHistory = (await as('coop').get(`/api/supply-lots/${lot.id}/history`).expect(200)).body.items;
    expect(lotHistory.find((l: any) => l.action === 'commit').fields).toEqual(
      expect.arrayContaining([{ field: 'committedKg', before: 0, after: 3_000 }]),
    );
  });
});
