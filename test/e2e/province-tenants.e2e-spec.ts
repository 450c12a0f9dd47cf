import { INestApplicationContext } from '@nestjs/common';
import { addDays, isoWeekOf, todayInVietnam } from '@agrilink/core';
import {
  ensureProduct,
  makeAgency,
  makeBuyer,
  makeCooperative,
  makePurchaseRequest,
  makeSupplyLot,
  makeTransportOperator,
  makeVehicle,
} from '@agrilink/testing';
import { startInProcessWorker, waitForRun } from '../support/matching';
import { createTestApp, TestApp } from '../support/test-app';

// Provinces as tenants (issue 17, item 1): staff of An Giang (91) act on An Giang's proposals,
// deals, runs, zones and reports, not on Hồ Chí Minh City's (79), and the reverse; national
// (ministry) staff act everywhere; a deal between a lot in 91 and a buyer in 79 belongs to both.
const CROSS = 'E2E_TENANT_CROSS';
const ONLY91 = 'E2E_TENANT_91';
const ONLY79 = 'E2E_TENANT_79';
const HCMC = { type: 'Point' as const, coordinates: [106.66, 10.78] };
const RACH_GIA = { type: 'Point' as const, coordinates: [105.08, 10.01] };
// A current commune of An Giang (province 91).
const COMMUNE_91 = 'current:commune:30292';
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

describe('provinces as tenants (e2e, real worker)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  const tok: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let proposalOf: Record<string, any>;
  const today = todayInVietnam();

  beforeAll(async () => {
    t = await createTestApp();
    worker = await startInProcessWorker();
    for (const code of [CROSS, ONLY91, ONLY79])
      await ensureProduct(t.dataSource, {
        code,
        shelfLifeDays: 60,
        typicalPriceMinVnd: null,
        typicalPriceMaxVnd: null,
      });
    const coop91 = await makeCooperative(t.dataSource, { provinceCode: '91' });
    const coop79 = await makeCooperative(t.dataSource, { provinceCode: '79', location: HCMC });
    const buyer79 = await makeBuyer(t.dataSource, { provinceCode: '79' });
    const buyer91 = await makeBuyer(t.dataSource, { provinceCode: '91', location: RACH_GIA });
    Object.assign(ids, { coop91: coop91.id, coop79: coop79.id, buyer79: buyer79.id, buyer91: buyer91.id });
    tok.admin = await t.tokenFor('admin');
    tok.national = await t.tokenFor('staff');
    tok.staff91 = await t.tokenFor('staff', null, { provinceCodes: ['91'] });
    tok.staff79 = await t.tokenFor('staff', null, { provinceCodes: ['79'] });
    tok.coop91 = await t.tokenFor('cooperative', coop91.id);
    tok.coop79 = await t.tokenFor('cooperative', coop79.id);
    tok.buyer79 = await t.tokenFor('buyer', buyer79.id);
    tok.buyer91 = await t.tokenFor('buyer', buyer91.id);
    const window = { harvestFrom: addDays(today, 1), harvestTo: addDays(today, 10) };
    const need = { deliverFrom: addDays(today, 1), deliverTo: addDays(today, 20) };
    // One product per pair, so the optimum pairs them as written.
    await makeSupplyLot(t.dataSource, {
      cooperativeId: coop91.id,
      productCode: CROSS,
      quantityKg: 3_000,
      provinceCode: '91',
      ...window,
    });
    await makePurchaseRequest(t.dataSource, {
      buyerId: buyer79.id,
      productCode: CROSS,
      quantityKg: 3_000,
      provinceCode: '79',
      ...need,
    });
    await makeSupplyLot(t.dataSource, {
      cooperativeId: coop91.id,
      productCode: ONLY91,
      quantityKg: 2_000,
      provinceCode: '91',
      ...window,
    });
    await makePurchaseRequest(t.dataSource, {
      buyerId: buyer91.id,
      productCode: ONLY91,
      quantityKg: 2_000,
      provinceCode: '91',
      location: RACH_GIA,
      ...need,
    });
    await makeSupplyLot(t.dataSource, {
      cooperativeId: coop79.id,
      productCode: ONLY79,
      quantityKg: 1_000,
      provinceCode: '79',
      location: HCMC,
      ...window,
    });
    await makePurchaseRequest(t.dataSource, {
      buyerId: buyer79.id,
      productCode: ONLY79,
      quantityKg: 1_000,
      provinceCode: '79',
      ...need,
    });
    const run = await as('national')
      .post('/api/matching-runs', { products: [CROSS, ONLY91, ONLY79] })
      .expect(202);
    ids.nationalRun = run.body.id;
    expect((await waitForRun(t, tok.national, ids.nationalRun)).status).toBe('completed');
    const all = (await as('national').get(`/api/proposals?matchingRunId=${ids.nationalRun}`).expect(200)).body.items;
    proposalOf = Object.fromEntries(all.map((p: any) => [p.product, p]));
    expect(Object.keys(proposalOf).sort()).toEqual([CROSS, ONLY79, ONLY91].sort());
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  function as(who: string) {
    const auth = (req: any) => req.auth(tok[who], { type: 'bearer' });
    return {
      get: (url: string) => auth(t.http().get(url)),
      post: (url: string, body: object = {}) => auth(t.http().post(url)).send(body),
      patch: (url: string, body: object = {}) => auth(t.http().patch(url)).send(body),
      put: (url: string, body: object = {}) => auth(t.http().put(url)).send(body),
      delete: (url: string) => auth(t.http().delete(url)),
    };
  }

  describe('users bound to provinces', () => {
    it('lets an admin bind a staff user to current provinces, shows them on the user, at sign-in and on /auth/me, and refuses unknown codes', async () => {
      const email = `so-ct-${Date.now()}@test.agrilink.vn`;
      const created = await as('admin')
        .post('/api/users', { email, password: 'Test@12345', role: 'staff', provinceCodes: ['91'] })
        .expect(201);
      expect(created.body.provinceCodes).toEqual(['91']);
      // 89 is An Giang's pre-2025 code: since July 2025 the province is 91.
      for (const bad of [['89'], ['99'], ['KG']]) {
        const res = await as('admin').patch(`/api/users/${created.body.id}`, { provinceCodes: bad }).expect(422);
        expect(res.body.code).toBe('USER.INVALID_PROVINCE_CODES');
        expect(JSON.stringify(res.body.details)).toContain('provinceCodes');
      }
      const coopUser = await as('admin')
        .post('/api/users', {
          email: `htx-${Date.now()}@test.agrilink.vn`,
          password: 'Test@12345',
          role: 'cooperative',
          organizationId: ids.coop91,
          provinceCodes: ['91'],
        })
        .expect(422);
      expect(coopUser.body.code).toBe('USER.PROVINCE_CODES_NOT_ALLOWED');

      const updated = await as('admin')
        .patch(`/api/users/${created.body.id}`, { provinceCodes: ['79', '91', '79'] })
        .expect(200);
      expect(updated.body.provinceCodes).toEqual(['79', '91']);
      expect((await as('admin').get(`/api/users/${created.body.id}`).expect(200)).body.provinceCodes).toEqual([
        '79',
        '91',
      ]);
      const login = await t.http().post('/api/auth/login').send({ email, password: 'Test@12345' }).expect(200);
      expect(login.body.user.provinceCodes).toEqual(['79', '91']);
      const me = await t.http().get('/api/auth/me').auth(login.body.accessToken, { type: 'bearer' }).expect(200);
      expect(me.body.provinceCodes).toEqual(['79', '91']);

      // Staff do not change provinces; and the change holds at once for a signed-in user (the actor is read per request).
      await as('staff91').patch(`/api/users/${created.body.id}`, { provinceCodes: [] }).expect(403);
      const before = await t
        .http()
        .get(`/api/proposals/${proposalOf[ONLY79].id}`)
        .auth(login.body.accessToken, { type: 'bearer' });
      expect(before.status).toBe(200);
      expect(
        (
          await as('admin')
            .patch(`/api/users/${created.body.id}`, { provinceCodes: ['91'] })
            .expect(200)
        ).body.provinceCodes,
      ).toEqual(['91']);
      const after = await t
        .http()
        .get(`/api/proposals/${proposalOf[ONLY79].id}`)
        .auth(login.body.accessToken, { type: 'bearer' });
      expect(after.status).toBe(403);
      expect(
        (await as('admin').patch(`/api/users/${created.body.id}`, { provinceCodes: [] }).expect(200)).body
          .provinceCodes,
      ).toEqual([]);
    });

    it("lets province staff enrol only the people of their provinces' organisations, and lists users of their provinces", async () => {
      const res = await as('staff91')
        .post('/api/users', {
          email: `htx79-${Date.now()}@test.agrilink.vn`,
          password: 'Test@12345',
          role: 'cooperative',
          organizationId: ids.coop79,
        })
        .expect(403);
      expect(res.body.code).toBe('USER.OUTSIDE_PROVINCES');
      const ok = await as('staff91')
        .post('/api/users', {
          email: `htx91-${Date.now()}@test.agrilink.vn`,
          password: 'Test@12345',
          role: 'cooperative',
          organizationId: ids.coop91,
        })
        .expect(201);
      const listed = (await as('staff91').get('/api/users?limit=200').expect(200)).body.items;
      expect(listed.map((u: any) => u.id)).toContain(ok.body.id);
      expect(listed.some((u: any) => u.organizationId === ids.coop79 || u.organizationId === ids.buyer79)).toBe(false);
      expect(
        (await as('national').get('/api/users?limit=200').expect(200)).body.items.some(
          (u: any) => u.organizationId === ids.coop79,
        ),
      ).toBe(true);
    });
  });

  describe('matching runs', () => {
    it("runs matching for the staff member's own provinces by default and refuses another province", async () => {
      const other = await as('staff91')
        .post('/api/matching-runs', { products: [ONLY79], provinceCodes: ['79'] })
        .expect(403);
      expect(other.body.code).toBe('MATCHING_RUN.OUTSIDE_PROVINCES');
      await as('staff91')
        .post('/api/matching-runs', { products: [ONLY91], provinceCodes: ['91', '79'] })
        .expect(403);
      const own = await as('staff91')
        .post('/api/matching-runs', { products: [ONLY91] })
        .expect(202);
      expect(own.body.options.provinceCodes).toEqual(['91']);
      ids.run91 = own.body.id;
      await waitForRun(t, tok.staff91, ids.run91);
    });

    it("shows a province's runs to its staff only, and the national run to national staff only", async () => {
      expect((await as('staff79').get(`/api/matching-runs/${ids.run91}`).expect(403)).body.code).toBe(
        'MATCHING_RUN.OUTSIDE_PROVINCES',
      );
      await as('staff79').get(`/api/matching-runs/${ids.run91}/proposals`).expect(403);
      await as('staff79').get(`/api/matching-runs/${ids.run91}/instance`).expect(403);
      await as('staff79').get(`/api/matching-runs/${ids.run91}/changes`).expect(403);
      await as('staff91').get(`/api/matching-runs/${ids.nationalRun}`).expect(403);
      await as('staff91').get(`/api/matching-runs/${ids.run91}`).expect(200);
      const list91 = (await as('staff91').get('/api/matching-runs?limit=100').expect(200)).body.items.map(
        (r: any) => r.id,
      );
      expect(list91).toContain(ids.run91);
      expect(list91).not.toContain(ids.nationalRun);
      expect(
        (await as('staff79').get('/api/matching-runs?limit=100').expect(200)).body.items.map((r: any) => r.id),
      ).not.toContain(ids.run91);
      const national = (await as('national').get('/api/matching-runs?limit=100').expect(200)).body.items.map(
        (r: any) => r.id,
      );
      expect(national).toEqual(expect.arrayContaining([ids.run91, ids.nationalRun]));
    });
  });

  describe('proposals and deals', () => {
    it("filters the proposal list to the lot's or the buyer's province, and refuses one proposal of another province", async () => {
      const seen = async (who: string) =>
        (await as(who).get(`/api/proposals?matchingRunId=${ids.nationalRun}`).expect(200)).body.items
          .map((p: any) => p.product)
          .sort();
      expect(await seen('staff91')).toEqual([CROSS, ONLY91].sort());
      expect(await seen('staff79')).toEqual([CROSS, ONLY79].sort());
      expect(await seen('national')).toEqual([CROSS, ONLY79, ONLY91].sort());
      const res = await as('staff91').get(`/api/proposals/${proposalOf[ONLY79].id}`).expect(403);
      expect(res.body.code).toBe('PROPOSAL.OUTSIDE_PROVINCES');
      await as('staff91').post(`/api/proposals/${proposalOf[ONLY79].id}/accept`, { side: 'seller' }).expect(403);
      await as('staff91').post(`/api/proposals/${proposalOf[ONLY79].id}/reject`, { side: 'buyer' }).expect(403);
      await as('staff79').get(`/api/proposals/${proposalOf[CROSS].id}`).expect(200);
      await as('staff91').get(`/api/proposals/${proposalOf[CROSS].id}`).expect(200);
    });

    it('lets staff of either province confirm a deal between a lot in 91 and a buyer in 79, and staff of that province cancel it', async () => {
      const cross = proposalOf[CROSS].id;
      await as('coop91').post(`/api/proposals/${cross}/accept`).expect(200);
      await as('buyer79').post(`/api/proposals/${cross}/accept`).expect(200);
      const confirmed = await as('staff79')
        .post(`/api/proposals/${cross}/confirm`, { transportArranged: true })
        .expect(200);
      ids.crossDeal = confirmed.body.dealId;
      await as('staff91').get(`/api/deals/${ids.crossDeal}`).expect(200);
      expect((await as('staff91').get('/api/deals?limit=100').expect(200)).body.items.map((d: any) => d.id)).toContain(
        ids.crossDeal,
      );
      await as('staff91').post(`/api/deals/${ids.crossDeal}/cancel`, { reason: 'thử' }).expect(200);
    });

    it('keeps a deal inside 91 to the staff of 91 and national staff: confirm, read, list, deliveries and cancel', async () => {
      const p = proposalOf[ONLY91].id;
      await as('coop91').post(`/api/proposals/${p}/accept`).expect(200);
      await as('buyer91').post(`/api/proposals/${p}/accept`).expect(200);
      expect(
        (await as('staff79').post(`/api/proposals/${p}/confirm`, { transportArranged: true }).expect(403)).body.code,
      ).toBe('PROPOSAL.OUTSIDE_PROVINCES');
      const deal = (await as('staff91').post(`/api/proposals/${p}/confirm`, { transportArranged: true }).expect(200))
        .body.dealId;
      expect((await as('staff79').get(`/api/deals/${deal}`).expect(403)).body.code).toBe('DEAL.OUTSIDE_PROVINCES');
      expect(
        (await as('staff79').get('/api/deals?limit=100').expect(200)).body.items.map((d: any) => d.id),
      ).not.toContain(deal);
      await as('staff79').get(`/api/deals/${deal}/deliveries`).expect(403);
      await as('staff79').post(`/api/deals/${deal}/deliveries`, { deliveredKg: 100, deliveredOn: today }).expect(403);
      await as('staff79').post(`/api/deals/${deal}/cancel`, { reason: 'không phải tỉnh mình' }).expect(403);
      expect((await as('national').get(`/api/deals/${deal}`).expect(200)).body.status).toBe('confirmed');
      // A deal brokered by hand outside the optimiser follows the same rule.
      const lot79 = (
        await makeSupplyLot(t.dataSource, {
          cooperativeId: ids.coop79,
          productCode: ONLY79,
          quantityKg: 500,
          provinceCode: '79',
          location: HCMC,
          harvestFrom: today,
          harvestTo: addDays(today, 5),
        })
      ).id;
      const req79 = (
        await makePurchaseRequest(t.dataSource, {
          buyerId: ids.buyer79,
          productCode: ONLY79,
          quantityKg: 500,
          provinceCode: '79',
          deliverFrom: today,
          deliverTo: addDays(today, 5),
        })
      ).id;
      const manual = {
        supplyLotId: lot79,
        purchaseRequestId: req79,
        quantityKg: 100,
        priceVndPerKg: 8_000,
        transportArranged: true,
      };
      expect((await as('staff91').post('/api/deals', manual).expect(403)).body.code).toBe('DEAL.OUTSIDE_PROVINCES');
      await as('staff79').post('/api/deals', manual).expect(201);
      await as('national').post(`/api/deals/${deal}/cancel`, { reason: 'thử' }).expect(200);
    });
  });
  describe('zones, checkpoints, permits, loads, transport plans and schedules', () => {
    it("keeps a province's zones to its staff: created inside their provinces, listed, read and changed by them only", async () => {
      const byCommune = await as('staff91')
        .post('/api/zones', { code: 'T-TENANT-91', name: 'Phong tỏa xã (91)', administrativeUnitIds: [COMMUNE_91] })
        .expect(201);
      expect(byCommune.body.provinceCodes).toEqual(['91']);
      ids.zone91 = byCommune.body.id;
      // A polygon drawn by HCMC's staff lies in HCMC by default; they may not declare it in An Giang.
      const drawn = await as('staff79')
        .post('/api/zones', { code: 'T-TENANT-79', name: 'Phong tỏa quận (79)', polygon: square(106.6, 10.7, 0.05) })
        .expect(201);
      expect(drawn.body.provinceCodes).toEqual(['79']);
      ids.zone79 = drawn.body.id;
      expect(
        (
          await as('staff79')
            .post('/api/zones', { code: 'T-TENANT-X', name: 'x', administrativeUnitIds: [COMMUNE_91] })
            .expect(403)
        ).body.code,
      ).toBe('ZONE.OUTSIDE_PROVINCES');
      await as('staff79')
        .post('/api/zones', {
          code: 'T-TENANT-Y',
          name: 'y',
          polygon: square(106.6, 10.7, 0.05),
          provinceCodes: ['91'],
        })
        .expect(403);
      expect(
        (
          await as('national')
            .post('/api/zones', {
              code: 'T-TENANT-Z',
              name: 'z',
              polygon: square(106.6, 10.7, 0.05),
              provinceCodes: ['99'],
            })
            .expect(422)
        ).body.code,
      ).toBe('ZONE.INVALID_PROVINCE_CODES');

      const listed = (await as('staff79').get('/api/zones?limit=200').expect(200)).body.items.map((z: any) => z.id);
      expect(listed).toContain(ids.zone79);
      expect(listed).not.toContain(ids.zone91);
      expect((await as('national').get('/api/zones?limit=200').expect(200)).body.items.map((z: any) => z.id)).toEqual(
        expect.arrayContaining([ids.zone79, ids.zone91]),
      );
      expect((await as('staff79').get(`/api/zones/${ids.zone91}`).expect(403)).body.code).toBe(
        'ZONE.OUTSIDE_PROVINCES',
      );
      await as('staff79').patch(`/api/zones/${ids.zone91}`, { name: 'đổi tên' }).expect(403);
      await as('staff79').post(`/api/zones/${ids.zone91}/end`, {}).expect(403);
      await as('staff79').delete(`/api/zones/${ids.zone91}`).expect(403);
      expect((await as('staff79').get(`/api/zones/${ids.zone91}/history`).expect(200)).body.items).toEqual([]);
      expect(
        (await as('staff91').get(`/api/zones/${ids.zone91}/history`).expect(200)).body.items.length,
      ).toBeGreaterThan(0);
      await as('staff91').patch(`/api/zones/${ids.zone91}`, { name: 'Phong tỏa xã (An Giang)' }).expect(200);
      await as('national').patch(`/api/zones/${ids.zone79}`, { name: 'Phong tỏa quận (TP.HCM)' }).expect(200);
    });

    it("keeps a province's checkpoints to its staff", async () => {
      const cp = (
        await as('staff91')
          .post('/api/checkpoints', { name: 'Chốt cầu Cái Lớn', location: { lat: 9.9, lng: 105.2 } })
          .expect(201)
      ).body;
      expect(cp.provinceCode).toBe('91');
      expect(
        (
          await as('staff79')
            .post('/api/checkpoints', { name: 'x', location: { lat: 9.9, lng: 105.2 }, provinceCode: '91' })
            .expect(403)
        ).body.code,
      ).toBe('CHECKPOINT.OUTSIDE_PROVINCES');
      expect((await as('staff79').get(`/api/checkpoints/${cp.id}`).expect(403)).body.code).toBe(
        'CHECKPOINT.OUTSIDE_PROVINCES',
      );
      await as('staff79').patch(`/api/checkpoints/${cp.id}`, { name: 'y' }).expect(403);
      await as('staff79').post(`/api/checkpoints/${cp.id}/end`, {}).expect(403);
      expect(
        (await as('staff79').get('/api/checkpoints?limit=200').expect(200)).body.items.map((c: any) => c.id),
      ).not.toContain(cp.id);
      expect(JSON.stringify((await as('staff79').get('/api/checkpoints/layer').expect(200)).body)).not.toContain(cp.id);
      expect(JSON.stringify((await as('national').get('/api/checkpoints/layer').expect(200)).body)).toContain(cp.id);
    });

    it("issues green-lane permits for the staff member's provinces and keeps them from other provinces' staff", async () => {
      const operator = await makeTransportOperator(t.dataSource, { provinceCode: '91' });
      const vehicle = await makeVehicle(t.dataSource, operator.id);
      const permit = { vehicleId: vehicle.id, validFrom: today, validTo: addDays(today, 3) };
      expect(
        (
          await as('staff91')
            .post('/api/green-lane-permits', { ...permit, provinceCodes: ['79'] })
            .expect(403)
        ).body.code,
      ).toBe('GREEN_LANE_PERMIT.OUTSIDE_PROVINCES');
      const issued = (await as('staff91').post('/api/green-lane-permits', permit).expect(201)).body;
      expect(issued.provinceCodes).toEqual(['91']);
      for (const path of ['', '/qr.svg', '/permit.pdf'])
        await as('staff79').get(`/api/green-lane-permits/${issued.id}${path}`).expect(403);
      await as('staff79').post(`/api/green-lane-permits/${issued.id}/revoke`, { reason: 'x' }).expect(403);
      expect(
        (await as('staff79').get('/api/green-lane-permits?limit=200').expect(200)).body.items.map((p: any) => p.id),
      ).not.toContain(issued.id);
      expect(
        (await as('staff91').get('/api/green-lane-permits?limit=200').expect(200)).body.items.map((p: any) => p.id),
      ).toContain(issued.id);
      await as('national').post(`/api/green-lane-permits/${issued.id}/revoke`, { reason: 'thử' }).expect(200);
    });

    it("keeps a load inside 91 from HCMC's staff, and plans transport for the staff member's provinces only", async () => {
      const lot = (
        await makeSupplyLot(t.dataSource, {
          cooperativeId: ids.coop91,
          productCode: ONLY91,
          quantityKg: 800,
          provinceCode: '91',
          harvestFrom: today,
          harvestTo: addDays(today, 5),
        })
      ).id;
      const req = (
        await makePurchaseRequest(t.dataSource, {
          buyerId: ids.buyer91,
          productCode: ONLY91,
          quantityKg: 800,
          provinceCode: '91',
          location: RACH_GIA,
          deliverFrom: today,
          deliverTo: addDays(today, 5),
        })
      ).id;
      const deal = (
        await as('staff91')
          .post('/api/deals', { supplyLotId: lot, purchaseRequestId: req, quantityKg: 500, priceVndPerKg: 8_000 })
          .expect(201)
      ).body;
      const load = (await as('staff91').get(`/api/loads?dealId=${deal.id}`).expect(200)).body.items[0];
      expect(load).toBeDefined();
      expect((await as('staff79').get(`/api/loads/${load.id}`).expect(403)).body.code).toBe('LOAD.OUTSIDE_PROVINCES');
      await as('staff79').get(`/api/loads/${load.id}/offers`).expect(403);
      await as('staff79').post(`/api/loads/${load.id}/cancel`, { reason: 'x' }).expect(403);
      expect(
        (await as('staff79').get('/api/loads?limit=200').expect(200)).body.items.map((l: any) => l.id),
      ).not.toContain(load.id);
      expect((await as('national').get('/api/loads?limit=200').expect(200)).body.items.map((l: any) => l.id)).toContain(
        load.id,
      );

      expect(
        (
          await as('staff79')
            .post('/api/transport-plans', { date: today, provinceCodes: ['91'] })
            .expect(403)
        ).body.code,
      ).toBe('TRANSPORT_PLAN.OUTSIDE_PROVINCES');
      const plan = (await as('staff91').post('/api/transport-plans', { date: today }).expect(202)).body;
      expect(plan.provinceCodes).toEqual(['91']);
      await as('staff79').get(`/api/transport-plans/${plan.id}`).expect(403);
      await as('staff79').post(`/api/transport-plans/${plan.id}/offers`).expect(403);
      expect(
        (await as('staff79').get('/api/transport-plans?limit=100').expect(200)).body.items.map((p: any) => p.id),
      ).not.toContain(plan.id);
      expect(
        (await as('staff91').get('/api/transport-plans?limit=100').expect(200)).body.items.map((p: any) => p.id),
      ).toContain(plan.id);
    });

    it('keeps matching schedules and the audit trail to the provinces they concern', async () => {
      expect(
        (
          await as('staff91')
            .post('/api/matching-schedules', { cron: '0 6 * * *', scope: { provinceCodes: ['79'] } })
            .expect(403)
        ).body.code,
      ).toBe('MATCHING_SCHEDULE.OUTSIDE_PROVINCES');
      const schedule = (await as('staff91').post('/api/matching-schedules', { cron: '0 6 * * *' }).expect(201)).body;
      expect(schedule.scope.provinceCodes).toEqual(['91']);
      await as('staff79').get(`/api/matching-schedules/${schedule.id}`).expect(403);
      await as('staff79').post(`/api/matching-schedules/${schedule.id}/pause`).expect(403);
      await as('staff79').delete(`/api/matching-schedules/${schedule.id}`).expect(403);
      expect(
        (await as('staff79').get('/api/matching-schedules').expect(200)).body.items.map((x: any) => x.id),
      ).not.toContain(schedule.id);
      await as('staff91').delete(`/api/matching-schedules/${schedule.id}`).expect(204);

      const trail79 = (await as('staff79').get('/api/audit-logs?limit=500').expect(200)).body.items;
      expect(trail79.length).toBeGreaterThan(0);
      expect(trail79.some((e: any) => e.entityId === ids.zone91 || e.entityId === proposalOf[ONLY91].id)).toBe(false);
      const trailNational = (await as('national').get('/api/audit-logs?limit=500').expect(200)).body.items;
      expect(trailNational.some((e: any) => e.entityId === ids.zone91)).toBe(true);
      expect(
        (await as('staff79').get(`/api/deals/${ids.crossDeal}/history`).expect(200)).body.items.length,
      ).toBeGreaterThan(0);
    });
  });
  describe('imports', () => {
    const upload = (who: string, kind: string, csv: string, mode = 'partial') =>
      t
        .http()
        .post('/api/imports')
        .auth(tok[who], { type: 'bearer' })
        .field('kind', kind)
        .field('mode', mode)
        .attach('file', Buffer.from(`\ufeff${csv}`), `${kind}.csv`)
        .expect(202);
    const finished = async (who: string, id: string) => {
      for (let i = 0; i < 300; i++) {
        const res = await as(who).get(`/api/imports/${id}`).expect(200);
        if (res.body.status === 'completed' || res.body.status === 'failed') return res.body;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`import ${id} did not finish`);
    };

    it("writes only the rows of the importer's provinces: a row of another province is a row error, and national staff import all", async () => {
      const names = Object.fromEntries(
        (
          await t.dataSource.query(`SELECT id, name FROM cooperatives WHERE id = ANY($1::uuid[])`, [
            [ids.coop91, ids.coop79],
          ])
        ).map((r: any) => [r.id, r.name]),
      );
      const head =
        'Mã số thuế HTX,Tên HTX,Mã sản phẩm,Sản lượng (kg),Thu hoạch từ ngày,Thu hoạch đến ngày,Giá chào bán (đồng/kg),Mã tham chiếu';
      const row = (coop: string, ref: string) =>
        `,${names[coop]},${ONLY91},700,${addDays(today, 2)},${addDays(today, 6)},7000,${ref}`;
      const lots = [head, row(ids.coop91, 'IMP-T-91'), row(ids.coop79, 'IMP-T-79')].join('\n');
      const imp = await finished('staff91', (await upload('staff91', 'supply-lots', lots)).body.id);
      expect([imp.status, imp.insertedRows, imp.invalidRows]).toEqual(['completed', 1, 1]);
      const errors = (await as('staff91').get(`/api/imports/${imp.id}/errors`).expect(200)).body.items;
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ row: 3 });
      expect(errors[0].message).toContain('ngoài địa bàn');
      const written = await t.dataSource.query(
        `SELECT cooperative_id FROM supply_lots WHERE external_ref IN ('IMP-T-91', 'IMP-T-79')`,
      );
      expect(written.map((r: any) => r.cooperative_id)).toEqual([ids.coop91]);
      // Another province's staff do not read the import; national staff do.
      await as('staff79').get(`/api/imports/${imp.id}`).expect(404);
      await as('national').get(`/api/imports/${imp.id}`).expect(200);

      // A registry row naming a cooperative of 79 (by its reference) would change it: refused too, even moved into 91.
      const ref79 = 'COOP-T-79';
      await t.dataSource.query(`UPDATE cooperatives SET external_ref = $2 WHERE id = $1`, [ids.coop79, ref79]);
      const coops = [
        'Tên HTX,Mã tỉnh,Mã tham chiếu',
        `HTX đổi tỉnh,91,${ref79}`,
        `HTX mới của TP.HCM,79,COOP-T-NEW79`,
        `HTX mới của An Giang,91,COOP-T-NEW91`,
      ].join('\n');
      const regs = await finished('staff91', (await upload('staff91', 'cooperatives', coops)).body.id);
      expect([regs.insertedRows, regs.updatedRows, regs.invalidRows]).toEqual([1, 0, 2]);
      const regErrors = (await as('staff91').get(`/api/imports/${regs.id}/errors`).expect(200)).body.items;
      expect(regErrors.map((e: any) => e.row)).toEqual([2, 3]);
      expect(regErrors.every((e: any) => e.column === 'Mã tỉnh')).toBe(true);
      expect(
        (await t.dataSource.query(`SELECT province_code FROM cooperatives WHERE id = $1`, [ids.coop79]))[0]
          .province_code,
      ).toBe('79');

      const all = await finished(
        'national',
        (await upload('national', 'supply-lots', [head, row(ids.coop79, 'IMP-T-79')].join('\n'))).body.id,
      );
      expect([all.insertedRows, all.invalidRows]).toEqual([1, 0]);
    });
  });

  describe('reports, agencies, agency reports and tasks', () => {
    const week = () => isoWeekOf(today).label;

    it('answers province staff the reports of their province by default and refuses another province; national staff see any or all', async () => {
      const weekly = (await as('staff91').get('/api/reports/weekly').expect(200)).body;
      expect(weekly.province).toBe('91');
      expect((await as('staff91').get('/api/reports/weekly?province=79').expect(403)).body.code).toBe(
        'REPORT.OUTSIDE_PROVINCES',
      );
      // 89 was An Giang before July 2025: it is province 91 now, so An Giang's staff may ask for it.
      await as('staff91').get('/api/reports/weekly?province=89&units=pre2025').expect(200);
      for (const path of [
        '/api/reports/harvest-forecast',
        '/api/reports/harvest-forecast/unposted-areas',
        '/api/reports/harvest-capacity',
        '/api/reports/harvest-calendar',
        '/api/reports/backlog-by-commune',
      ]) {
        expect((await as('staff91').get(`${path}?province=79`).expect(403)).body.code).toBe('REPORT.OUTSIDE_PROVINCES');
        await as('staff91').get(path).expect(200);
        await as('national').get(`${path}?province=79`).expect(200);
      }
      expect((await as('staff91').get('/api/reports/price-watch?provinceCode=79').expect(403)).body.code).toBe(
        'REPORT.OUTSIDE_PROVINCES',
      );
      await as('staff91').get('/api/reports/price-watch').expect(200);
      expect((await as('national').get('/api/reports/weekly').expect(200)).body.province).toBeNull();
      tok.staffBoth = await t.tokenFor('staff', null, { provinceCodes: ['79', '91'] });
      expect((await as('staffBoth').get('/api/reports/weekly').expect(422)).body.code).toBe('REPORT.PROVINCE_REQUIRED');
      await as('staffBoth').get('/api/reports/weekly?province=79').expect(200);
    });

    it("keeps agencies, their weekly and ad-hoc reports and their tasks to the staff of the agency's province", async () => {
      const agency91 = (
        await as('staff91')
          .post('/api/agencies', {
            name: `UBND xã An Giang ${Date.now()}`,
            kind: 'commune',
            administrativeUnitId: COMMUNE_91,
          })
          .expect(201)
      ).body;
      await as('staff79')
        .post('/api/agencies', {
          name: `UBND xã khác ${Date.now()}`,
          kind: 'commune',
          administrativeUnitId: COMMUNE_91,
        })
        .expect(403);
      const agency79 = await makeAgency(t.dataSource, {
        administrativeUnitId: 'current:province:79',
        kind: 'department',
      });
      expect((await as('staff91').get(`/api/agencies/${agency79.id}`).expect(403)).body.code).toBe(
        'AGENCY.OUTSIDE_PROVINCES',
      );
      await as('staff91').patch(`/api/agencies/${agency79.id}`, { name: 'đổi' }).expect(403);
      const agencies91 = (await as('staff91').get('/api/agencies?limit=200').expect(200)).body.items.map(
        (a: any) => a.id,
      );
      expect(agencies91).toContain(agency91.id);
      expect(agencies91).not.toContain(agency79.id);

      const w = week();
      const body = { situation: 'Thu hoạch lúa thuận lợi', difficulties: '', proposals: '', lines: [] };
      await as('staff79')
        .put(`/api/agency-reports/${w}`, { ...body, agencyId: agency79.id })
        .expect((r: any) => expect([200, 201]).toContain(r.status));
      expect(
        (
          await as('staff91')
            .put(`/api/agency-reports/${w}`, { ...body, agencyId: agency79.id })
            .expect(403)
        ).body.code,
      ).toBe('AGENCY_REPORT.OUTSIDE_PROVINCES');
      await as('staff91').get(`/api/agency-reports/${w}?agencyId=${agency79.id}`).expect(403);
      await as('staff91').get(`/api/agency-reports/${w}/history?agencyId=${agency79.id}`).expect(403);
      await as('staff91').get(`/api/agency-reports/by-agency?agencyId=${agency79.id}`).expect(403);
      const overview91 = JSON.stringify((await as('staff91').get(`/api/agency-reports?week=${w}`).expect(200)).body);
      expect(overview91).not.toContain(agency79.id);
      expect(overview91).toContain(agency91.id);
      expect(JSON.stringify((await as('national').get(`/api/agency-reports?week=${w}`).expect(200)).body)).toContain(
        agency79.id,
      );
      expect(
        (
          await as('staff91')
            .post('/api/agency-reports/reminders', { week: w, agencyIds: [agency79.id] })
            .expect(403)
        ).body.code,
      ).toBe('AGENCY_REPORT.OUTSIDE_PROVINCES');
      expect(
        (await as('staff91').put('/api/agency-reports/reminder-schedule', { weekday: 5, hour: 16 }).expect(403)).body
          .code,
      ).toBe('AGENCY_REPORT.OUTSIDE_PROVINCES');

      const adHoc = (
        await as('staff79')
          .post('/api/ad-hoc-reports', {
            agencyId: agency79.id,
            subject: 'Ùn ứ thanh long',
            reportedOn: today,
            content: 'Tồn 20 tấn',
          })
          .expect(201)
      ).body;
      await as('staff91')
        .post('/api/ad-hoc-reports', { agencyId: agency79.id, subject: 'x', reportedOn: today, content: 'y' })
        .expect(403);
      await as('staff91').get(`/api/ad-hoc-reports/${adHoc.id}`).expect(403);
      expect(
        (await as('staff91').get('/api/ad-hoc-reports?limit=200').expect(200)).body.items.map((r: any) => r.id),
      ).not.toContain(adHoc.id);

      const task = (
        await as('staff79').post('/api/tasks', { title: 'Báo cáo tồn kho', assigneeAgencyId: agency79.id }).expect(201)
      ).body;
      await as('staff91').post('/api/tasks', { title: 'x', assigneeAgencyId: agency79.id }).expect(403);
      await as('staff91').get(`/api/tasks/${task.id}`).expect(403);
      await as('staff91').patch(`/api/tasks/${task.id}`, { status: 'done' }).expect(403);
      await as('staff91').get(`/api/tasks/${task.id}/history`).expect(403);
      expect(
        (await as('staff91').get('/api/tasks?limit=200').expect(200)).body.items.map((x: any) => x.id),
      ).not.toContain(task.id);
      expect((await as('national').get('/api/tasks?limit=200').expect(200)).body.items.map((x: any) => x.id)).toContain(
        task.id,
      );
    });
  });
});
