import '../support/unreachable-tiles.env';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, openScreen, screenshot } from './browser';
import { DESKTOP, EveryRole, PHONE, settled, startEveryRole } from './every-role';

// Issue 15 item 7 (the first supply layer asked by index.html before the app's script has come) and
// its small items, on a phone (390×844) and a desktop (1366×800).
describe('the web app on a weak connection and by hand', () => {
  let browser: Browser;
  let app: EveryRole;

  beforeAll(async () => {
    if (!existsSync(resolve(__dirname, '../../apps/web/dist/index.html'))) throw new Error('apps/web/dist is missing: run `npm run build:web`');
    browser = await launchChromium();
    app = await startEveryRole(() => browser);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.t.close();
  });

  for (const [device, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    for (const role of ['anonymous', 'staff'] as const) {
      it(`draws the supply layer from the answer index.html asked for, asked once, under the page's CSP (${device}, ${role})`, async () => {
        const supply: string[] = [];
        const csp: string[] = [];
        const { context, page, seen } = await app.open(role, viewport, {
          beforeLoad: (c) => {
            c.on('request', (r) => {
              if (new URL(r.url()).pathname === '/api/map/supply') supply.push(r.url());
            });
            c.on('console', (m) => {
              if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
            });
          },
        });
        await page.waitForSelector('.supply-cluster, path.supply-marker');
        await settled(page, 800);
        await expect(page.evaluate(() => (globalThis as any).document.body.dataset.firstLayer)).resolves.toBe('used');
        expect(supply).toHaveLength(1);
        expect(supply[0]).toContain('bbox=102.00000%2C6.00000%2C117.50000%2C23.60000');
        expect(csp).toEqual([]);
        expect(seen.errors).toEqual([]);
        await context.close();
      });
    }
  }
  it('keeps the staff tabs on one row on a desktop, scrolling sideways, with the current tab in sight', async () => {
    const { context, page, seen } = await app.open('staff', DESKTOP);
    const nav = page.locator('header.top nav.tabs');
    const tops = await nav.locator('a').evaluateAll((as) => as.map((a) => Math.round((a as any).getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
    expect((await page.locator('header.top').boundingBox())!.height).toBeLessThanOrEqual(60);
    const { scrollWidth, clientWidth } = await nav.evaluate((n: any) => ({ scrollWidth: n.scrollWidth, clientWidth: n.clientWidth }));
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    await expect(nav.getAttribute('class')).resolves.toContain('more-right');
    // A mouse wheel turns the row.
    await nav.hover();
    await page.mouse.wheel(0, 300);
    await page.waitForFunction(() => (globalThis as any).document.querySelector('header.top nav.tabs').scrollLeft > 0);
    // A tab far along the row, once chosen, is in sight in the redrawn header.
    await openScreen(page, 'agencies');
    await settled(page);
    const active = (await page.locator('header.top nav.tabs a.active').boundingBox())!;
    const row = (await nav.boundingBox())!;
    expect(active.x).toBeGreaterThanOrEqual(row.x - 1);
    expect(active.x + active.width).toBeLessThanOrEqual(row.x + row.width + 1);
    await screenshot(page, 'web-fast-staff-tabs-desktop');
    expect(seen.errors).toEqual([]);
    await context.close();
  });

  it('closes the phone menu and goes back to the top when the user picks the screen already shown', async () => {
    const { context, page, seen } = await app.open('staff', PHONE, { path: '#/list' });
    await page.locator('.supply-list .card').first().waitFor();
    await page.evaluate(() => ((globalThis as any).document.getElementById('panel').scrollTop = 400));
    await page.click('header.top .menu-toggle');
    await expect(page.locator('header.top .menu-toggle').getAttribute('aria-expanded')).resolves.toBe('true');
    await page.click('header.top nav.tabs a[data-route="list"]');
    await expect(page.locator('header.top .menu-toggle').getAttribute('aria-expanded')).resolves.toBe('false');
    expect(await page.locator('header.top nav.tabs').isVisible()).toBe(false);
    await expect(page.evaluate(() => (globalThis as any).document.getElementById('panel').scrollTop)).resolves.toBe(0);
    await expect(page.evaluate(() => (globalThis as any).document.activeElement?.id)).resolves.toBe('panel');
    expect(page.url()).toMatch(/#\/list$/);
    // Another screen still navigates, and closes the menu as before.
    await page.click('header.top .menu-toggle');
    await page.click('header.top nav.tabs a[data-route="map"]');
    await expect(page.locator('header.top .menu-toggle').getAttribute('aria-expanded')).resolves.toBe('false');
    expect(page.url()).toMatch(/#\/map$/);
    expect(seen.errors).toEqual([]);
    await context.close();
  });
});
