import { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Contract, Zone } from '@agrilink/core';
import { MatchingInstance, parseInstance, solveMatching } from '@agrilink/matching-engine';
import { QueueName } from '@agrilink/queue';
import { ensureProduct, makeBuyer, makeCooperative, makePurchaseRequest, makeSupplyLot } from '@agrilink/testing';
import { startInProcessWorker, waitForRun } from '../support/matching';
import { createTestApp, TestApp } from '../support/test-app';

const pt = (lat: number, lng: number) => ({ type: 'Point' as const, coordinates: [lng, lat] });

describe('matching runs (e2e, real worker)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let staff: string;
  let coopToken: string;
  let buyerToken: string;
  let expected: MatchingInstance;

  beforeAll(async () => {
    t = await createTestApp();
    worker = await startInProcessWorker();
    const ds = t.dataSource;
    await ensureProduct(ds, { code: 'E2E_LUA', shelfLifeDays: 90 });
    // Our own products: whatever else the database holds (demo data) stays out of these runs.
    await ensureProduct(ds, { code: 'E2E_XOAI', nameVi: 'Xoài cát Hòa Lộc', shelfLifeDays: 2 });
    const coopA = await makeCooperative(ds);
    const coopB = await makeCooperative(ds);
    const buyerX = await makeBuyer(ds);
    const buyerY = await makeBuyer(ds);
    staff = await t.tokenFor('staff');
    coopToken = await t.tokenFor('cooperative', coopA.id);
    buyerToken = await t.tokenFor('buyer', buyerX.id);
    // A restricted lockdown zone around Hồ Chí Minh City: buyer Y's request falls in it, with no zone on the row.
    const ring = [
      [106.5, 10.6],
      [106.8, 10.6],
      [106.8, 10.9],
      [106.5, 10.9],
      [106.5, 10.6],
    ];
    await ds.getRepository(Zone).save({
      code: 'AAA-E2E-CT16',
      name: 'Phong tỏa TP.HCM',
      boundary: { type: 'Polygon', coordinates: [ring] },
      restricted: true,
      activeFrom: null,
      activeTo: null,
    });

    const lots = [
      await makeSupplyLot(ds, {
        productCode: 'E2E_LUA',
        cooperativeId: coopA.id,
        quantityKg: 30_000,
        askVndPerKg: 6500,
        location: pt(10.01, 105.08),
        provinceCode: '91',
        greenLane: true,
      }),
      await makeSupplyLot(ds, {
        productCode: 'E2E_LUA',
        cooperativeId: coopB.id,
        quantityKg: 20_000,
        askVndPerKg: 6000,
        location: pt(9.6, 105.0),
        provinceCode: '91',
      }),
      // Partly sold already: only its remainingKg (8 000) is offered.
      await makeSupplyLot(ds, {
        productCode: 'E2E_LUA',
        cooperativeId: coopB.id,
        quantityKg: 10_000,
        committedKg: 2_000,
        askVndPerKg: 6200,
        location: pt(9.9, 105.2),
        provinceCode: '91',
      }),
      await makeSupplyLot(ds, {
        cooperativeId: coopA.id,
        productCode: 'E2E_XOAI',
        quantityKg: 5_000,
        askVndPerKg: 15000,
        certifications: [],
        location: pt(10.2, 105.9),
        provinceCode: '86',
      }),
      // Not offered: withdrawn, and sold out.
      await makeSupplyLot(ds, {
        productCode: 'E2E_LUA',
        cooperativeId: coopA.id,
        quantityKg: 9_000,
        status: 'withdrawn',
      }),
      await makeSupplyLot(ds, {
        productCode: 'E2E_LUA',
        cooperativeId: coopA.id,
        quantityKg: 9_000,
        committedKg: 9_000,
        status: 'sold_out',
      }),
    ];
    const requests = [
      await makePurchaseRequest(ds, {
        productCode: 'E2E_LUA',
        buyerId: buyerX.id,
        quantityKg: 25_000,
        bidVndPerKg: 8000,
        location: pt(10.03, 105.77),
        requiredCertifications: ['VIETGAP'],
        maxDistanceKm: 200,
      }),
      await makePurchaseRequest(ds, {
        productCode: 'E2E_LUA',
        buyerId: buyerY.id,
        quantityKg: 40_000,
        bidVndPerKg: 7900,
        location: pt(10.75, 106.62),
      }),
      await makePurchaseRequest(ds, {
        buyerId: buyerX.id,
        productCode: 'E2E_XOAI',
        quantityKg: 3_000,
        bidVndPerKg: 22000,
        location: pt(10.76, 106.66),
      }),
    ];
    // A contract valid today for every product, one limited to mango (XOAI), and one that expired.
    await ds.getRepository(Contract).save([
      {
        cooperativeId: coopB.id,
        buyerId: buyerY.id,
        productCode: null,
        bonusVndPerKg: 300,
        validFrom: '2020-01-01',
        validTo: null,
      },
      {
        cooperativeId: coopA.id,
        buyerId: buyerX.id,
        productCode: 'E2E_XOAI',
        bonusVndPerKg: 900,
        validFrom: '2020-01-01',
        validTo: null,
      },
      {
        cooperativeId: coopA.id,
        buyerId: buyerY.id,
        productCode: null,
        bonusVndPerKg: 5000,
        validFrom: '2020-01-01',
        validTo: '2021-01-01',
      },
    ] as Contract[]);

    // The same registry written by hand in the spec's format: the run must reach this instance's optimum.
    const L = (i: number, qty: number, o: Record<string, unknown> = {}) => ({
      id: lots[i].id,
      cooperativeId: lots[i].cooperativeId,
      product: lots[i].productCode,
      quantityKg: qty,
      availableFrom: '2026-12-01',
      availableTo: '2026-12-15',
      certifications: lots[i].certifications,
      askVndPerKg: lots[i].askVndPerKg,
      lat: lots[i].location.coordinates[1],
      lng: lots[i].location.coordinates[0],
      zone: null,
      greenLane: lots[i].greenLane,
      ...o,
    });
    const R = (j: number, o: Record<string, unknown> = {}) => ({
      id: requests[j].id,
      buyerId: requests[j].buyerId,
      product: requests[j].productCode,
      quantityKg: requests[j].quantityKg,
      deliverFrom: '2026-12-01',
      deliverTo: '2026-12-31',
      requiredCertifications: requests[j].requiredCertifications,
      bidVndPerKg: requests[j].bidVndPerKg,
      lat: requests[j].location.coordinates[1],
      lng: requests[j].location.coordinates[0],
      zone: null,
      maxDistanceKm: requests[j].maxDistanceKm ?? null,
      ...o,
    });
    expected = parseInstance({
      version: 1,
      params: { objective: 'volume-then-score', scenario: 2, restrictedZones: ['AAA-E2E-CT16'] },
      products: [
        { code: 'E2E_LUA', shelfLifeDays: 90 },
        { code: 'E2E_XOAI', shelfLifeDays: 2 },
      ],
      lots: [L(0, 30_000), L(1, 20_000), L(2, 8_000), L(3, 5_000)],
      requests: [R(0), R(1, { zone: 'AAA-E2E-CT16' }), R(2, { zone: 'AAA-E2E-CT16' })],
      contracts: [
        { cooperativeId: coopB.id, buyerId: buyerY.id, bonusVndPerKg: 300 },
        // The mango contract only prices mango; coop A's rice to buyer X gets no bonus.
      ],
    });
    // ...so in the hand-written instance coop A's mango lot must carry the bonus under its own party id.
    expected.lots[3].cooperativeId = `${coopA.id}/E2E_XOAI`;
    expected.requests[2].buyerId = `${buyerX.id}/E2E_XOAI`;
    expected.contracts.push({
      cooperativeId: `${coopA.id}/E2E_XOAI`,
      buyerId: `${buyerX.id}/E2E_XOAI`,
      bonusVndPerKg: 900,
    });
  });

  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('queues a run (202), and the worker reaches exactly the optimum the engine gives on the same registry', async () => {
    const res = await t
      .http()
      .post('/api/matching-runs')
      .auth(staff, { type: 'bearer' })
      .send({ scenario: 2, products: ['E2E_LUA', 'E2E_XOAI'] })
      .expect(202);
    expect(res.body).toMatchObject({ id: expect.any(String), status: 'queued' });
    const run = await waitForRun(t, staff, res.body.id);
    expect(run.status).toBe('completed');
    expect(run.progress).toBe(100);
    expect(run.size).toMatchObject({ lots: 4, requests: 3 });
    expect(run.size.restrictedZones).toBeGreaterThanOrEqual(1);
    expect(run.timings).toMatchObject({
      queuedAt: expect.any(String),
      startedAt: expect.any(String),
      finishedAt: expect.any(String),
    });

    const reference = await solveMatching(expected, { threads: 0 });
    expect(reference.objective.matchedKg).toBeGreaterThan(0);
    expect(run.objective).toEqual(reference.objective);

    // The stored instance replays to the same plan.
    const stored = await t
      .http()
      .get(`/api/matching-runs/${run.id}/instance`)
      .auth(staff, { type: 'bearer' })
      .expect(200);
    expect(stored.body.requests.find((r: any) => r.id === expected.requests[1].id).zone).toBe('AAA-E2E-CT16');
    const replay = await solveMatching(parseInstance(stored.body), { threads: 0 });
    expect(replay.objective).toEqual(run.objective);

    const proposals = await t
      .http()
      .get(`/api/matching-runs/${run.id}/proposals?limit=500`)
      .auth(staff, { type: 'bearer' })
      .expect(200);
    expect(proposals.body.total).toBe(replay.allocations.length);
    expect(proposals.body.items.reduce((s: number, p: any) => s + p.quantityKg, 0)).toBe(run.objective.matchedKg);
    for (const p of proposals.body.items) {
      expect(p).toMatchObject({
        id: expect.any(String),
        supplyLotId: expect.any(String),
        purchaseRequestId: expect.any(String),
        quantityKg: expect.any(Number),
        distanceKm: expect.any(Number),
        transportVndPerKg: expect.any(Number),
        scoreVndPerKg: expect.any(Number),
        status: 'proposed',
      });
      expect(p.reasons.length).toBeGreaterThan(0);
      expect(p.reasons[0]).toMatchObject({ code: expect.any(String), vi: expect.any(String), en: expect.any(String) });
    }
    // Each party is told, in-app and in the outbox, within the run's transaction.
    const inbox = await t.http().get('/api/notifications').auth(coopToken, { type: 'bearer' }).expect(200);
    expect(inbox.body.unreadCount).toBeGreaterThan(0);
    expect(inbox.body.items[0]).toMatchObject({ kind: 'proposals.created', data: { matchingRunId: run.id } });
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM notification_outbox');
    expect(n).toBeGreaterThan(0);
  });

  it('filters by product and province and shows a party only its own proposals', async () => {
    const res = await t
      .http()
      .post('/api/matching-runs')
      .auth(staff, { type: 'bearer' })
      .send({ products: ['e2e_lua'], provinceCodes: ['91', '79'], params: { maxDistanceKm: 150 } })
      .expect(202);
    const run = await waitForRun(t, staff, res.body.id);
    expect(run.status).toBe('completed');
    expect(run.options).toMatchObject({ products: ['E2E_LUA'], provinceCodes: ['79', '91'] });
    expect(run.size).toMatchObject({ lots: 3, requests: 2 });
    const all = await t
      .http()
      .get(`/api/matching-runs/${run.id}/proposals`)
      .auth(staff, { type: 'bearer' })
      .expect(200);
    const mine = await t
      .http()
      .get(`/api/matching-runs/${run.id}/proposals`)
      .auth(buyerToken, { type: 'bearer' })
      .expect(200);
    expect(all.body.items.every((p: any) => p.distanceKm <= 150)).toBe(true);
    expect(mine.body.items.every((p: any) => all.body.items.some((q: any) => q.id === p.id))).toBe(true);
    expect(mine.body.total).toBeLessThanOrEqual(all.body.total);
  });

  it('lists runs, answers 404 for an unknown run, 403 to non-staff and 400 for bad options', async () => {
    const list = await t.http().get('/api/matching-runs?limit=1').auth(staff, { type: 'bearer' }).expect(200);
    expect(list.body).toMatchObject({ limit: 1, offset: 0, total: expect.any(Number) });
    expect(list.body.items).toHaveLength(1);
    await t
      .http()
      .get('/api/matching-runs/7d7c8b1e-4b7c-4d35-9a0e-2d3f4a5b6c7d')
      .auth(staff, { type: 'bearer' })
      .expect(404);
    await t.http().post('/api/matching-runs').auth(coopToken, { type: 'bearer' }).send({}).expect(403);
    await t.http().post('/api/matching-runs').expect(401);
    const bad = await t
      .http()
      .post('/api/matching-runs')
      .auth(staff, { type: 'bearer' })
      .send({ objective: 'profit', scenario: 3, params: { kmPerDay: -1 } })
      .expect(400);
    expect(bad.body.details.map((d: any) => d.field)).toEqual(
      expect.arrayContaining(['objective', 'scenario', 'params.kmPerDay']),
    );
    await t
      .http()
      .post('/api/matching-runs')
      .auth(staff, { type: 'bearer' })
      .send({ products: ['NOT_A_PRODUCT'] })
      .expect(422);
  });

  it('cancels a queued run (job removed) and refuses to cancel a completed one', async () => {
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Matching));
    await queue.pause();
    try {
      const res = await t
        .http()
        .post('/api/matching-runs')
        .auth(staff, { type: 'bearer' })
        .send({ products: ['E2E_LUA'] })
        .expect(202);
      const cancelled = await t
        .http()
        .post(`/api/matching-runs/${res.body.id}/cancel`)
        .auth(staff, { type: 'bearer' })
        .expect(200);
      expect(cancelled.body.status).toBe('cancelled');
      expect(await queue.getJob(res.body.id)).toBeUndefined();
      const again = await t
        .http()
        .post(`/api/matching-runs/${res.body.id}/cancel`)
        .auth(staff, { type: 'bearer' })
        .expect(409);
      expect(again.body.code).toBe('MATCHING_RUN.NOT_CANCELLABLE');
      await t.http().post(`/api/matching-runs/${res.body.id}/cancel`).auth(coopToken, { type: 'bearer' }).expect(403);
    } finally {
      await queue.resume();
    }
    const done = (await t.http().get('/api/matching-runs?status=completed').auth(staff, { type: 'bearer' }).expect(200))
      .body.items[0];
    const res = await t.http().post(`/api/matching-runs/${done.id}/cancel`).auth(staff, { type: 'bearer' }).expect(409);
    expect(res.body.details.status).toBe('completed');
  });

  it('stores the error of a run that cannot succeed, as failed', async () => {
    // Shelf life below zero slipped into the catalogue: the engine rejects the instance, naming the field.
    await ensureProduct(t.dataSource, { code: 'BAD_SHELF', shelfLifeDays: -1 });
    await makeSupplyLot(t.dataSource, { productCode: 'BAD_SHELF' });
    await makePurchaseRequest(t.dataSource, { productCode: 'BAD_SHELF' });
    const res = await t
      .http()
      .post('/api/matching-runs')
      .auth(staff, { type: 'bearer' })
      .send({ products: ['BAD_SHELF'] })
      .expect(202);
    const run = await waitForRun(t, staff, res.body.id);
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/shelfLifeDays/);
    expect(run.objective).toBeNull();
  });
});
