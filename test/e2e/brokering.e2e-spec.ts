import { INestApplicationContext } from '@nestjs/common';
import { ensureProduct, makeBuyer, makeCooperative, makePurchaseRequest, makeSupplyLot } from '@agrilink/testing';
import { startInProcessWorker, waitForRun } from '../support/matching';
import { createTestApp, TestApp } from '../support/test-app';

const PRODUCT = 'E2E_BROKER';
const pt = (lat: number, lng: number) => ({ type: 'Point' as const, coordinates: [lng, lat] });

describe('brokering: proposals, acceptances and deals (e2e, real worker)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let staff: string;
  let coopA: string;
  let coopB: string;
  let buyerX: string;
  let buyerY: string;
  let tok: Record<'staff' | 'coopA' | 'coopB' | 'buyerX' | 'buyerY', string>;

  beforeAll(async () => {
    t = await createTestApp();
    worker = await startInProcessWorker();
    await ensureProduct(t.dataSource, { code: PRODUCT, shelfLifeDays: 60 });
    coopA = (await makeCooperative(t.dataSource)).id;
    coopB = (await makeCooperative(t.dataSource)).id;
    buyerX = (await makeBuyer(t.dataSource)).id;
    buyerY = (await makeBuyer(t.dataSource)).id;
    staff = await t.tokenFor('staff');
    tok = {
      staff,
      coopA: await t.tokenFor('cooperative', coopA),
      coopB: await t.tokenFor('cooperative', coopB),
      buyerX: await t.tokenFor('buyer', buyerX),
      buyerY: await t.tokenFor('buyer', buyerY),
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

  /** A lot of coop A and a request of buyer X that only match each other (their own product), then one run. */
  let seq = 0;
  async function proposalFor(lotKg: number, requestKg: number) {
    // A product of its own per case, so lots left open by earlier cases do not compete.
    const product = (await ensureProduct(t.dataSource, { code: `${PRODUCT}_${++seq}`, shelfLifeDays: 60 })).code;
    const lot = await makeSupplyLot(t.dataSource, {
      cooperativeId: coopA,
      productCode: product,
      quantityKg: lotKg,
      askVndPerKg: 7000,
    });
    const request = await makePurchaseRequest(t.dataSource, {
      buyerId: buyerX,
      productCode: product,
      quantityKg: requestKg,
      bidVndPerKg: 9000,
      location: pt(10.03, 105.77),
    });
    const proposals = await runAndList(product);
    const p = proposals.find((x: any) => x.supplyLotId === lot.id && x.purchaseRequestId === request.id);
    expect(p).toBeDefined();
    return { lot, request, proposal: p };
  }

  async function runAndList(product: string): Promise<any[]> {
    const res = await as('staff')
      .post('/api/matching-runs', { products: [product] })
      .expect(202);
    const run = await waitForRun(t, staff, res.body.id);
    expect(run.status).toBe('completed');
    return (await as('staff').get(`/api/matching-runs/${run.id}/proposals?limit=500`).expect(200)).body.items;
  }

  const lotOf = async (id: string) => (await as('staff').get(`/api/supply-lots/${id}`).expect(200)).body;

  it('takes a proposal through both acceptances to a deal staff confirm, with remaining quantities right', async () => {
    const { lot, request, proposal } = await proposalFor(10_000, 6_000);
    expect(proposal).toMatchObject({ quantityKg: 6_000, status: 'proposed', cooperativeId: coopA, buyerId: buyerX });
    const url = `/api/proposals/${proposal.id}`;

    // The wrong party, staff without a side, an unknown id, and confirm before both sides accepted.
    expect((await as('coopB').post(`${url}/accept`).expect(403)).body.code).toBe('PROPOSAL.FORBIDDEN');
    await as('buyerY').post(`${url}/accept`).expect(403);
    await as('buyerY').post(`${url}/reject`, { reason: 'x' }).expect(403);
    await as('staff').post(`${url}/accept`).expect(403);
    await as('coopA').post(`${url}/accept`, { side: 'buyer' }).expect(403);
    await as('coopA').post('/api/proposals/7d7c8b1e-4b7c-4d35-9a0e-2d3f4a5b6c7d/accept').expect(404);
    expect((await as('staff').post(`${url}/confirm`).expect(409)).body.code).toBe('PROPOSAL.INVALID_STATE');

    expect((await as('coopA').post(`${url}/accept`).expect(200)).body.status).toBe('accepted_by_seller');
    await as('coopA').post(`${url}/accept`).expect(409);
    // The buyer hears of it.
    const inbox = await as('buyerX').get('/api/notifications?unread=true').expect(200);
    const note = inbox.body.items.find((n: any) => n.kind === 'proposal.accepted' && n.data.proposalId === proposal.id);
    expect(note).toBeDefined();
    const read = await as('buyerX').post(`/api/notifications/${note.id}/read`).expect(200);
    expect(read.body.read).toBe(true);
    expect((await as('buyerX').get('/api/notifications').expect(200)).body.unreadCount).toBe(
      inbox.body.unreadCount - 1,
    );
    await as('buyerY').post(`/api/notifications/${note.id}/read`).expect(404);

    expect((await as('buyerX').post(`${url}/accept`).expect(200)).body.status).toBe('accepted');
    await as('coopA').post(`${url}/confirm`).expect(403);
    const confirmed = await as('staff').post(`${url}/confirm`).expect(200);
    expect(confirmed.body).toMatchObject({
      status: 'confirmed',
      deal: { quantityKg: 6_000, priceVndPerKg: 7000, status: 'confirmed', proposalId: proposal.id },
    });
    expect((await as('staff').post(`${url}/confirm`).expect(409)).body.code).toBe('PROPOSAL.ALREADY_CONFIRMED');
    await as('buyerX').post(`${url}/reject`).expect(409);

    expect(await lotOf(lot.id)).toMatchObject({ committedKg: 6_000, remainingKg: 4_000, status: 'open' });
    const [req] = await t.dataSource.query(
      'SELECT remaining_kg::int AS r, status FROM purchase_requests WHERE id = $1',
      [request.id],
    );
    expect(req).toEqual({ r: 0, status: 'fulfilled' });

    const dealId = confirmed.body.deal.id;
    await as('coopA').get(`/api/deals/${dealId}`).expect(200);
    // Confirming posted the deal's load in the same transaction (no transportArranged).
    const loads = await t.dataSource.query(
      `SELECT quantity_kg::int AS kg, status, refrigerated FROM loads WHERE deal_id = $1`,
      [dealId],
    );
    expect(loads).toEqual([{ kg: 6_000, status: 'open', refrigerated: false }]);
    await as('coopB').get(`/api/deals/${dealId}`).expect(403);
    expect((await as('buyerY').get('/api/deals').expect(200)).body.items.some((d: any) => d.id === dealId)).toBe(false);
    expect((await as('staff').patch(`/api/deals/${dealId}`, { deliveredKg: 6_001 }).expect(422)).body.code).toBe(
      'DEAL.DELIVERED_EXCEEDS_QUANTITY',
    );
    await as('coopA').patch(`/api/deals/${dealId}`, { deliveredKg: 6_000 }).expect(403);
    // The old one-call PATCH now records the difference as a delivery: 5 900 of 6 000 kg is a partial delivery.
    const delivered = await as('staff')
      .patch(`/api/deals/${dealId}`, { deliveredKg: 5_900, deliveredAt: '2026-11-20T08:00:00+07:00' })
      .expect(200);
    expect(delivered.body).toMatchObject({
      status: 'partially_delivered',
      deliveredKg: 5_900,
      remainingToDeliverKg: 100,
    });
    expect((await as('staff').get(`/api/deals/${dealId}/deliveries`).expect(200)).body.items).toMatchObject([
      { deliveredKg: 5_900, deliveredOn: '2026-11-20' },
    ]);
    expect((await as('staff').patch(`/api/deals/${dealId}`, { status: 'delivered' }).expect(200)).body).toMatchObject({
      status: 'delivered',
      deliveredKg: 6_000,
    });
    await as('staff').patch(`/api/deals/${dealId}`, { status: 'cancelled' }).expect(409);
    // A proposal turns into at most one deal, whatever the path.
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM deals WHERE proposal_id = $1', [
      proposal.id,
    ]);
    expect(n).toBe(1);
  });

  it('records a rejection with its reason and tells the other side', async () => {
    const { proposal } = await proposalFor(3_000, 3_000);
    const res = await as('buyerX')
      .post(`/api/proposals/${proposal.id}/reject`, { reason: 'Giá vận chuyển cao' })
      .expect(200);
    expect(res.body).toMatchObject({ status: 'rejected', rejectedBySide: 'buyer', rejectReason: 'Giá vận chuyển cao' });
    await as('coopA').post(`/api/proposals/${proposal.id}/accept`).expect(409);
    const inbox = await as('coopA').get('/api/notifications').expect(200);
    expect(inbox.body.items.some((n: any) => n.kind === 'proposal.rejected' && n.data.proposalId === proposal.id)).toBe(
      true,
    );
  });

  it('marks a proposal stale, not silently applied, when its lot changed price', async () => {
    const { lot, proposal } = await proposalFor(2_000, 2_000);
    await as('coopA').patch(`/api/supply-lots/${lot.id}`, { askVndPerKg: 7600 }).expect(200);
    const res = await as('coopA').post(`/api/proposals/${proposal.id}/accept`).expect(409);
    expect(res.body.code).toBe('PROPOSAL.STALE');
    expect((await as('staff').get(`/api/proposals/${proposal.id}`).expect(200)).body.status).toBe('stale');
  });

  it('answers 409 with the remaining amount when the lot was meanwhile sold elsewhere', async () => {
    const { lot, proposal } = await proposalFor(5_000, 5_000);
    const other = await makePurchaseRequest(t.dataSource, {
      buyerId: buyerY,
      productCode: lot.productCode,
      quantityKg: 3_000,
    });
    await as('staff')
      .post('/api/deals', { supplyLotId: lot.id, purchaseRequestId: other.id, quantityKg: 3_000, priceVndPerKg: 7100 })
      .expect(201);
    const res = await as('coopA').post(`/api/proposals/${proposal.id}/accept`).expect(409);
    expect(res.body).toMatchObject({ code: 'PROPOSAL.INSUFFICIENT_REMAINING', details: { remainingKg: 2_000 } });
    expect((await as('staff').get(`/api/proposals/${proposal.id}`).expect(200)).body.status).toBe('stale');
    await as('buyerX').post(`/api/proposals/${proposal.id}/accept`).expect(409);
  });

  it('lets staff make a deal by hand, refuses one beyond what remains, and releases the kilograms on cancel', async () => {
    const lot = await makeSupplyLot(t.dataSource, { cooperativeId: coopB, productCode: PRODUCT, quantityKg: 4_000 });
    const request = await makePurchaseRequest(t.dataSource, {
      buyerId: buyerY,
      productCode: PRODUCT,
      quantityKg: 10_000,
    });
    const body = { supplyLotId: lot.id, purchaseRequestId: request.id, quantityKg: 4_001, priceVndPerKg: 7000 };
    await as('coopB')
      .post('/api/deals', { ...body, quantityKg: 10 })
      .expect(403);
    const over = await as('staff').post('/api/deals', body).expect(409);
    expect(over.body).toMatchObject({ code: 'DEAL.QUANTITY_EXCEEDS_REMAINING', details: { remainingKg: 4_000 } });
    await as('staff')
      .post('/api/deals', { ...body, quantityKg: 0 })
      .expect(400);
    const deal = await as('staff')
      .post('/api/deals', { ...body, quantityKg: 4_000 })
      .expect(201);
    expect(await lotOf(lot.id)).toMatchObject({ remainingKg: 0, status: 'sold_out' });
    const cancelled = await as('staff').patch(`/api/deals/${deal.body.id}`, { status: 'cancelled' }).expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(await lotOf(lot.id)).toMatchObject({ committedKg: 0, remainingKg: 4_000, status: 'open' });
    await as('staff').patch(`/api/deals/${deal.body.id}`, { status: 'cancelled' }).expect(409);
    await as('staff').get('/api/deals/7d7c8b1e-4b7c-4d35-9a0e-2d3f4a5b6c7d').expect(404);
  });

  it('never over-commits a lot under 50 concurrent deals: the losers get 409', async () => {
    const lot = await makeSupplyLot(t.dataSource, { cooperativeId: coopB, productCode: PRODUCT, quantityKg: 1_000 });
    const request = await makePurchaseRequest(t.dataSource, {
      buyerId: buyerY,
      productCode: PRODUCT,
      quantityKg: 100_000,
    });
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        as('staff').post('/api/deals', {
          supplyLotId: lot.id,
          purchaseRequestId: request.id,
          quantityKg: 100,
          priceVndPerKg: 7000,
        }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(40);
    const [{ sum }] = await t.dataSource.query(
      `SELECT COALESCE(SUM(quantity_kg), 0)::int AS sum FROM deals WHERE supply_lot_id = $1 AND status <> 'cancelled'`,
      [lot.id],
    );
    expect(sum).toBe(1_000);
    expect(await lotOf(lot.id)).toMatchObject({ committedKg: 1_000, remainingKg: 0, status: 'sold_out' });
  });

  it('50 concurrent runs over one lot and request leave one open proposal; 50 concurrent accepts and confirms make one deal', async () => {
    // Runs supersede each other's open proposals (issue 12): whatever their order, the pair has one open proposal.
    const product = (await ensureProduct(t.dataSource, { code: `${PRODUCT}_RACE`, shelfLifeDays: 60 })).code;
    const lot = await makeSupplyLot(t.dataSource, {
      cooperativeId: coopA,
      productCode: product,
      quantityKg: 1_000,
      askVndPerKg: 6000,
    });
    await makePurchaseRequest(t.dataSource, {
      buyerId: buyerX,
      productCode: product,
      quantityKg: 1_000,
      bidVndPerKg: 9000,
    });
    const created = await Promise.all(
      Array.from({ length: 50 }, () => as('staff').post('/api/matching-runs', { products: [product] })),
    );
    expect(created.every((r) => r.status === 202)).toBe(true);
    for (const r of created) expect((await waitForRun(t, staff, r.body.id)).status).toBe('completed');
    const { body } = await as('staff')
      .get(`/api/proposals?supplyLotId=${lot.id}&status=proposed&limit=500`)
      .expect(200);
    expect(body.total).toBe(1);
    const [p] = body.items;
    expect(p.quantityKg).toBe(1_000);

    await as('coopA').post(`/api/proposals/${p.id}/accept`).expect(200);
    const accepts = await Promise.all(
      Array.from({ length: 50 }, () => as('buyerX').post(`/api/proposals/${p.id}/accept`)),
    );
    expect(accepts.filter((r) => r.status === 200)).toHaveLength(1);
    expect(accepts.filter((r) => r.status === 409)).toHaveLength(49);

    const confirms = await Promise.all(
      Array.from({ length: 50 }, () => as('staff').post(`/api/proposals/${p.id}/confirm`)),
    );
    expect(confirms.filter((r) => r.status === 200)).toHaveLength(1);
    expect(confirms.filter((r) => r.status === 409)).toHaveLength(49);
    const [{ sum }] = await t.dataSource.query(
      `SELECT COALESCE(SUM(quantity_kg), 0)::int AS sum FROM deals WHERE supply_lot_id = $1`,
      [lot.id],
    );
    expect(sum).toBe(1_000);
    expect(await lotOf(lot.id)).toMatchObject({ committedKg: 1_000, remainingKg: 0 });
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM loads ld JOIN deals d ON d.id = ld.deal_id WHERE d.supply_lot_id = $1`,
      [lot.id],
    );
    expect(n).toBe(1);
  });
});
