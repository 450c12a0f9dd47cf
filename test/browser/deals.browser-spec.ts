import '../support/unreachable-tiles.env';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import type { INestApplicationContext } from '@nestjs/common';
import { addDays, Role, todayInVietnam, UsersService } from '@agrilink/core';
import { ensureProduct, makeBuyer, makeCooperative, makePurchaseRequest, makeSupplyLot } from '@agrilink/testing';
import { startInProcessWorker, waitForRun } from '../support/matching';
import { createTestApp, TestApp } from '../support/test-app';
import { launchChromium, screenshot, signedInPage } from './browser';

// Issue 12 items 6–8 in a real browser: the proposals list paged past its first page, a
// delivery recorded in parts, and the staff audit screen showing who did it.
const PASSWORD = 'Browser@12345';
const PRODUCT = 'BR_CARDS';

describe('proposals paging, partial deliveries and the audit screen in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let worker: INestApplicationContext;
  let dealId: string;
  const emails: Record<string, string> = {};
  const today = todayInVietnam();

  beforeAll(async () => {
    if (!existsSync(resolve(__dirname, '../../apps/web/dist/index.html')))
      throw new Error('apps/web/dist is missing: run `npm run build:web`');
    t = await createTestApp();
    const ds = t.dataSource;
    await ensureProduct(ds, {
      code: PRODUCT,
      nameVi: 'Lúa thử nghiệm',
      nameEn: 'Test paddy',
      shelfLifeDays: 60,
      typicalPriceMinVnd: 6_000,
      typicalPriceMaxVnd: 9_000,
    });
    const coop = await makeCooperative(ds, { name: 'HTX Đồng Tiến' });
    const buyer = await makeBuyer(ds, {
      name: 'Công ty Lương Thực Miền Tây',
      contactName: 'Anh Tâm',
      contactPhone: '0908123456',
    });
    // 22 lots for one request: 22 proposals, more than one page of 20.
    for (let i = 0; i < 22; i++) {
      await makeSupplyLot(ds, {
        cooperativeId: coop.id,
        productCode: PRODUCT,
        quantityKg: 1_000 + i * 100,
        askVndPerKg: 7_000,
        harvestFrom: addDays(today, 1),
        harvestTo: addDays(today, 10),
      });
    }
    await makePurchaseRequest(ds, {
      buyerId: buyer.id,
      productCode: PRODUCT,
      quantityKg: 200_000,
      bidVndPerKg: 9_000,
      deliverFrom: addDays(today, 1),
      deliverTo: addDays(today, 30),
      location: { type: 'Point', coordinates: [105.77, 10.03] } as any,
    });
    // The deal is on a product of its own, so its lot takes no part in the run.
    await ensureProduct(ds, {
      code: 'BR_DEAL',
      nameVi: 'Lúa giao dịch',
      nameEn: 'Deal paddy',
      typicalPriceMinVnd: 6_000,
      typicalPriceMaxVnd: 9_000,
    });
    const dealLot = await makeSupplyLot(ds, {
      cooperativeId: coop.id,
      productCode: 'BR_DEAL',
      quantityKg: 30_000,
      askVndPerKg: 7_000,
      harvestFrom: today,
      harvestTo: addDays(today, 10),
    });
    const dealRequest = await makePurchaseRequest(ds, {
      buyerId: buyer.id,
      productCode: 'BR_DEAL',
      quantityKg: 12_000,
      bidVndPerKg: 7_500,
      deliverFrom: addDays(today, 40),
      deliverTo: addDays(today, 50),
    });

    const users = t.app.get(UsersService);
    const enrol = async (role: Role, organizationId: string | null) => {
      emails[role] = `${role}-deals@test.agrilink.vn`;
      await users.create(null, { email: emails[role], password: PASSWORD, role, organizationId });
    };
    await enrol('cooperative', coop.id);
    await enrol('staff', null);
    await enrol('buyer', buyer.id);

    const staffToken = await t.tokenFor('staff', null);
    const deal = await t
      .http()
      .post('/api/deals')
      .auth(staffToken, { type: 'bearer' })
      .send({ supplyLotId: dealLot.id, purchaseRequestId: dealRequest.id, quantityKg: 12_000, priceVndPerKg: 7_400 });
    expect(deal.status).toBe(201);
    dealId = deal.body.id;
    worker = await startInProcessWorker();
    const run = await t
      .http()
      .post('/api/matching-runs')
      .auth(staffToken, { type: 'bearer' })
      .send({ products: [PRODUCT] });
    expect((await waitForRun(t, staffToken, run.body.id)).status).toBe('completed');

    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await t?.close();
  });

  const openAs = (role: Role) => signedInPage(browser, baseUrl, { email: emails[role], password: PASSWORD });

  it('pages the cooperative through its 22 proposals, each card naming its lot, the delivery days and the buyer to call', async () => {
    const { page, seen } = await openAs('cooperative');
    await page.click('a[data-route="proposals"]');
    const cards = page.locator('.proposal-list .proposal');
    await cards.first().waitFor();
    await expect(cards.count()).resolves.toBe(20);
    await expect(page.locator('.list-proposals .list-summary').textContent()).resolves.toBe('Hiển thị 1–20 / 22');
    const card = cards.first();
    await expect(card.locator('.about-lot').textContent()).resolves.toContain('Lô hàng của bạn');
    await expect(card.locator('.delivery-window').textContent()).resolves.toMatch(
      /^Giao hàng trong khoảng \d\d\/\d\d\/\d{4} – \d\d\/\d\d\/\d{4}/,
    );
    await expect(card.locator('.contact').textContent()).resolves.toContain('Anh Tâm');
    await expect(card.locator('.contact a[href^="tel:"]').count()).resolves.toBe(1);
    await screenshot(page, '30-cooperative-proposals-paged');

    await page.click('.list-proposals .list-next');
    await page.waitForFunction(
      () =>
        (globalThis as any).document.querySelector('.list-proposals .list-summary')?.textContent ===
        'Hiển thị 21–22 / 22',
    );
    await expect(cards.count()).resolves.toBe(2);

    // Largest first, then open one as its e-mail link would.
    await page.locator('.list-proposals select[name="sort"]').selectOption('-quantityKg');
    await page.waitForFunction(
      () =>
        (globalThis as any).document.querySelector('.list-proposals .list-summary')?.textContent ===
        'Hiển thị 1–20 / 22',
    );
    await expect(cards.first().locator('h3').textContent()).resolves.toContain('3,1 tấn');
    const id = await cards.first().getAttribute('data-proposal-id');
    await page.goto(`${baseUrl}/#/proposals/${id}`);
    await page.locator(`.proposal-list.single .proposal[data-proposal-id="${id}"]`).waitFor();
    await page.locator('.proposal-list.single button.accept').click();
    await page.waitForFunction(
      () => (globalThis as any).document.querySelector('.proposal-list.single .actions')?.textContent !== '',
    );
    expect(seen.errors).toEqual([]);
    expect(seen.dialogs).toEqual([]);
    await page.context().close();
  });

  it('lets staff record a partial delivery in a form; the deal shows what is left and lists the delivery', async () => {
    const { page, seen } = await openAs('staff');
    await page.click('a[data-route="deals"]');
    const deal = page.locator(`.deal[data-deal-id="${dealId}"]`);
    await deal.waitFor();
    await deal.locator('details.deliveries summary').click();
    const form = deal.locator('form.delivery-form');
    await form.waitFor();
    await form.locator('[name="deliveredKg"]').fill('12001');
    await form.locator('button.save-delivery').click();
    // The server's Vietnamese message (Accept-Language from the UI) next to its field, the field marked.
    await form.locator('.field[data-field="deliveredKg"] .field-error', { hasText: 'chỉ còn 12.000 kg' }).waitFor();
    await expect(form.locator('.field[data-field="deliveredKg"].invalid').count()).resolves.toBe(1);
    await form.locator('[name="deliveredKg"]').fill('5000');
    await form.locator('[name="note"]').fill('Đợt 1, xe 65C-123.45');
    await form.locator('button.save-delivery').click();
    const partly = page.locator(`.deal-partially_delivered[data-deal-id="${dealId}"]`);
    await partly.waitFor();
    await expect(partly.locator('.badge').textContent()).resolves.toBe('đang giao từng đợt');
    await expect(partly.locator('.delivered-of').textContent()).resolves.toContain('Đã giao 5 tấn / 12 tấn');
    await partly.locator('details.deliveries summary').click();
    await expect(partly.locator('.deliveries-list .delivery').first().textContent()).resolves.toContain(
      '5.000 kg · Đợt 1, xe 65C-123.45',
    );
    await screenshot(page, '31-staff-partial-delivery');
    const [row] = await t.dataSource.query('SELECT status, delivered_kg::int AS kg FROM deals WHERE id = $1', [dealId]);
    expect(row).toEqual({ status: 'partially_delivered', kg: 5_000 });
    expect(seen.errors).toEqual([]);
    await page.context().close();
  });

  it('shows staff the audit screen: who recorded the delivery, with before and after', async () => {
    const { page, seen } = await openAs('staff');
    await page.click('a[data-route="audit"]');
    await page.locator('.audit-results .audit-list').waitFor();
    await page.locator('form.audit-filters [name="entityType"]').selectOption('deal');
    await page.locator('form.audit-filters [name="entityId"]').fill(dealId);
    await page.click('form.audit-filters button[type="submit"]');
    const deliver = page.locator('.audit-entry.action-deliver').first();
    await deliver.waitFor();
    await expect(deliver.locator('.audit-actor').textContent()).resolves.toBe(emails.staff);
    await expect(deliver.locator('[data-field="status"]').textContent()).resolves.toBe(
      'status: confirmed → partially_delivered',
    );
    await expect(page.locator('.audit-entry.action-create').count()).resolves.toBe(1);
    await screenshot(page, '32-staff-audit-screen');
    expect(seen.errors).toEqual([]);
    await page.context().close();
  });
});
