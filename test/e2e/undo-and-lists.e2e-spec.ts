import { addDays, todayInVietnam } from '@agrilink/core';
import { makeBuyer, makeCooperative, makeProductionArea, makePurchaseRequest, makeSupplyLot } from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';

describe('undo and lists people can work with (e2e)', () => {
  let t: TestApp;
  let staff: string;
  let admin: string;
  let coopToken: string;
  let coopId: string;
  const today = todayInVietnam();

  beforeAll(async () => {
    t = await createTestApp();
    const coop = await makeCooperative(t.dataSource, { name: 'HTX Thạnh Phước Lợi Thử' });
    coopId = coop.id;
    [staff, admin, coopToken] = await Promise.all([
      t.tokenFor('staff'),
      t.tokenFor('admin'),
      t.tokenFor('cooperative', coop.id),
    ]);
  });
  afterAll(() => t?.close());

  const lotFor = (over: Record<string, unknown> = {}) =>
    makeSupplyLot(t.dataSource, {
      cooperativeId: coopId,
      harvestFrom: today,
      harvestTo: addDays(today, 5),
      availableUntil: addDays(today, 10),
      ...over,
    });

  describe('POST /api/supply-lots/:id/reopen', () => {
    it('reopens a withdrawn lot for its cooperative and writes the reopening into its history', async () => {
      const lot = await lotFor();
      await t
        .http()
        .patch(`/api/supply-lots/${lot.id}`)
        .auth(coopToken, { type: 'bearer' })
        .send({ withdrawn: true })
        .expect(200);
      const res = await t
        .http()
        .post(`/api/supply-lots/${lot.id}/reopen`)
        .auth(coopToken, { type: 'bearer' })
        .expect(200);
      expect(res.body).toMatchObject({ id: lot.id, status: 'open', remainingKg: 50_000 });
      const history = await t
        .http()
        .get(`/api/supply-lots/${lot.id}/history`)
        .auth(coopToken, { type: 'bearer' })
        .expect(200);
      expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(['reopen', 'update']);
      expect(history.body.items[0].fields).toEqual([{ field: 'status', before: 'withdrawn', after: 'open' }]);
    });

    it('lets staff reopen any cooperative’s lot', async () => {
      const lot = await lotFor({ status: 'withdrawn' });
      await t.http().post(`/api/supply-lots/${lot.id}/reopen`).auth(staff, { type: 'bearer' }).expect(200);
    });

    it('answers 409 with a code, in Vietnamese by default, when the lot has expired, and changes nothing', async () => {
      const lot = await lotFor({
        status: 'withdrawn',
        harvestFrom: addDays(today, -20),
        harvestTo: addDays(today, -10),
        availableUntil: addDays(today, -1),
      });
      const res = await t
        .http()
        .post(`/api/supply-lots/${lot.id}/reopen`)
        .auth(coopToken, { type: 'bearer' })
        .expect(409);
      expect(res.body.code).toBe('SUPPLY_LOT.REOPEN_EXPIRED');
      expect(res.body.message).toContain('hết hạn');
      const en = await t
        .http()
        .post(`/api/supply-lots/${lot.id}/reopen`)
        .auth(coopToken, { type: 'bearer' })
        .set('Accept-Language', 'en')
        .expect(409);
      expect(en.body.message).toContain('expired');
      const after = await t.http().get(`/api/supply-lots/${lot.id}`).auth(coopToken, { type: 'bearer' }).expect(200);
      expect(after.body.status).toBe('withdrawn');
    });

    it('answers 409 when every kilogram is committed, and when the lot was not withdrawn', async () => {
      const sold = await lotFor({ status: 'withdrawn', quantityKg: 1000, committedKg: 1000 });
      const a = await t.http().post(`/api/supply-lots/${sold.id}/reopen`).auth(staff, { type: 'bearer' }).expect(409);
      expect(a.body.code).toBe('SUPPLY_LOT.REOPEN_SOLD_OUT');
      const open = await lotFor();
      const b = await t.http().post(`/api/supply-lots/${open.id}/reopen`).auth(staff, { type: 'bearer' }).expect(409);
      expect(b.body.code).toBe('SUPPLY_LOT.NOT_WITHDRAWN');
    });

    it('answers 404 for an unknown lot and 403 for a buyer', async () => {
      await t
        .http()
        .post('/api/supply-lots/6f1c2a9e-3b7d-4c41-9a55-0d8e2f7b1c33/reopen')
        .auth(staff, { type: 'bearer' })
        .expect(404);
      const buyer = await t.tokenFor('buyer', (await makeBuyer(t.dataSource)).id);
      const lot = await lotFor({ status: 'withdrawn' });
      await t.http().post(`/api/supply-lots/${lot.id}/reopen`).auth(buyer, { type: 'bearer' }).expect(403);
    });
  });

  describe('users looked after by staff', () => {
    it('creates a cooperative user, finds it without diacritics with its organisation, resets, disables and enables it', async () => {
      const created = await t
        .http()
        .post('/api/users')
        .auth(staff, { type: 'bearer' })
        .send({
          email: 'nguyen.van.a@htx.test.vn',
          password: 'MatKhau@2026',
          role: 'cooperative',
          organizationId: coopId,
          displayName: 'Nguyễn Văn Ánh',
        })
        .expect(201);
      const list = await t.http().get('/api/users?q=nguyen van anh').auth(staff, { type: 'bearer' }).expect(200);
      expect(list.body.items).toEqual([
        expect.objectContaining({ id: created.body.id, organizationName: 'HTX Thạnh Phước Lợi Thử' }),
      ]);
      const byOrg = await t.http().get('/api/users?q=thanh phuoc loi').auth(staff, { type: 'bearer' }).expect(200);
      expect(byOrg.body.items.map((u: { id: string }) => u.id)).toContain(created.body.id);
      const reset = await t
        .http()
        .post(`/api/users/${created.body.id}/reset-password`)
        .auth(staff, { type: 'bearer' })
        .expect(200);
      expect(reset.body.temporaryPassword).toEqual(expect.any(String));
      const disabled = await t
        .http()
        .post(`/api/users/${created.body.id}/disable`)
        .auth(staff, { type: 'bearer' })
        .expect(200);
      expect(disabled.body.active).toBe(false);
      const inactive = await t.http().get('/api/users?active=false').auth(staff, { type: 'bearer' }).expect(200);
      expect(inactive.body.items.map((u: { id: string }) => u.id)).toEqual([created.body.id]);
      await t.http().post(`/api/users/${created.body.id}/enable`).auth(staff, { type: 'bearer' }).expect(200);
    });

    it('refuses staff managing staff accounts, and keeps that to admins', async () => {
      const other = await t
        .http()
        .post('/api/users')
        .auth(admin, { type: 'bearer' })
        .send({ email: 'can.bo@so.test.vn', password: 'MatKhau@2026', role: 'staff' })
        .expect(201);
      const res = await t
        .http()
        .post(`/api/users/${other.body.id}/disable`)
        .auth(staff, { type: 'bearer' })
        .expect(403);
      expect(res.body.code).toBe('USER.ROLE_NOT_ALLOWED');
      await t.http().post(`/api/users/${other.body.id}/disable`).auth(admin, { type: 'bearer' }).expect(200);
    });

    it('sorts users by e-mail both ways and refuses an unknown sort key', async () => {
      const asc = await t.http().get('/api/users?sort=email&limit=500').auth(staff, { type: 'bearer' }).expect(200);
      const emails = asc.body.items.map((u: { email: string }) => u.email);
      expect(emails).toEqual([...emails].sort());
      const desc = await t.http().get('/api/users?sort=-email&limit=500').auth(staff, { type: 'bearer' }).expect(200);
      expect(desc.body.items.map((u: { email: string }) => u.email)).toEqual([...emails].reverse());
      await t.http().get('/api/users?sort=passwordHash').auth(staff, { type: 'bearer' }).expect(400);
    });
  });

  describe('sorting and searching the lists', () => {
    it('sorts lots by asking price with the total of the filter', async () => {
      const other = await makeCooperative(t.dataSource, { name: 'HTX Sắp Xếp Giá' });
      for (const ask of [9000, 5000, 7000])
        await makeSupplyLot(t.dataSource, {
          cooperativeId: other.id,
          askVndPerKg: ask,
          availableUntil: addDays(today, 30),
        });
      const res = await t
        .http()
        .get(`/api/supply-lots?cooperativeId=${other.id}&sort=-askVndPerKg&limit=2`)
        .auth(staff, { type: 'bearer' })
        .expect(200);
      expect(res.body.total).toBe(3);
      expect(res.body.items.map((l: { askVndPerKg: number }) => l.askVndPerKg)).toEqual([9000, 7000]);
      const byName = await t
        .http()
        .get('/api/supply-lots?q=sap xep gia&sort=askVndPerKg')
        .auth(staff, { type: 'bearer' })
        .expect(200);
      expect(byName.body.items.map((l: { askVndPerKg: number }) => l.askVndPerKg)).toEqual([5000, 7000, 9000]);
    });

    it('finds deals by the name of a party without diacritics and names both parties in the list', async () => {
      const lot = await lotFor({ askVndPerKg: 7000 });
      const buyer = await makeBuyer(t.dataSource, { name: 'Chợ đầu mối Hóc Môn Thử' });
      const request = await makePurchaseRequest(t.dataSource, {
        buyerId: buyer.id,
        productCode: lot.productCode,
        deliverFrom: today,
        deliverTo: addDays(today, 30),
      });
      await t
        .http()
        .post('/api/deals')
        .auth(staff, { type: 'bearer' })
        .send({ supplyLotId: lot.id, purchaseRequestId: request.id, quantityKg: 1000, priceVndPerKg: 7200 })
        .expect(201);
      const res = await t
        .http()
        .get('/api/deals?q=hoc mon thu&sort=-priceVndPerKg')
        .auth(staff, { type: 'bearer' })
        .expect(200);
      expect(res.body.total).toBe(1);
      expect(res.body.items[0]).toMatchObject({
        cooperativeName: 'HTX Thạnh Phước Lợi Thử',
        buyerName: 'Chợ đầu mối Hóc Môn Thử',
        quantityKg: 1000,
      });
    });

    it('accepts search and sort on requests, deals, proposals and the registries', async () => {
      for (const path of [
        '/api/purchase-requests?q=cho&sort=-bidVndPerKg',
        '/api/deals?q=htx&sort=-quantityKg',
        '/api/proposals?q=htx&sort=-createdAt',
        '/api/harvest-resources?q=to&sort=-capacityHaPerDay',
        '/api/transport-operators?q=van tai&sort=-capacityKg',
        '/api/price-observations?q=binh dien&sort=-priceVndPerKg',
      ]) {
        const res = await t.http().get(path).auth(staff, { type: 'bearer' });
        expect(`${path} ${res.status}`).toBe(`${path} 200`);
      }
      const bad = await t.http().get('/api/deals?sort=drop table').auth(staff, { type: 'bearer' }).expect(400);
      expect(bad.body.code).toBeDefined();
    });
  });

  describe('production area history', () => {
    it('shows its edits and deletion to its cooperative', async () => {
      const area = await makeProductionArea(t.dataSource, { cooperativeId: coopId });
      await t
        .http()
        .patch(`/api/production-areas/${area.id}`)
        .auth(coopToken, { type: 'bearer' })
        .send({ name: 'Cánh đồng lớn Ấp 3' })
        .expect(200);
      const res = await t
        .http()
        .get(`/api/production-areas/${area.id}/history`)
        .auth(coopToken, { type: 'bearer' })
        .expect(200);
      expect(res.body.items[0]).toMatchObject({
        action: 'update',
        fields: [expect.objectContaining({ field: 'name', after: 'Cánh đồng lớn Ấp 3' })],
      });
      const stranger = await t.tokenFor('cooperative', (await makeCooperative(t.dataSource)).id);
      await t.http().get(`/api/production-areas/${area.id}/history`).auth(stranger, { type: 'bearer' }).expect(403);
    });
  });
});
