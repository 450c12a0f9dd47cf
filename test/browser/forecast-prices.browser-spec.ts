import '../support/unreachable-tiles.env';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { Role, UsersService } from '@agrilink/core';
import { makeCooperative } from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';
import { launchChromium, screenshot, signedInPage } from './browser';

// Issue 13 in a real browser: staff feed the price watch from its screen (a far-off price needs
// a confirmation), a cooperative fills its area's harvest schedule from the usual seasons, and the
// dashboard shows the forecast, the areas not yet posted and the harvest capacity.

const PASSWORD = 'Browser@12345';
function day(days: number): string {
  return new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

describe('harvest forecast and price watch in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let coopId: string;
  const emails: Record<string, string> = {};

  beforeAll(async () => {
    if (!existsSync(resolve(__dirname, '../../apps/web/dist/index.html')))
      throw new Error('apps/web/dist is missing: run `npm run build:web`');
    t = await createTestApp();
    const ds = t.dataSource;
    const [commune] = await ds.query(
      `SELECT id FROM administrative_units WHERE era = 'current' AND level = 'commune' AND province_code = '91' ORDER BY id LIMIT 1`,
    );
    coopId = (
      await makeCooperative(ds, {
        name: 'HTX Lúa Thạnh Hưng',
        provinceCode: '91',
        administrativeUnitId: commune.id,
        contactPhone: '0912345678',
        location: { type: 'Point', coordinates: [105.3, 9.93] } as any,
      })
    ).id;
    const users = t.app.get(UsersService);
    for (const [role, org] of [
      ['staff', null],
      ['cooperative', coopId],
    ] as Array<[Role, string | null]>) {
      emails[role] = `${role}-forecast@test.agrilink.vn`;
      await users.create(null, { email: emails[role], password: PASSWORD, role, organizationId: org });
    }
    // An area harvesting in 3 to 16 days, nothing posted on it yet.
    const staffToken = await t.tokenFor('staff');
    const square = [
      [105.29, 9.92],
      [105.32, 9.92],
      [105.32, 9.95],
      [105.29, 9.95],
      [105.29, 9.92],
    ];
    await t
      .http()
      .post('/api/production-areas')
      .auth(staffToken, { type: 'bearer' })
      .send({
        cooperativeId: coopId,
        product: 'LUA_TUOI_CLC',
        name: 'Cánh đồng lớn ấp 3',
        areaHa: 100,
        boundary: { type: 'Polygon', coordinates: [square] },
        harvestSchedule: [{ harvestFrom: day(3), harvestTo: day(16), expectedYieldKgPerHa: 6000 }],
      })
      .expect(201);
    await t
      .http()
      .post('/api/harvest-resources')
      .auth(staffToken, { type: 'bearer' })
      .send({ kind: 'combine_harvester', name: 'Máy gặt HTX', cooperativeId: coopId, capacityHaPerDay: 2 })
      .expect(201);
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const openAs = (role: Role) => signedInPage(browser, baseUrl, { email: emails[role], password: PASSWORD });

  it('posts a price observation from the price screen, and asks for a confirmation of a far-off price', async () => {
    const { page, seen } = await openAs('staff');
    await page.click('a[data-route="prices"]');
    const form = page.locator('form.price-form');
    await form.waitFor();
    await form.locator('[name="product"]').selectOption('LUA_TUOI_CLC');
    await form.locator('[name="marketName"]').fill('Chợ lúa Rạch Giá');
    await form.locator('[name="priceVndPerKg"]').fill('7.200');
    await form.locator('[name="provinceCode"]').selectOption('91');
    await form.locator('[name="source"]').fill('Phòng Kinh tế');
    await form.locator('button[type="submit"]').click();
    await page.locator('.price-table .price-row', { hasText: 'Chợ lúa Rạch Giá' }).waitFor();
    const rows = await t.dataSource.query(
      `SELECT product_code, price_vnd_per_kg, market_name, province_code, outside_band FROM price_observations`,
    );
    expect(rows).toEqual([
      {
        product_code: 'LUA_TUOI_CLC',
        price_vnd_per_kg: 7200,
        market_name: 'Chợ lúa Rạch Giá',
        province_code: '91',
        outside_band: false,
      },
    ]);

    // Farm inputs are in the list; 7 đ/kg of rice is refused until confirmed.
    await expect(form.locator('[name="product"] optgroup option[value="PHAN_URE"]').count()).resolves.toBe(1);
    await form.locator('[name="priceVndPerKg"]').fill('7');
    await form.locator('button[type="submit"]').click();
    await form.locator('.field[data-field="priceVndPerKg"].invalid').waitFor();
    await expect(form.locator('.field[data-field="priceVndPerKg"] .field-error').textContent()).resolves.toContain(
      'xa ngoài khoảng',
    );
    await screenshot(page, '30-price-outlier-confirmation');
    await form.locator('.confirm-outlier input').check();
    await form.locator('button[type="submit"]').click();
    await page.locator('.price-table .tag.warn').waitFor();
    expect(
      (await t.dataSource.query(`SELECT count(*)::int AS n FROM price_observations WHERE outside_band`))[0].n,
    ).toBe(1);
    expect(seen).toEqual({ dialogs: [], errors: [] });
  });

  it('fills the harvest schedule of a new area from the usual seasons of the region', async () => {
    const { page, seen } = await openAs('cooperative');
    await page.click('a[data-route="areas"]');
    const form = page.locator('form.area-form');
    await form.waitFor();
    await form.locator('[name="product"]').selectOption('LUA_TUOI_CLC');
    await form.locator('.fill-usual-seasons').click();
    await form.locator('.schedule-row').nth(2).waitFor();
    const seasons = await form.locator('.schedule-row .season').evaluateAll((els) => els.map((e) => (e as any).value));
    expect(seasons).toEqual(expect.arrayContaining(['Đông Xuân', 'Hè Thu', 'Thu Đông']));
    await expect(form.locator('.schedule-note').textContent()).resolves.toContain('7.4 t/ha');
    // The existing area shows its season on its card.
    await expect(
      page.locator('.area-card', { hasText: 'Cánh đồng lớn ấp 3' }).locator('.schedule-summary').textContent(),
    ).resolves.toContain('6.000 kg/ha');
    await screenshot(page, '31-area-harvest-schedule');
    expect(seen).toEqual({ dialogs: [], errors: [] });
  });

  it('lets staff record a combine harvester with the communes it serves', async () => {
    const { page, seen } = await openAs('staff');
    await page.click('a[data-route="harvest-resources"]');
    const form = page.locator('form.resource-form');
    await form.waitFor();
    const [commune] = await t.dataSource.query(`SELECT administrative_unit_id AS id FROM cooperatives WHERE id = $1`, [
      coopId,
    ]);
    await form.locator('[name="kind"]').selectOption('combine_harvester');
    await form.locator('[name="name"]').fill('Máy gặt dịch vụ Tân Hiệp');
    await form.locator('[name="capacityHaPerDay"]').fill('5');
    await form.locator('[name="serviceProvince"]').selectOption('91');
    await page.waitForFunction(
      (id) => !!(globalThis as any).document.querySelector(`.service-communes option[value="${id}"]`),
      commune.id,
    );
    await form.locator('[name="serviceCommuneIds"]').selectOption([commune.id]);
    await form.locator('button[type="submit"]').click();
    await page.locator('.resource-card', { hasText: 'Máy gặt dịch vụ Tân Hiệp' }).waitFor();
    const [row] = await t.dataSource.query(
      `SELECT kind, capacity_ha_per_day::float AS cap, service_commune_ids FROM harvest_resources WHERE name = 'Máy gặt dịch vụ Tân Hiệp'`,
    );
    expect(row).toEqual({ kind: 'combine_harvester', cap: 5, service_commune_ids: [commune.id] });
    expect(seen).toEqual({ dialogs: [], errors: [] });
  });

  it('shows staff the forecast, the areas to call and the capacity shortage on the dashboard', async () => {
    const { page, seen } = await openAs('staff');
    await page.click('a[data-route="dashboard"]');
    await page.waitForSelector('.panel[data-loaded="true"]');
    await expect(page.locator('#forecast-chart').getAttribute('data-forecast-kg')).resolves.toBe('600000');
    await expect(page.locator('.forecast-note').textContent()).resolves.toContain('600 tấn');
    await page.click('.show-unposted-areas');
    const card = page.locator('.unposted-area', { hasText: 'HTX Lúa Thạnh Hưng' });
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain('0912345678');
    await expect(page.locator('.capacity-flags .capacity-shortage').count()).resolves.toBeGreaterThan(0);
    await page.locator('.forecast-section').scrollIntoViewIfNeeded();
    await screenshot(page, '32-dashboard-harvest-forecast');
    expect(seen).toEqual({ dialogs: [], errors: [] });
  });
});
