import { INestApplicationContext } from '@nestjs/common';
import { addDays, todayInVietnam } from '@agrilink/core';
import { ensureProduct, makeBuyer, makeCooperative, makePurchaseRequest, makeSupplyLot } from '@agrilink/testing';
import { startInProcessWorker, waitForRun } from '../support/matching';
import { createTestApp, TestApp } from '../support/test-app';

// Proposals as the people answering them see them (issue 12, item 6): paging with totals,
// filters, sorting, the card's lot/request/dates/contact, one proposal by its link, and
// answer errors in Vietnamese or English.
const P1 = 'E2E_CARDS_1';
const P2 = 'E2E_CARDS_2';
const pt = (lat: number, lng: number) => ({ type: 'Point' as const, coordinates: [lng, lat] });

describe('proposals for the people answering them (e2e, real worker)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let tok: Record<'staff' | 'coopA' | 'coopB' | 'buyerX' | 'buyerY', string>;
  let coopA: string;
  let buyerX: string;
  let runId: string;
  let requestX: string;
  const lotsA: string[] = [];
  const today = todayInVietnam();

  beforeAll(async () => {
    t = await createTestApp();
    worker = await startInProcessWorker();
    for (const code of [P1, P2])
      await ensureProduct(t.dataSource, {
        code,
        shelfLifeDays: 60,
        typicalPriceMinVnd: null,
        typicalPriceMaxVnd: null,
      });
    coopA = (
      await makeCooperative(t.dataSource, {
        name: 'HTX Cánh Đồng Lớn',
        contactName: 'Chị Lan',
        contactPhone: '0912000111',
        contactEmail: 'lan@htx.test.vn',
      })
    ).id;
    const coopB = (await makeCooperative(t.dataSource, { contactPhone: '0912000222' })).id;
    buyerX = (
      await makeBuyer(t.dataSource, {
        name: 'Công ty Gạo Xanh',
        contactName: 'Anh Minh',
        contactPhone: '0908000333',
        contactEmail: 'minh@gaoxanh.test.vn',
      })
    ).id;
    const buyerY = (await makeBuyer(t.dataSource)).id;
    tok = {
      staff: await t.tokenFor('staff'),
      coopA: await t.tokenFor('cooperative', coopA),
      coopB: await t.tokenFor('cooperative', coopB),
      buyerX: await t.tokenFor('buyer', buyerX),
      buyerY: await t.tokenFor('buyer', buyerY),
    };
    // Five lots of coop A and one of coop B for buyer X's big request; one more pair on P2 for buyer Y.
    const window = { harvestFrom: addDays(today, 2), harvestTo: addDays(today, 10) };
    for (let i = 1; i <= 5; i++) {
      lotsA.push(
        (
          await makeSupplyLot(t.dataSource, {
            cooperativeId: coopA,
            productCode: P1,
            quantityKg: i * 1_000,
            askVndPerKg: 7_000 + i * 10,
            note: `Lô ${i}`,
            ...window,
          })
        ).id,
      );
    }
    await makeSupplyLot(t.dataSource, {
      cooperativeId: coopB,
      productCode: P1,
      quantityKg: 6_000,
      askVndPerKg: 7_000,
      ...window,
    });
    requestX = (
      await makePurchaseRequest(t.dataSource, {
        buyerId: buyerX,
        productCode: P1,
        quantityKg: 100_000,
        bidVndPerKg: 9_000,
        deliverFrom: addDays(today, 1),
        deliverTo: addDays(today, 20),
        location: pt(10.03, 105.77),
      })
    ).id;
    await makeSupplyLot(t.dataSource, {
      cooperativeId: coopA,
      productCode: P2,
      quantityKg: 2_000,
      askVndPerKg: 5_000,
      ...window,
    });
    await makePurchaseRequest(t.dataSource, {
      buyerId: buyerY,
      productCode: P2,
      quantityKg: 2_000,
      bidVndPerKg: 9_000,
      deliverFrom: addDays(today, 1),
      deliverTo: addDays(today, 20),
      location: pt(10.03, 105.77),
    });
    const res = await t
      .http()
      .post('/api/matching-runs')
      .auth(tok.staff, { type: 'bearer' })
      .send({ products: [P1, P2], params: { kmPerDay: 100 } })
      .expect(202);
    runId = res.body.id;
    expect((await waitForRun(t, tok.staff, runId)).status).toBe('completed');
  });

  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  const as = (who: keyof typeof tok, lang?: string) => ({
    get: (url: string) => t.http().get(url).auth(tok[who], { type: 'bearer' }),
    post: (url: string, body: object = {}) => {
      const req = t.http().post(url).auth(tok[who], { type: 'bearer' });
      return (lang ? req.set('Accept-Language', lang) : req).send(body);
    },
  });

  it('pages the proposals with totals past any first page, filtered by product, run, lot, request and status, and sorted', async () => {
    const first = (await as('staff').get(`/api/proposals?product=${P1}&limit=2`).expect(200)).body;
    expect(first).toMatchObject({ total: 6, limit: 2, offset: 0 });
    expect(first.items).toHaveLength(2);
    const last = (await as('staff').get(`/api/proposals?product=${P1}&limit=2&offset=4`).expect(200)).body;
    expect(last.items).toHaveLength(2);
    const all = (await as('staff').get(`/api/proposals?matchingRunId=${runId}&limit=500`).expect(200)).body;
    expect(all.total).toBe(7);
    expect(new Set([...first.items, ...last.items].map((p: any) => p.id)).size).toBe(4);

    const bySize = (await as('staff').get(`/api/proposals?product=${P1}&sort=-quantityKg`).expect(200)).body.items.map(
      (p: any) => p.quantityKg,
    );
    expect(bySize).toEqual([6_000, 5_000, 4_000, 3_000, 2_000, 1_000]);
    const ascending = (await as('staff').get(`/api/proposals?product=${P1}&sort=quantityKg&limit=1`).expect(200)).body
      .items[0].quantityKg;
    expect(ascending).toBe(1_000);

    expect(
      (await as('staff').get(`/api/proposals?supplyLotId=${lotsA[2]}`).expect(200)).body.items.map(
        (p: any) => p.quantityKg,
      ),
    ).toEqual([3_000]);
    expect((await as('staff').get(`/api/proposals?purchaseRequestId=${requestX}`).expect(200)).body.total).toBe(6);
    expect((await as('staff').get(`/api/proposals?product=${P1}&status=proposed`).expect(200)).body.total).toBe(6);
    expect(
      (await as('staff').get(`/api/proposals?product=${P1}&status=accepted,confirmed`).expect(200)).body.total,
    ).toBe(0);
    // The run's own list pages the same way.
    expect(
      (await as('staff').get(`/api/matching-runs/${runId}/proposals?limit=3&sort=-quantityKg`).expect(200)).body,
    ).toMatchObject({ total: 7, limit: 3 });

    await as('staff').get('/api/proposals?sort=price').expect(400);
    await as('staff').get('/api/proposals?status=open').expect(400);
    await as('staff').get('/api/proposals?limit=501').expect(400);
    await t.http().get('/api/proposals').expect(401);
  });

  it("shows each party which of its lots or requests a proposal is about, the delivery days and the other party's contact", async () => {
    const seller = (await as('coopA').get(`/api/proposals?limit=500&sort=quantityKg`).expect(200)).body;
    expect(seller.total).toBe(6);
    const card = seller.items.find((p: any) => p.supplyLotId === lotsA[0]);
    expect(card).toMatchObject({
      mySide: 'seller',
      quantityKg: 1_000,
      lot: {
        id: lotsA[0],
        product: P1,
        quantityKg: 1_000,
        remainingKg: 1_000,
        harvestFrom: addDays(today, 2),
        harvestTo: addDays(today, 10),
        note: 'Lô 1',
      },
      request: { id: requestX, deliverFrom: addDays(today, 1), deliverTo: addDays(today, 20) },
      cooperative: { id: coopA, name: 'HTX Cánh Đồng Lớn', contact: null },
      buyer: {
        id: buyerX,
        name: 'Công ty Gạo Xanh',
        contact: { name: 'Anh Minh', phone: expect.stringContaining('908000333'), email: 'minh@gaoxanh.test.vn' },
      },
    });
    // About 75 km at 100 km a day: 1 day on the road; arrivals from the first harvest day + 1 to the last + 1.
    expect(card.delivery).toEqual({
      transitDays: card.delivery.transitDays,
      from: addDays(today, 2 + card.delivery.transitDays),
      to: addDays(today, 10 + card.delivery.transitDays),
    });
    expect(card.delivery.transitDays).toBeGreaterThanOrEqual(1);

    const buyer = (await as('buyerX').get(`/api/proposals?limit=500`).expect(200)).body;
    expect(buyer.total).toBe(6);
    const mine = buyer.items.find((p: any) => p.id === card.id);
    expect(mine).toMatchObject({
      mySide: 'buyer',
      buyer: { contact: null },
      cooperative: { contact: { name: 'Chị Lan', email: 'lan@htx.test.vn' } },
    });
    expect(
      buyer.items
        .filter((p: any) => p.cooperativeId !== coopA)
        .every((p: any) => p.cooperative.contact.phone.includes('912000222')),
    ).toBe(true);

    const staff = (await as('staff').get(`/api/proposals/${card.id}`).expect(200)).body;
    expect(staff.mySide).toBeNull();
    expect(staff.cooperative.contact).not.toBeNull();
    expect(staff.buyer.contact).not.toBeNull();
  });

  it('opens one proposal from its link for its parties and staff only', async () => {
    const { items } = (await as('buyerX').get('/api/proposals?limit=1').expect(200)).body;
    const url = `/api/proposals/${items[0].id}`;
    expect((await as('buyerX').get(url).expect(200)).body).toMatchObject({
      id: items[0].id,
      mySide: 'buyer',
      lot: { id: items[0].supplyLotId },
    });
    await as('staff').get(url).expect(200);
    expect((await as('buyerY').get(url).expect(403)).body.code).toBe('PROPOSAL.FORBIDDEN');
    await t.http().get(url).expect(401);
    await as('staff').get('/api/proposals/7d7c8b1e-4b7c-4d35-9a0e-2d3f4a5b6c7d').expect(404);
    await as('staff').get('/api/proposals/not-a-uuid').expect(400);
  });

  it('answers a proposal that can no longer be answered in Vietnamese or English, with a stable code', async () => {
    const { items } = (await as('coopA').get(`/api/proposals?supplyLotId=${lotsA[4]}`).expect(200)).body;
    const url = `/api/proposals/${items[0].id}`;
    await as('coopA').post(`${url}/reject`, { reason: 'Đã bán cho thương lái' }).expect(200);
    const vi = await as('buyerX', 'vi-VN,vi;q=0.9,en;q=0.5').post(`${url}/accept`).expect(409);
    expect(vi.body).toMatchObject({ code: 'PROPOSAL.INVALID_STATE', details: { status: 'rejected' } });
    expect(vi.body.message).toBe('Không thể trả lời đề xuất này: đề xuất đã bị từ chối.');
    const en = await as('buyerX', 'en-US,en;q=0.9').post(`${url}/accept`).expect(409);
    expect(en.body).toMatchObject({
      code: 'PROPOSAL.INVALID_STATE',
      message: 'This proposal can no longer be answered: it is rejected.',
    });
    expect((await as('buyerX', 'fr, en;q=0.1, vi;q=0.8').post(`${url}/reject`).expect(409)).body.message).toMatch(
      /^Không thể trả lời/,
    );
  });
});
