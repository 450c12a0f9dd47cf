import '../support/unreachable-tiles.env';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { isoWeekOf, todayInVietnam, UsersService } from '@agrilink/core';
import { ensureProduct, makeAgency } from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';
import { launchChromium, screenshot, signedInPage } from './browser';

// Issue 13 item 3 in a real browser: a commune sends its weekly report from the form; staff see it
// among the submitted, the other agency among the missing, and remind it.
const PASSWORD = 'Browser@12345';

describe('agency weekly report in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  const week = isoWeekOf(todayInVietnam()).label;
  let communeId: string;
  let healthId: string;

  beforeAll(async () => {
    if (!existsSync(resolve(__dirname, '../../apps/web/dist/index.html')))
      throw new Error('apps/web/dist is missing: run `npm run build:web`');
    t = await createTestApp();
    await ensureProduct(t.dataSource, { code: 'BR_AGENCY', nameVi: 'Lúa báo cáo', nameEn: 'Report paddy' });
    communeId = (await makeAgency(t.dataSource, { name: 'UBND xã Thạnh Hưng', kind: 'commune' })).id;
    healthId = (await makeAgency(t.dataSource, { name: 'Sở Y tế', kind: 'department' })).id;
    const users = t.app.get(UsersService);
    await users.create(null, {
      email: 'xa-thanhhung@test.agrilink.vn',
      password: PASSWORD,
      role: 'agency',
      organizationId: communeId,
    });
    await users.create(null, {
      email: 'staff-agency@test.agrilink.vn',
      password: PASSWORD,
      role: 'staff',
      organizationId: null,
    });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('an agency sends its weekly report; staff see it submitted and remind the missing one', async () => {
    const agency = await signedInPage(browser, baseUrl, { email: 'xa-thanhhung@test.agrilink.vn', password: PASSWORD });
    const page = agency.page;
    // An agency user lands on its weekly report.
    await page.waitForSelector('form.ag-form');
    // The status is filled once the week's report has been asked for; until then the form is empty.
    await page.locator('.ag-status', { hasText: /\S/ }).waitFor();
    await expect(page.locator('.ag-status').textContent()).resolves.toBe('Chưa gửi báo cáo tuần này');
    await page.fill('form.ag-form [name="situation"]', 'Lúa Thu Đông thu hoạch được 70% diện tích.');
    await page.fill('form.ag-form [name="difficulties"]', 'Thương lái ép giá, thiếu kho chứa.');
    await page.fill('form.ag-form [name="proposals"]', 'Đề nghị kết nối doanh nghiệp thu mua.');
    await page.click('form.ag-form button:has-text("Thêm dòng số liệu")');
    await page.selectOption('.ag-line select', 'BR_AGENCY');
    await page.fill('.ag-line [data-kg="harvestedKg"]', '500000');
    await page.fill('.ag-line [data-kg="backlogKg"]', '1.5');
    await page.click('[data-action="send-report"]');
    await expect(page.locator('.field[data-field="lines"] .field-error').textContent()).resolves.toBe(
      'Nhập số kg nguyên, không âm',
    );
    await page.fill('.ag-line [data-kg="backlogKg"]', '120000');
    await page.click('[data-action="send-report"]');
    await page.waitForSelector('.flash');
    await expect(page.locator('.flash').textContent()).resolves.toBe(`Đã gửi báo cáo tuần ${week} (lần 1)`);
    await page.locator('.ag-status', { hasText: 'Đã gửi lúc' }).waitFor();
    await expect(page.locator('.ag-status').textContent()).resolves.toMatch(/^Đã gửi lúc .+, lần 1$/);
    await screenshot(page, 'agency-weekly-report');
    expect(agency.seen).toEqual({ dialogs: [], errors: [] });

    const staff = await signedInPage(browser, baseUrl, { email: 'staff-agency@test.agrilink.vn', password: PASSWORD });
    await staff.page.click('a[data-route="agency-reports"]');
    const sent = staff.page.locator(`.ag-report[data-agency="${communeId}"]`);
    await sent.waitFor();
    await expect(staff.page.locator('.ag-submitted h3').textContent()).resolves.toBe('Đã gửi (1)');
    await sent.locator('summary').click();
    await expect(sent.textContent()).resolves.toContain('Thương lái ép giá, thiếu kho chứa.');
    await expect(sent.locator('.ag-figures td').nth(1).textContent()).resolves.toBe('500.000 kg');
    const missing = staff.page.locator(`.ag-missing-item[data-agency="${healthId}"]`);
    await expect(missing.textContent()).resolves.toContain('Chưa nhắc');
    await missing.locator('[data-action="remind"]').click();
    await staff.page.waitForSelector(`.ag-missing-item[data-agency="${healthId}"]:has-text("Đã nhắc 1 lần")`);
    await screenshot(staff.page, 'agency-reports-staff');
    expect(staff.seen).toEqual({ dialogs: [], errors: [] });
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM notifications WHERE audience = 'agency' AND audience_id = $1 AND kind = 'agency_report.reminder'`,
      [healthId],
    );
    expect(n).toBe(1);
  });
});
