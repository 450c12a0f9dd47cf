import '../support/unreachable-tiles.env';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { Role, UsersService, Zone } from '@agrilink/core';
import {
  ensureProduct,
  makeBuyer,
  makeCooperative,
  makeProductionArea,
  makePurchaseRequest,
  makeSupplyLot,
} from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';
import { launchChromium, openScreen, screenshot, signedInPage } from './browser';

// Issue 15, items 2, 5 and 8 as people use them, on a phone and a desktop: staff act for a
// cooperative (a lot, a login), nothing irreversible by one click (withdraw asks and can be undone,
// a request edited and cancelled, a zone edited and deleted), and a list searched without
// diacritics, sorted and exported to a spreadsheet that opens.

const PASSWORD = 'Browser@12345';
const VIEWPORTS = [
  ['phone', { width: 390, height: 844 }],
  ['desktop', { width: 1366, height: 800 }],
] as const;

function day(days: number): string {
  return new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

describe('staff act for others, undo and lists people can work with, in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  const emails: Partial<Record<Role, string>> = {};
  const coops: Record<string, string> = {};
  const buyers: Record<string, string> = {};

  beforeAll(async () => {
    if (!existsSync(resolve(__dirname, '../../apps/web/dist/index.html')))
      throw new Error('apps/web/dist is missing: run `npm run build:web`');
    t = await createTestApp();
    const ds = t.dataSource;
    await ensureProduct(ds, { code: 'LUA_ST', nameVi: 'Lúa ST25', nameEn: 'ST25 paddy' });
    const users = t.app.get(UsersService);
    emails.staff = 'staff-lists@test.agrilink.vn';
    await users.create(null, { email: emails.staff, password: PASSWORD, role: 'staff', organizationId: null });
    for (const [tag] of VIEWPORTS) {
      const coop = await makeCooperative(ds, {
        name: `HTX Thạnh Phước Lợi ${tag}`,
        location: { type: 'Point', coordinates: [105.3, 9.93] } as any,
      });
      coops[tag] = coop.id;
      await makeProductionArea(ds, {
        cooperativeId: coop.id,
        productCode: 'LUA_ST',
        name: `Cánh đồng ${tag}`,
        boundary: {
          type: 'Polygon',
          coordinates: [
            [
              [105.28, 9.91],
              [105.32, 9.91],
              [105.32, 9.95],
              [105.28, 9.95],
              [105.28, 9.91],
            ],
          ],
        },
        centroid: { type: 'Point', coordinates: [105.3, 9.93] },
      });
      for (const ask of [6_500, 8_900, 7_300]) {
        await makeSupplyLot(ds, {
          cooperativeId: coop.id,
          productCode: 'LUA_ST',
          askVndPerKg: ask,
          harvestFrom: day(1),
          harvestTo: day(10),
          availableUntil: day(30),
          note: `lô ${tag} ${ask}`,
        });
      }
      const buyer = await makeBuyer(ds, { name: `Chợ đầu mối Bình Điền ${tag}` });
      buyers[tag] = buyer.id;
      await makePurchaseRequest(ds, {
        buyerId: buyer.id,
        productCode: 'LUA_ST',
        quantityKg: 40_000,
        bidVndPerKg: 7_800,
        deliverFrom: day(2),
        deliverTo: day(20),
        note: `nhu cầu ${tag}`,
      });
      await users.create(null, {
        email: `buyer-${tag}@test.agrilink.vn`,
        password: PASSWORD,
        role: 'buyer',
        organizationId: buyer.id,
      });
      await ds.getRepository(Zone).save({
        code: `PT-SUA-${tag.toUpperCase()}`,
        name: `Vùng phong tỏa ${tag}`,
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
      });
    }
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  // One staff token for the suite: sign-ins from one address are limited per minute (20), and the
  // browser's own sign-ins of both viewports already use half of that.
  let staffTokenOnce: Promise<string> | undefined;
  const staffToken = (): Promise<string> => (staffTokenOnce ??= t.tokenFor('staff', null));

  async function confirmDialog(page: Page, answer: 'ok' | 'cancel'): Promise<string> {
    const dialog = page.locator('dialog.confirm-dialog[open]');
    await dialog.waitFor();
    const title = (await dialog.locator('h2').textContent()) ?? '';
    await dialog.locator(answer === 'ok' ? 'button.confirm-ok' : 'button.confirm-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    return title;
  }

  describe.each(VIEWPORTS)('on a %s', (tag, viewport) => {
    it('staff post a lot for a cooperative chosen by a search without diacritics, and create a login for it', async () => {
      const { page, seen } = await signedInPage(
        browser,
        baseUrl,
        { email: emails.staff!, password: PASSWORD },
        { viewport },
      );
      await openScreen(page, 'new-lot');
      const form = page.locator('form.lot-form');
      await form.locator('.chooser-search').fill(`thanh phuoc loi ${tag}`);
      await page.waitForFunction(
        (id) => (globalThis as any).document.querySelector('form.lot-form select[name="cooperativeId"]')?.value === id,
        coops[tag],
      );
      await page.waitForFunction(
        () =>
          (globalThis as any).document.querySelectorAll('form.lot-form select[name="productionAreaId"] option').length >
          1,
      );
      await form.locator('select[name="productionAreaId"]').selectOption({ index: 1 });
      await form.locator('select[name="product"]').selectOption('LUA_ST');
      await form.locator('[name="quantityKg"]').fill('25000');
      await form.locator('[name="harvestFrom"]').fill(day(3));
      await form.locator('[name="harvestTo"]').fill(day(12));
      await form.locator('[name="askVndPerKg"]').fill('7100');
      await form.locator('[name="note"]').fill(`gọi điện ${tag}`);
      await form.locator('button[type="submit"]').click();
      const card = page.locator('.my-lots .card', { hasText: `gọi điện ${tag}` });
      await card.waitFor();
      await expect(card.textContent()).resolves.toContain(`HTX Thạnh Phước Lợi ${tag}`);
      const lots = await t
        .http()
        .get(`/api/supply-lots?cooperativeId=${coops[tag]}&limit=50`)
        .auth(await staffToken(), { type: 'bearer' })
        .expect(200);
      expect(lots.body.items.filter((l: { note: string }) => l.note === `gọi điện ${tag}`)).toEqual([
        expect.objectContaining({ quantityKg: 25_000, askVndPerKg: 7_100 }),
      ]);

      await openScreen(page, 'users');
      const userForm = page.locator('form.user-form');
      const email = `htx-${tag}@test.agrilink.vn`;
      await userForm.locator('[name="email"]').fill(email);
      await userForm.locator('[name="displayName"]').fill('Nguyễn Thị Hoa');
      await userForm.locator('select[name="role"]').selectOption('cooperative');
      await userForm.locator('.chooser-search').fill(`thanh phuoc loi ${tag}`);
      await page.waitForFunction(
        (id) =>
          (globalThis as any).document.querySelector('form.user-form select[name="organizationId"]')?.value === id,
        coops[tag],
      );
      await userForm.locator('[name="password"]').fill('MatKhau@2026');
      await userForm.locator('button[type="submit"]').click();
      await page.locator('form.user-form .flash', { hasText: email }).waitFor();
      await page.locator('.list-users tr', { hasText: email }).waitFor();
      await expect(page.locator('.list-users tr', { hasText: email }).textContent()).resolves.toContain(
        `HTX Thạnh Phước Lợi ${tag}`,
      );
      await screenshot(page, `staff-users-${tag}`);
      const login = await t.http().post('/api/auth/login').send({ email, password: 'MatKhau@2026' }).expect(200);
      expect(login.body.user).toMatchObject({ role: 'cooperative', organizationId: coops[tag] });
      expect(seen.errors).toEqual([]);
      await page.context().close();
    });

    it('asks before withdrawing a lot, and undoes the withdrawal (reopen)', async () => {
      const email = `htx-${tag}@test.agrilink.vn`;
      const { page, seen } = await signedInPage(browser, baseUrl, { email, password: 'MatKhau@2026' }, { viewport });
      // A cooperative lands on its lots after signing in; the menu's link to the screen it is on changes nothing.
      if ((await page.evaluate(() => (globalThis as any).location.hash)) !== '#/my-lots')
        await openScreen(page, 'my-lots');
      const card = page.locator('.my-lots .card', { hasText: `lô ${tag} 8900` });
      await card.locator('button.withdraw').click();
      // Keeping it is the safe answer: nothing changes.
      expect(await confirmDialog(page, 'cancel')).toBe('Rút lô hàng này?');
      await expect(card.locator('.lot-status').textContent()).resolves.toContain('đang chào bán');
      await card.locator('button.withdraw').click();
      await confirmDialog(page, 'ok');
      const withdrawn = page.locator('.my-lots .card.lot-withdrawn', { hasText: `lô ${tag} 8900` });
      await withdrawn.waitFor();
      await screenshot(page, `withdraw-undo-${tag}`);
      await page.locator('.undo-note button.undo').click();
      await page.locator('.my-lots .card.lot-open', { hasText: `lô ${tag} 8900` }).waitFor();
      const lots = await t
        .http()
        .get(`/api/supply-lots?cooperativeId=${coops[tag]}&q=&limit=50`)
        .auth(await staffToken(), { type: 'bearer' })
        .expect(200);
      const lot = lots.body.items.find((l: { note: string }) => l.note === `lô ${tag} 8900`);
      expect(lot.status).toBe('open');
      const history = await t
        .http()
        .get(`/api/supply-lots/${lot.id}/history`)
        .auth(await staffToken(), { type: 'bearer' })
        .expect(200);
      expect(history.body.items.map((e: { action: string }) => e.action).slice(0, 2)).toEqual(['reopen', 'update']);
      expect(seen.errors).toEqual([]);
      await page.context().close();
    });

    it('edits a purchase request, then cancels it after asking', async () => {
      const { page, seen } = await signedInPage(
        browser,
        baseUrl,
        { email: `buyer-${tag}@test.agrilink.vn`, password: PASSWORD },
        { viewport },
      );
      await openScreen(page, 'requests');
      const card = page.locator('.requests .card', { hasText: `nhu cầu ${tag}` });
      await card.locator('button.edit-request').click();
      const form = page.locator('form.request-edit');
      await form.locator('[name="quantityKg"]').fill('55000');
      await form.locator('[name="bidVndPerKg"]').fill('8100');
      await form.locator('button[type="submit"]').click();
      const edited = page.locator('.requests .card', { hasText: `nhu cầu ${tag}` });
      await edited.filter({ hasText: '55 tấn' }).waitFor();
      await expect(edited.textContent()).resolves.toContain('8.100 đ/kg');
      await edited.locator('button.cancel-request').click();
      expect(await confirmDialog(page, 'ok')).toBe('Hủy nhu cầu mua này?');
      await page.locator('.requests .card.request-withdrawn', { hasText: `nhu cầu ${tag}` }).waitFor();
      const history = page.locator('.requests .card', { hasText: `nhu cầu ${tag}` }).locator('details.history');
      await history.locator('summary').click();
      await history.locator('li').nth(1).waitFor();
      const requests = await t
        .http()
        .get(`/api/purchase-requests?buyerId=${buyers[tag]}`)
        .auth(await staffToken(), { type: 'bearer' })
        .expect(200);
      expect(requests.body.items[0]).toMatchObject({ quantityKg: 55_000, bidVndPerKg: 8_100, status: 'withdrawn' });
      expect(seen.errors).toEqual([]);
      await page.context().close();
    });

    it('edits a zone and deletes it after asking; its history stays on file', async () => {
      const { page, seen } = await signedInPage(
        browser,
        baseUrl,
        { email: emails.staff!, password: PASSWORD },
        { viewport },
      );
      await openScreen(page, 'zones');
      const code = `PT-SUA-${tag.toUpperCase()}`;
      const card = page.locator(`.zone-card[data-zone-code="${code}"]`);
      await card.locator('details.zone-edit summary').click();
      await card.locator('form.zone-edit [name="name"]').fill(`Vùng phong tỏa ${tag} (đã sửa)`);
      await card.locator('form.zone-edit [name="to"]').fill(day(14));
      await card.locator('form.zone-edit button[type="submit"]').click();
      await page.locator(`.zone-card[data-zone-code="${code}"] h3`, { hasText: '(đã sửa)' }).waitFor();
      await page.locator(`.zone-card[data-zone-code="${code}"] button.delete`).click();
      expect(await confirmDialog(page, 'ok')).toBe(`Xóa Vùng phong tỏa ${tag} (đã sửa)?`);
      await page.locator(`.zone-card[data-zone-code="${code}"]`).waitFor({ state: 'detached' });
      const zones = await t
        .http()
        .get('/api/zones?limit=100')
        .auth(await staffToken(), { type: 'bearer' })
        .expect(200);
      expect(zones.body.items.map((z: { code: string }) => z.code)).not.toContain(code);
      const log = await t
        .http()
        .get('/api/audit-logs?entityType=zone&limit=100')
        .auth(await staffToken(), { type: 'bearer' })
        .expect(200);
      const actions = log.body.items
        .filter((e: { changes: { name?: unknown } | null; action: string }) =>
          JSON.stringify(e.changes ?? {}).includes(tag),
        )
        .map((e: { action: string }) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['delete', 'update']));
      expect(seen.errors).toEqual([]);
      await page.context().close();
    });

    it('searches the lots without diacritics, sorts them and exports the list as an .xlsx that opens', async () => {
      const { page, seen } = await signedInPage(
        browser,
        baseUrl,
        { email: emails.staff!, password: PASSWORD },
        { viewport, acceptDownloads: true },
      );
      await openScreen(page, 'my-lots');
      const list = page.locator('.list-my-lots');
      await list.locator('input[name="q"]').fill(`thanh phuoc loi ${tag}`);
      await list.locator('.list-summary', { hasText: '/ 4' }).waitFor();
      await list.locator('select[name="sort"]').selectOption('-askVndPerKg');
      await page.waitForFunction(() =>
        (globalThis as any).document
          .querySelector('.list-my-lots .card p:nth-of-type(2)')
          ?.textContent?.includes('8.900'),
      );
      const asks = await list
        .locator('.card')
        .evaluateAll((cards) => cards.map((c) => (c as any).querySelector('p:nth-of-type(2)').textContent as string));
      expect(asks.map((a) => Number(/([\d.]+) đ\/kg/.exec(a)![1].replace(/\./g, '')))).toEqual([
        8_900, 7_300, 7_100, 6_500,
      ]);
      const [download] = await Promise.all([page.waitForEvent('download'), list.locator('button.list-export').click()]);
      expect(download.suggestedFilename()).toMatch(/^my-lots-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const path = join(mkdtempSync(join(tmpdir(), 'agrilink-xlsx-')), download.suggestedFilename());
      await download.saveAs(path);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(path);
      const sheet = workbook.worksheets[0];
      const rows: unknown[][] = [];
      sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
      expect(rows[0]).toEqual(expect.arrayContaining(['Nông sản', 'Hợp tác xã', 'Sản lượng (kg)']));
      const askColumn = (rows[0] as string[]).indexOf('Giá chào (đ/kg)');
      expect(askColumn).toBeGreaterThanOrEqual(0);
      expect(rows.slice(1).map((r) => r[askColumn])).toEqual([8_900, 7_300, 7_100, 6_500]);
      expect(rows.slice(1).every((r) => r[1] === `HTX Thạnh Phước Lợi ${tag}`)).toBe(true);
      await expect(list.locator('.list-export-status').textContent()).resolves.toBe('Đã xuất 4 dòng');
      // The print layout keeps the list and drops the map and the controls.
      await page.emulateMedia({ media: 'print' });
      await page.evaluate(() => {
        (globalThis as any).document.body.classList.add('printing-list');
        (globalThis as any).document.querySelector('.list-my-lots').classList.add('printing');
      });
      expect(await page.locator('#map').isVisible()).toBe(false);
      expect(await list.locator('.list-controls').isVisible()).toBe(false);
      expect(await list.locator('.card').first().isVisible()).toBe(true);
      expect(seen.errors).toEqual([]);
      await page.context().close();
    });
  });
});
