import '../support/unreachable-tiles.env';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { UsersService } from '@agrilink/core';
import { makeCooperative } from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';
import { launchChromium, screenshot, signedInPage } from './browser';

// Issue 13 item 4 in a real browser: on the dashboard, staff see the harvest forecast and take the
// weekly report as a Word document for signature, beside the Excel annex.

const PASSWORD = 'Browser@12345';
const day = (days: number) => new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

describe('weekly report downloads on the dashboard in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  const email = 'staff-weekly@test.agrilink.vn';

  beforeAll(async () => {
    if (!existsSync(resolve(__dirname, '../../apps/web/dist/index.html')))
      throw new Error('apps/web/dist is missing: run `npm run build:web`');
    t = await createTestApp();
    const [commune] = await t.dataSource.query(
      `SELECT id FROM administrative_units WHERE era = 'current' AND level = 'commune' AND province_code = '91' ORDER BY id LIMIT 1`,
    );
    const coop = await makeCooperative(t.dataSource, {
      name: 'HTX Lúa Bình Minh',
      provinceCode: '91',
      administrativeUnitId: commune.id,
    });
    await t.app.get(UsersService).create(null, { email, password: PASSWORD, role: 'staff', organizationId: null });
    // 100 ha harvesting from tomorrow for two weeks at 6 000 kg/ha: 600 t ahead, nothing posted.
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
      .auth(await t.tokenFor('staff'), { type: 'bearer' })
      .send({
        cooperativeId: coop.id,
        product: 'LUA_TUOI_CLC',
        name: 'Cánh đồng lớn',
        areaHa: 100,
        boundary: { type: 'Polygon', coordinates: [square] },
        harvestSchedule: [{ harvestFrom: day(1), harvestTo: day(14), expectedYieldKgPerHa: 6000 }],
      })
      .expect(201);
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the forecast and downloads the weekly report as .docx beside the .xlsx', async () => {
    const { page, seen } = await signedInPage(
      browser,
      baseUrl,
      { email, password: PASSWORD },
      { acceptDownloads: true },
    );
    await page.click('a[data-route="dashboard"]');
    await page.waitForSelector('.panel[data-loaded="true"]');
    await expect(page.locator('#forecast-chart').getAttribute('data-forecast-kg')).resolves.toBe('600000');
    const docx = page.locator('form.dashboard-form .actions button.download-docx');
    await expect(docx.textContent()).resolves.toBe('Tải báo cáo tuần (Word, trình ký)');
    await expect(page.locator('form.dashboard-form .actions button.download-xlsx').count()).resolves.toBe(1);
    const [file] = await Promise.all([page.waitForEvent('download'), docx.click()]);
    expect(file.suggestedFilename()).toMatch(/^bao-cao-tuan-\d{4}-W\d{2}\.docx$/);
    const bytes = readFileSync(await file.path());
    // A zip holding the Word document part.
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(bytes.includes(Buffer.from('word/document.xml'))).toBe(true);
    await page.locator('form.dashboard-form').scrollIntoViewIfNeeded();
    await screenshot(page, '40-dashboard-weekly-report-downloads');
    expect(seen).toEqual({ dialogs: [], errors: [] });
    await page.context().close();
  });
});
