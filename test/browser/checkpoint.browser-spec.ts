import '../support/unreachable-tiles.env';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Browser, chromium } from 'playwright-core';
import * as QRCode from 'qrcode';
import { PNG } from 'pngjs';
import { addDays, todayInVietnam, UsersService } from '@agrilink/core';
import { makeTransportOperator, makeVehicle } from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';
import { launchChromium, screenshot, signedInPage, watchPage } from './browser';

const PASSWORD = 'Browser@12345';

/** One still image as a Y4M clip (4:2:0), which Chromium's fake camera plays in a loop. */
function y4mOf(png: Buffer, size = 480): Buffer {
  const img = PNG.sync.read(png);
  const w = size;
  const hgt = size;
  const Y = Buffer.alloc(w * hgt, 235);
  const U = Buffer.alloc((w / 2) * (hgt / 2), 128);
  const V = Buffer.alloc((w / 2) * (hgt / 2), 128);
  // The QR centred on white, scaled to fit.
  const scale = Math.min((w - 40) / img.width, (hgt - 40) / img.height);
  const ox = (w - img.width * scale) / 2;
  const oy = (hgt - img.height * scale) / 2;
  for (let y = 0; y < hgt; y++) {
    for (let x = 0; x < w; x++) {
      const sx = Math.floor((x - ox) / scale);
      const sy = Math.floor((y - oy) / scale);
      if (sx < 0 || sy < 0 || sx >= img.width || sy >= img.height) continue;
      const i = (sy * img.width + sx) * 4;
      const lum = 0.299 * img.data[i] + 0.587 * img.data[i + 1] + 0.114 * img.data[i + 2];
      Y[y * w + x] = Math.round(16 + (lum * 219) / 255);
    }
  }
  const header = Buffer.from(`YUV4MPEG2 W${w} H${hgt} F10:1 Ip A1:1 C420jpeg\n`);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), Y, U, V]);
  return Buffer.concat([header, frame, frame, frame, frame, frame]);
}

describe('web app: vehicles, green-lane permits and the checkpoint page in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let staffEmail: string;
  const permits: Record<'good' | 'revoked', any> = {} as any;
  const today = todayInVietnam();

  beforeAll(async () => {
    if (!existsSync(resolve(__dirname, '../../apps/web/dist/index.html')))
      throw new Error('apps/web/dist is missing: run `npm run build:web`');
    t = await createTestApp();
    staffEmail = `staff-lx-${Date.now()}@test.agrilink.vn`;
    await t.app.get(UsersService).create(null, { email: staffEmail, password: PASSWORD, role: 'staff' });
    const staff = await t.tokenFor('staff');
    const operator = await makeTransportOperator(t.dataSource, { name: 'Vận tải Hòn Đất' });
    for (const [name, plate] of [
      ['good', '68C-123.45'],
      ['revoked', '68C-678.90'],
    ] as const) {
      const vehicle = await makeVehicle(t.dataSource, operator.id, { plate });
      permits[name] = (
        await t
          .http()
          .post('/api/green-lane-permits')
          .auth(staff, { type: 'bearer' })
          .send({ vehicleId: vehicle.id, validFrom: today, validTo: addDays(today, 6) })
          .expect(201)
      ).body;
    }
    await t
      .http()
      .post(`/api/green-lane-permits/${permits.revoked.id}/revoke`)
      .auth(staff, { type: 'bearer' })
      .send({})
      .expect(200);
    await makeVehicle(t.dataSource, operator.id, { plate: '65C-111.22' });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const verdictOf = async (page: import('playwright-core').Page, text: string) => {
    await page.fill('.checkpoint-input', text);
    await page.click('.checkpoint-form button.check');
    await page.waitForSelector('.checkpoint-verdict[data-valid]');
    const el = page.locator('.checkpoint-verdict');
    return { valid: await el.getAttribute('data-valid'), text: (await el.innerText()).replace(/\s+/g, ' ') };
  };

  it('says HỢP LỆ for a typed good code, KHÔNG HỢP LỆ for a revoked, unknown or malformed one, to anyone without signing in', async () => {
    const context = await browser.newContext({
      viewport: { width: 420, height: 860 },
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    const page = await context.newPage();
    const seen = watchPage(page);
    await page.goto(`${baseUrl}/#/checkpoint`);
    await page.waitForSelector('body[data-ready="true"]');

    const good = await verdictOf(page, permits.good.code.toLowerCase());
    expect(good.valid).toBe('true');
    expect(good.text).toContain('HỢP LỆ');
    expect(good.text).toContain('68C-123.45');
    expect(good.text).toContain('Vận tải Hòn Đất');
    await screenshot(page, 'checkpoint-valid');

    const revoked = await verdictOf(page, permits.revoked.code);
    expect(revoked).toMatchObject({ valid: 'false' });
    expect(revoked.text).toContain('KHÔNG HỢP LỆ');
    expect(revoked.text).toContain('đã thu hồi');
    await screenshot(page, 'checkpoint-invalid');

    expect((await verdictOf(page, 'LX-0000-0000')).text).toMatch(/KHÔNG HỢP LỆ.*Không có giấy phép/);
    expect((await verdictOf(page, 'xyz')).valid).toBe('false');
    expect(seen.errors).toEqual([]);
    await context.close();
  });

  it('checks a pasted QR text offline with the public key, and catches a forged plate', async () => {
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/#/checkpoint`);
    await page.waitForSelector('body[data-ready="true"]');
    const genuine = await verdictOf(page, permits.good.qr.text);
    expect(genuine.valid).toBe('true');
    expect(genuine.text).toContain('Chữ ký mã QR đúng');

    const forged = await verdictOf(page, permits.good.qr.text.replace('68C-123.45', '68C-999.99'));
    expect(forged.valid).toBe('false');
    expect(forged.text).toContain('Chữ ký mã QR sai');

    // Network gone: the key kept from before still checks the signature and the dates.
    await context.route('**/api/green-lane-permits/**', (route) => route.abort());
    const offline = await verdictOf(page, permits.good.qr.text);
    expect(offline.valid).toBe('true');
    expect(offline.text).toContain('mất mạng');
    await context.close();
  });

  it('reads the QR from the camera (Chromium fake camera playing the printed QR)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agrilink-cam-'));
    const clip = join(dir, 'permit.y4m');
    writeFileSync(clip, y4mOf(await QRCode.toBuffer(permits.good.qr.text, { type: 'png', margin: 4, width: 400 })));
    const camBrowser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-dev-shm-usage',
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${clip}`,
      ],
    });
    try {
      const context = await camBrowser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
      await context.grantPermissions(['camera'], { origin: baseUrl });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/#/checkpoint`);
      await page.waitForSelector('body[data-ready="true"]');
      await page.click('button.scan');
      await page.waitForSelector('.checkpoint-verdict[data-valid]', { timeout: 30_000 });
      expect(await page.inputValue('.checkpoint-input')).toBe(permits.good.qr.text);
      expect(await page.getAttribute('.checkpoint-verdict', 'data-valid')).toBe('true');
      expect(await page.locator('.checkpoint-verdict').innerText()).toContain('Chữ ký mã QR đúng');
      await screenshot(page, 'checkpoint-camera');
    } finally {
      await camBrowser.close();
    }
  });

  it('lets staff register a vehicle and issue a permit from the screens, then print it', async () => {
    const { page, seen } = await signedInPage(
      browser,
      baseUrl,
      { email: staffEmail, password: PASSWORD },
      { acceptDownloads: true },
    );
    await page.click('a[data-route="vehicles"]');
    await page.waitForSelector('form.vehicle-form');
    await page.waitForFunction(
      () =>
        (globalThis as any).document.querySelectorAll('form.vehicle-form [data-field="operatorId"] option').length > 1,
    );
    await page.selectOption('form.vehicle-form [data-field="operatorId"] select', { label: 'Vận tải Hòn Đất' });
    await page.fill('form.vehicle-form [data-field="plate"] input', '68c 246 80');
    await page.fill('form.vehicle-form [data-field="capacityKg"] input', '9000');
    await page.click('form.vehicle-form button[type="submit"]');
    await page
      .waitForSelector('.vehicle-card[data-plate="68C-246.80"]', { timeout: 8000 })
      .catch(async (e: unknown) => {
        throw new Error(
          `${e instanceof Error ? e.message : String(e)}\nform: ${await page.locator('form.vehicle-form').innerText()}\nlist: ${await page.locator('.vehicle-list').innerText()}`,
        );
      });
    // A bad plate is refused before it is sent, with the field marked.
    await page.fill('form.vehicle-form [data-field="plate"] input', 'xe tải');
    await page.fill('form.vehicle-form [data-field="capacityKg"] input', '9000');
    await page.click('form.vehicle-form button[type="submit"]');
    await page.waitForSelector('form.vehicle-form .field.invalid[data-field="plate"]');

    await page.click('a[data-route="permits"]');
    await page.waitForSelector('form.permit-form');
    await page.waitForFunction(() =>
      Array.from<{ textContent: string }>(
        (globalThis as any).document.querySelectorAll('form.permit-form [data-field="vehicleId"] option'),
      ).some((o) => o.textContent.includes('68C-246.80')),
    );
    const option = await page
      .locator('form.permit-form [data-field="vehicleId"] option', { hasText: '68C-246.80' })
      .getAttribute('value');
    await page.selectOption('form.permit-form [data-field="vehicleId"] select', option);
    await page.fill('form.permit-form [data-field="validTo"] input', addDays(today, 3));
    await page.click('form.permit-form button[type="submit"]');
    await page.waitForSelector('.flash');
    const card = page.locator('.permit-card', { hasText: '68C-246.80' });
    await card.waitFor();
    const code = await card.getAttribute('data-code');
    expect(code).toMatch(/^LX-/);
    expect(await card.innerText()).toContain('còn hiệu lực');
    await card.locator('button.show-qr').click();
    await card.locator('img.permit-qr').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), card.locator('button.download-pdf').click()]);
    expect(download.suggestedFilename()).toBe(`luong-xanh-${code}.pdf`);
    await screenshot(page, 'permits-staff');
    expect(seen.errors).toEqual([]);
  });
});
