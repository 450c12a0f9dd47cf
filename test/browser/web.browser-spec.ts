import { UNREACHABLE_TILE_URL } from '../support/unreachable-tiles.env';
import { existsSync } from 'node:fs';
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
import { launchChromium, screenshot, watchPage } from './browser';

const XSS_NOTE = `<img src=x onerror="alert('xss-note')"><script>alert('xss-script')</script>`;
const XSS_COOP = `HTX <b>In đậm</b><img src=x onerror="alert('xss-coop')">`;
const PASSWORD = 'Browser@12345';
const LOT_NOTE = `Lúa ST25 vụ Đông Xuân, giao tại ruộng (browser ${Date.now()})`;

describe('web app in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let coopId: string;
  let buyerId: string;
  let worker: INestApplicationContext | undefined;
  const emails: Record<string, string> = {};

  beforeAll(async () => {
    if (!existsSync(resolve(__dirname, '../../apps/web/dist/index.html'))) {
      throw new Error('apps/web/dist is missing: run `npm run build:web` (npm run test:browser does)');
    }
    t = await createTestApp();
    const ds = t.dataSource;
    await ensureProduct(ds, { code: 'LUA_ST', nameVi: 'Lúa ST25', nameEn: 'ST25 paddy' });
    await ensureProduct(ds, { code: 'HO_TIEU', nameVi: 'Hồ tiêu Phú Quốc', nameEn: 'Phu Quoc pepper' });
    const coop = await makeCooperative(ds, {
      name: 'HTX Nông nghiệp Thạnh Phước Lợi',
      contactName: 'Nguyễn Văn A',
      contactPhone: '0912345678',
    });
    coopId = coop.id;
    const xssCoop = await makeCooperative(ds, { name: XSS_COOP });
    await makeProductionArea(ds, { cooperativeId: coopId, productCode: 'LUA_ST', name: 'Cánh đồng lớn Thạnh Phước' });
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
    // A spread of lots over the Mekong delta, so the country view shows clusters and single lots.
    for (let i = 0; i < 40; i++) {
      await makeSupplyLot(ds, {
        cooperativeId: coopId,
        productCode: i % 3 ? 'LUA_ST' : 'HO_TIEU',
        quantityKg: 5_000 + i * 2_500,
        location: { type: 'Point', coordinates: [104.9 + (i % 8) * 0.12, 9.6 + Math.floor(i / 8) * 0.12] },
      });
    }
    await makeSupplyLot(ds, {
      cooperativeId: xssCoop.id,
      note: XSS_NOTE,
      quantityKg: 12_000,
      location: { type: 'Point', coordinates: [106.3, 10.25] },
    });
    const market = await makeBuyer(ds, {
      name: 'Chợ đầu mối Bình Điền',
      location: { type: 'Point', coordinates: [106.6225, 10.7225] },
    });
    buyerId = market.id;
    await makeBuyer(ds, {
      type: 'exporter',
      name: 'Công ty Xuất khẩu Gạo Cần Thơ',
      location: { type: 'Point', coordinates: [105.78, 10.03] },
    });
    // Demand the matching run can meet from the lots above.
    await makePurchaseRequest(ds, {
      buyerId,
      productCode: 'LUA_ST',
      quantityKg: 120_000,
      bidVndPerKg: 9_500,
      location: { type: 'Point', coordinates: [106.6225, 10.7225] },
    });
    await ds.getRepository(Zone).save({
      code: 'PT-BROWSER',
      name: 'Vùng phong tỏa thử nghiệm',
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
      searchText: 'vung phong toa thu nghiem',
    });
    const users = t.app.get(UsersService);
    const enrol = async (role: Role, organizationId: string | null) => {
      emails[role] = `${role}-browser@test.agrilink.vn`;
      await users.create(null, { email: emails[role], password: PASSWORD, role, organizationId });
    };
    await enrol('cooperative', coopId);
    await enrol('staff', null);
    await enrol('buyer', buyerId);
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

  async function openPage(
    path = '/',
    viewport = { width: 1280, height: 800 },
  ): Promise<{ page: Page; seen: ReturnType<typeof watchPage>; tileRequests: string[] }> {
    const context = await browser.newContext({ viewport, locale: 'vi-VN' });
    const page = await context.newPage();
    const seen = watchPage(page);
    const tileRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith(UNREACHABLE_TILE_URL.slice(0, 20))) tileRequests.push(r.url());
    });
    await page.goto(baseUrl + path);
    await page.waitForSelector('body[data-ready="true"]');
    return { page, seen, tileRequests };
  }

  /** Opens a marker's popup and waits for its fade-in, so screenshots show it whole. */
  async function openPopup(page: Page, marker: ReturnType<Page['locator']>) {
    await marker.click({ force: true });
    // A function, not a string: the page's CSP (script-src 'self') forbids eval.
    // Opening a popup fades the previous one out, so wait until exactly one is left, fully shown.
    await page.waitForFunction(() => {
      const g = globalThis as any;
      const popups: any[] = Array.from(g.document.querySelectorAll('.leaflet-popup'));
      return popups.length === 1 && g.getComputedStyle(popups[0]).opacity === '1';
    });
    return page.locator('.leaflet-popup-content > .popup');
  }

  async function searchList(page: Page, q: string) {
    await page.goto(`${baseUrl}/#/list`);
    await page.fill('form.search input[type="search"]', q);
    await page.click('form.search button[type="submit"]');
  }

  async function login(page: Page, role: Role) {
    await page.goto(`${baseUrl}/#/login`);
    await page.fill('form.login [name="email"]', emails[role]);
    await page.fill('form.login [name="password"]', PASSWORD);
    await page.click('form.login button[type="submit"]');
    await page.waitForSelector('.logout');
  }

  it('draws Vietnam, its provinces, production areas and supply with no tile server, in Vietnamese', async () => {
    const { page, seen, tileRequests } = await openPage();
    await page.waitForSelector('path.country-outline');
    // The 34 provinces since 1 July 2025 (the 63 before are on the layer switch: map-read.browser-spec.ts).
    expect(await page.locator('path.province-boundary').count()).toBe(34);
    await page.waitForSelector('.supply-cluster, path.supply-marker');
    // At country zoom a field of a few hectares is under a pixel: drawn, though not visible.
    await page.waitForSelector('path.production-area', { state: 'attached' });
    await page.waitForSelector('path.buyer-marker');
    await page.waitForSelector('path.zone-area');
    // The tiles were asked for at the configured, unreachable URL; the map stands without them.
    expect(tileRequests.length).toBeGreaterThan(0);
    await expect(page.locator('.leaflet-control-layers').count()).resolves.toBe(1);
    await expect(page.locator('.legend').textContent()).resolves.toContain('Chú giải');
    await expect(page.locator('header').textContent()).resolves.toContain('Bản đồ');
    await screenshot(page, '01-public-map');

    // Zoomed into the delta, lots stand alone, sized by volume, with figures in tấn and đ/kg and no contact.
    await searchList(page, 'thanh phuoc loi');
    await page.locator('.supply-list .card', { hasText: 'Thạnh Phước Lợi' }).first().locator('button').click();
    await page.waitForSelector('path.supply-marker');
    const popup = await openPopup(page, page.locator('path.supply-marker').first());
    const text = (await popup.textContent())!;
    expect(text).toMatch(/tấn/);
    expect(text).toMatch(/đ\/kg/);
    expect(text).toContain('Đăng nhập để xem thông tin liên hệ');
    expect(text).not.toContain('0912345678');
    await screenshot(page, '02-lot-popup-anonymous');
    expect(seen.errors).toEqual([]);

    await page.click('button.lang');
    await expect(page.locator('header').textContent()).resolves.toContain('Supply list');
    await page.context().close();
  });

  it('shows a lot note and a cooperative name full of markup as text, and runs none of it', async () => {
    const { page, seen } = await openPage();
    await searchList(page, 'in dam');
    const card = page.locator('.supply-list .card', { hasText: 'In đậm' });
    await card.waitFor();
    await expect(card.locator('.coop').textContent()).resolves.toBe(XSS_COOP);
    await expect(card.locator('.note').textContent()).resolves.toBe(XSS_NOTE);
    expect(await page.locator('.supply-list img, .supply-list script, .supply-list b').count()).toBe(0);

    await card.locator('button').click();
    await page.waitForSelector('path.supply-marker');
    const popup = await openPopup(page, page.locator('path.supply-marker').first());
    await expect(popup.textContent()).resolves.toContain(XSS_NOTE);
    expect(await page.locator('.leaflet-popup img, .leaflet-popup script').count()).toBe(0);
    await screenshot(page, '03-xss-as-text');
    expect(seen.dialogs).toEqual([]);
    expect(seen.errors).toEqual([]);
    await page.context().close();
  });

  it('lets a cooperative sign in, post a lot picked on the map, and see it on the map with its contact', async () => {
    const { page, seen } = await openPage();
    await login(page, 'cooperative');
    await page.waitForSelector('.my-lots, .empty');
    // Zoom the map onto the cooperative's fields (through the public list), then post from there.
    await searchList(page, 'thanh phuoc loi');
    await page.locator('.supply-list .card', { hasText: 'Thạnh Phước Lợi' }).first().locator('button').click();
    await page.waitForSelector('path.supply-marker');
    await page.click('a[data-route="new-lot"]');
    const form = page.locator('form.lot-form');
    await form.waitFor();

    // Vietnamese validation messages first, before anything reaches the server.
    await form.locator('button[type="submit"]').click();
    await expect(form.locator('.field[data-field="quantityKg"] .field-error').textContent()).resolves.toContain(
      'số nguyên dương',
    );
    await expect(form.locator('.field[data-field="location"] .field-error').textContent()).resolves.toContain(
      'Vui lòng chọn vị trí',
    );

    await form.locator('[name="product"]').selectOption('LUA_ST');
    await form.locator('[name="quantityKg"]').fill('75000');
    await form.locator('[name="harvestFrom"]').fill('2026-12-01');
    await form.locator('[name="harvestTo"]').fill('2026-12-20');
    await form.locator('[name="askVndPerKg"]').fill('7300');
    await form.locator('.checks input[value="VIETGAP"]').check();
    await form.locator('[name="note"]').fill(LOT_NOTE);
    await form.locator('.pick-button').click();
    const box = (await page.locator('#map').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.3);
    await expect(form.locator('.picked-text').textContent()).resolves.toMatch(/Đã chọn/);
    await screenshot(page, '04-cooperative-lot-form');
    await form.locator('button[type="submit"]').click();

    const card = page.locator('.my-lots .card', { hasText: LOT_NOTE });
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain('75 tấn');
    const rows = await t.dataSource.query(
      `SELECT quantity_kg::int AS q, cooperative_id FROM supply_lots WHERE note = $1`,
      [LOT_NOTE],
    );
    expect(rows).toEqual([{ q: 75_000, cooperative_id: coopId }]);

    // On the map: its marker, and its popup shows the contact now that we are signed in.
    await card.getByRole('button', { name: 'Xem trên bản đồ' }).click();
    await page.waitForSelector('path.supply-marker');
    const markers = page.locator('path.supply-marker');
    let found = false;
    for (let i = 0; i < (await markers.count()) && !found; i++) {
      const popup = await openPopup(page, markers.nth(i));
      found = ((await popup.textContent()) ?? '').includes(LOT_NOTE);
      if (found) await expect(popup.textContent()).resolves.toContain('0912345678');
    }
    expect(found).toBe(true);
    await screenshot(page, '05-cooperative-lot-on-map');
    expect(seen.errors).toEqual([]);
    await page.context().close();
  });

  it('fits a phone screen: the map on top, the panel below', async () => {
    const { page } = await openPage('/', { width: 390, height: 844 });
    await page.waitForSelector('.supply-cluster, path.supply-marker');
    const map = (await page.locator('#map').boundingBox())!;
    const panel = (await page.locator('#panel').boundingBox())!;
    expect(map.width).toBeLessThanOrEqual(390);
    expect(panel.y).toBeGreaterThan(map.y);
    await screenshot(page, '06-phone-map');
    await page.context().close();
  });

  it('lets staff run matching and see proposals with reasons and flow lines; the buyer and the seller accept one and staff confirm the deal', async () => {
    const staff = await openPage();
    await login(staff.page, 'staff');
    const form = staff.page.locator('form.matching-form');
    await form.waitFor();
    await form.locator('.checks input[value="LUA_ST"]').check();
    await form.locator('button[type="submit"]').click();
    await staff.page.waitForSelector('.run-status[data-status="completed"], .run-status[data-status="failed"]', {
      timeout: 60_000,
    });
    await expect(staff.page.locator('.run-status').getAttribute('data-status')).resolves.toBe('completed');
    // The run was fanned out: its rice part names the worker (host:pid) that solved it.
    await expect(
      staff.page.locator('.run-parts li[data-product="LUA_ST"]').getAttribute('data-worker'),
    ).resolves.toMatch(/:\d+$/);
    const rows = staff.page.locator('.proposal-list .proposal');
    await rows.first().waitFor();
    await expect(rows.first().textContent()).resolves.toContain('Chợ đầu mối Bình Điền');
    expect(await staff.page.locator('.proposal-list .reasons li').count()).toBeGreaterThan(0);
    await staff.page.waitForSelector('path.flow-line');
    await screenshot(staff.page, '07-staff-matching');
    expect(staff.seen.errors).toEqual([]);
    await staff.page.context().close();

    const buyer = await openPage();
    await login(buyer.page, 'buyer');
    await buyer.page.click('a[data-route="proposals"]');
    // One from the cooperative that signs in below (the markup-named one sells rice too).
    const first = buyer.page.locator('.proposal-list .proposal', { hasText: 'Thạnh Phước Lợi' }).first();
    await first.waitFor();
    const proposalId = await first.getAttribute('data-proposal-id');
    await first.locator('button.accept').click();
    await buyer.page
      .locator(`.proposal[data-proposal-id="${proposalId}"] .actions`, { hasText: 'Đã đồng ý' })
      .waitFor();
    const [p] = await t.dataSource.query('SELECT status FROM proposals WHERE id = $1', [proposalId]);
    expect(p.status).toBe('accepted_by_buyer');
    await screenshot(buyer.page, '08-buyer-proposals');
    expect(buyer.seen.errors).toEqual([]);
    await buyer.page.context().close();

    // The seller accepts the same proposal; staff then find it among the accepted ones and confirm the deal.
    const coop = await openPage();
    await login(coop.page, 'cooperative');
    await coop.page.click('a[data-route="proposals"]');
    const mine = coop.page.locator(`.proposal[data-proposal-id="${proposalId}"]`);
    await mine.waitFor();
    await mine.locator('button.accept').click();
    await mine.locator('.actions', { hasText: 'Đã đồng ý' }).waitFor();
    await coop.page.context().close();

    const desk = await openPage();
    await login(desk.page, 'staff');
    await desk.page.click('a[data-route="proposals"]');
    const accepted = desk.page.locator(`.proposal[data-proposal-id="${proposalId}"]`);
    await accepted.waitFor();
    await expect(desk.page.locator('.list-proposals select[name="status"]').inputValue()).resolves.toBe('accepted');
    await accepted.locator('button.confirm').click();
    await accepted.locator('.actions', { hasText: 'Đã chốt giao dịch' }).waitFor();
    const deals = await t.dataSource.query('SELECT status FROM deals WHERE proposal_id = $1', [proposalId]);
    expect(deals).toEqual([{ status: 'confirmed' }]);
    await screenshot(desk.page, '09-staff-confirms-deal');
    expect(desk.seen.errors).toEqual([]);
    await desk.page.context().close();
  });

  it('shows an anonymous visitor the traded volume between places, with no parties or prices', async () => {
    // Runs after the deal above was confirmed.
    const [deal] = await t.dataSource.query(
      `SELECT price_vnd_per_kg AS price, quantity_kg::int AS kg FROM deals WHERE status = 'confirmed' LIMIT 1`,
    );
    expect(deal).toBeDefined();
    const anon = await openPage();
    const line = anon.page.locator('path.flow-aggregate').first();
    await line.waitFor({ state: 'attached' });
    expect(await anon.page.locator('path.flow-proposal, path.flow-deal').count()).toBe(0);
    await line.dispatchEvent('click');
    const popup = anon.page.locator('.leaflet-popup-content > .flow-total-popup');
    await popup.waitFor();
    const text = (await popup.textContent()) ?? '';
    expect(text).toContain('Sản lượng đã giao dịch');
    expect(text).not.toContain('Chợ đầu mối Bình Điền');
    expect(text).not.toContain('Thạnh Phước Lợi');
    expect(text).not.toContain('đ/kg');
    expect(text).not.toContain(new Intl.NumberFormat('vi-VN').format(deal.price));
    await screenshot(anon.page, '09b-anonymous-flow-totals');
    expect(anon.seen.errors).toEqual([]);
    await anon.page.context().close();
  });

  it('shows the seller the terms a deal froze: product, price and window locked in the lot form, quantity not below what was sold', async () => {
    const [sold] = await t.dataSource.query(
      `SELECT l.id, l.committed_kg::int AS kg FROM supply_lots l WHERE l.committed_kg > 0 AND l.cooperative_id = $1 LIMIT 1`,
      [coopId],
    );
    expect(sold).toBeDefined();
    const coop = await openPage();
    await login(coop.page, 'cooperative');
    await coop.page.goto(`${baseUrl}/#/edit-lot/${sold.id}`);
    const form = coop.page.locator('form.lot-form');
    await form.locator('.frozen-note').waitFor();
    for (const name of ['product', 'askVndPerKg', 'harvestFrom', 'harvestTo'])
      expect(await form.locator(`[name="${name}"]`).isDisabled()).toBe(true);
    await form.locator('[name="quantityKg"]').fill(String(sold.kg - 1));
    await form.locator('button[type="submit"]').click();
    await form.locator('.field[data-field="quantityKg"].invalid').waitFor();
    await screenshot(coop.page, '09c-lot-frozen-by-deal');
    expect(coop.seen.errors).toEqual([]);
    await coop.page.context().close();
  });
});
