import '../support/unreachable-tiles.env';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { Role, UsersService, Zone } from '@agrilink/core';
import type { INestApplicationContext } from '@nestjs/common';
import {
  ensureProduct,
  makeBuyer,
  makeCooperative,
  makeProductionArea,
  makePurchaseRequest,
  makeSupplyLot,
} from '@agrilink/testing';
import { startInProcessWorker } from '../support/matching';
import { createTestApp, TestApp } from '../support/test-app';
import { launchChromium, openScreen, screenshot, signedInPage } from './browser';

// The screens issue 5 and 6 still lacked: the staff dashboard, imports, lockdown zones and
// production areas drawn on the map, the registry and deals. Same real api, database,
// Redis and worker as web.browser-spec.ts; its own data.

const PASSWORD = 'Browser@12345';
const COOP_NAME = 'HTX Dịch vụ Nông nghiệp Gành Dầu';

/** A calendar day `days` from today in Việt Nam (UTC+7), as the server and the browser (timezoneId below) count days. */
function day(days: number): string {
  return new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}
const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');

describe('staff dashboard, imports, drawing on the map, registry and deals in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let coopId: string;
  let buyerId: string;
  let worker: INestApplicationContext | undefined;
  let backlogPlaces = 1;
  const emails: Record<string, string> = {};

  beforeAll(async () => {
    if (!existsSync(resolve(__dirname, '../../apps/web/dist/index.html'))) {
      throw new Error('apps/web/dist is missing: run `npm run build:web` (npm run test:browser does)');
    }
    t = await createTestApp();
    const ds = t.dataSource;
    await ensureProduct(ds, { code: 'LUA_ST', nameVi: 'Lúa ST25', nameEn: 'ST25 paddy' });
    await ensureProduct(ds, { code: 'HO_TIEU', nameVi: 'Hồ tiêu Phú Quốc', nameEn: 'Phu Quoc pepper' });
    // Two communes (when the administrative registry is loaded), so the backlog shows two places.
    const communes: Array<{ id: string }> = await ds.query(
      `SELECT id FROM administrative_units WHERE era = 'current' AND level = 'commune' ORDER BY id LIMIT 2`,
    );
    backlogPlaces = communes.length === 2 ? 2 : 1;
    const coop = await makeCooperative(ds, {
      name: COOP_NAME,
      contactPhone: '0912345678',
      administrativeUnitId: communes[0]?.id ?? null,
      location: { type: 'Point', coordinates: [104.0, 10.35] } as any,
    });
    coopId = coop.id;
    const other = await makeCooperative(ds, {
      name: 'HTX Thạnh Lộc',
      administrativeUnitId: communes[1]?.id ?? null,
      location: { type: 'Point', coordinates: [105.2, 9.95] } as any,
    });
    await makeProductionArea(ds, {
      cooperativeId: coopId,
      productCode: 'HO_TIEU',
      name: 'Vùng tiêu Gành Dầu',
      boundary: {
        type: 'Polygon',
        coordinates: [
          [
            [103.98, 10.33],
            [104.02, 10.33],
            [104.02, 10.37],
            [103.98, 10.37],
            [103.98, 10.33],
          ],
        ],
      },
      centroid: { type: 'Point', coordinates: [104.0, 10.35] },
    });
    // Harvest this week and in the coming weeks (the calendar), and lots whose window has passed unsold (the backlog).
    await makeSupplyLot(ds, {
      cooperativeId: coopId,
      productCode: 'LUA_ST',
      quantityKg: 60_000,
      harvestFrom: day(0),
      harvestTo: day(20),
      askVndPerKg: 7_200,
    });
    await makeSupplyLot(ds, {
      cooperativeId: coopId,
      productCode: 'HO_TIEU',
      quantityKg: 20_000,
      harvestFrom: day(7),
      harvestTo: day(14),
      askVndPerKg: 120_000,
    });
    await makeSupplyLot(ds, {
      cooperativeId: coopId,
      productCode: 'LUA_ST',
      quantityKg: 40_000,
      harvestFrom: day(-30),
      harvestTo: day(-5),
      location: { type: 'Point', coordinates: [104.0, 10.35] } as any,
    });
    await makeSupplyLot(ds, {
      cooperativeId: other.id,
      productCode: 'LUA_ST',
      quantityKg: 15_000,
      harvestFrom: day(-25),
      harvestTo: day(-3),
      location: { type: 'Point', coordinates: [105.2, 9.95] } as any,
    });
    const market = await makeBuyer(ds, {
      name: 'Chợ đầu mối Bình Điền',
      location: { type: 'Point', coordinates: [106.6225, 10.7225] } as any,
    });
    buyerId = market.id;
    await ds.getRepository(Zone).save({
      code: 'PT-SEED',
      name: 'Vùng phong tỏa có sẵn',
      boundary: {
        type: 'Polygon',
        coordinates: [
          [
            [105.5, 10.5],
            [105.8, 10.5],
            [105.8, 10.8],
            [105.5, 10.8],
            [105.5, 10.5],
          ],
        ],
      } as any,
      restricted: true,
      searchText: 'vung phong toa co san',
    });

    const users = t.app.get(UsersService);
    const enrol = async (role: Role, organizationId: string | null) => {
      emails[role] = `${role}-screens@test.agrilink.vn`;
      await users.create(null, { email: emails[role], password: PASSWORD, role, organizationId });
    };
    await enrol('cooperative', coopId);
    await enrol('staff', null);
    await enrol('buyer', buyerId);

    // Through the api, as staff would: market prices (pepper jumps this week) and a deal.
    const staffToken = await t.tokenFor('staff', null);
    const prices: Array<[string, number, number]> = [
      ['HO_TIEU', -14, 100_000],
      ['HO_TIEU', -7, 102_000],
      ['HO_TIEU', 0, 130_000],
      ['LUA_ST', -14, 7_000],
      ['LUA_ST', -7, 7_100],
      ['LUA_ST', 0, 7_150],
    ];
    for (const [product, offset, price] of prices) {
      const res = await t
        .http()
        .post('/api/price-observations')
        .auth(staffToken, { type: 'bearer' })
        .send({
          product,
          marketName: 'Chợ Rạch Giá',
          provinceCode: '91',
          observedOn: day(offset),
          priceVndPerKg: price,
          source: 'Sở Công Thương',
        });
      expect(res.status).toBe(201);
    }
    const dealLot = await makeSupplyLot(ds, {
      cooperativeId: coopId,
      productCode: 'LUA_ST',
      quantityKg: 30_000,
      harvestFrom: day(5),
      harvestTo: day(20),
    });
    const request = await makePurchaseRequest(ds, {
      buyerId,
      productCode: 'LUA_ST',
      quantityKg: 50_000,
      bidVndPerKg: 7_500,
      deliverFrom: day(5),
      deliverTo: day(40),
    });
    const deal = await t
      .http()
      .post('/api/deals')
      .auth(staffToken, { type: 'bearer' })
      .send({ supplyLotId: dealLot.id, purchaseRequestId: request.id, quantityKg: 12_000, priceVndPerKg: 7_400 });
    expect(deal.status).toBe(201);

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

  const openAs = (role: Role, viewport = { width: 1280, height: 800 }) =>
    signedInPage(browser, baseUrl, { email: emails[role], password: PASSWORD }, { viewport, acceptDownloads: true });

  /** Waits for the map to stop its zoom animation, so screenshots show it at rest. */
  async function settle(page: Page) {
    await page.waitForFunction(() => !(globalThis as any).document.querySelector('.leaflet-zoom-anim'));
    await page.waitForTimeout(300);
  }

  /** Clicks the map at fractions of its box (a corner of a drawing). */
  async function clickMap(page: Page, fx: number, fy: number) {
    const box = (await page.locator('#map').boundingBox())!;
    await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
  }

  async function drawSquare(page: Page, scope: ReturnType<Page['locator']>) {
    await scope.locator('.draw-start').click();
    for (const [fx, fy] of [
      [0.42, 0.4],
      [0.58, 0.4],
      [0.58, 0.6],
      [0.42, 0.6],
    ]) {
      await clickMap(page, fx, fy);
    }
    await expect(scope.locator('.draw-state').textContent()).resolves.toContain('4 góc');
    await scope.locator('.draw-finish').click();
    await expect(scope.locator('.draw-state').textContent()).resolves.toMatch(/Đã vẽ vùng 4 góc/);
  }

  it('shows staff the week in figures and charts: harvest calendar, price trends with the watch flag, backlog circles on the map, and the Excel report', async () => {
    const { page, seen } = await openAs('staff');
    await page.click('a[data-route="dashboard"]');
    await page.waitForSelector('.panel[data-loaded="true"]');
    // Key figures with units in tấn and đ/kg.
    await expect(page.locator('.kpi[data-kpi="harvestedKg"] .kpi-value').textContent()).resolves.toMatch(/tấn/);
    await expect(page.locator('.kpi[data-kpi="backlogKg"] .kpi-value').textContent()).resolves.toBe('55 tấn');
    await expect(page.locator('.kpi[data-kpi="avgAskVndPerKg"] .kpi-value').textContent()).resolves.toMatch(/đ\/kg/);
    // Charts drawn on canvases, one series per product.
    await expect(page.locator('#harvest-chart').getAttribute('data-series')).resolves.toBe('2');
    await expect(page.locator('#price-chart').getAttribute('data-series')).resolves.toBe('2');
    const painted = await page.evaluate(() => {
      const c = (globalThis as any).document.getElementById('harvest-chart');
      return c.width > 0 && c.height > 0;
    });
    expect(painted).toBe(true);
    // Pepper moved 27 % in a week: flagged; rice moved 0.7 %: not.
    const flags = page.locator('.price-flag');
    await expect(flags.count()).resolves.toBe(1);
    await expect(flags.first().getAttribute('data-product')).resolves.toBe('HO_TIEU');
    await expect(flags.first().textContent()).resolves.toMatch(/Hồ tiêu Phú Quốc: giá tăng 27,5%/);
    // Backlog by commune: a circle per place, sized by tonnes.
    await page.waitForSelector('path.backlog-circle');
    expect(await page.locator('path.backlog-circle').count()).toBe(backlogPlaces);
    await expect(page.locator('.backlog-list li').count()).resolves.toBe(backlogPlaces);
    await settle(page);
    await screenshot(page, '10-staff-dashboard');
    await page.locator('#price-chart').scrollIntoViewIfNeeded();
    await screenshot(page, '10b-staff-dashboard-charts');

    // The weekly report as Excel, through the authenticated download.
    const [file] = await Promise.all([page.waitForEvent('download'), page.click('button.download-xlsx')]);
    expect(file.suggestedFilename()).toMatch(/^bao-cao-tuan-\d{4}-W\d{2}\.xlsx$/);
    const path = await file.path();
    const head = readFileSync(path).subarray(0, 2).toString();
    expect(head).toBe('PK');

    // A bad week answers in Vietnamese before any request.
    await page.fill('form.dashboard-form [name="thresholdPercent"]', '');
    await page.click('form.dashboard-form button[type="submit"]');
    await expect(page.locator('.field[data-field="thresholdPercent"] .field-error').textContent()).resolves.toContain(
      'Ngưỡng phải là số',
    );
    expect(seen.errors).toEqual([]);
    await page.context().close();

    // On a phone: the map on top, figures two by two below, nothing wider than the screen.
    const phone = await openAs('staff', { width: 390, height: 844 });
    await phone.page.goto(`${baseUrl}/#/dashboard`);
    await phone.page.waitForSelector('.panel[data-loaded="true"]');
    await phone.page.waitForSelector('path.backlog-circle');
    expect(
      await phone.page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(390);
    await settle(phone.page);
    await phone.page.locator('.kpis').scrollIntoViewIfNeeded();
    await screenshot(phone.page, '10c-staff-dashboard-phone');
    await phone.page.context().close();
  });

  it('lets staff draw a lockdown zone that then shows shaded on the map, and lift its restriction', async () => {
    const { page, seen } = await openAs('staff');
    await page.click('a[data-route="zones"]');
    const form = page.locator('form.zone-form');
    await form.waitFor();
    // Nothing drawn yet: Vietnamese messages, no request.
    await form.locator('button[type="submit"]').click();
    await expect(form.locator('.field[data-field="polygon"] .field-error').textContent()).resolves.toContain(
      'Vẽ vùng trên bản đồ hoặc chọn ít nhất một xã/phường',
    );
    await expect(form.locator('.field[data-field="code"] .field-error').textContent()).resolves.toContain(
      'Vui lòng nhập Mã vùng',
    );

    // Centre the map on the seeded zone, then draw a square inside it.
    await page.locator('.zone-card[data-zone-code="PT-SEED"] button.show-zone').click();
    await page.waitForSelector('path.zone-area');
    const before = await page.locator('path.zone-area').count();
    await form.locator('[name="code"]').fill('pt-ben-luc');
    await form.locator('[name="name"]').fill('Phong tỏa thị trấn Bến Lức');
    await form.locator('[name="from"]').fill(day(-1));
    await form.locator('[name="to"]').fill(day(30));
    await drawSquare(page, form);
    await screenshot(page, '11-staff-zone-drawing');
    await form.locator('button[type="submit"]').click();

    const card = page.locator('.zone-card[data-zone-code="PT-BEN-LUC"]');
    await card.waitFor();
    const [row] = await t.dataSource.query(
      `SELECT restricted, active_from::text AS "from", ST_NPoints(boundary::geometry) AS n FROM zones WHERE code = 'PT-BEN-LUC'`,
    );
    expect(row).toEqual({ restricted: true, from: day(-1), n: 5 });
    await page.waitForFunction(
      (n) => (globalThis as any).document.querySelectorAll('path.zone-area').length > n,
      before,
    );
    await settle(page);
    await screenshot(page, '12-staff-zone-on-map');

    // Lift the restriction from the list: a PATCH, kept in the database.
    await card.locator('input.zone-restricted').uncheck();
    await card.locator('.toggle-note', { hasText: 'Đã lưu' }).waitFor();
    const [after] = await t.dataSource.query(`SELECT restricted FROM zones WHERE code = 'PT-BEN-LUC'`);
    expect(after.restricted).toBe(false);
    expect(seen.errors).toEqual([]);
    await page.context().close();
  });

  it('lets a cooperative draw a production area on the map and post a lot on it', async () => {
    const { page, seen } = await openAs('cooperative', { width: 1280, height: 800 });
    await page.click('a[data-route="areas"]');
    const form = page.locator('form.area-form');
    await form.waitFor();
    await page
      .locator('.area-card', { hasText: 'Vùng tiêu Gành Dầu' })
      .getByRole('button', { name: 'Xem trên bản đồ' })
      .click();
    await form.locator('[name="name"]').fill('Ruộng lúa ấp Gành Dầu <b>mới</b>');
    await form.locator('[name="product"]').selectOption('LUA_ST');
    await drawSquare(page, form);
    // The drawn size fills the area field; the cooperative states its own.
    await expect(form.locator('[name="areaHa"]').inputValue()).resolves.toMatch(/^\d+(\.\d+)?$/);
    await form.locator('[name="areaHa"]').fill('8,5');
    await form.locator('[name="growingAreaCode"]').fill('VN-KG-0421');
    await form.locator('.checks input[value="VIETGAP"]').check();
    await screenshot(page, '13-cooperative-area-drawing');
    await form.locator('button[type="submit"]').click();

    const card = page.locator('.area-card', { hasText: 'Ruộng lúa ấp Gành Dầu <b>mới</b>' });
    await card.waitFor();
    expect(await page.locator('.area-card b').count()).toBe(0);
    const areaId = (await card.getAttribute('data-area-id'))!;
    const [area] = await t.dataSource.query(
      `SELECT cooperative_id, area_ha::float AS ha, product_code, growing_area_code FROM production_areas WHERE id = $1`,
      [areaId],
    );
    expect(area).toEqual({ cooperative_id: coopId, ha: 8.5, product_code: 'LUA_ST', growing_area_code: 'VN-KG-0421' });

    // Post a lot on it: the area comes preselected, no location to pick.
    await card.locator('button.post-lot-here').click();
    const lotForm = page.locator('form.lot-form');
    await lotForm.waitFor();
    // The area list loads with the form; then the chosen one is selected.
    await page.waitForFunction(
      (id) => (globalThis as any).document.querySelector('form.lot-form [name="productionAreaId"]')?.value === id,
      areaId,
    );
    await expect(lotForm.locator('[name="product"]').inputValue()).resolves.toBe('LUA_ST');
    await lotForm.locator('[name="quantityKg"]').fill('42000');
    await lotForm.locator('[name="harvestFrom"]').fill(day(10));
    await lotForm.locator('[name="harvestTo"]').fill(day(25));
    await lotForm.locator('[name="askVndPerKg"]').fill('7400');
    await lotForm.locator('[name="note"]').fill('Lô trên ruộng mới vẽ');
    await lotForm.locator('button[type="submit"]').click();
    await page.locator('.my-lots .card', { hasText: 'Lô trên ruộng mới vẽ' }).waitFor();
    const [lot] = await t.dataSource.query(
      `SELECT l.quantity_kg::int AS q, ST_Intersects(l.location::geometry, a.boundary) AS inside
         FROM supply_lots l JOIN production_areas a ON a.id = l.production_area_id WHERE l.production_area_id = $1`,
      [areaId],
    );
    expect(lot).toEqual({ q: 42_000, inside: true });
    await page.waitForSelector('path.production-area');
    await settle(page);
    await screenshot(page, '14-cooperative-lot-on-area');
    expect(seen.errors).toEqual([]);
    await page.context().close();
  });

  it('lets staff import a small CSV and see its progress and row errors, then write the good rows', async () => {
    const { page, seen } = await openAs('staff');
    await page.click('a[data-route="imports"]');
    const form = page.locator('form.import-form');
    await form.waitFor();
    await form.locator('button[type="submit"]').click();
    await expect(form.locator('.field[data-field="file"] .field-error').textContent()).resolves.toBe(
      'Vui lòng chọn tệp bảng tính',
    );

    const header =
      'Tên HTX,Mã sản phẩm,Sản lượng (kg),Thu hoạch từ ngày,Thu hoạch đến ngày,Giá chào bán (đồng/kg),Vĩ độ,Kinh độ,Chứng nhận,Ghi chú';
    const rows = [
      `${COOP_NAME},LUA_ST,"25.000",${ddmmyyyy(day(40))},${ddmmyyyy(day(50))},"7.100","10,34","104,01",VIETGAP,Nhập từ huyện 1`,
      `${COOP_NAME},LUA_ST,abc,${ddmmyyyy(day(40))},${ddmmyyyy(day(50))},"7.100","10,34","104,01",,Nhập từ huyện 2`,
      `${COOP_NAME},HO_TIEU,"3.500",${ddmmyyyy(day(45))},${ddmmyyyy(day(60))},"125.000","10,35","104,02",,Nhập từ huyện 3`,
      `${COOP_NAME},LUA_ST,"10.000",31/02/2026,${ddmmyyyy(day(50))},"7.000","10,34","104,01",,Nhập từ huyện 4`,
    ];
    const csv = Buffer.from(`\ufeff${header}\n${rows.join('\n')}\n`, 'utf8');
    await form.locator('[name="kind"]').selectOption('supply-lots');
    await form.locator('[name="file"]').setInputFiles({ name: 'huyen-an-bien.csv', mimeType: 'text/csv', buffer: csv });
    await form.locator('button[type="submit"]').click();

    const status = page.locator('.import-status');
    await page.waitForSelector('.import-status[data-status="completed"], .import-status[data-status="failed"]', {
      timeout: 30_000,
    });
    // All or nothing: the bad rows fail the file and nothing is written, with the reason in Vietnamese.
    await expect(status.getAttribute('data-status')).resolves.toBe('failed');
    await expect(status.locator('.import-error').textContent()).resolves.toContain('không ghi dòng nào');
    await expect(status.locator('.hint').textContent()).resolves.toContain('Ghi các dòng hợp lệ');
    await expect(status.locator('[data-count="total"]').textContent()).resolves.toBe('4');
    await expect(status.locator('[data-count="invalid"]').textContent()).resolves.toBe('2');
    const errorRows = status.locator('table.row-errors tbody tr');
    await errorRows.first().waitFor();
    const errorText = (await status.locator('table.row-errors').textContent())!;
    expect(errorText).toContain('Sản lượng (kg)');
    expect(errorText).toContain('Thu hoạch từ ngày');
    await screenshot(page, '15-staff-import-errors');
    expect(
      Number((await t.dataSource.query(`SELECT count(*) FROM supply_lots WHERE note LIKE 'Nhập từ huyện%'`))[0].count),
    ).toBe(0);

    // The errors as a file, and a template, both through authenticated downloads.
    const [errorsFile] = await Promise.all([
      page.waitForEvent('download'),
      status.locator('button.download-errors').click(),
    ]);
    expect(errorsFile.suggestedFilename()).toMatch(/\.xlsx$/);
    const [template] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('button.template-link[data-kind="supply-lots"]').click(),
    ]);
    expect(template.suggestedFilename()).toMatch(/\.xlsx$/);

    // Partial mode writes the two good rows.
    await form.locator('[name="mode"]').selectOption('partial');
    await form.locator('[name="file"]').setInputFiles({ name: 'huyen-an-bien.csv', mimeType: 'text/csv', buffer: csv });
    await form.locator('button[type="submit"]').click();
    await page.waitForSelector('.import-status[data-status="completed"]', { timeout: 30_000 });
    await expect(status.locator('progress').getAttribute('value')).resolves.toBe('100');
    await expect(status.locator('[data-count="written"]').textContent()).resolves.toBe('2');
    await expect(status.locator('table.row-errors tbody tr').count()).resolves.toBeGreaterThanOrEqual(2);
    await screenshot(page, '16-staff-import-partial');
    expect(
      Number((await t.dataSource.query(`SELECT count(*) FROM supply_lots WHERE note LIKE 'Nhập từ huyện%'`))[0].count),
    ).toBe(2);
    expect(seen.errors).toEqual([]);
    await page.context().close();
  });

  it('shows the cooperative its deal, lets staff record the delivery, and the buyer then sees it delivered', async () => {
    const coop = await openAs('cooperative', { width: 390, height: 844 });
    await openScreen(coop.page, 'deals');
    const deal = coop.page.locator('.deal-list .deal').first();
    await deal.waitFor();
    // The parties' names arrive after the deal itself.
    await coop.page.waitForFunction(
      () => (globalThis as any).document.querySelector('.deal-list .deal .parties')?.textContent !== '…',
    );
    await expect(deal.locator('.parties').textContent()).resolves.toBe(`${COOP_NAME} → Chợ đầu mối Bình Điền`);
    await expect(deal.locator('.badge').textContent()).resolves.toBe('đã chốt, chờ giao');
    await screenshot(coop.page, '17-cooperative-deals-phone');
    await coop.page.context().close();

    const staff = await openAs('staff');
    await staff.page.click('a[data-route="deals"]');
    // The delivery form starts with what is left (the whole 12 tấn) and today's date.
    await staff.page.locator('.deal-list .deal details.deliveries summary').first().click();
    await staff.page.locator('form.delivery-form button.save-delivery').first().click();
    await staff.page.locator('.deal-delivered').first().waitFor();
    await staff.page.context().close();

    const buyer = await openAs('buyer');
    await buyer.page.click('a[data-route="deals"]');
    const delivered = buyer.page.locator('.deal-list .deal-delivered').first();
    await delivered.waitFor();
    await expect(delivered.textContent()).resolves.toContain('12 tấn');
    expect(buyer.seen.errors).toEqual([]);
    await buyer.page.context().close();
  });

  it('lets staff edit a cooperative in the registry, with the server’s checks shown on the fields', async () => {
    const { page, seen } = await openAs('staff');
    await page.click('a[data-route="registry"]');
    await page.fill('form.search input[type="search"]', 'ganh dau');
    await page.click('form.search button[type="submit"]');
    const card = page.locator('.registry-list .org', { hasText: COOP_NAME });
    await card.waitFor();
    await card.locator('button.edit-org').click();
    const form = page.locator('form.org-form');
    await form.waitFor();
    await form.locator('[name="contactPhone"]').fill('12');
    await form.locator('button[type="submit"]').click();
    await expect(form.locator('.field[data-field="contactPhone"] .field-error').textContent()).resolves.toContain(
      'Số điện thoại không hợp lệ',
    );
    await form.locator('[name="contactPhone"]').fill('0297 3862 123');
    await form.locator('[name="members"]').fill('64');
    await form.locator('button[type="submit"]').click();
    await page.locator('.registry-list').waitFor();
    const [row] = await t.dataSource.query('SELECT members, contact_phone FROM cooperatives WHERE id = $1', [coopId]);
    expect(row.members).toBe(64);
    expect(row.contact_phone).toMatch(/2973862123$/);
    await screenshot(page, '18-staff-registry');
    expect(seen.errors).toEqual([]);
    await page.context().close();
  });
});
