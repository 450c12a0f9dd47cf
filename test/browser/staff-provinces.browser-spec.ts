import '../support/unreachable-tiles.env';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { UsersService } from '@agrilink/core';
import { createTestApp, TestApp } from '../support/test-app';
import { launchChromium, screenshot, signedInPage } from './browser';

// Issue 17 item 1 in a real browser: the admin binds a staff member to provinces (An Giang, 91)
// and back to national, and creates a province staff account; the API then holds what was chosen.
const PASSWORD = 'Browser@12345';

describe('staff and their provinces in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let staffId: string;

  beforeAll(async () => {
    if (!existsSync(resolve(__dirname, '../../apps/web/dist/index.html')))
      throw new Error('apps/web/dist is missing: run `npm run build:web`');
    t = await createTestApp();
    const users = t.app.get(UsersService);
    await users.create(null, { email: 'admin-provinces@test.agrilink.vn', password: PASSWORD, role: 'admin' });
    staffId = (
      await users.create(null, {
        email: 'so-ct@test.agrilink.vn',
        password: PASSWORD,
        role: 'staff',
        displayName: 'Cán bộ Sở',
      })
    ).id;
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the admin binds a staff member to An Giang, then makes them national again, and creates a province staff account', async () => {
    const admin = await signedInPage(browser, baseUrl, {
      email: 'admin-provinces@test.agrilink.vn',
      password: PASSWORD,
    });
    const page = admin.page;
    await page.click('a[data-route="staff-provinces"]');
    const item = page.locator(`.staff-item[data-user="${staffId}"]`);
    await item.waitFor();
    await expect(item.locator('.staff-scope').textContent()).resolves.toBe('Toàn quốc');
    await item.locator('summary').click();
    await item.locator('.checks[data-name="provinceCodes"] input[value="91"]').check();
    await item.locator('[data-action="save-provinces"]').click();
    await page.waitForSelector('.flash');
    await expect(page.locator('.flash').textContent()).resolves.toBe('Đã lưu địa bàn của so-ct@test.agrilink.vn');
    await expect(page.locator(`.staff-item[data-user="${staffId}"] .staff-scope`).textContent()).resolves.toMatch(
      /An Giang/,
    );
    expect((await t.app.get(UsersService).get(staffId)).provinceCodes).toEqual(['91']);
    await screenshot(page, 'staff-provinces');

    const again = page.locator(`.staff-item[data-user="${staffId}"]`);
    await again.locator('summary').click();
    await again.locator('.checks[data-name="provinceCodes"] input[value="91"]').uncheck();
    await again.locator('[data-action="save-provinces"]').click();
    await page.locator(`.staff-item[data-user="${staffId}"] .staff-scope`, { hasText: 'Toàn quốc' }).waitFor();
    expect((await t.app.get(UsersService).get(staffId)).provinceCodes).toBeNull();

    await page.fill('form.staff-form [name="email"]', 'so-ct-hcm@test.agrilink.vn');
    await page.fill('form.staff-form [name="password"]', PASSWORD);
    await page.locator('form.staff-form .checks[data-name="provinceCodes"] input[value="79"]').check();
    await page.click('[data-action="create-staff"]');
    await page.locator('.staff-item summary', { hasText: 'so-ct-hcm@test.agrilink.vn' }).waitFor();
    const created = (
      await t.dataSource.query(`SELECT province_codes FROM users WHERE email = 'so-ct-hcm@test.agrilink.vn'`)
    )[0];
    expect(created.province_codes).toEqual(['79']);
    expect(admin.seen).toEqual({ dialogs: [], errors: [] });
  });
});
