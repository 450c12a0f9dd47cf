import '../support/unreachable-tiles.env';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openScreen, screenshot } from './browser';
import { DESKTOP, EveryRole, PHONE, settled, startEveryRole } from './every-role';

// Issue 15 items 1, 4 and 7 in a real browser, on a phone (390×844) and a desktop (1366×800): the
// frame (menu, bottom sheet, 44 px targets), server errors next to their fields in the UI's
// language, numbers per language, and each map layer fetched once on first load.
const LAYER_PATHS = [
  '/api/map/supply',
  '/api/map/production-areas',
  '/api/map/buyers',
  '/api/map/zones',
  '/api/map/flows',
  '/api/checkpoints/layer',
];

async function box(page: Page, selector: string) {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} is not shown`);
  return b;
}

async function fillLot(page: Page, askVndPerKg: string) {
  const form = page.locator('form.lot-form');
  await form.waitFor();
  await page.waitForFunction(
    () => (globalThis as any).document.querySelectorAll('form.lot-form [name="productionAreaId"] option').length > 1,
  );
  await form.locator('[name="productionAreaId"]').selectOption({ index: 1 });
  await form.locator('[name="product"]').selectOption('LUA_ST');
  await form.locator('[name="quantityKg"]').fill('5000');
  await form.locator('[name="harvestFrom"]').fill('2026-12-01');
  await form.locator('[name="harvestTo"]').fill('2026-12-15');
  await form.locator('[name="askVndPerKg"]').fill(askVndPerKg);
  await form.locator('button[type="submit"]').click();
}

describe('the app frame on a phone and a desktop', () => {
  let browser: Browser;
  let app: EveryRole;

  beforeAll(async () => {
    if (!existsSync(resolve(__dirname, '../../apps/web/dist/index.html')))
      throw new Error('apps/web/dist is missing: run `npm run build:web`');
    browser = await launchChromium();
    app = await startEveryRole(() => browser);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.t.close();
  });

  it('lets an anonymous visitor on a phone reach the supply list from the menu, with room to read it', async () => {
    const { context, page, seen } = await app.open('anonymous', PHONE);
    // The screens sit behind one menu button, not in a strip of tabs.
    expect(await page.locator('header.top nav.tabs').isVisible()).toBe(false);
    const header = await box(page, 'header.top');
    expect(header.height).toBeLessThanOrEqual(60);
    await page.click('header.top .menu-toggle');
    await expect(page.locator('header.top .menu-toggle').getAttribute('aria-expanded')).resolves.toBe('true');
    await screenshot(page, 'shell-phone-menu');
    await page.click('header.top nav.tabs a[data-route="list"]');
    await page.locator('.supply-list .card').first().waitFor();
    expect(await page.locator('header.top nav.tabs').isVisible()).toBe(false);
    const panel = await box(page, '#panel');
    const card = await box(page, '.supply-list .card');
    // The working panel has at least half of the screen and the first lot is in sight.
    expect(panel.height).toBeGreaterThanOrEqual(PHONE.height * 0.45);
    expect(card.y + 40).toBeLessThan(PHONE.height);
    expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );
    await screenshot(page, 'shell-phone-supply-list');
    expect(seen.errors).toEqual([]);
    await context.close();
  });

  it('keeps the desktop side by side: tabs in the header, the panel left of the map', async () => {
    const { context, page } = await app.open('staff', DESKTOP);
    expect(await page.locator('header.top .menu-toggle').isVisible()).toBe(false);
    expect(await page.locator('header.top nav.tabs a[data-route="dashboard"]').isVisible()).toBe(true);
    const panel = await box(page, '#panel');
    const map = await box(page, '#map');
    expect(panel.x + panel.width).toBeLessThanOrEqual(map.x + 1);
    expect(map.height).toBeGreaterThan(500);
    await openScreen(page, 'list');
    await page.locator('.supply-list .card').first().waitFor();
    await context.close();
  });

  it('shares a phone between the map and the panel as a sheet the user steps up and down, and hands the map back for picking', async () => {
    const { context, page, seen } = await app.open('cooperative', PHONE, { path: '#/map' });
    const sheet = () => page.evaluate(() => (globalThis as any).document.body.dataset.sheet as string);
    expect(await sheet()).toBe('peek');
    const peekMap = await box(page, '#map');
    expect(peekMap.height).toBeGreaterThan(PHONE.height * 0.5);
    await page.click('.sheet-toggle');
    expect(await sheet()).toBe('half');
    await page.click('.sheet-toggle');
    expect(await sheet()).toBe('full');
    expect(await page.locator('#map').isVisible()).toBe(false);
    expect((await box(page, '#panel')).height).toBeGreaterThan(PHONE.height * 0.75);
    await page.click('.sheet-toggle');
    expect(await sheet()).toBe('peek');
    // A working screen opens on half the screen; picking a point brings the map back.
    await openScreen(page, 'new-lot');
    await page.locator('form.lot-form').waitFor();
    expect(await sheet()).toBe('half');
    await page.click('.sheet-toggle');
    expect(await sheet()).toBe('full');
    await page.click('form.lot-form .pick-button');
    expect(await sheet()).toBe('peek');
    expect((await box(page, '#map')).height).toBeGreaterThan(PHONE.height * 0.5);
    expect(seen.errors).toEqual([]);
    await context.close();
  });

  it('gives every control on a phone a target of at least 44 px', async () => {
    const { context, page } = await app.open('cooperative', PHONE, { path: '#/new-lot' });
    await page.locator('form.lot-form').waitFor();
    await page.click('.sheet-toggle');
    await settled(page);
    const small = await page.$$eval(
      '#panel button, #panel input:not([type="checkbox"]):not([type="radio"]):not([type="hidden"]), #panel select, #panel textarea, #panel label.check, .sheet-toggle, header.top .menu-toggle, header.top button, .leaflet-bar a',
      (els) =>
        els
          .filter((e) => (e as any).offsetParent !== null)
          .map((e) => ({
            what: `${e.tagName.toLowerCase()}.${(e as any).className} ${(e.textContent ?? '').trim().slice(0, 30)}`,
            h: e.getBoundingClientRect().height,
          }))
          .filter((e) => e.h > 0 && e.h < 44),
    );
    expect(small).toEqual([]);
    await page.click('header.top .menu-toggle');
    const links = await page.$$eval('header.top .menu a, header.top .menu button', (els) =>
      els.map((e) => e.getBoundingClientRect().height).filter((h) => h > 0 && h < 44),
    );
    expect(links).toEqual([]);
    await context.close();
  });

  for (const [device, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    for (const role of ['anonymous', 'cooperative'] as const) {
      it(`fetches each map layer once on first load (${role}, ${device})`, async () => {
        const requests: string[] = [];
        const opened = await app.open(role, viewport, {
          beforeLoad: (context) =>
            context.on('request', (r) => {
              const path = new URL(r.url()).pathname;
              if (LAYER_PATHS.includes(path)) requests.push(path);
            }),
        });
        await opened.page.waitForSelector('.supply-cluster, path.supply-marker');
        await settled(opened.page, 1200);
        const counts: Record<string, number> = {};
        for (const p of requests) counts[p] = (counts[p] ?? 0) + 1;
        const expected = LAYER_PATHS.filter((p) => role !== 'anonymous' || p !== '/api/checkpoints/layer');
        expect(counts).toEqual(Object.fromEntries(expected.map((p) => [p, 1])));
        await opened.context.close();
      });
    }
  }

  for (const [device, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    it(`shows a server refusal in Vietnamese next to its field, in the user's words (${device})`, async () => {
      const { context, page, seen } = await app.open('cooperative', viewport, { path: '#/new-lot' });
      await fillLot(page, '200000000');
      const error = page.locator('form.lot-form .field[data-field="askVndPerKg"] .field-error');
      await error.filter({ hasText: 'không được lớn hơn' }).waitFor();
      await expect(error.textContent()).resolves.toBe('Giá chào (đ/kg) không được lớn hơn 100.000.000');
      await expect(error.getAttribute('role')).resolves.toBe('alert');
      await expect(page.locator('form.lot-form > .form-error').textContent()).resolves.toBe(
        'Vui lòng sửa các trường được đánh dấu bên dưới.',
      );
      // Scrolled into sight inside the panel, its field focused.
      const b = await box(page, 'form.lot-form .field[data-field="askVndPerKg"]');
      const panel = await box(page, '#panel');
      expect(b.y).toBeGreaterThanOrEqual(panel.y - 1);
      expect(b.y + b.height).toBeLessThanOrEqual(panel.y + panel.height + 1);
      await expect(page.evaluate(() => (globalThis as any).document.activeElement?.getAttribute('name'))).resolves.toBe(
        'askVndPerKg',
      );
      await screenshot(page, `shell-server-error-${device}`);
      expect(seen.errors).toEqual([]);
      await context.close();
    });
  }

  it('in English: the server message in English next to its field, and numbers written the English way', async () => {
    const { context, page } = await app.open('cooperative', DESKTOP, { lang: 'en', path: '#/new-lot' });
    await fillLot(page, '200000000');
    const error = page.locator('form.lot-form .field[data-field="askVndPerKg"] .field-error');
    await error.filter({ hasText: 'greater' }).waitFor();
    await expect(error.textContent()).resolves.toBe('Asking price (VND/kg) must not be greater than 100,000,000');
    await openScreen(page, 'list');
    const card = page.locator('.supply-list .card').first();
    await card.waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text).toMatch(/Remaining: 2,2\d\d t/);
    expect(text).toMatch(/VND\/kg/);
    expect(text).toMatch(/\d\d\/\d\d\/\d{4}/);
    await context.close();
    const vi = await app.open('anonymous', DESKTOP, { path: '#/list' });
    const viText = (await vi.page.locator('.supply-list .card').first().textContent()) ?? '';
    expect(viText).toMatch(/2\.2\d\d tấn/);
    expect(viText).toMatch(/đ\/kg/);
    await vi.context.close();
  });
});
