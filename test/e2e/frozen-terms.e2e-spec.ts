import { ensureProduct, makeBuyer, makeCooperative, makePurchaseRequest, makeSupplyLot } from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';

const PRODUCT = 'E2E_FROZEN';
const OTHER = 'E2E_FROZEN_OTHER';

describe('integrity after deals: frozen terms once kilograms are committed (e2e)', () => {
  let t: TestApp;
  let coopId: string;
  let buyerId: string;
  const tok: Record<'staff' | 'coop' | 'buyer', string> = {} as any;

  beforeAll(async () => {
    t = await createTestApp();
    await ensureProduct(t.dataSource, { code: PRODUCT });
    await ensureProduct(t.dataSource, { code: OTHER });
    coopId = (await makeCooperative(t.dataSource)).id;
    buyerId = (await makeBuyer(t.dataSource)).id;
    tok.staff = await t.tokenFor('staff');
    tok.coop = await t.tokenFor('cooperative', coopId);
    tok.buyer = await t.tokenFor('buyer', buyerId);
  });
  afterAll(() => t?.close());

  const as = (who: keyof typeof tok) => ({
    get: (url: string) => t.http().get(url).auth(tok[who], { type: 'bearer' }),
    post: (url: string, body: object = {}) => t.http().post(url).auth(tok[who], { type: 'bearer' }).send(body),
    patch: (url: string, body: object) => t.http().patch(url).auth(tok[who], { type: 'bearer' }).send(body),
  });

  async function lotWithDeal(lotKg = 10_000, dealKg = 4_000) {
    const lot = await makeSupplyLot(t.dataSource, {
      cooperativeId: coopId,
      productCode: PRODUCT,
      quantityKg: lotKg,
      askVndPerKg: 7000,
    });
    const request = await makePurchaseRequest(t.dataSource, {
      buyerId,
      productCode: PRODUCT,
      quantityKg: 10_000,
      bidVndPerKg: 9000,
    });
    const deal = (
      await as('staff')
        .post('/api/deals', {
          supplyLotId: lot.id,
          purchaseRequestId: request.id,
          quantityKg: dealKg,
          priceVndPerKg: 7000,
        })
        .expect(201)
    ).body;
    return { lot, request, deal };
  }

  it("freezes a lot's product, price and harvest window once a deal committed kilograms (409 naming the field), and writes nothing of the refused change", async () => {
    const { lot } = await lotWithDeal();
    const url = `/api/supply-lots/${lot.id}`;
    for (const [field, change] of [
      ['product', { product: OTHER }],
      ['askVndPerKg', { askVndPerKg: 7500 }],
      ['harvestFrom', { harvestFrom: '2026-11-25' }],
      ['harvestTo', { harvestTo: '2026-12-20' }],
    ] as const) {
      const res = await as('coop')
        .patch(url, { ...change, note: 'sửa sau giao dịch' })
        .expect(409);
      expect(res.body).toMatchObject({ code: 'SUPPLY_LOT.FIELD_FROZEN', details: { field, committedKg: 4_000 } });
      // Staff are held to the same rule: the deal, not the role, is what the terms protect.
      expect((await as('staff').patch(url, change).expect(409)).body.details.field).toBe(field);
    }
    expect((await as('coop').get(url).expect(200)).body).toMatchObject({
      product: PRODUCT,
      askVndPerKg: 7000,
      harvestFrom: '2026-12-01',
      harvestTo: '2026-12-15',
      note: null,
    });

    // Resending the same terms (a form saved whole) and changing other fields is fine.
    const same = await as('coop')
      .patch(url, {
        product: PRODUCT,
        askVndPerKg: 7000,
        harvestFrom: '2026-12-01',
        harvestTo: '2026-12-15',
        note: 'Giao tại kho',
      })
      .expect(200);
    expect(same.body).toMatchObject({ note: 'Giao tại kho', committedKg: 4_000 });
  });

  it('lets a lot with deals change quantity only down to the committed kilograms', async () => {
    const { lot } = await lotWithDeal(10_000, 4_000);
    const url = `/api/supply-lots/${lot.id}`;
    const below = await as('coop').patch(url, { quantityKg: 3_999 }).expect(409);
    expect(below.body).toMatchObject({
      code: 'SUPPLY_LOT.QUANTITY_BELOW_COMMITTED',
      details: { field: 'quantityKg', committedKg: 4_000 },
    });
    expect((await as('coop').patch(url, { quantityKg: 12_000 }).expect(200)).body).toMatchObject({
      quantityKg: 12_000,
      remainingKg: 8_000,
      status: 'open',
    });
    expect((await as('coop').patch(url, { quantityKg: 4_000 }).expect(200)).body).toMatchObject({
      quantityKg: 4_000,
      remainingKg: 0,
      status: 'sold_out',
    });
  });

  it("freezes a request's product, bid and delivery window the same way, and quantity down to committed only", async () => {
    const { request } = await lotWithDeal(10_000, 4_000);
    const url = `/api/purchase-requests/${request.id}`;
    for (const [field, change] of [
      ['product', { product: OTHER }],
      ['bidVndPerKg', { bidVndPerKg: 8000 }],
      ['deliverFrom', { deliverFrom: '2026-12-02' }],
      ['deliverTo', { deliverTo: '2026-12-30' }],
    ] as const) {
      const res = await as('buyer').patch(url, change).expect(409);
      expect(res.body).toMatchObject({ code: 'PURCHASE_REQUEST.FIELD_FROZEN', details: { field, committedKg: 4_000 } });
    }
    expect((await as('buyer').patch(url, { quantityKg: 3_000 }).expect(409)).body.code).toBe(
      'PURCHASE_REQUEST.QUANTITY_BELOW_COMMITTED',
    );
    expect((await as('buyer').patch(url, { quantityKg: 4_000, note: 'đủ rồi' }).expect(200)).body).toMatchObject({
      quantityKg: 4_000,
      status: 'fulfilled',
    });
  });

  it('unfreezes the terms once the deals are cancelled: a change that would break a deal goes through cancelling it', async () => {
    const { lot, request, deal } = await lotWithDeal();
    await as('coop').patch(`/api/supply-lots/${lot.id}`, { askVndPerKg: 7500 }).expect(409);
    await as('staff').patch(`/api/deals/${deal.id}`, { status: 'cancelled' }).expect(200);
    expect(
      (await as('coop').patch(`/api/supply-lots/${lot.id}`, { product: OTHER, askVndPerKg: 7500 }).expect(200)).body,
    ).toMatchObject({ product: OTHER, askVndPerKg: 7500, committedKg: 0 });
    expect(
      (await as('buyer').patch(`/api/purchase-requests/${request.id}`, { bidVndPerKg: 8800 }).expect(200)).body
        .bidVndPerKg,
    ).toBe(8800);
  });

  it('lets no deal slip in between the check and the change: under concurrent deals and product changes every deal keeps its lot’s product', async () => {
    const pairs = await Promise.all(
      Array.from({ length: 20 }, async () => ({
        lot: await makeSupplyLot(t.dataSource, { cooperativeId: coopId, productCode: PRODUCT, quantityKg: 1_000 }),
        request: await makePurchaseRequest(t.dataSource, { buyerId, productCode: PRODUCT, quantityKg: 1_000 }),
      })),
    );
    const results = await Promise.all(
      pairs.flatMap(({ lot, request }) => [
        as('staff').post('/api/deals', {
          supplyLotId: lot.id,
          purchaseRequestId: request.id,
          quantityKg: 500,
          priceVndPerKg: 7000,
        }),
        as('coop').patch(`/api/supply-lots/${lot.id}`, { product: OTHER }),
      ]),
    );
    expect(results.every((r) => r.status < 500)).toBe(true);
    for (let i = 0; i < pairs.length; i++) {
      const [deal, change] = [results[2 * i], results[2 * i + 1]];
      // Exactly one of the two wins: the deal (and the change is refused as frozen), or the change (and the deal finds a product mismatch).
      if (deal.status === 201) expect([change.status, change.body.code]).toEqual([409, 'SUPPLY_LOT.FIELD_FROZEN']);
      else expect([change.status, deal.status, deal.body.code]).toEqual([200, 422, 'DEAL.PRODUCT_MISMATCH']);
    }
    const mismatched = await t.dataSource.query(
      `SELECT d.id FROM deals d JOIN supply_lots l ON l.id = d.supply_lot_id WHERE d.product_code <> l.product_code AND d.status <> 'cancelled'`,
    );
    expect(mismatched).toEqual([]);
  });
});
