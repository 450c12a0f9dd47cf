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
    if (!existsSync(resolve(__dirname, '../../apps/web/dist/index.html')))
      throw new Error('apps/web/dist is missing: run `npm run build:web`');
    browser = await launchChromium();
    app = await startEveryRole(() => browser);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.t.close();
  });

  for (const [device, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
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
    const tops = await nav
      .locator('a')
      .evaluateAll((as) => as.map((a) => Math.round((a as any).getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
    expect((await page.locator('header.top').boundingBox())!.height).toBeLessThanOrEqual(60);
    const { scrollWidth, clientWidth } = await nav.evaluate((n: any) => ({
      scrollWidth: n.scrollWidth,
      clientWidth: n.clientWidth,
    }));
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
  for (const [device, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    it(`writes dates dd/mm/yyyy in Vietnamese, typed with a mask, checked, with a calendar, sent as yyyy-mm-dd (${device})`, async () => {
      const posted: Array<Promise<string>> = [];
      const { context, page, seen } = await app.open('cooperative', viewport, {
        path: '#/new-lot',
        // The created lot as the server answers it: the typed client sends its body as a Request,
        // whose payload the browser's request event does not always carry.
        beforeLoad: (c) =>
          c.on('response', (r) => {
            if (r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/supply-lots') {
              posted.push(r.text().catch(() => ''));
            }
          }),
      });
      const form = page.locator('form.lot-form');
      await form.waitFor();
      const from = form.locator('[name="harvestFrom"]');
      await expect(from.getAttribute('type')).resolves.toBe('text');
      await expect(from.getAttribute('placeholder')).resolves.toBe('dd/mm/yyyy');
      await from.click();
      await page.keyboard.type('05122026');
      await expect(
        from.evaluate((el: any) =>
          el.ownerDocument.defaultView.HTMLInputElement.prototype.__lookupGetter__('value').call(el),
        ),
      ).resolves.toBe('05/12/2026');
      await expect(from.evaluate((el: any) => el.value)).resolves.toBe('2026-12-05');
      // Not a calendar day: said under the field when the user leaves it.
      const to = form.locator('[name="harvestTo"]');
      await to.fill('31/02/2026');
      await to.blur();
      await expect(form.locator('.field[data-field="harvestTo"] .field-error').textContent()).resolves.toContain(
        'dd/mm/yyyy',
      );
      await expect(to.getAttribute('aria-invalid')).resolves.toBe('true');
      // The calendar fallback: a labelled button beside the field, whose picker writes the field.
      const pick = form.locator('.field[data-field="harvestTo"] button.date-pick');
      await expect(pick.getAttribute('aria-label')).resolves.toBe('Chọn ngày trên lịch');
      await form.locator('.field[data-field="harvestTo"] input.date-picker-native').evaluate((el: any) => {
        el.value = '2026-12-20';
        el.dispatchEvent(new Event('change', { bubbles: true }));
      });
      await expect(to.inputValue()).resolves.toBe('20/12/2026');
      await to.blur();
      await expect(to.getAttribute('aria-invalid')).resolves.toBeNull();
      // The form sends the API's days.
      await page.waitForFunction(
        () =>
          (globalThis as any).document.querySelectorAll('form.lot-form [name="productionAreaId"] option').length > 1,
      );
      await form.locator('[name="productionAreaId"]').selectOption({ index: 1 });
      await form.locator('[name="product"]').selectOption('LUA_ST');
      await form.locator('[name="quantityKg"]').fill('5000');
      await form.locator('[name="askVndPerKg"]').fill('7000');
      await form.locator('button[type="submit"]').click();
      await page.waitForFunction(
        () =>
          !(globalThis as any).document.querySelector('form.lot-form') ||
          (globalThis as any).document.querySelector('form.lot-form .form-error')?.textContent,
        undefined,
        { timeout: 15_000 },
      );
      expect(posted).toHaveLength(1);
      expect(JSON.parse(await posted[0])).toMatchObject({ harvestFrom: '2026-12-05', harvestTo: '2026-12-20' });
      await screenshot(page, `web-fast-date-${device}`);
      expect(seen.errors).toEqual([]);
      await context.close();
    });

    it(`reaches and works a list's table rows by keyboard, with a visible focus (${device})`, async () => {
      const { context, page, seen } = await app.open('staff', viewport, { path: '#/users' });
      const rows = page.locator('.list-users tbody tr.list-row');
      await rows.nth(1).waitFor();
      // From the last column's sort button the next Tab lands on the rows.
      await page.locator('.list-users thead button.sort').last().focus();
      await page.keyboard.press('Tab');
      const active = () =>
        page.evaluate(() => {
          const a = (globalThis as any).document.activeElement;
          const tr = a?.closest('tr.list-row');
          return {
            tag: a?.tagName,
            row: tr ? [...tr.parentElement.children].indexOf(tr) : -1,
            outline: (globalThis as any).getComputedStyle(a).outlineStyle,
          };
        });
      await expect(active()).resolves.toEqual({ tag: 'TR', row: 0, outline: 'solid' });
      await page.keyboard.press('ArrowDown');
      await expect(active()).resolves.toEqual({ tag: 'TR', row: 1, outline: 'solid' });
      // One tab stop for the rows: the row last visited.
      await expect(rows.nth(0).getAttribute('tabindex')).resolves.toBe('-1');
      await expect(rows.nth(1).getAttribute('tabindex')).resolves.toBe('0');
      // Enter reaches the row's actions; Escape goes back to the row.
      const withActions = await rows.evaluateAll((trs) =>
        trs.findIndex((tr: any) => tr.querySelector('button:not([disabled])')),
      );
      expect(withActions).toBeGreaterThanOrEqual(0);
      await page.keyboard.press('Home');
      for (let i = 0; i < withActions; i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await expect(active()).resolves.toMatchObject({ tag: 'BUTTON', row: withActions });
      await page.keyboard.press('Escape');
      await expect(active()).resolves.toMatchObject({ tag: 'TR', row: withActions });
      await page.keyboard.press('End');
      await expect(active()).resolves.toMatchObject({ tag: 'TR', row: (await rows.count()) - 1 });
      await screenshot(page, `web-fast-rows-${device}`);
      expect(seen.errors).toEqual([]);
      await context.close();
    });
  }

  it('keeps the native date input in English', async () => {
    const { context, page } = await app.open('cooperative', DESKTOP, { path: '#/new-lot', lang: 'en' });
    await page.locator('form.lot-form').waitFor();
    await expect(page.locator('form.lot-form [name="harvestFrom"]').getAttribute('type')).resolves.toBe('date');
    await context.close();
  });
});
