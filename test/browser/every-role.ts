import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Role, totpCodeAt, UsersService } from '@agrilink/core';
import {
  ensureProduct,
  makeAgency,
  makeBuyer,
  makeCooperative,
  makeProductionArea,
  makePurchaseRequest,
  makeSupplyLot,
  makeTransportOperator,
  makeVehicle,
} from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';
import { watchPage } from './browser';

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 800 };
export const ROLES: Array<Role | 'anonymous'> = [
  'anonymous',
  'admin',
  'staff',
  'cooperative',
  'buyer',
  'transport',
  'agency',
];
const PASSWORD = 'Browser@12345';

export interface EveryRole {
  t: TestApp;
  baseUrl: string;
  coopId: string;
  /** A fresh context in Vietnamese (or English) on Việt Nam time, signed in as the role (its session put where the app keeps it). */
  open(
    role: Role | 'anonymous',
    viewport: { width: number; height: number },
    options?: { lang?: 'vi' | 'en'; path?: string; beforeLoad?: (context: BrowserContext) => void },
  ): Promise<{ context: BrowserContext; page: Page; seen: ReturnType<typeof watchPage> }>;
}

/** One app with a user of every role and a little of everything each role's screens list. */
export async function startEveryRole(browser: () => Browser): Promise<EveryRole> {
  const t = await createTestApp();
  const ds = t.dataSource;
  await ensureProduct(ds, { code: 'LUA_ST', nameVi: 'Lúa ST25', nameEn: 'ST25 paddy' });
  const coop = await makeCooperative(ds, {
    name: 'HTX Nông nghiệp Thạnh Phước',
    contactName: 'Nguyễn Văn A',
    contactPhone: '0912345678',
    location: { type: 'Point', coordinates: [105.2, 9.95] } as any,
  });
  await makeProductionArea(ds, { cooperativeId: coop.id, productCode: 'LUA_ST', name: 'Cánh đồng lớn Thạnh Phước' });
  for (let i = 0; i < 12; i++) {
    await makeSupplyLot(ds, {
      cooperativeId: coop.id,
      productCode: 'LUA_ST',
      quantityKg: 2_216_000 + i * 1000,
      location: { type: 'Point', coordinates: [105 + (i % 4) * 0.2, 9.7 + Math.floor(i / 4) * 0.2] },
    });
  }
  const buyer = await makeBuyer(ds, {
    name: 'Chợ đầu mối Bình Điền',
    location: { type: 'Point', coordinates: [106.6225, 10.7225] },
  });
  await makePurchaseRequest(ds, {
    buyerId: buyer.id,
    productCode: 'LUA_ST',
    quantityKg: 120_000,
    bidVndPerKg: 9_500,
    location: { type: 'Point', coordinates: [106.6225, 10.7225] },
  });
  const operator = await makeTransportOperator(ds, {
    name: 'Vận tải Rạch Giá',
    serviceProvinceCodes: ['91'],
    provinceCode: '91',
  });
  await makeVehicle(ds, operator.id, { plate: '68C-123.45', capacityKg: 8_000 });
  const agency = await makeAgency(ds, { name: 'UBND xã Thạnh Hưng', kind: 'commune' });
  const users = t.app.get(UsersService);
  const orgOf: Record<Role, string | null> = {
    admin: null,
    staff: null,
    cooperative: coop.id,
    buyer: buyer.id,
    transport: operator.id,
    agency: agency.id,
  };
  for (const role of Object.keys(orgOf) as Role[])
    await users.create(null, {
      email: `${role}-every@test.agrilink.vn`,
      password: PASSWORD,
      role,
      organizationId: orgOf[role],
    });
  await t.app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;

  const sessions = new Map<Role, unknown>();
  const sessionOf = async (role: Role) => {
    if (sessions.has(role)) return sessions.get(role);
    const login = (body: object) =>
      fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const body: Record<string, string> = { email: `${role}-every@test.agrilink.vn`, password: PASSWORD };
    let res = await login(body);
    if (res.status === 401) {
      // Admins set up two-step sign-in on their first sign-in.
      const refused = (await res.json()) as { details?: { secret?: string } };
      res = await login({ ...body, totp: totpCodeAt(refused.details!.secret!, Date.now()) });
    }
    if (res.status !== 200) throw new Error(`sign-in of ${role}: ${res.status} ${await res.text()}`);
    const session = await res.json();
    sessions.set(role, session);
    return session;
  };

  return {
    t,
    baseUrl,
    coopId: coop.id,
    async open(role, viewport, options = {}) {
      const context = await browser().newContext({
        viewport,
        locale: options.lang === 'en' ? 'en-GB' : 'vi-VN',
        timezoneId: 'Asia/Ho_Chi_Minh',
      });
      const session = role === 'anonymous' ? null : await sessionOf(role);
      await context.addInitScript(
        ([s, lang]) => {
          const store = (globalThis as any).localStorage;
          if (s && !store.getItem('agrilink.session')) store.setItem('agrilink.session', JSON.stringify(s));
          store.setItem('agrilink.lang', lang);
        },
        [session, options.lang ?? 'vi'] as const,
      );
      options.beforeLoad?.(context);
      const page = await context.newPage();
      const seen = watchPage(page);
      await page.goto(`${baseUrl}/${options.path ?? ''}`);
      await page.waitForSelector('body[data-ready="true"]');
      return { context, page, seen };
    },
  };
}

/** Waits until the screen has loaded its code and no request has been open for a moment. */
export async function settled(page: Page, quietMs = 400, maxMs = 8000): Promise<void> {
  await page.waitForFunction(() => !(globalThis as any).document.querySelector('.screen-loading'), undefined, {
    timeout: maxMs,
  });
  await page.evaluate(
    ([quiet, max]) =>
      new Promise<void>((resolve) => {
        const perf = (globalThis as any).performance;
        let count = perf.getEntriesByType('resource').length;
        let still = 0;
        const started = Date.now();
        const tick = () => {
          const now = perf.getEntriesByType('resource').length;
          still = now === count ? still + 100 : 0;
          count = now;
          if (still >= quiet || Date.now() - started > max) resolve();
          else setTimeout(tick, 100);
        };
        setTimeout(tick, 100);
      }),
    [quietMs, maxMs] as const,
  );
}
