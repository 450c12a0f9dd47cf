import { INestApplicationContext } from '@nestjs/common';
import { createServer } from 'node:net';
import { ensureProduct, makeBuyer, makeCooperative, makePurchaseRequest, makeSupplyLot } from '@agrilink/testing';
import { startInProcessWorker, waitForRun } from '../support/matching';
import { createTestApp, TestApp } from '../support/test-app';

// Values that must never reach an anonymous caller: contacts, a deal's price, a pending bid.
const SECRET_PHONE = '0987654321';
const SECRET_EMAIL = 'kin@flows.test.vn';
const DEAL_PRICE = 7123;
const PENDING_ASK = 6111;
const PENDING_BID = 9333;
const pt = (lat: number, lng: number) => ({ type: 'Point' as const, coordinates: [lng, lat] });

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
    srv.on('error', fail);
  });
}

describe('public data: flows, reports, metrics and health by caller (e2e)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let metricsPort: number;
  const tok: Record<string, string> = {};
  const names: string[] = [];
  const ids: string[] = [];
  let dealId: string;
  let proposalId: string;

  beforeAll(async () => {
    metricsPort = await freePort();
    t = await createTestApp({ METRICS_PORT: String(metricsPort) });
    worker = await startInProcessWorker();
    const ds = t.dataSource;
    const contact = { contactName: 'Bà Kín Đáo', contactPhone: SECRET_PHONE, contactEmail: SECRET_EMAIL };
    const [dealProduct, runProduct] = await Promise.all([
      ensureProduct(ds, { code: 'E2E_FLOW_DEAL', shelfLifeDays: 60 }),
      ensureProduct(ds, { code: 'E2E_FLOW_RUN', shelfLifeDays: 60 }),
    ]);
    const coopA = await makeCooperative(ds, { name: 'HTX Bí Mật Giao Dịch', ...contact });
    const coopB = await makeCooperative(ds, { name: 'HTX Người Ngoài' });
    const buyerX = await makeBuyer(ds, { name: 'Công ty Mua Kín', ...contact, contactEmail: `b.${SECRET_EMAIL}` });
    const buyerY = await makeBuyer(ds, { name: 'Công ty Người Ngoài' });
    names.push(coopA.name, buyerX.name);
    tok.admin = await t.tokenFor('admin');
    tok.staff = await t.tokenFor('staff');
    tok.coopA = await t.tokenFor('cooperative', coopA.id);
    tok.coopB = await t.tokenFor('cooperative', coopB.id);
    tok.buyerX = await t.tokenFor('buyer', buyerX.id);
    tok.buyerY = await t.tokenFor('buyer', buyerY.id);

    // A confirmed deal at a price only the parties and staff may see.
    const dealLot = await makeSupplyLot(ds, {
      cooperativeId: coopA.id,
      productCode: dealProduct.code,
      quantityKg: 8_000,
      location: pt(9.93412, 105.30877),
    });
    const dealRequest = await makePurchaseRequest(ds, {
      buyerId: buyerX.id,
      productCode: dealProduct.code,
      quantityKg: 8_000,
      bidVndPerKg: 9100,
      location: pt(10.72251, 106.62254),
    });
    const deal = await t
      .http()
      .post('/api/deals')
      .auth(tok.staff, { type: 'bearer' })
      .send({
        supplyLotId: dealLot.id,
        purchaseRequestId: dealRequest.id,
        quantityKg: 3_000,
        priceVndPerKg: DEAL_PRICE,
      })
      .expect(201);
    dealId = deal.body.id;

    // A pending proposal of a matching run: its ask and bid are a negotiation in progress.
    const runLot = await makeSupplyLot(ds, {
      cooperativeId: coopA.id,
      productCode: runProduct.code,
      quantityKg: 4_000,
      askVndPerKg: PENDING_ASK,
    });
    const runRequest = await makePurchaseRequest(ds, {
      buyerId: buyerX.id,
      productCode: runProduct.code,
      quantityKg: 4_000,
      bidVndPerKg: PENDING_BID,
      location: pt(10.03, 105.77),
    });
    const run = await t
      .http()
      .post('/api/matching-runs')
      .auth(tok.staff, { type: 'bearer' })
      .send({ products: [runProduct.code] })
      .expect(202);
    const done = await waitForRun(t, tok.staff, run.body.id);
    expect(done.status).toBe('completed');
    const proposals = (
      await t.http().get(`/api/matching-runs/${run.body.id}/proposals`).auth(tok.staff, { type: 'bearer' }).expect(200)
    ).body.items;
    expect(proposals).toHaveLength(1);
    proposalId = proposals[0].id;
    ids.push(dealLot.id, dealRequest.id, dealId, runLot.id, runRequest.id, proposalId);
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  const get = (url: string, who?: string) => {
    const req = t.http().get(url);
    return who ? req.auth(tok[who], { type: 'bearer' }) : req;
  };

  /** A value standing alone (a JSON number or string), not four digits inside a uuid or a code. */
  const alone = (v: string) => new RegExp(`(^|[^0-9A-Za-z-])${v}([^0-9A-Za-z-]|$)`);

  /** Never to anonymous callers anywhere: contacts, a deal's price, a pending bid, deal, proposal and request ids. */
  function expectNothingPrivate(text: string, where: string) {
    for (const secret of [SECRET_PHONE, SECRET_EMAIL, dealId, proposalId, ids[1], ids[4]]) {
      if (text.includes(secret)) throw new Error(`${where} shows ${secret} to an anonymous caller`);
    }
    for (const price of [DEAL_PRICE, PENDING_BID])
      if (alone(String(price)).test(text)) throw new Error(`${where} shows the price ${price} to an anonymous caller`);
    expect(text).not.toMatch(/"(priceVndPerKg|bidVndPerKg|buyerName|purchaseRequestId|contact[A-Za-z]*)"/);
  }

  /** Flows for anonymous callers also name no party and point at no lot. */
  function expectAnonymousFlows(text: string, where: string) {
    expectNothingPrivate(text, where);
    for (const secret of [...names, ...ids])
      if (text.includes(secret)) throw new Error(`${where} shows ${secret} to an anonymous caller`);
    expect(text).not.toMatch(/"(askVndPerKg|cooperativeName|supplyLotId|matchingRunId)"/);
    expect(text).not.toMatch(alone(String(PENDING_ASK)));
  }

  it('shows anonymous callers totals of confirmed deals between places: no names, prices, ids or proposals', async () => {
    const deals = await get('/api/map/flows?kind=deals').expect(200);
    expect(deals.headers['cache-control']).toMatch(/public/);
    expect(deals.body.aggregated).toBe(true);
    expect(deals.body.features).toHaveLength(1);
    const [total] = deals.body.features;
    expect(total.properties).toMatchObject({
      kind: 'aggregate',
      product: 'E2E_FLOW_DEAL',
      quantityKg: 3_000,
      deals: 1,
      fromProvinceCode: '91',
      toProvinceCode: '79',
    });
    // Ends snapped to a ≈1 km grid, never the farm's or the warehouse's exact point.
    for (const [lng, lat] of total.geometry.coordinates) {
      expect(Math.abs(lng * 100 - Math.round(lng * 100))).toBeLessThan(1e-6);
      expect(Math.abs(lat * 100 - Math.round(lat * 100))).toBeLessThan(1e-6);
    }
    expect(total.geometry.coordinates).toEqual([
      [105.31, 9.93],
      [106.62, 10.72],
    ]);
    expectAnonymousFlows(deals.text, 'flows?kind=deals');

    // Without a kind an anonymous caller gets the totals; pending proposals are never shown.
    expect((await get('/api/map/flows').expect(200)).body).toEqual(deals.body);
    for (const url of ['/api/map/flows?kind=proposals', `/api/map/flows?kind=proposals&matchingRunId=${ids[0]}`]) {
      const res = await get(url).expect(200);
      expect(res.body).toEqual({ type: 'FeatureCollection', aggregated: true, features: [] });
    }
    // A forged or expired token is anonymous on a public route: still only totals.
    const forged = await t.http().get('/api/map/flows?kind=deals').auth('not.a.token', { type: 'bearer' }).expect(200);
    expectAnonymousFlows(forged.text, 'flows with a bad token');
  });

  it('shows each party its own flows in detail, other parties none, and staff all', async () => {
    for (const who of ['coopA', 'buyerX', 'staff', 'admin']) {
      const deals = await get('/api/map/flows?kind=deals', who).expect(200);
      expect(deals.headers['cache-control']).toMatch(/private/);
      expect(deals.body.aggregated).toBe(false);
      expect(deals.body.features.map((f: any) => f.properties)).toEqual([
        expect.objectContaining({
          id: dealId,
          kind: 'deal',
          priceVndPerKg: DEAL_PRICE,
          quantityKg: 3_000,
          cooperativeName: names[0],
          buyerName: names[1],
          status: 'confirmed',
        }),
      ]);
      const proposals = await get('/api/map/flows?kind=proposals', who).expect(200);
      expect(proposals.body.features.map((f: any) => f.properties)).toEqual([
        expect.objectContaining({
          id: proposalId,
          kind: 'proposal',
          askVndPerKg: PENDING_ASK,
          bidVndPerKg: PENDING_BID,
          status: 'proposed',
        }),
      ]);
    }
    for (const who of ['coopB', 'buyerY']) {
      for (const kind of ['deals', 'proposals']) {
        const res = await get(`/api/map/flows?kind=${kind}`, who).expect(200);
        expect(res.body.features).toEqual([]);
      }
    }
  });

  it('leaks no contacts, deal prices, bids or parties on any anonymous route of the OpenAPI document', async () => {
    const doc = (await get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, any>> };
    const publicGets = Object.entries(doc.paths)
      .filter(([, ops]) => ops.get)
      .map(([path]) => path);
    expect(publicGets).toEqual(
      expect.arrayContaining([
        '/api/map/flows',
        '/api/map/supply',
        '/api/map/supply-list',
        '/api/map/buyers',
        '/api/health',
        '/api/web-config',
      ]),
    );
    const checked: string[] = [];
    for (const path of publicGets) {
      const url = path.replace('{code}', 'E2E_FLOW_DEAL').replace(/\{[^}]+\}/g, ids[0]);
      for (const query of ['', '?zoom=18', '?kind=deals', '?kind=proposals']) {
        const res = await get(url + query);
        if (res.status === 401) continue; // a signed-in route; the authorization matrix checks those
        expect(res.status).toBeLessThan(500);
        expectNothingPrivate(res.text, url + query);
        if (url.startsWith('/api/map/flows')) expectAnonymousFlows(res.text, url + query);
        checked.push(url + query);
      }
    }
    expect(checked).toEqual(
      expect.arrayContaining([
        '/api/map/supply?zoom=18',
        '/api/map/supply-list',
        '/api/map/flows?kind=deals',
        '/api/map/buyers?zoom=18',
      ]),
    );
    // Decision: a lot's asking price on the public supply map is market information (KH 308), unlike deal prices and bids.
    const supply = await get('/api/map/supply-list?product=E2E_FLOW_RUN').expect(200);
    expect(supply.body.items[0]).toMatchObject({ askVndPerKg: PENDING_ASK });
  });

  it('serves reports to staff and admin only', async () => {
    const reports = [
      '/api/reports/weekly?week=2026-W49',
      '/api/reports/harvest-calendar?from=2026-11-30',
      '/api/reports/price-watch',
      '/api/reports/backlog-by-commune',
    ];
    for (const url of reports) {
      expect((await get(url).expect(401)).body.code).toBe('AUTH.UNAUTHENTICATED');
      for (const who of ['coopA', 'buyerX'])
        expect((await get(url, who).expect(403)).body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
      for (const who of ['staff', 'admin']) await get(url, who).expect(200);
    }
  });

  it('serves /metrics on the api port to admins only, and on the internal metrics port without a token', async () => {
    for (const url of ['/metrics', '/api/metrics']) {
      expect((await get(url).expect(401)).body.code).toBe('AUTH.UNAUTHENTICATED');
      await t.http().get(url).auth('not.a.token', { type: 'bearer' }).expect(401);
      for (const who of ['staff', 'coopA', 'buyerX'])
        expect((await get(url, who).expect(403)).body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
      const ok = await get(url, 'admin').expect(200);
      expect(ok.text).toContain('agrilink_http_request_duration_seconds');
    }
    const internal = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(internal.status).toBe(200);
    expect(await internal.text()).toContain('agrilink_http_request_duration_seconds');
    expect((await fetch(`http://127.0.0.1:${metricsPort}/api/supply-lots`)).status).toBe(404);
  });

  it('tells anonymous callers only whether the service is healthy; versions only to admins', async () => {
    const anon = await get('/api/health').expect(200);
    expect(anon.body).toEqual({ status: 'ok' });
    expect(anon.headers['cache-control']).toBe('no-store');
    for (const who of ['staff', 'coopA'])
      expect((await get('/api/health', who).expect(200)).body).toEqual({ status: 'ok' });
    const admin = await get('/api/health', 'admin').expect(200);
    expect(admin.body).toMatchObject({
      status: 'ok',
      database: { status: 'up', version: expect.stringMatching(/PostgreSQL/) },
      postgis: { status: 'up' },
      redis: { status: 'up' },
    });
  });
});
