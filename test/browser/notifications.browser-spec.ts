import '../support/unreachable-tiles.env';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import type { INestApplicationContext } from '@nestjs/common';
import { NotificationsService, UsersService } from '@agrilink/core';
import { makeCooperative } from '@agrilink/testing';
import { startInProcessWorker } from '../support/matching';
import { createTestApp, TestApp } from '../support/test-app';
import { launchChromium, screenshot, signedInPage } from './browser';

// Issue 12 item 5 in a real browser: the bell counts the organisation's unread notifications,
// lists them, marks one read, and shows one created while the page is open (SSE, worker-dispatched).
const PASSWORD = 'Browser@12345';

describe('the notification bell in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let worker: INestApplicationContext;
  let coopId: string;
  const email = 'cooperative-bell@test.agrilink.vn';

  const notify = (items: Array<{ kind: string; title: string; body: string; data?: Record<string, unknown> }>) =>
    t.dataSource.transaction((em) =>
      t.app.get(NotificationsService).notify(
        em,
        items.map((n) => ({ audience: 'cooperative' as const, audienceId: coopId, ...n })),
      ),
    );

  beforeAll(async () => {
    if (!existsSync(resolve(__dirname, '../../apps/web/dist/index.html')))
      throw new Error('apps/web/dist is missing: run `npm run build:web`');
    t = await createTestApp({ NOTIFICATION_POLL_MS: '100' });
    coopId = (await makeCooperative(t.dataSource, { name: 'HTX Chuông Vàng' })).id;
    const other = (await makeCooperative(t.dataSource)).id;
    await t.app
      .get(UsersService)
      .create(null, { email, password: PASSWORD, role: 'cooperative', organizationId: coopId });
    await notify([
      {
        kind: 'deal.confirmed',
        title: 'Giao dịch đã được xác nhận (deal confirmed)',
        body: '12.000 kg BR · 7.400 đ/kg',
        data: { dealId: '00000000-0000-0000-0000-000000000001' },
      },
    ]);
    // A transaction of its own: now() differs, so "newest first" has an order to show.
    await notify([
      {
        kind: 'proposals.created',
        title: 'Có 1 đề xuất kết nối mới (1 new proposals)',
        body: '3.000 kg được đề xuất; vui lòng chấp nhận hoặc từ chối.',
        data: { proposals: 1, quantityKg: 3000, proposalIds: ['11111111-1111-4111-8111-111111111111'] },
      },
    ]);
    // Another organisation's notification never reaches this bell.
    await t.dataSource.transaction((em) =>
      t.app.get(NotificationsService).notify(em, [
        {
          audience: 'cooperative',
          audienceId: other,
          kind: 'deal.cancelled',
          title: 'không phải của tôi',
          body: '-',
        },
      ]),
    );
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

  it("counts, lists and marks read the cooperative's notifications, and shows a new one without a reload", async () => {
    const { page, seen } = await signedInPage(browser, baseUrl, { email, password: PASSWORD });

    const bell = page.locator('header button.bell');
    const count = page.locator('header .bell-count');
    await expect(bell.getAttribute('aria-label')).resolves.toMatch(/^Thông báo/);
    const box = (await bell.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(44);
    expect(box.height).toBeGreaterThanOrEqual(44);
    await page.waitForFunction(
      () => (globalThis as any).document.querySelector('header .bell-count')?.textContent === '2',
    );

    await bell.click();
    const items = page.locator('.bell-panel .notification');
    await items.first().waitFor();
    await expect(items.count()).resolves.toBe(2);
    // Newest first, worded in Vietnamese, dd/mm/yyyy HH:mm, the proposal linked by its id.
    await expect(items.nth(0).locator('.notification-title').textContent()).resolves.toBe('Có 1 đề xuất kết nối mới');
    await expect(items.nth(0).locator('time').textContent()).resolves.toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    await expect(items.nth(0).locator('a.notification-link').getAttribute('href')).resolves.toBe(
      '#/proposals/11111111-1111-4111-8111-111111111111',
    );
    await expect(items.nth(1).locator('.notification-title').textContent()).resolves.toBe('Giao dịch đã được xác nhận');
    await expect(page.locator('.bell-panel').textContent()).resolves.not.toContain('không phải của tôi');
    await screenshot(page, 'notifications-1-bell-open');

    await items.nth(1).locator('button.mark-read').click();
    await page.waitForFunction(
      () => (globalThis as any).document.querySelector('header .bell-count')?.textContent === '1',
    );
    await expect(items.nth(1).getAttribute('class')).resolves.not.toContain('unread');
    const [stored] = await t.dataSource.query(
      `SELECT read_at FROM notifications WHERE audience_id = $1 AND kind = 'deal.confirmed'`,
      [coopId],
    );
    expect(stored.read_at).not.toBeNull();

    // Created while the page is open: the worker dispatches it, the stream brings it in.
    await notify([
      {
        kind: 'delivery.recorded',
        title: 'Đã ghi nhận một đợt giao hàng (delivery recorded)',
        body: '4.000 kg BR · 2026-12-01 · 4.000 / 12.000 kg',
        data: { dealId: '00000000-0000-0000-0000-000000000001', status: 'partially_delivered' },
      },
    ]);
    await page.waitForFunction(
      () => (globalThis as any).document.querySelector('header .bell-count')?.textContent === '2',
      undefined,
      { timeout: 20_000 },
    );
    await expect(items.count()).resolves.toBe(3);
    await expect(items.nth(0).locator('.notification-title').textContent()).resolves.toBe(
      'Đã ghi nhận một đợt giao hàng',
    );
    await screenshot(page, 'notifications-2-live');

    await page.click('.bell-panel button.mark-all-read');
    await page.waitForFunction(() => (globalThis as any).document.querySelector('header .bell-count')?.hidden === true);
    await expect(count.isHidden()).resolves.toBe(true);

    // The channels on the Security screen.
    await page.goto(`${baseUrl}/#/security`);
    const prefs = page.locator('form.notification-preferences-form');
    await prefs.waitFor();
    await prefs.locator('input[name="sms"]').check();
    await prefs.locator('button[type="submit"]').click();
    await page.waitForSelector('form.notification-preferences-form .field[data-field="phone"].invalid');
    await prefs.locator('[name="phone"]').fill('0912345678');
    await prefs.locator('[name="language"]').selectOption('en');
    await prefs.locator('button[type="submit"]').click();
    await page.waitForSelector('form.notification-preferences-form .flash');
    const [pref] = await t.dataSource.query(
      `SELECT p.sms, p.phone, p.language FROM notification_preferences p JOIN users u ON u.id = p.user_id WHERE u.email = $1`,
      [email],
    );
    expect(pref).toMatchObject({ sms: true, language: 'en' });
    expect(pref.phone).toMatch(/912345678$/);

    expect(seen.errors).toEqual([]);
    expect(seen.dialogs).toEqual([]);
    await page.context().close();
  }, 90_000);
});
