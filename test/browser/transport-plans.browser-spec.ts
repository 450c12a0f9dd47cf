import '../support/unreachable-tiles.env';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import type { INestApplicationContext } from '@nestjs/common';
import { addDays, todayInVietnam, UsersService } from '@agrilink/core';
import {
  ensureProduct,
  makeBuyer,
  makeCooperative,
  makePurchaseRequest,
  makeSupplyLot,
  makeTransportOperator,
  makeVehicle,
} from '@agrilink/testing';
import { startInProcessWorker } from '../support/matching';
import { createTestApp, TestApp } from '../support/test-app';
import { launchChromium, screenshot, signedInPage } from './browser';

// Issue 14 items 5–6 in a real browser: staff plan a day's trucks, see the trips on the map
// against one truck per load, and turn the plan into load offers with one action.
const PASSWORD = 'Browser@12345';
const PRODUCT = 'BR_TPLAN';
const pt = (lat: number, lng: number) => ({ type: 'Point' as const, coordinates: [lng, lat] }) as any;

describe('transport plans screen in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let worker: INestApplicationContext;
  const day = addDays(todayInVietnam(), 1);
  const email = 'staff-tplan@test.agrilink.vn';

  beforeAll(async () => {
    if (!existsSync(resolve(__dirname, '../../apps/web/dist/index.html')))
      throw new Error('apps/web/dist is missing: run `npm run build:web`');
    t = await createTestApp();
    const ds = t.dataSource;
    await ensureProduct(ds, { code: PRODUCT, nameVi: 'Lúa thử nghiệm', nameEn: 'Test paddy', shelfLifeDays: 60 });
    await t.app.get(UsersService).create(null, { email, password: PASSWORD, role: 'staff', organizationId: null });
    const staff = await t.tokenFor('staff');
    const buyer = await makeBuyer(ds, { name: 'Công ty Lương Thực Cần Thơ' });
    for (const [lat, lng, kg] of [
      [10.01, 105.08, 2_000],
      [10.05, 105.12, 2_500],
    ] as const) {
      const coop = await makeCooperative(ds);
      const lot = await makeSupplyLot(ds, {
        cooperativeId: coop.id,
        productCode: PRODUCT,
        quantityKg: 10_000,
        location: pt(lat, lng),
        provinceCode: '91',
      });
      const request = await makePurchaseRequest(ds, {
        buyerId: buyer.id,
        productCode: PRODUCT,
        quantityKg: 10_000,
        location: pt(10.03, 105.77),
        provinceCode: '92',
      });
      const deal = await t.http().post('/api/deals').auth(staff, { type: 'bearer' }).send({
        supplyLotId: lot.id,
        purchaseRequestId: request.id,
        quantityKg: kg,
        priceVndPerKg: 7_200,
        transportArranged: true,
      });
      expect(deal.status).toBe(201);
      const load = await t
        .http()
        .post('/api/loads')
        .auth(staff, { type: 'bearer' })
        .send({ dealId: deal.body.id, earliestPickupOn: todayInVietnam(), latestDeliveryOn: addDays(day, 3) });
      expect(load.status).toBe(201);
    }
    const operator = await makeTransportOperator(ds, {
      name: 'Vận tải Rạch Giá',
      location: pt(10.02, 105.1),
      serviceProvinceCodes: ['91', '92'],
    });
    await makeVehicle(ds, operator.id, { capacityKg: 8_000, kind: 'truck', plate: '68C-123.45' });
    worker = await startInProcessWorker();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await t?.close();
  });

  it('plans the day, draws the shared trip as a route, compares it with one truck per load, and makes the offers', async () => {
    const { page, seen } = await signedInPage(browser, baseUrl, { email, password: PASSWORD });
    await page.click('a[data-route="transport-plans"]');
    await page.fill('form.tp-form [name="date"]', day);
    await page.click('form.tp-form [data-action="run-plan"]');
    const trip = page.locator('.tp-trips .tp-trip');
    await trip.first().waitFor({ timeout: 30_000 });
    await expect(trip.count()).resolves.toBe(1);
    await expect(trip.first().textContent()).resolves.toContain('68C-123.45');
    await expect(page.locator('.tp-saving').textContent()).resolves.toMatch(/Tiết kiệm [\d,.]+% so với mỗi lô một xe/);
    await expect(page.locator('[data-figure="baseline"]').textContent()).resolves.toMatch(/đ$/);
    // The trip is a line on the map, from the depot through both pickups to the buyer.
    await expect(page.locator('path.tp-route').count()).resolves.toBe(1);
    await screenshot(page, 'transport-plan');
    await page.click('[data-action="make-offers"]');
    await expect(page.locator('.tp-confirm').textContent()).resolves.toContain('Tạo 2 chào giá');
    await page.click('[data-action="confirm-offers"]');
    await expect(page.locator('.tp-offers-made').textContent()).resolves.toBe('Đã tạo 2 chào giá vận chuyển');
    expect(seen).toEqual({ dialogs: [], errors: [] });
  });
});
