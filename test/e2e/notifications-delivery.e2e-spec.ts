import { NotificationsService, Role, UsersService } from '@agrilink/core';
import { ensureProduct, makeBuyer, makeCooperative, makePurchaseRequest, makeSupplyLot } from '@agrilink/testing';
import { waitFor, waitForRun } from '../support/matching';
import { spawnWorker, stopProcess, TestHttpStub, TestSmtp } from '../support/notifications';
import { createTestApp, TestApp } from '../support/test-app';

const PRODUCT = 'E2E_NOTIFY';
const BASE = 'https://agrilink.test';
const pt = (lat: number, lng: number) => ({ type: 'Point' as const, coordinates: [lng, lat] });

/**
 * The outbox's delivery worker as its own process, against a real SMTP server, a local Zalo ZNS
 * endpoint and a local SMS gateway: digests per organisation and run, deal messages, exactly once
 * across a SIGKILL mid-send, retries while SMTP is down, and `failed` after the last try.
 */
describe('notification delivery: e-mail, Zalo, SMS (e2e, worker process, real SMTP)', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let zalo: TestHttpStub;
  let sms: TestHttpStub;
  let worker: ReturnType<typeof spawnWorker>;
  let staff: string;
  let admin: string;
  const users: Record<string, { id: string; email: string; token: string }> = {};
  const org: Record<string, string> = {};

  beforeAll(async () => {
    smtp = await new TestSmtp().start();
    zalo = await new TestHttpStub().start();
    sms = await new TestHttpStub().start();
    sms.answer = () => ({ status: 202, json: { id: `sms-${sms.requests.length}` } });
    t = await createTestApp({
      SMTP_URL: smtp.url,
      MAIL_FROM: 'AgriLink <thongbao@agrilink.test>',
      APP_BASE_URL: BASE,
      ZALO_API_URL: zalo.url,
      ZALO_ACCESS_TOKEN: 'zalo-oa-token-for-tests',
      ZALO_TEMPLATE_PROPOSALS: 'tpl-proposals',
      ZALO_TEMPLATE_DEAL_CONFIRMED: 'tpl-deal-confirmed',
      ZALO_TEMPLATE_DELIVERY_RECORDED: 'tpl-delivery',
      SMS_GATEWAY_URL: sms.url,
      SMS_GATEWAY_TOKEN: 'sms-token-for-tests',
      NOTIFICATION_MAX_ATTEMPTS: '4',
      NOTIFICATION_RETRY_BASE_MS: '300',
      NOTIFICATION_SEND_TIMEOUT_MS: '4000',
      NOTIFICATION_POLL_MS: '200',
    });
    await ensureProduct(t.dataSource, {
      code: PRODUCT,
      nameVi: 'Lúa ST25 thông báo',
      nameEn: 'ST25 rice (notify)',
      shelfLifeDays: 60,
    });
    org.coopA = (await makeCooperative(t.dataSource, { name: 'HTX Thông Báo A' })).id;
    org.coopB = (await makeCooperative(t.dataSource, { name: 'HTX Thông Báo B' })).id;
    org.buyerX = (await makeBuyer(t.dataSource, { name: 'Chợ đầu mối Thông Báo X' })).id;
    staff = await t.tokenFor('staff');
    admin = await t.tokenFor('admin');
    users.coopA = await user('cooperative', org.coopA, 'a1@htx-a.test');
    users.coopA2 = await user('cooperative', org.coopA, 'a2@htx-a.test');
    users.coopB = await user('cooperative', org.coopB, 'b1@htx-b.test');
    users.buyerX = await user('buyer', org.buyerX, 'x1@buyer-x.test');
    worker = spawnWorker();
  }, 60_000);

  afterAll(async () => {
    if (process.env.NOTIFY_DEBUG) console.log(worker?.output());
    if (worker) await stopProcess(worker, 'SIGTERM');
    await t?.close();
    await smtp?.stop();
    await zalo?.stop();
    await sms?.stop();
  });

  async function user(role: Role, organizationId: string, email: string) {
    const password = 'Test@12345';
    const u = await t.app.get(UsersService).create(null, { email, password, role, organizationId });
    const res = await t.http().post('/api/auth/login').send({ email, password }).expect(200);
    return { id: u.id, email, token: res.body.accessToken as string };
  }
  const as = (token: string) => ({
    get: (url: string) => t.http().get(url).auth(token, { type: 'bearer' }),
    post: (url: string, body: object = {}) => t.http().post(url).auth(token, { type: 'bearer' }).send(body),
    patch: (url: string, body: object) => t.http().patch(url).auth(token, { type: 'bearer' }).send(body),
  });
  const deliveries = (where = 'true', params: unknown[] = []) =>
    t.dataSource.query(
      `SELECT d.*, n.kind FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id WHERE ${where} ORDER BY d.created_at`,
      params,
    );
  const attempts = (deliveryId: string) =>
    t.dataSource.query(
      `SELECT attempt, outcome FROM notification_delivery_attempts WHERE delivery_id = $1 ORDER BY attempt`,
      [deliveryId],
    );

  async function run(): Promise<{ id: string; proposals: any[] }> {
    const res = await as(staff)
      .post('/api/matching-runs', { products: [PRODUCT] })
      .expect(202);
    const done = await waitForRun(t, staff, res.body.id, ['completed', 'failed'], 60_000);
    expect(done.status).toBe('completed');
    const proposals = (await as(staff).get(`/api/matching-runs/${done.id}/proposals?limit=500`).expect(200)).body.items;
    return { id: done.id, proposals };
  }

  let firstRun: { id: string; proposals: any[] };

  it('lets each user choose channels, and refuses Zalo or SMS without a phone number', async () => {
    const mine = await as(users.coopA.token).get('/api/users/me/notification-preferences').expect(200);
    expect(mine.body).toEqual({
      email: true,
      zalo: false,
      sms: false,
      inApp: true,
      phone: null,
      language: 'vi',
      available: { email: true, zalo: true, sms: true, inApp: true },
    });
    const refused = await as(users.coopA.token)
      .patch('/api/users/me/notification-preferences', { zalo: true })
      .expect(422);
    expect(refused.body.details).toEqual([expect.objectContaining({ field: 'phone' })]);
    await as(users.coopA.token).patch('/api/users/me/notification-preferences', { phone: 'abc' }).expect(400);
    const zaloOn = await as(users.coopA.token)
      .patch('/api/users/me/notification-preferences', { zalo: true, sms: true, phone: '091 234 5678' })
      .expect(200);
    expect(zaloOn.body).toMatchObject({ email: true, zalo: true, sms: true, phone: '84912345678' });
    // A second user of the same cooperative wants no e-mail; the buyer reads English.
    await as(users.coopA2.token).patch('/api/users/me/notification-preferences', { email: false }).expect(200);
    await as(users.buyerX.token).patch('/api/users/me/notification-preferences', { language: 'en' }).expect(200);
    await t.http().get('/api/users/me/notification-preferences').expect(401);
  });

  it('e-mails one Vietnamese digest per organisation and run, listing each new proposal with its link, and Zalo and SMS to who chose them', async () => {
    await makeSupplyLot(t.dataSource, {
      cooperativeId: org.coopA,
      productCode: PRODUCT,
      quantityKg: 4_000,
      askVndPerKg: 7000,
    });
    await makeSupplyLot(t.dataSource, {
      cooperativeId: org.coopA,
      productCode: PRODUCT,
      quantityKg: 3_000,
      askVndPerKg: 7100,
    });
    await makeSupplyLot(t.dataSource, {
      cooperativeId: org.coopB,
      productCode: PRODUCT,
      quantityKg: 2_000,
      askVndPerKg: 7200,
    });
    await makePurchaseRequest(t.dataSource, {
      buyerId: org.buyerX,
      productCode: PRODUCT,
      quantityKg: 20_000,
      bidVndPerKg: 9000,
      location: pt(10.03, 105.77),
    });
    firstRun = await run();
    const ofA = firstRun.proposals.filter((p) => p.cooperativeId === org.coopA);
    const ofB = firstRun.proposals.filter((p) => p.cooperativeId === org.coopB);
    expect([ofA.length, ofB.length]).toEqual([2, 1]);

    await waitFor(
      () =>
        smtp.to(users.coopA.email).length >= 1 &&
        smtp.to(users.coopB.email).length >= 1 &&
        smtp.to(users.buyerX.email).length >= 1,
      'the three digests',
      30_000,
    );
    await new Promise((r) => setTimeout(r, 1500)); // any duplicate would have arrived by now
    const [a] = smtp.to(users.coopA.email);
    expect(smtp.to(users.coopA.email)).toHaveLength(1);
    expect(smtp.to(users.coopB.email)).toHaveLength(1);
    expect(smtp.to(users.buyerX.email)).toHaveLength(1);
    expect(smtp.to(users.coopA2.email)).toHaveLength(0); // chose no e-mail
    expect(a.subject).toBe('Có 2 đề xuất kết nối mới');
    expect(a.text).toContain('Kính gửi HTX Thông Báo A');
    for (const p of ofA) expect(a.text).toContain(`${BASE}/#/proposals/${p.id}`);
    expect(a.text).toContain('Lúa ST25 thông báo');
    expect(a.text).toContain('Chợ đầu mối Thông Báo X');
    expect(a.text).toMatch(/4\.000 kg/);
    expect(a.text).toMatch(/7\.000 đ\/kg/);
    expect(a.text).toContain('thu hoạch 2026-12-01–2026-12-15');
    expect(a.html).toContain(`href="${BASE}/#/proposals/${ofA[0].id}"`);
    const [x] = smtp.to(users.buyerX.email);
    expect(x.subject).toBe('3 new linkage proposals');
    expect(x.text).toContain('ST25 rice (notify)');
    expect(x.text).toContain('HTX Thông Báo B');

    // Message-ID is the delivery's idempotency key.
    const [mailA] = await deliveries(`d.user_id = $1 AND d.channel = 'email'`, [users.coopA.id]);
    expect(a.messageId).toBe(`<notification.${mailA.id}@agrilink.test>`);
    expect(a.headers['x-agrilink-idempotency-key']).toBe(mailA.idempotency_key);
    expect(mailA).toMatchObject({ status: 'sent', attempts: 1, kind: 'proposals.created' });

    // Zalo ZNS and SMS: only the user who turned them on, once each.
    await waitFor(() => zalo.requests.length >= 1 && sms.requests.length >= 1, 'Zalo and SMS', 20_000);
    expect(zalo.requests).toHaveLength(1);
    expect(zalo.requests[0].headers.access_token).toBe('zalo-oa-token-for-tests');
    expect(zalo.requests[0].body).toMatchObject({
      phone: '84912345678',
      template_id: 'tpl-proposals',
      template_data: { count: '2', quantity_kg: '7000' },
    });
    expect(zalo.requests[0].body.tracking_id).toMatch(/:zalo$/);
    expect(sms.requests).toHaveLength(1);
    expect(sms.requests[0].headers.authorization).toBe('Bearer sms-token-for-tests');
    expect(sms.requests[0].body).toMatchObject({ to: '84912345678', from: 'AgriLink' });
    expect(sms.requests[0].body.text).toMatch(/^AgriLink: Co 2 de xuat ket noi moi/);
    const [zaloRow] = await deliveries(`d.channel = 'zalo'`);
    expect(zaloRow).toMatchObject({ status: 'sent', provider_message_id: 'm1' });
  }, 90_000);

  it('lists in the next digest the proposals the run superseded and those that turned stale, apart from the new ones', async () => {
    const before = smtp.to(users.coopA.email).length;
    const [stale, replaced] = firstRun.proposals.filter((p) => p.cooperativeId === org.coopA);
    await t.dataSource.query(
      `UPDATE proposals SET status = 'stale', stale_reason = 'lot changed', stale_at = now(), updated_at = now() WHERE id = $1`,
      [stale.id],
    );
    // A new price behind the staleness check's back: the next run offers this pair anew and supersedes the old offer.
    await t.dataSource.query(`UPDATE supply_lots SET ask_vnd_per_kg = ask_vnd_per_kg + 100 WHERE id = $1`, [
      replaced.supplyLotId,
    ]);
    const second = await run();
    await waitFor(() => smtp.to(users.coopA.email).length > before, 'the second digest', 30_000);
    const digest = smtp.to(users.coopA.email)[before];
    const ofA = second.proposals.filter((p) => p.cooperativeId === org.coopA);
    expect(ofA.length).toBeGreaterThan(0);
    expect(digest.subject).toBe(`Có ${ofA.length} đề xuất kết nối mới`);
    const [fresh, rest] = digest.text.split('Đề xuất cũ đã được thay thế');
    const [superseded, old] = rest.split('Đề xuất không còn phù hợp');
    for (const p of ofA) expect(fresh).toContain(`${BASE}/#/proposals/${p.id}`);
    expect(superseded).toContain(`${BASE}/#/proposals/${replaced.id}`);
    expect(old).toContain(`${BASE}/#/proposals/${stale.id}`);
    expect(fresh + superseded).not.toContain(stale.id);
    const [{ status }] = await t.dataSource.query(`SELECT status FROM proposals WHERE id = $1`, [replaced.id]);
    expect(status).toBe('superseded');
  }, 90_000);

  it('sends a confirmed deal exactly once although the worker is SIGKILLed in the middle of sending it', async () => {
    const product = (
      await ensureProduct(t.dataSource, {
        code: `${PRODUCT}_DEAL`,
        nameVi: 'Tiêu đen',
        nameEn: 'Black pepper',
        shelfLifeDays: 365,
      })
    ).code;
    await makeSupplyLot(t.dataSource, {
      cooperativeId: org.coopB,
      productCode: product,
      quantityKg: 1_500,
      askVndPerKg: 90_000,
    });
    await makePurchaseRequest(t.dataSource, {
      buyerId: org.buyerX,
      productCode: product,
      quantityKg: 1_500,
      bidVndPerKg: 98_000,
      location: pt(10.03, 105.77),
    });
    const res = await as(staff)
      .post('/api/matching-runs', { products: [product] })
      .expect(202);
    await waitForRun(t, staff, res.body.id);
    const [p] = (await as(staff).get(`/api/matching-runs/${res.body.id}/proposals`).expect(200)).body.items;
    await waitFor(
      async () => {
        const rows = await deliveries(`n.data->>'matchingRunId' = $1 AND d.channel = 'email'`, [res.body.id]);
        return rows.length === 2 && rows.every((d: any) => d.status === 'sent');
      },
      'the pepper digests',
      30_000,
    );

    smtp.stall = true;
    await as(users.coopB.token).post(`/api/proposals/${p.id}/accept`).expect(200);
    await as(users.buyerX.token).post(`/api/proposals/${p.id}/accept`).expect(200);
    const confirmed = await as(staff).post(`/api/proposals/${p.id}/confirm`).expect(200);
    // Both parties' messages reach DATA and hang there; then the worker dies.
    await waitFor(() => smtp.stalled >= 2, 'both deal e-mails to be in DATA', 30_000, 20);
    await stopProcess(worker, 'SIGKILL');
    const inFlight = await deliveries(`n.kind = 'deal.confirmed' AND d.channel = 'email'`);
    expect(inFlight.map((d: any) => d.status)).toEqual(['sending', 'sending']);
    smtp.stall = false;
    worker = spawnWorker();

    await waitFor(
      async () =>
        (await deliveries(`n.kind = 'deal.confirmed' AND d.channel = 'email' AND d.status = 'sent'`)).length === 2,
      'both deal e-mails sent after the restart',
      60_000,
      200,
    );
    await new Promise((r) => setTimeout(r, 2000));
    for (const d of inFlight) {
      const got = smtp.received.filter((m) => m.messageId === `<notification.${d.id}@agrilink.test>`);
      expect(got).toHaveLength(1);
      expect(await attempts(d.id)).toEqual([
        { attempt: 1, outcome: 'abandoned' },
        { attempt: 2, outcome: 'sent' },
      ]);
    }
    const toCoop = smtp.to(users.coopB.email).filter((m) => m.subject.startsWith('Giao dịch đã được xác nhận'));
    expect(toCoop).toHaveLength(1);
    expect(toCoop[0].subject).toBe('Giao dịch đã được xác nhận: Tiêu đen');
    expect(toCoop[0].text).toContain('1.500 kg');
    expect(toCoop[0].text).toContain(`${BASE}/#/deals/${confirmed.body.deal.id}`);
    expect(smtp.to(users.buyerX.email).filter((m) => m.subject === 'Deal confirmed: Black pepper')).toHaveLength(1);
  }, 150_000);

  it('retries with backoff while the SMTP server is down and delivers once it is back', async () => {
    const [deal] = await t.dataSource.query(`SELECT id FROM deals ORDER BY created_at DESC LIMIT 1`);
    await smtp.stop();
    await t.dataSource.transaction((em) =>
      t.app.get(NotificationsService).notify(em, [
        {
          audience: 'cooperative',
          audienceId: org.coopB,
          kind: 'delivery.recorded',
          title: 'Đã ghi nhận giao hàng',
          body: '500 kg',
          data: { dealId: deal.id, deliveredKg: 500, deliveredOn: '2026-12-05' },
        },
      ]),
    );
    const row = await waitFor(
      async () => (await deliveries(`n.kind = 'delivery.recorded' AND d.channel = 'email' AND d.attempts >= 2`))[0],
      'two failed attempts',
      30_000,
      50,
    );
    expect(row.status === 'pending' || row.status === 'sending').toBe(true);
    expect(row.last_error).toMatch(/ECONNREFUSED|connect/i);
    await smtp.start(); // same port
    await waitFor(
      async () => (await deliveries(`d.id = $1 AND d.status = 'sent'`, [row.id]))[0],
      'the delivery after SMTP is back',
      30_000,
      100,
    );
    const got = smtp.received.filter((m) => m.messageId === `<notification.${row.id}@agrilink.test>`);
    expect(got).toHaveLength(1);
    expect(got[0].subject).toBe('Đã ghi nhận giao hàng: Tiêu đen');
    expect(got[0].text).toContain('Đã giao: 500 kg');
    expect(got[0].text).toContain('Ngày giao: 2026-12-05');
    const log = await attempts(row.id);
    expect(log.at(-1)).toEqual({ attempt: log.length, outcome: 'sent' });
    expect(log.slice(0, -1).every((a: any) => a.outcome === 'error')).toBe(true);
  }, 90_000);

  it('marks a message failed after the last try, or at once when refused for good, and shows it to admins only', async () => {
    zalo.answer = () => ({ status: 503, json: { error: -1, message: 'busy' } });
    smtp.refuse.add(users.coopB.email);
    const [deal] = await t.dataSource.query(`SELECT id FROM deals ORDER BY created_at DESC LIMIT 1`);
    await t.dataSource.transaction((em) =>
      t.app.get(NotificationsService).notify(em, [
        {
          audience: 'cooperative',
          audienceId: org.coopA,
          kind: 'deal.confirmed',
          title: 'Giao dịch',
          body: '-',
          data: { dealId: deal.id },
        },
        {
          audience: 'cooperative',
          audienceId: org.coopB,
          kind: 'deal.confirmed',
          title: 'Giao dịch',
          body: '-',
          data: { dealId: deal.id },
        },
      ]),
    );
    const failed = await waitFor(
      async () => {
        const rows = await deliveries(`d.status = 'failed'`);
        return rows.length >= 2 && rows;
      },
      'two failed deliveries',
      30_000,
      100,
    );
    const zaloFailed = failed.find((d: any) => d.channel === 'zalo');
    const mailRefused = failed.find((d: any) => d.channel === 'email');
    expect(zaloFailed).toMatchObject({ attempts: 4, max_attempts: 4, user_id: users.coopA.id });
    expect(zaloFailed.last_error).toMatch(/503/);
    expect(mailRefused).toMatchObject({ attempts: 1, address: users.coopB.email });
    expect(mailRefused.last_error).toMatch(/550/);

    const list = await as(admin).get('/api/notifications/deliveries?status=failed').expect(200);
    expect(list.body.items.map((d: any) => d.id).sort()).toEqual([zaloFailed.id, mailRefused.id].sort());
    const z = list.body.items.find((d: any) => d.id === zaloFailed.id);
    expect(z).toMatchObject({ channel: 'zalo', status: 'failed', attempts: 4, kind: 'deal.confirmed' });
    expect(z.attemptLog.map((a: any) => a.outcome)).toEqual(['error', 'error', 'error', 'error']);
    await as(staff).get('/api/notifications/deliveries?status=failed').expect(403);
    await as(users.coopA.token).get('/api/notifications/deliveries').expect(403);
    await as(admin).get('/api/notifications/deliveries?status=lost').expect(400);

    // An admin sends it again once the gateway is well.
    zalo.answer = () => ({ status: 200, json: { error: 0, message: 'Success', data: { msg_id: 'again' } } });
    const retried = await as(admin).post(`/api/notifications/deliveries/${zaloFailed.id}/retry`).expect(200);
    expect(retried.body.status).toBe('pending');
    await waitFor(
      async () => (await deliveries(`d.id = $1 AND d.status = 'sent'`, [zaloFailed.id]))[0],
      'the retried Zalo message',
      20_000,
    );
    await as(admin).post(`/api/notifications/deliveries/${zaloFailed.id}/retry`).expect(409);
  }, 90_000);

  it('sends nothing for the staff desk or for kinds that stay in the app', async () => {
    const rows = await deliveries(
      `n.audience = 'staff' OR n.kind NOT IN ('proposals.created', 'deal.confirmed', 'delivery.recorded', 'deal.cancelled')`,
    );
    expect(rows).toEqual([]);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM notification_outbox WHERE status = 'pending'`,
    );
    expect(n).toBe(0);
  });
});
