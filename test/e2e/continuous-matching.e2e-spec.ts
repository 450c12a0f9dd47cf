import { INestApplicationContext } from '@nestjs/common';
import { addDays, todayInVietnam } from '@agrilink/core';
import { ensureProduct, makeBuyer, makeCooperative, makePurchaseRequest, makeSupplyLot } from '@agrilink/testing';
import { startInProcessWorker, waitFor, waitForRun } from '../support/matching';
import { createTestApp, TestApp } from '../support/test-app';

const pt = (lat: number, lng: number) => ({ type: 'Point' as const, coordinates: [lng, lat] });

describe('continuous matching: backlog, expiry, superseding runs (e2e, real worker)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let coopId: string;
  let buyerId: string;
  let tok: Record<'staff' | 'coop' | 'buyer', string>;
  const today = todayInVietnam();

  beforeAll(async () => {
    // The expiry job's scheduler fires every second here (hourly by default).
    t = await createTestApp({ SUPPLY_LOT_EXPIRY_CRON: '* * * * * *' });
    worker = await startInProcessWorker();
    coopId = (await makeCooperative(t.dataSource)).id;
    buyerId = (await makeBuyer(t.dataSource)).id;
    tok = {
      staff: await t.tokenFor('staff'),
      coop: await t.tokenFor('cooperative', coopId),
      buyer: await t.tokenFor('buyer', buyerId),
    };
  });

  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  const as = (who: keyof typeof tok) => ({
    get: (url: string) => t.http().get(url).auth(tok[who], { type: 'bearer' }),
    post: (url: string, body: object = {}) => t.http().post(url).auth(tok[who], { type: 'bearer' }).send(body),
    patch: (url: string, body: object) => t.http().patch(url).auth(tok[who], { type: 'bearer' }).send(body),
  });

  async function run(products: string[], extra: object = {}) {
    const res = await as('staff')
      .post('/api/matching-runs', { products, ...extra })
      .expect(202);
    const done = await waitForRun(t, tok.staff, res.body.id);
    expect(done.status).toBe('completed');
    return done;
  }
  const openProposals = async (q: string) =>
    (await as('staff').get(`/api/proposals?status=proposed&limit=500&${q}`).expect(200)).body.items as any[];

  it('a backlog lot (harvest ended last week, available for two months) gets a proposal', async () => {
    const product = (
      await ensureProduct(t.dataSource, { code: 'E2E_CM_MAT_ONG', shelfLifeDays: 365, storageDays: 365 })
    ).code;
    const body = {
      product,
      quantityKg: 3_000,
      harvestFrom: addDays(today, -30),
      harvestTo: addDays(today, -7),
      askVndPerKg: 120_000,
      location: { lat: 9.3, lng: 105.0 },
    };
    // Past its availability already: refused, naming the field.
    const over = await as('coop')
      .post('/api/supply-lots', { ...body, availableUntil: addDays(today, -1) })
      .expect(422);
    expect(over.body.details[0].field).toBe('availableUntil');
    const before = await as('coop')
      .post('/api/supply-lots', { ...body, availableUntil: addDays(today, -8) })
      .expect(400);
    expect(JSON.stringify(before.body)).toContain('availableUntil');

    const lot = (
      await as('coop')
        .post('/api/supply-lots', { ...body, availableUntil: addDays(today, 60) })
        .expect(201)
    ).body;
    expect(lot).toMatchObject({ availableUntil: addDays(today, 60), backlog: true, status: 'open' });
    // Without availableUntil the product's storage decides: harvestTo + storageDays.
    const byDefault = (
      await as('coop')
        .post('/api/supply-lots', { ...body, quantityKg: 1_000 })
        .expect(201)
    ).body;
    expect(byDefault.availableUntil).toBe(addDays(body.harvestTo, 365));

    await makePurchaseRequest(t.dataSource, {
      buyerId,
      productCode: product,
      quantityKg: 10_000,
      bidVndPerKg: 150_000,
      deliverFrom: today,
      deliverTo: addDays(today, 20),
    });
    const done = await run([product]);
    const instance = (await as('staff').get(`/api/matching-runs/${done.id}/instance`).expect(200)).body;
    expect(instance.lots.find((l: any) => l.id === lot.id)).toMatchObject({
      availableFrom: done.runDay,
      availableTo: addDays(today, 60),
    });
    const mine = await openProposals(`supplyLotId=${lot.id}`);
    expect(mine).toHaveLength(1);
    expect(mine[0].quantityKg).toBe(3_000);
  });

  it('an expired lot turns expired by itself, leaves the map and the backlog, its proposal turns stale, and gets none', async () => {
    const product = (await ensureProduct(t.dataSource, { code: 'E2E_CM_TOM', shelfLifeDays: 3, storageDays: 1 })).code;
    const lot = await makeSupplyLot(t.dataSource, {
      cooperativeId: coopId,
      productCode: product,
      quantityKg: 2_000,
      askVndPerKg: 90_000,
      harvestFrom: addDays(today, -3),
      harvestTo: today,
      availableUntil: today,
      location: pt(9.61, 105.61),
    });
    await makePurchaseRequest(t.dataSource, {
      buyerId,
      productCode: product,
      quantityKg: 2_000,
      bidVndPerKg: 130_000,
      deliverFrom: today,
      deliverTo: addDays(today, 5),
      location: pt(10.03, 105.77),
    });
    await run([product]);
    const [p] = await openProposals(`supplyLotId=${lot.id}`);
    expect(p).toBeDefined();
    const onMap = async () =>
      (
        await t.http().get('/api/map/supply').query({ bbox: '105.6,9.6,105.62,9.62', zoom: 16 }).expect(200)
      ).body.features.map((f: any) => f.properties.id);
    expect(await onMap()).toContain(lot.id);

    // A day passes: the lot's last day is now yesterday.
    await t.dataSource.query(
      `UPDATE supply_lots SET harvest_from = $2::date - 4, harvest_to = $2::date - 1, available_until = $2::date - 1 WHERE id = $1`,
      [lot.id, today],
    );
    const expired = await waitFor(
      async () => {
        const l = (await as('staff').get(`/api/supply-lots/${lot.id}`).expect(200)).body;
        return l.status === 'expired' ? l : null;
      },
      'the expiry job',
      20_000,
      200,
    );
    expect(expired.backlog).toBe(false);
    expect(await onMap()).not.toContain(lot.id);
    const backlog = (await as('staff').get('/api/reports/backlog-by-commune').expect(200)).body;
    expect(JSON.stringify(backlog)).not.toContain(product);
    const stale = (await as('staff').get(`/api/proposals/${p.id}`).expect(200)).body;
    expect(stale).toMatchObject({
      status: 'stale',
      staleReason: expect.stringContaining('expired'),
      staleAt: expect.any(String),
    });
    const accept = await as('coop').post(`/api/proposals/${p.id}/accept`).expect(409);
    expect(accept.body.code).toBe('PROPOSAL.STALE');

    await run([product]);
    expect(await openProposals(`supplyLotId=${lot.id}`)).toHaveLength(0);
    // Moving availableUntil forward reopens it.
    const reopened = await as('coop')
      .patch(`/api/supply-lots/${lot.id}`, { availableUntil: addDays(today, 2) })
      .expect(200);
    expect(reopened.body.status).toBe('open');
  });

  it('three runs in a row leave one open proposal per pair: earlier ones superseded, a one-side-accepted one kept with its kilograms held out', async () => {
    const product = (await ensureProduct(t.dataSource, { code: 'E2E_CM_LUA', shelfLifeDays: 30, storageDays: 180 }))
      .code;
    const lot = await makeSupplyLot(t.dataSource, {
      cooperativeId: coopId,
      productCode: product,
      quantityKg: 10_000,
      askVndPerKg: 6_000,
      harvestFrom: addDays(today, -20),
      harvestTo: addDays(today, -10),
      availableUntil: addDays(today, 90),
    });
    const r1 = await makePurchaseRequest(t.dataSource, {
      buyerId,
      productCode: product,
      quantityKg: 4_000,
      bidVndPerKg: 9_000,
      deliverFrom: today,
      deliverTo: addDays(today, 30),
    });
    const r2 = await makePurchaseRequest(t.dataSource, {
      buyerId,
      productCode: product,
      quantityKg: 4_000,
      bidVndPerKg: 9_000,
      deliverFrom: today,
      deliverTo: addDays(today, 30),
    });

    const run1 = await run([product]);
    const first = await openProposals(`supplyLotId=${lot.id}`);
    expect(first).toHaveLength(2);
    const p1 = first.find((p) => p.purchaseRequestId === r1.id);
    const p2 = first.find((p) => p.purchaseRequestId === r2.id);
    await as('coop').post(`/api/proposals/${p1.id}/accept`).expect(200);
    // The buyer wants more on request 2: the next run offers more, holding out the 4 000 kg the seller accepted.
    await as('buyer').patch(`/api/purchase-requests/${r2.id}`, { quantityKg: 5_000 }).expect(200);
    expect((await as('staff').get(`/api/proposals/${p2.id}`).expect(200)).body.status).toBe('proposed');

    const run2 = await run([product]);
    const run3 = await run([product]);
    expect(run2.diff).toMatchObject({
      previousRunId: run1.id,
      added: 1,
      kept: 0,
      superseded: 1,
      heldOutKg: { supplyLots: 4_000 },
    });
    expect(run3.diff).toMatchObject({ previousRunId: run2.id, added: 0, kept: 1, superseded: 0 });

    const open = await openProposals(`supplyLotId=${lot.id}`);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ purchaseRequestId: r2.id, quantityKg: 5_000, matchingRunId: run2.id });
    const pairs = (await openProposals('')).map((p) => `${p.supplyLotId}/${p.purchaseRequestId}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect((await as('staff').get(`/api/proposals/${p1.id}`).expect(200)).body.status).toBe('accepted_by_seller');
    const old = (await as('staff').get(`/api/proposals/${p2.id}`).expect(200)).body;
    expect(old).toMatchObject({ status: 'superseded', supersededByRunId: run2.id, supersededAt: expect.any(String) });
    // Never offered twice: what the lot has out (accepted + open) stays within its 10 000 kg.
    expect(4_000 + open[0].quantityKg).toBeLessThanOrEqual(10_000);

    const superseded = await as('buyer').post(`/api/proposals/${p2.id}/accept`).expect(409);
    expect(superseded.body).toMatchObject({
      code: 'PROPOSAL.SUPERSEDED',
      details: { messageVi: expect.any(String), messageEn: expect.any(String) },
    });
    expect(superseded.body.message).toMatch(/thay thế/);

    const changes = (await as('staff').get(`/api/matching-runs/${run2.id}/changes`).expect(200)).body;
    expect(changes.superseded.map((c: any) => c.proposalId)).toEqual([p2.id]);
    expect(changes.added.map((c: any) => c.purchaseRequestId)).toEqual([r2.id]);
    const kept = (await as('staff').get(`/api/matching-runs/${run3.id}/changes`).expect(200)).body;
    expect(kept.kept.map((c: any) => c.proposalId)).toEqual([open[0].id]);
    const list = (await as('staff').get(`/api/matching-runs?scopeKey=${product}|*&limit=2`).expect(200)).body;
    expect(list.total).toBe(3);
    expect(list.items[0]).toMatchObject({
      id: run3.id,
      scopeKey: `${product}|*`,
      requestedByEmail: expect.stringContaining('@'),
      diff: { kept: 1 },
    });

    // The superseded proposal's parties heard of it in the run's notification.
    const inbox = (await as('buyer').get('/api/notifications?limit=50').expect(200)).body.items;
    expect(
      inbox.some((n: any) => n.data.matchingRunId === run2.id && n.data.supersededProposalIds?.includes(p2.id)),
    ).toBe(true);

    // A change that breaks the terms turns the open and the one-side-accepted proposal stale at once.
    await as('coop').patch(`/api/supply-lots/${lot.id}`, { askVndPerKg: 6_500 }).expect(200);
    expect((await as('staff').get(`/api/proposals/${open[0].id}`).expect(200)).body.status).toBe('stale');
    expect((await as('staff').get(`/api/proposals/${p1.id}`).expect(200)).body).toMatchObject({
      status: 'stale',
      staleReason: expect.stringContaining('asking price'),
    });
    expect(
      (await as('coop').get('/api/notifications?limit=50').expect(200)).body.items.some(
        (n: any) => n.kind === 'proposals.stale',
      ),
    ).toBe(true);
  });

  it('a week of simulated days: each morning run leaves every backlog lot some buyer can take with exactly one open proposal', async () => {
    const product = (await ensureProduct(t.dataSource, { code: 'E2E_CM_TIEU', shelfLifeDays: 365, storageDays: 365 }))
      .code;
    const lots = [];
    for (let i = 0; i < 5; i++) {
      lots.push(
        await makeSupplyLot(t.dataSource, {
          cooperativeId: coopId,
          productCode: product,
          quantityKg: 2_000 + 500 * i,
          askVndPerKg: 140_000,
          harvestFrom: addDays(today, -60),
          harvestTo: addDays(today, -30 + i),
          availableUntil: addDays(today, i === 4 ? 3 : 200),
          location: pt(10.2 + i * 0.01, 104.0),
        }),
      );
    }
    // One buyer takes everything over the week; another can take nothing (bids below the ask).
    await makePurchaseRequest(t.dataSource, {
      buyerId,
      productCode: product,
      quantityKg: 1_000_000,
      bidVndPerKg: 170_000,
      deliverFrom: today,
      deliverTo: addDays(today, 10),
    });
    await makePurchaseRequest(t.dataSource, {
      buyerId,
      productCode: product,
      quantityKg: 1_000_000,
      bidVndPerKg: 100_000,
      deliverFrom: today,
      deliverTo: addDays(today, 10),
    });
    for (let d = 0; d < 7; d++) {
      const day = addDays(today, d);
      if (d === 2)
        lots.push(
          await makeSupplyLot(t.dataSource, {
            cooperativeId: coopId,
            productCode: product,
            quantityKg: 700,
            askVndPerKg: 140_000,
            harvestFrom: addDays(today, -40),
            harvestTo: addDays(today, -20),
            availableUntil: addDays(today, 100),
            location: pt(10.3, 104.0),
          }),
        );
      await run([product], { runDay: day });
      const open = await openProposals('');
      const pairs = open.map((p) => `${p.supplyLotId}/${p.purchaseRequestId}`);
      expect(new Set(pairs).size).toBe(pairs.length);
      for (const lot of lots) {
        const takeable = lot.availableUntil >= day;
        const n = open.filter((p) => p.supplyLotId === lot.id).length;
        expect(`${day} ${lot.id} ${n}`).toBe(`${day} ${lot.id} ${takeable ? 1 : 0}`);
      }
    }
  });
});
