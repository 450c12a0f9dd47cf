import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { totpCodeAt, UsersService } from '@agrilink/core';
import { createTestApp, TestApp } from '../support/test-app';
import { launchChromium, screenshot, watchPage } from './browser';

const EMAIL = 'security-browser@test.agrilink.vn';
const FIRST_PASSWORD = 'Browser@12345';
const NEW_PASSWORD = 'Mật khẩu mới dài 2026';

describe('web app: the Security screen (change password, two-step sign-in, sign-out) in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    if (!existsSync(resolve(__dirname, '../../apps/web/dist/index.html'))) {
      throw new Error('apps/web/dist is missing: run `npm run build:web` (npm run test:browser does)');
    }
    t = await createTestApp();
    await t.app.get(UsersService).create(null, { email: EMAIL, password: FIRST_PASSWORD, role: 'staff' });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(page: Page, password: string) {
    await page.goto(`${baseUrl}/#/login`);
    await page.fill('form.login [name="email"]', EMAIL);
    await page.fill('form.login [name="password"]', password);
    await page.click('form.login button[type="submit"]');
  }

  it('changes the password, turns on TOTP from a QR code, signs out, and then asks for the code at sign-in', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const seen = watchPage(page);
    await page.goto(baseUrl);
    await page.waitForSelector('body[data-ready="true"]');

    await signIn(page, FIRST_PASSWORD);
    await page.waitForSelector('.logout');
    await page.click('a.security-link');
    await page.waitForSelector('section.security h2');
    expect(await page.textContent('section.security h2')).toBe('Bảo mật tài khoản');

    // Change password: a mismatch is caught in the form, then the change goes through.
    await page.fill('form.change-password [name="currentPassword"]', FIRST_PASSWORD);
    await page.fill('form.change-password [name="newPassword"]', NEW_PASSWORD);
    await page.fill('form.change-password [name="confirmPassword"]', 'khác');
    await page.click('form.change-password button[type="submit"]');
    await page.waitForSelector('.field[data-field="confirmPassword"].invalid');
    await page.fill('form.change-password [name="confirmPassword"]', NEW_PASSWORD);
    await page.click('form.change-password button[type="submit"]');
    await page.waitForSelector('.flash:has-text("Đã đổi mật khẩu")');

    // TOTP set-up: a QR code of the otpauth:// link, then a code confirms it.
    await page.click('button.totp-start');
    const qr = page.locator('.totp-qr img');
    await qr.waitFor();
    expect(await qr.evaluate((img: any) => img.complete && img.naturalWidth > 100)).toBe(true);
    const otpauth = new URL((await qr.getAttribute('data-otpauth'))!);
    const secret = otpauth.searchParams.get('secret')!;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect((await page.textContent('.totp-secret'))!.replace(/\s/g, '')).toBe(secret);
    await page.fill('form.totp-enable [name="code"]', totpCodeAt(secret, Date.now()));
    await page.click('form.totp-enable button[type="submit"]');
    await page.waitForSelector('.totp-on');
    await screenshot(page, 'security-totp-on');

    // Sign out ends the session on the server too.
    const refreshToken = await page.evaluate(
      () => JSON.parse((globalThis as any).localStorage.getItem('agrilink.session')).refreshToken as string,
    );
    await page.click('button.logout-everywhere');
    await page.waitForSelector('a.login-link');
    const refresh = await t.http().post('/api/auth/refresh').send({ refreshToken });
    expect(refresh.status).toBe(401);

    // Sign-in now needs the code: the field appears when the server asks for it.
    await signIn(page, NEW_PASSWORD);
    await page.waitForSelector('.field[data-field="totp"]:not([hidden]) input');
    expect(await page.locator('.logout').count()).toBe(0);
    await page.fill('form.login [name="totp"]', totpCodeAt(secret, Date.now() + 30_000));
    await page.click('form.login button[type="submit"]');
    await page.waitForSelector('.logout');
    await screenshot(page, 'security-signed-in-with-totp');
    expect(seen.errors).toEqual([]);
    expect(seen.dialogs).toEqual([]);
    await context.close();
  });

  it('asks for a new password after an admin reset, in the sign-in form', async () => {
    const users = t.app.get(UsersService);
    const admin = await users.create(null, {
      email: 'reset-admin@test.agrilink.vn',
      password: 'Admin@123456',
      role: 'admin',
    });
    const victim = await users.create(null, {
      email: 'reset-browser@test.agrilink.vn',
      password: 'Before@12345',
      role: 'staff',
    });
    const { temporaryPassword } = await users.resetPassword(
      { userId: admin.id, email: admin.email, role: 'admin', organizationId: null },
      victim.id,
    );
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/#/login`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.fill('form.login [name="email"]', victim.email);
    await page.fill('form.login [name="password"]', temporaryPassword);
    await page.click('form.login button[type="submit"]');
    await page.waitForSelector('.new-password:not([hidden]) [name="newPassword"]');
    await page.fill('form.login [name="newPassword"]', 'Chọn mật khẩu riêng 2026');
    await page.fill('form.login [name="confirmPassword"]', 'Chọn mật khẩu riêng 2026');
    await page.click('form.login button[type="submit"]');
    await page.waitForSelector('.logout');
    const again = await t
      .http()
      .post('/api/auth/login')
      .send({ email: victim.email, password: 'Chọn mật khẩu riêng 2026' });
    expect(again.status).toBe(200);
    await context.close();
  });
});
