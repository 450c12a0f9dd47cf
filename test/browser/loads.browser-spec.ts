import '../support/unreachable-tiles.env';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { addDays, Role, todayInVietnam, UsersService } from '@agrilink/core';
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
import { launchChromium, screenshot, signedInPage } from './browser';

// Issue 14 items 2 and 4 in a real browser: the seller posts its deal's load, an operator offers a
// truck, the seller accepts it; the seller's lot shows its zone's curfew; checkpoints on the map.
const PASSWORD = 'Browser@12345';
const PRODUCT = 'BR_LOADS';
const COMMUNE = 'current:commune:30292';

describe('loads and offers, curfew notice and checkpoints in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let dealId: string;
  let lotId: string;
  const emails: Partial<Record<Role, string>> = {};
  const today = todayInVietnam();

  beforeAll(async () => {
    if (!existsSync(resolve(__dirname, '../../apps/web/dist/index.html')))
      throw new Error('apps/web/dist is missing: run `npm run build:web`');
    t = await createTestApp();
    const ds = t.dataSource;
    await ensureProduct(ds, {
      code: PRODUCT,
      nameVi: 'Lúa chở thử',
      nameEn: 'Hauled paddy',
      shelfLifeDays: 60,
      typicalPriceMinVnd: 6_000,
      typicalPriceMaxVnd: 9_000,
    });
    const coop = await makeCooperative(ds, { name: 'HTX Bình Đức', administrativeUnitId: COMMUNE });
    const buyer = await makeBuyer(ds, { name: 'Chợ đầu mối Bình Điền' });
    const operator = await makeTransportOperator(ds, {
      name: 'Vận tải Rạch Giá',
      serviceProvinceCodes: ['91'],
      provinceCode: '91',
    });
    await makeVehicle(ds, operator.id, { plate: '68C-123.45', capacityKg: 8_000 });
    const lot = await makeSupplyLot(ds, {
      cooperativeId: coop.id,
      productCode: PRODUCT,
      quantityKg: 20_000,
      harvestFrom: today,
      harvestTo: addDays(today, 10),
    });
    lotId = lot.id;
    const request = await makePurchaseRequest(ds, {
      buyerId: buyer.id,
      productCode: PRODUCT,
      quantityKg: 20_000,
      deliverFrom: today,
      deliverTo: addDays(today, 20),
    });

    const users = t.app.get(UsersService);
    const enrol = async (role: Role, organizationId: string | null) => {
      emails[role] = `${role}-loads@test.agrilink.vn`;
      await users.create(null, { email: emails[role], password: PASSWORD, role, organizationId });
    };
    await enrol('cooperative', coop.id);
    await enrol('transport', operator.id);
    await enrol('staff', null);
    const staff = await t.tokenFor('staff');
    const deal = await t.http().post('/api/deals').auth(staff, { type: 'bearer' }).send({
      supplyLotId: lot.id,
      purchaseRequestId: request.id,
      quantityKg: 6_000,
      priceVndPerKg: 7_400,
      transportArranged: true,
    });
    expect(deal.status).toBe(201);
    dealId = deal.body.id;
    const zone = await t
      .http()
      .post('/api/zones')
      .auth(staff, { type: 'bearer' })
      .send({
        code: 'KG-BINHDUC',
        name: 'Phong tỏa phường Bình Đức',
        administrativeUnitIds: [COMMUNE],
        curfew: { allowedFrom: '18:00', allowedTo: '05:00' },
      });
    expect(zone.status).toBe(201);
    const cp = await t
      .http()
      .post('/api/checkpoints')
      .auth(staff, { type: 'bearer' })
      .send({ name: 'Chốt cầu Cái Lớn', location: { lat: 9.95, lng: 105.2 }, zoneId: zone.body.id });
    expect(cp.status).toBe(201);

    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const openAs = (role: Role) => signedInPage(browser, baseUrl, { email: emails[role]!, password: PASSWORD });

  it('lets the seller post the load, an operator offer its truck, and the seller accept it', async () => {
    const seller = await openAs('cooperative');
    await seller.page.click('a[data-route="loads"]');
    const post = seller.page.locator('form.load-form');
    await post.waitFor();
    await post.locator('[name="dealId"]').selectOption(dealId);
    await post.locator('[name="refrigerated"]').uncheck();
    await post.locator('button.post-load-submit').click();
    const card = seller.page.locator('.load-list .load').first();
    await card.waitFor();
    await expect(card.locator('.load-status .badge').textContent()).resolves.toBe('đang tìm xe');
    await expect(card.locator('.load-offers .empty').textContent()).resolves.toBe('Chưa có chào giá nào');
    const loadId = (await card.getAttribute('data-load-id'))!;

    const op = await openAs('transport');
    await op.page.click('a[data-route="loads"]');
    const openCard = op.page.locator(`.open-loads .load[data-load-id="${loadId}"]`);
    await openCard.waitFor();
    await expect(openCard.locator('h3').textContent()).resolves.toContain('Lúa chở thử · 6 tấn');
    const form = openCard.locator('form.offer-form');
    await expect(form.locator('[name="vehicleId"] option').first().textContent()).resolves.toContain('68C-123.45');
    await form.locator('[name="priceVnd"]').fill('-5');
    await form.locator('button.send-offer').click();
    await form.locator('.field[data-field="priceVnd"].invalid').waitFor();
    await form.locator('[name="priceVnd"]').fill('4500000');
    await form.locator('[name="pickupOn"]').fill(addDays(today, 1));
    await form.locator('button.send-offer').click();
    // The lot's commune is in a restricted zone and the truck has no green-lane permit: the reason, in Vietnamese.
    await form.locator('.field-error', { hasText: 'xe cần giấy phép luồng xanh còn hiệu lực ngày đó' }).waitFor();
    await screenshot(op.page, '40-operator-offer-needs-permit');
    // Staff lift the restriction (the curfew stays): the same offer goes through.
    const staff = await t.tokenFor('staff');
    const zones = await t.http().get('/api/zones?q=KG-BINHDUC').auth(staff, { type: 'bearer' });
    await t
      .http()
      .patch(`/api/zones/${zones.body.items[0].id}`)
      .auth(staff, { type: 'bearer' })
      .send({ restricted: false })
      .expect(200);
    await form.locator('button.send-offer').click();
    await op.page.locator('.my-offers .offer-pending').waitFor();
    await expect(op.page.locator('.my-offers .offer-pending').textContent()).resolves.toContain('4.500.000 đ');
    await screenshot(op.page, '41-operator-offer-sent');

    await seller.page.reload();
    await seller.page.waitForSelector('body[data-ready="true"]');
    const offer = seller.page.locator(`.load[data-load-id="${loadId}"] .offer-pending`);
    await offer.waitFor();
    await expect(offer.textContent()).resolves.toContain('Vận tải Rạch Giá');
    await offer.locator('button.accept-offer').click();
    await seller.page.locator(`.load-covered[data-load-id="${loadId}"] .offer-accepted`).waitFor();
    await expect(
      seller.page.locator(`.load[data-load-id="${loadId}"] .load-status .badge`).textContent(),
    ).resolves.toBe('đã đủ xe');
    await screenshot(seller.page, '42-seller-accepted-offer');
    const [row] = await t.dataSource.query(`SELECT status, covered_kg::int AS kg FROM loads WHERE id = $1`, [loadId]);
    expect(row).toEqual({ status: 'covered', kg: 6_000 });

    // The operator is told in its bell.
    await op.page.reload();
    await op.page.waitForSelector('body[data-ready="true"]');
    await op.page.locator('.my-offers .offer-accepted').waitFor();
    for (const p of [seller, op]) {
      expect(p.seen.errors).toEqual([]);
      expect(p.seen.dialogs).toEqual([]);
      await p.page.context().close();
    }
  });

  it("shows the seller its zone's curfew on its lot, and checkpoints on the map once signed in", async () => {
    const { page, seen } = await openAs('cooperative');
    await page.click('a[data-route="my-lots"]');
    const notice = page.locator(`.my-lots .card[data-lot-id="${lotId}"] .curfew-notice`);
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toBe(
      'Vùng Phong tỏa phường Bình Đức (KG-BINHDUC): xe chở hàng chỉ được lưu thông từ 18:00 đến 05:00',
    );
    await page.click('a[data-route="map"]');
    await page.waitForFunction(
      () => (globalThis as any).document.querySelector('#map')?.dataset.checkpointsCount === '1',
    );
    await page.locator('.checkpoint-marker').first().click();
    await expect(page.locator('.checkpoint-popup h3').textContent()).resolves.toBe('Chốt cầu Cái Lớn');
    await screenshot(page, '43-checkpoint-on-map');
    expect(seen.errors).toEqual([]);
    await page.context().close();
  });

  it('lets staff declare a zone by communes with curfew hours, then end it, with its history', async () => {
    const { page, seen } = await openAs('staff');
    await page.click('a[data-route="zones"]');
    const form = page.locator('form.zone-form');
    await form.waitFor();
    await form.locator('[name="code"]').fill('kg-my-thoi');
    await form.locator('[name="name"]').fill('Phong tỏa phường Mỹ Thới');
    await form.locator('.commune-search').fill('My Thoi');
    await form.locator('button.add-commune', { hasText: 'Mỹ Thới' }).first().click();
    await form.locator('.commune-chips .chip', { hasText: 'Mỹ Thới' }).waitFor();
    await form.locator('[name="curfewFrom"]').fill('18:00');
    await form.locator('[name="curfewTo"]').fill('05:00');
    await form.locator('button[type="submit"]').click();
    const card = page.locator('.zone-card[data-zone-code="KG-MY-THOI"]');
    await card.waitFor();
    await expect(card.locator('.zone-communes').textContent()).resolves.toBe('Theo xã/phường: 1 xã/phường');
    await expect(card.locator('.zone-curfew input').first().inputValue()).resolves.toBe('18:00');
    const [zone] = await t.dataSource.query(
      `SELECT id, administrative_unit_ids AS units, to_char(curfew_allowed_from, 'HH24:MI') AS f, to_char(curfew_allowed_to, 'HH24:MI') AS t FROM zones WHERE code = 'KG-MY-THOI'`,
    );
    expect(zone).toMatchObject({ units: ['current:commune:30301'], f: '18:00', t: '05:00' });
    await screenshot(page, '44-staff-zone-by-communes');

    await card.locator('button.end-zone').click();
    // Ending a zone asks first.
    await page.locator('dialog.confirm-dialog[open] button.confirm-ok').click();
    // The list re-renders with the zone's last day: today.
    const [y, m, d] = today.split('-');
    const ended = page.locator('.zone-card[data-zone-code="KG-MY-THOI"]', { hasText: `– ${d}/${m}/${y}` });
    await ended.waitFor();
    await ended.locator('details.history summary').click();
    await ended.locator('.audit-list li').nth(1).waitFor();
    const [row] = await t.dataSource.query(
      `SELECT to_char(active_to, 'YYYY-MM-DD') AS d FROM zones WHERE code = 'KG-MY-THOI'`,
    );
    expect(row.d).toBe(today);
    expect(seen.errors).toEqual([]);
    await page.context().close();
  });
});
