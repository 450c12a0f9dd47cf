import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';

export const SCREENSHOT_DIR = resolve(__dirname, '../../.artifacts/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium (installed by .ci/run); the test tool never downloads a browser. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (see .ci/run)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/** Collects what a page must never do: open a dialog (an injected alert) or throw. */
export function watchPage(page: Page): { dialogs: string[]; errors: string[] } {
  const seen = { dialogs: [] as string[], errors: [] as string[] };
  page.on('dialog', async (d) => {
    seen.dialogs.push(d.message());
    await d.dismiss().catch(() => undefined);
  });
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  return seen;
}

/** A fresh browser context in Vietnamese on Việt Nam time, signed in through the login form. */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  credentials: { email: string; password: string },
  options: { viewport?: { width: number; height: number }; acceptDownloads?: boolean } = {},
): Promise<{ page: Page; seen: ReturnType<typeof watchPage> }> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    acceptDownloads: options.acceptDownloads ?? false,
  });
  const page = await context.newPage();
  const seen = watchPage(page);
  await page.goto(`${baseUrl}/#/login`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.fill('form.login [name="email"]', credentials.email);
  await page.fill('form.login [name="password"]', credentials.password);
  await page.click('form.login button[type="submit"]');
  await page.waitForSelector('.logout', { state: 'attached' });
  return { page, seen };
}

/** Goes to a screen through the header: on a phone the screens sit behind the menu button. */
export async function openScreen(page: Page, route: string): Promise<void> {
  const toggle = page.locator('header.top .menu-toggle');
  if (await toggle.isVisible()) {
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  }
  await page.click(`header.top a[data-route="${route}"]`);
}
