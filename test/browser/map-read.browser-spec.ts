import { UNREACHABLE_TILE_URL } from '../support/unreachable-tiles.env';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { UsersService, Zone } from '@agrilink/core';
import { ensureProduct, makeBuyer, makeCooperative, makeProductionArea, makeSupplyLot } from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';
import { launchChromium, screenshot, watchPage } from './browser';

/**
 * Issue 15 items 3 and 6, on a desktop and on a phone, with no tile server: one colour scheme
 * whose legend matches what is drawn, popups clear of the panels, both archipelagos labelled in
 * view, the 34 current provinces (63 on the switch), commune names when zoomed in, filters on
 * every layer that say when nothing matches, and picking inside a lockdown zone.
 */
const PASSWORD = 'Browser@12345';
const DEVICES = { desktop: { width: 1366, height: 800 }, phone: { width: 390, height: 844 } } as const;
// Around Phường Rạch Giá's seat (9.9676, 105.1076).
const RACH_GIA = { lat: 9.9676, lng: 105.1076 };

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const intersects = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (a: Box, b: Box) =>
  a.x >= b.x - 0.5 &&
  a.y >= b.y - 0.5 &&
  a.x + a.width <= b.x + b.width + 0.5 &&
  a.y + a.height <= b.y + b.height + 0.5;

describe('the map read at a glance (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  const email = `coop-mapread-${Date.now()}@test.agrilink.vn`;

  beforeAll(async () => {
    if (!existsSync(resolve(__dirname, '../../apps/web/dist/index.html')))
      throw new Error('apps/web/dist is missing: run `npm run build:web`');
    // Tiles are configured but unreachable: the map stands on its own data.
    expect(process.env.MAP_TILE_URL).toBe(UNREACHABLE_TILE_URL);
    t = await createTestApp();
    const ds = t.dataSource;
    await ensureProduct(ds, { code: 'LUA_ST', nameVi: 'Lúa ST25', nameEn: 'ST25 paddy' });
    await ensureProduct(ds, { code: 'TOM_SU', nameVi: 'Tôm sú', nameEn: 'Tiger prawn' });
    await ensureProduct(ds, { code: 'KHOM_TC', nameVi: 'Khóm Tắc Cậu', nameEn: 'Tac Cau pineapple' });
    const coop = await makeCooperative(ds, {
      name: 'HTX Rạch Giá Xanh',
      contactName: 'Lê Văn B',
      contactPhone: '0912000111',
    });
    for (let i = 0; i < 6; i++) {
      await makeSupplyLot(ds, {
        cooperativeId: coop.id,
        productCode: i % 2 ? 'LUA_ST' : 'TOM_SU',
        quantityKg: 8_000 + i * 3_000,
        location: {
          type: 'Point',
          coordinates: [RACH_GIA.lng - 0.004 + (i % 3) * 0.004, RACH_GIA.lat - 0.003 + Math.floor(i / 3) * 0.004],
        },
      });
    }
    // Elsewhere in the delta, so the country view shows more than one place.
    const other = await makeCooperative(ds, { name: 'HTX Đồng bằng' });
    for (let i = 0; i < 12; i++) {
      await makeSupplyLot(ds, {
        cooperativeId: other.id,
        productCode: 'LUA_ST',
        quantityKg: 20_000,
        location: { type: 'Point', coordinates: [105.4 + (i % 4) * 0.3, 9.5 + Math.floor(i / 4) * 0.3] },
      });
    }
    await makeProductionArea(ds, {
      cooperativeId: coop.id,
      productCode: 'KHOM_TC',
      name: 'Vùng khóm Tắc Cậu',
      boundary: {
        type: 'Polygon',
        coordinates: [
          [
            [105.11, 9.962],
            [105.114, 9.962],
            [105.114, 9.965],
            [105.11, 9.965],
            [105.11, 9.962],
          ],
        ],
      },
      centroid: { type: 'Point', coordinates: [105.112, 9.9635] },
    });
    await makeBuyer(ds, {
      type: 'wholesale_market',
      name: 'Chợ đầu mối Rạch Giá',
      location: { type: 'Point', coordinates: [RACH_GIA.lng + 0.003, RACH_GIA.lat + 0.0015] },
    });
    await makeBuyer(ds, {
      type: 'exporter',
      name: 'Công ty Xuất khẩu Kiên Giang',
      location: { type: 'Point', coordinates: [RACH_GIA.lng - 0.003, RACH_GIA.lat - 0.0015] },
    });
    // A lockdown zone over the whole of Rạch Giá: picking inside it must still set the point.
    await ds.getRepository(Zone).save({
      code: 'PT-RACHGIA',
      name: 'Vùng phong tỏa Rạch Giá',
      boundary: {
        type: 'Polygon',
        coordinates: [
          [
            [104.95, 9.85],
            [105.3, 9.85],
            [105.3, 10.1],
            [104.95, 10.1],
            [104.95, 9.85],
          ],
        ],
      } as any,
      restricted: true,
      searchText: 'vung phong toa rach gia',
    });
    await t.app
      .get(UsersService)
      .create(null, { email, password: PASSWORD, role: 'cooperative', organizationId: coop.id });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function openPage(viewport: {
    width: number;
    height: number;
  }): Promise<{ page: Page; seen: ReturnType<typeof watchPage> }> {
    const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    const seen = watchPage(page);
    await page.goto(`${baseUrl}/#/map`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForSelector('path.country-outline');
    return { page, seen };
  }

  /** Through the public list, as a visitor would: the map goes to the cooperative's lots (zoom 13). */
  async function zoomToRachGia(page: Page) {
    await page.goto(`${baseUrl}/#/list`);
    await page.fill('form.search input[type="search"]', 'rach gia xanh');
    await page.click('form.search button[type="submit"]');
    await page.locator('.supply-list .card', { hasText: 'Rạch Giá Xanh' }).first().locator('button').click();
    await page.waitForFunction(() => (globalThis as any).document.querySelectorAll('path.supply-marker').length >= 4);
    await page.waitForSelector('path.buyer-marker');
  }

  const box = async (page: Page, selector: string): Promise<Box> =>
    (await page.locator(selector).first().boundingBox())!;
  const panels = async (page: Page): Promise<Box[]> => {
    const list: Box[] = [];
    for (const sel of ['.legend', '.leaflet-control-layers', '.map-filter-status', '.leaflet-control-zoom']) {
      const l = page.locator(sel).first();
      if ((await l.count()) && (await l.isVisible())) list.push((await l.boundingBox())!);
    }
    return list;
  };

  for (const [device, viewport] of Object.entries(DEVICES)) {
    describe(`on a ${device} (${viewport.width}×${viewport.height})`, () => {
      it('labels Hoàng Sa and Trường Sa inside the map, clear of every panel, and draws the 34 provinces (63 on the switch)', async () => {
        const { page, seen } = await openPage(viewport);
        await page.waitForFunction(
          () => (globalThis as any).document.querySelectorAll('path.province-boundary').length > 0,
        );
        expect(await page.locator('path.province-boundary').count()).toBe(34);
        expect(await page.locator('path.province-boundary-2024').count()).toBe(0);
        const map = await box(page, '#map');
        const covering = await panels(page);
        for (const name of ['Hoàng Sa', 'Trường Sa']) {
          const label = page.locator('.archipelago-label', { hasText: name });
          await expect(label.isVisible()).resolves.toBe(true);
          const b = (await label.locator('span').boundingBox())!;
          expect(inside(b, map)).toBe(true);
          for (const p of covering) expect(intersects(b, p)).toBe(false);
        }
        await screenshot(page, `mapread-${device}-country`);

        // The pre-2025 provinces on the switch (loaded only then).
        const layers = page.locator('.leaflet-control-layers');
        // A phone shows the layer box folded: it opens under the finger (Leaflet expands it on hover or tap).
        if (device === 'phone') await layers.hover();
        await layers.getByText('Tỉnh, thành phố cũ (63', { exact: false }).click();
        await page.waitForFunction(
          () => (globalThis as any).document.querySelectorAll('path.province-boundary-2024').length === 63,
        );
        expect(await page.locator('path.province-boundary').count()).toBe(0);
        await layers.getByText('Tỉnh, thành phố (34', { exact: false }).click();
        await page.waitForFunction(
          () => (globalThis as any).document.querySelectorAll('path.province-boundary').length === 34,
        );
        expect(seen.errors).toEqual([]);
        await page.context().close();
      });

      it('draws lots as circles by product and buyers as diamonds by type, exactly as the legend says; commune names show when zoomed in', async () => {
        const { page, seen } = await openPage(viewport);
        expect(await page.locator('.commune-label').count()).toBe(0);
        await zoomToRachGia(page);
        await page.waitForSelector('.commune-label', { hasText: 'Phường Rạch Giá' } as any);
        await expect(page.locator('.commune-label', { hasText: 'Phường Rạch Giá' }).isVisible()).resolves.toBe(true);

        if (device === 'phone') await page.click('.legend-toggle');
        const legend = page.locator('.legend');
        const entries = await legend.locator('li[data-kind]').evaluateAll((els) =>
          els.map((e) => ({
            kind: e.getAttribute('data-kind'),
            code: e.getAttribute('data-code'),
            color: e.getAttribute('data-color'),
            shape: e.getAttribute('data-shape'),
          })),
        );
        const drawnLots = await page.locator('path.supply-marker').evaluateAll((els) =>
          els.map((e) => ({
            code: (e.getAttribute('class') ?? '').match(/product-(\S+)/)?.[1],
            color: e.getAttribute('fill'),
          })),
        );
        const drawnBuyers = await page.locator('path.buyer-marker').evaluateAll((els) =>
          els.map((e) => ({
            code: (e.getAttribute('class') ?? '').match(/buyer-(?!marker)(\S+)/)?.[1],
            color: e.getAttribute('fill'),
            shape: e.getAttribute('d')?.split('L').length === 4 ? 'diamond' : 'other',
          })),
        );
        expect(drawnLots.length).toBeGreaterThanOrEqual(4);
        expect(drawnBuyers.length).toBe(2);
        for (const lot of drawnLots)
          expect(entries).toContainEqual({ kind: 'product', code: lot.code, color: lot.color, shape: 'circle' });
        for (const buyer of drawnBuyers)
          expect(entries).toContainEqual({ kind: 'buyer', code: buyer.code, color: buyer.color, shape: buyer.shape });
        // Nothing in the legend that is not drawn: its products are the lots' and areas' in view, its buyer types the buyers'.
        const areaColors = await page
          .locator('path.production-area')
          .evaluateAll((els) => els.map((e) => e.getAttribute('fill')));
        const productEntries = entries.filter((e) => e.kind === 'product');
        for (const e of productEntries) expect([...drawnLots.map((l) => l.color), ...areaColors]).toContain(e.color);
        expect(
          entries
            .filter((e) => e.kind === 'buyer')
            .map((e) => e.code)
            .sort(),
        ).toEqual(['exporter', 'wholesale_market']);
        // Lot colours and buyer colours are two different sets.
        const lotColors = new Set(productEntries.map((e) => e.color));
        for (const e of entries.filter((x) => x.kind === 'buyer')) expect(lotColors.has(e.color)).toBe(false);
        await screenshot(page, `mapread-${device}-legend`);
        expect(seen.errors).toEqual([]);
        await page.context().close();
      });

      it('keeps an open popup clear of the legend and the layer box', async () => {
        const { page, seen } = await openPage(viewport);
        await zoomToRachGia(page);
        if (device === 'phone') await page.click('.legend-toggle');
        // Drag the map so a buyer sits just left of the legend, at the bottom: its popup would open over it.
        const marker = page.locator('.buyer-icon').first();
        const m = (await marker.boundingBox())!;
        const legendBox = await box(page, '.legend');
        const map = await box(page, '#map');
        const to = {
          x: Math.max(map.x + 40, legendBox.x - 30),
          y: Math.min(map.y + map.height - 40, legendBox.y + legendBox.height / 2),
        };
        const name = await marker.getAttribute('title');
        // Dragged from a bare spot of the map's left side, by the marker's way to its target.
        const from = { x: map.x + map.width * 0.25, y: map.y + map.height * 0.55 };
        await page.mouse.move(from.x, from.y);
        await page.mouse.down();
        await page.mouse.move(from.x + to.x - (m.x + m.width / 2), from.y + to.y - (m.y + m.height / 2), { steps: 8 });
        // A pause before letting go: no inertia carries the map past the target.
        await page.waitForTimeout(150);
        await page.mouse.up();
        await page.waitForTimeout(600);
        await screenshot(page, `mapread-${device}-before-popup`);
        await page.locator(`.buyer-icon[title="${name}"]`).click();
        await page.waitForSelector('.leaflet-popup .buyer-popup');
        // One popup, fully shown, after the map moved it clear of the panels (a reload may reopen it once).
        await page.waitForFunction(() => {
          const g = globalThis as any;
          const popups: any[] = Array.from(g.document.querySelectorAll('.leaflet-popup'));
          return (
            popups.length === 1 &&
            g.getComputedStyle(popups[0]).opacity === '1' &&
            g.document.querySelector('#map').dataset.popupClear === 'true'
          );
        });
        await page.waitForTimeout(400);
        const popup = (await page.locator('.leaflet-popup-content-wrapper').boundingBox())!;
        expect(inside(popup, map)).toBe(true);
        for (const p of await panels(page)) expect(intersects(popup, p)).toBe(false);
        await screenshot(page, `mapread-${device}-popup`);
        expect(seen.errors).toEqual([]);
        await page.context().close();
      });

      it('applies the filters to every layer and says so when nothing matches', async () => {
        const { page, seen } = await openPage(viewport);
        await zoomToRachGia(page);
        await page.goto(`${baseUrl}/#/map`);
        const form = page.locator('form.filters');
        // Tôm sú: its lots stay, the rice lots, the pineapple area and the buyers (who want nothing listed) go.
        await form.locator('[name="product"]').selectOption('TOM_SU');
        await form.locator('button[type="submit"]').click();
        const status = page.locator('.map-filter-status');
        await page.waitForFunction(() => {
          const d = (globalThis as any).document;
          const lots: any[] = Array.from(d.querySelectorAll('path.supply-marker'));
          return (
            lots.length > 0 &&
            lots.every((l) => l.getAttribute('class').includes('product-TOM_SU')) &&
            /Khớp bộ lọc/.test(d.querySelector('.map-filter-status')?.textContent ?? '')
          );
        });
        expect(await page.locator('path.production-area').count()).toBe(0);
        const classes = await page
          .locator('path.supply-marker')
          .evaluateAll((els) => els.map((e) => e.getAttribute('class')));
        expect(classes.length).toBeGreaterThan(0);
        for (const c of classes) expect(c).toContain('product-TOM_SU');

        // A province with none of it: nothing matches, and the map says so.
        await form.locator('[name="provinceCode"]').selectOption('01');
        await form.locator('button[type="submit"]').click();
        await page.waitForFunction(() =>
          /Không có lô hàng/.test((globalThis as any).document.querySelector('.map-filter-status')?.textContent ?? ''),
        );
        expect(
          await page.locator('path.supply-marker, .supply-cluster, path.buyer-marker, path.production-area').count(),
        ).toBe(0);
        await expect(status.isVisible()).resolves.toBe(true);
        await screenshot(page, `mapread-${device}-nothing-matches`);
        await form.locator('button[type="reset"]').click();
        await page.waitForFunction(
          () => (globalThis as any).document.querySelector('.map-filter-status')?.hidden === true,
        );
        expect(seen.errors).toEqual([]);
        await page.context().close();
      });

      it('picks a point inside a lockdown zone and names its commune', async () => {
        const { page, seen } = await openPage(viewport);
        await page.goto(`${baseUrl}/#/login`);
        await page.fill('form.login [name="email"]', email);
        await page.fill('form.login [name="password"]', PASSWORD);
        await page.click('form.login button[type="submit"]');
        await page.waitForSelector('.logout', { state: 'attached' });
        await zoomToRachGia(page);
        await page.waitForSelector('path.zone-area');
        await page.goto(`${baseUrl}/#/new-lot`);
        const form = page.locator('form.lot-form');
        await form.waitFor();
        await form.locator('.pick-button').click();
        await page.waitForSelector('#map.picking');
        // The map's middle: inside the zone, away from the markers.
        const map = await box(page, '#map');
        await page.mouse.click(map.x + map.width / 2, map.y + map.height / 2 + 25);
        await expect(form.locator('.picked-text').textContent()).resolves.toMatch(/Đã chọn: 9\.\d+, 105\.\d+/);
        await page.waitForFunction(() =>
          /Phường Rạch Giá/.test((globalThis as any).document.querySelector('.picked-place')?.textContent ?? ''),
        );
        await expect(form.locator('.picked-place').textContent()).resolves.toMatch(
          /Phường Rạch Giá, Tỉnh An Giang.*Kiên Giang/,
        );
        // The zone's popup did not open, and the point is on the map with its commune.
        expect(await page.locator('.leaflet-popup .zone-popup').count()).toBe(0);
        await expect(page.locator('.picked-label').textContent()).resolves.toBe('Phường Rạch Giá');
        await screenshot(page, `mapread-${device}-picked-in-zone`);
        expect(seen.errors).toEqual([]);
        await page.context().close();
      });
    });
  }
});
