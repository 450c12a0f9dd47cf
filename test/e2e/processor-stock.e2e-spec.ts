import { INestApplicationContext } from '@nestjs/common';
import { addDays, todayInVietnam, toPoint } from '@agrilink/core';
import { ensureProduct, makeBuyer, makePurchaseRequest } from '@agrilink/testing';
import { startInProcessWorker, waitForRun } from '../support/matching';
import { createTestApp, TestApp } from '../support/test-app';

describe("processors' stock offered for sale (e2e, real worker)", () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let tok: Record<'staff' | 'processor' | 'buyer', string>;
  let processorId: string;
  let buyerId: string;
  const today = todayInVietnam();
  const PRODUCT = 'E2E_PS_GAO';

  beforeAll(async () => {
    t = await createTestApp();
    worker = await startInProcessWorker();
    await ensureProduct(t.dataSource, { code: PRODUCT, shelfLifeDays: 365, storageDays: 180 });
    processorId = (
      await makeBuyer(t.dataSource, {
        type: 'processor',
        name: 'Nhà máy xay xát Thử nghiệm',
        location: toPoint({ lat: 10.01, lng: 105.08 }),
        provinceCode: '91',
      })
    ).id;
    buyerId = (await makeBuyer(t.dataSource)).id;
    tok = {
      staff: await t.tokenFor('staff'),
      processor: await t.tokenFor('buyer', processorId),
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

  it('an offered inventory report enters matching and the map, the processor answers as the seller, and a deal reduces the stock', async () => {
    const offer = { askVndPerKg: 12_000, availableUntil: addDays(today, 60) };
    const bad = await as('processor')
      .post('/api/inventory-reports', {
        product: PRODUCT,
        quantityKg: 20_000,
        reportedAt: addDays(today, -3),
        offer: { ...offer, availableUntil: addDays(today, -1) },
      })
      .expect(422);
    expect(bad.body.details[0].field).toBe('offer.availableUntil');
    const report = (
      await as('processor')
        .post('/api/inventory-reports', { product: PRODUCT, quantityKg: 20_000, reportedAt: addDays(today, -3), offer })
        .expect(201)
    ).body;
    expect(report.offer).toMatchObject({
      supplyLotId: expect.any(String),
      askVndPerKg: 12_000,
      availableUntil: offer.availableUntil,
      status: 'open',
      soldKg: 0,
      remainingKg: 20_000,
    });
    const lotId = report.offer.supplyLotId;
    const lot = (await as('staff').get(`/api/supply-lots/${lotId}`).expect(200)).body;
    expect(lot).toMatchObject({
      product: PRODUCT,
      quantityKg: 20_000,
      backlog: true,
      cooperativeName: 'Nhà máy xay xát Thử nghiệm',
    });
    const map = (
      await t.http().get('/api/map/supply').query({ bbox: '105.07,10.0,105.09,10.02', zoom: 16 }).expect(200)
    ).body;
    expect(map.features.map((f: any) => f.properties.id)).toContain(lotId);

    // The processor's own request for the same product is never proposed its own stock.
    const own = await makePurchaseRequest(t.dataSource, {
      buyerId: processorId,
      productCode: PRODUCT,
      quantityKg: 5_000,
      bidVndPerKg: 20_000,
      deliverFrom: today,
      deliverTo: addDays(today, 30),
    });
    const request = await makePurchaseRequest(t.dataSource, {
      buyerId,
      productCode: PRODUCT,
      quantityKg: 8_000,
      bidVndPerKg: 15_000,
      deliverFrom: today,
      deliverTo: addDays(today, 30),
    });
    const res = await as('staff')
      .post('/api/matching-runs', { products: [PRODUCT] })
      .expect(202);
    expect((await waitForRun(t, tok.staff, res.body.id)).status).toBe('completed');
    const proposals = (await as('staff').get(`/api/proposals?supplyLotId=${lotId}&status=proposed`).expect(200)).body
      .items;
    expect(proposals.map((p: any) => p.purchaseRequestId)).toEqual([request.id]);
    expect(proposals.some((p: any) => p.purchaseRequestId === own.id)).toBe(false);
    const p = proposals[0];
    expect(p.quantityKg).toBe(8_000);

    // The processor's users are the seller side: they see it, accept it, and see the deal.
    const mine = (await as('processor').get('/api/proposals?status=proposed').expect(200)).body.items;
    expect(mine.map((x: any) => x.id)).toContain(p.id);
    expect((await as('processor').post(`/api/proposals/${p.id}/accept`).expect(200)).body.status).toBe(
      'accepted_by_seller',
    );
    await as('buyer').post(`/api/proposals/${p.id}/accept`).expect(200);
    const { deal } = (await as('staff').post(`/api/proposals/${p.id}/confirm`).expect(200)).body;
    expect((await as('processor').get(`/api/deals/${deal.id}`).expect(200)).body.quantityKg).toBe(8_000);
    expect((await as('processor').get('/api/deals').expect(200)).body.items.map((d: any) => d.id)).toContain(deal.id);
    const inbox = (await as('processor').get('/api/notifications?limit=50').expect(200)).body.items;
    expect(inbox.some((n: any) => n.kind === 'proposals.created')).toBe(true);

    const after = (await as('processor').get(`/api/inventory-reports/${report.id}`).expect(200)).body;
    expect(after.offer).toMatchObject({ soldKg: 8_000, remainingKg: 12_000 });
    const below = await as('processor').patch(`/api/inventory-reports/${report.id}`, { quantityKg: 5_000 }).expect(409);
    expect(below.body.code).toBe('INVENTORY_REPORT.QUANTITY_BELOW_SOLD');
    // Recounted stock follows into the lot; withdrawing the offer takes it off sale.
    await as('processor').patch(`/api/inventory-reports/${report.id}`, { quantityKg: 15_000 }).expect(200);
    expect((await as('staff').get(`/api/supply-lots/${lotId}`).expect(200)).body).toMatchObject({
      quantityKg: 15_000,
      remainingKg: 7_000,
    });
    const withdrawn = (await as('processor').patch(`/api/inventory-reports/${report.id}`, { offer: null }).expect(200))
      .body;
    expect(withdrawn.offer.status).toBe('withdrawn');
    // Confirmed: nobody answers it any more.
    await as('buyer').post(`/api/proposals/${p.id}/reject`).expect(409);
  });
});
