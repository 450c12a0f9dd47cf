import { ContractsService } from '@agrilink/core';
import { ensureProduct, makeBuyer, makeCooperative } from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';

describe('contracts (e2e)', () => {
  let t: TestApp;
  let staff: string;
  let coopA: string;
  let coopB: string;
  let buyerX: string;
  let buyerY: string;
  let coopAToken: string;
  let buyerXToken: string;
  let buyerYToken: string;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  const validContract = () => ({
    cooperativeId: coopA,
    buyerId: buyerX,
    product: 'lua_st',
    bonusVndPerKg: 300,
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    note: 'Hợp đồng liên kết tiêu thụ lúa ST25 vụ Đông Xuân',
  });

  const count = async () => (await t.dataSource.query('SELECT count(*)::int AS n FROM contracts'))[0].n as number;

  beforeAll(async () => {
    t = await createTestApp();
    await ensureProduct(t.dataSource, { code: 'LUA_ST', nameVi: 'Lúa ST25' });
    coopA = (await makeCooperative(t.dataSource)).id;
    coopB = (await makeCooperative(t.dataSource)).id;
    buyerX = (await makeBuyer(t.dataSource)).id;
    buyerY = (await makeBuyer(t.dataSource)).id;
    staff = await t.tokenFor('staff');
    coopAToken = await t.tokenFor('cooperative', coopA);
    buyerXToken = await t.tokenFor('buyer', buyerX);
    buyerYToken = await t.tokenFor('buyer', buyerY);
  });
  afterAll(() => t?.close());

  it('lets staff record a contract and read it back with party names', async () => {
    const res = await t.http().post('/api/contracts').set(bearer(staff)).send(validContract()).expect(201);
    expect(res.body).toMatchObject({
      cooperativeId: coopA,
      buyerId: buyerX,
      product: 'LUA_ST',
      bonusVndPerKg: 300,
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
    });
    expect(res.body.cooperativeName).toBeTruthy();
    expect(res.body.buyerName).toBeTruthy();
    const got = await t.http().get(`/api/contracts/${res.body.id}`).set(bearer(staff)).expect(200);
    expect(got.body.note).toBe('Hợp đồng liên kết tiêu thụ lúa ST25 vụ Đông Xuân');
  });

  it('takes an open-ended contract for every product, with bonus 0 by default', async () => {
    const res = await t
      .http()
      .post('/api/contracts')
      .set(bearer(staff))
      .send({ cooperativeId: coopB, buyerId: buyerY, validFrom: '2026-03-01' })
      .expect(201);
    expect(res.body).toMatchObject({ product: null, validTo: null, bonusVndPerKg: 0 });
  });

  it('updates and deletes with an audit row for each write', async () => {
    const created = await t.http().post('/api/contracts').set(bearer(staff)).send(validContract()).expect(201);
    const id = created.body.id;
    const patched = await t
      .http()
      .patch(`/api/contracts/${id}`)
      .set(bearer(staff))
      .send({ bonusVndPerKg: 450, product: null, buyerId: buyerY })
      .expect(200);
    expect(patched.body).toMatchObject({ bonusVndPerKg: 450, product: null, buyerId: buyerY });
    await t.http().delete(`/api/contracts/${id}`).set(bearer(staff)).expect(204);
    await t.http().get(`/api/contracts/${id}`).set(bearer(staff)).expect(404);
    const rows = await t.dataSource.query('SELECT action, changes FROM audit_logs WHERE entity_id = $1 ORDER BY id', [
      id,
    ]);
    expect(rows.map((r: any) => r.action)).toEqual(['create', 'update', 'delete']);
    expect(rows[1].changes.bonusVndPerKg).toEqual([300, 450]);
    expect(rows[1].changes.buyerId).toEqual([buyerX, buyerY]);
  });

  it.each([
    ['a reversed validity window', { validFrom: '2026-12-31', validTo: '2026-01-01' }, 'validTo'],
    ['a date that does not exist', { validFrom: '2026-02-30' }, 'validFrom'],
    ['a date in another format', { validTo: '31/12/2026' }, 'validTo'],
    ['a negative bonus', { bonusVndPerKg: -1 }, 'bonusVndPerKg'],
    ['a fractional bonus', { bonusVndPerKg: 12.5 }, 'bonusVndPerKg'],
    ['a cooperativeId that is not a UUID', { cooperativeId: 'htx-1' }, 'cooperativeId'],
    ['a missing buyer', { buyerId: undefined }, 'buyerId'],
    ['an unknown field', { status: 'active' }, 'status'],
  ])('rejects %s with 400 naming the field, and writes nothing', async (_label, patch, field) => {
    const before = await count();
    const res = await t
      .http()
      .post('/api/contracts')
      .set(bearer(staff))
      .send({ ...validContract(), ...patch })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION.FAILED');
    expect(res.body.details.map((d: any) => d.field)).toContain(field);
    expect(await count()).toBe(before);
  });

  it('rejects a PATCH that would reverse the window with 422 and leaves the row unchanged', async () => {
    const created = await t.http().post('/api/contracts').set(bearer(staff)).send(validContract()).expect(201);
    const res = await t
      .http()
      .patch(`/api/contracts/${created.body.id}`)
      .set(bearer(staff))
      .send({ validTo: '2025-06-01' })
      .expect(422);
    expect(res.body).toMatchObject({ code: 'CONTRACT.WINDOW_REVERSED', details: [{ field: 'validTo' }] });
    const [row] = await t.dataSource.query(`SELECT to_char(valid_to, 'YYYY-MM-DD') AS v FROM contracts WHERE id = $1`, [
      created.body.id,
    ]);
    expect(row.v).toBe('2026-12-31');
  });

  it('rejects unknown parties or product with 422 naming the field, and writes nothing', async () => {
    const before = await count();
    const unknown = '7d7c8b1e-4b7c-4d35-9a0e-2d3f4a5b6c7d';
    const c = await t
      .http()
      .post('/api/contracts')
      .set(bearer(staff))
      .send({ ...validContract(), cooperativeId: unknown })
      .expect(422);
    expect(c.body).toMatchObject({ code: 'COOPERATIVE.UNKNOWN', details: [{ field: 'cooperativeId' }] });
    const b = await t
      .http()
      .post('/api/contracts')
      .set(bearer(staff))
      .send({ ...validContract(), buyerId: unknown })
      .expect(422);
    expect(b.body).toMatchObject({ code: 'BUYER.UNKNOWN', details: [{ field: 'buyerId' }] });
    const p = await t
      .http()
      .post('/api/contracts')
      .set(bearer(staff))
      .send({ ...validContract(), product: 'NOT_A_PRODUCT' })
      .expect(422);
    expect(p.body).toMatchObject({ code: 'PRODUCT.UNKNOWN', details: [{ field: 'product' }] });
    expect(await count()).toBe(before);
  });

  it('lets only staff write, and shows each party only its own contracts', async () => {
    const mine = await t.http().post('/api/contracts').set(bearer(staff)).send(validContract()).expect(201);
    const others = await t
      .http()
      .post('/api/contracts')
      .set(bearer(staff))
      .send({ ...validContract(), cooperativeId: coopB, buyerId: buyerY })
      .expect(201);
    await t.http().post('/api/contracts').set(bearer(coopAToken)).send(validContract()).expect(403);
    await t
      .http()
      .patch(`/api/contracts/${mine.body.id}`)
      .set(bearer(buyerXToken))
      .send({ bonusVndPerKg: 9999 })
      .expect(403);
    await t.http().delete(`/api/contracts/${mine.body.id}`).set(bearer(coopAToken)).expect(403);

    const coopList = await t.http().get('/api/contracts').set(bearer(coopAToken)).expect(200);
    expect(coopList.body.total).toBeGreaterThan(0);
    expect(coopList.body.items.every((k: any) => k.cooperativeId === coopA)).toBe(true);
    // Asking for another party's rows does not widen the scope.
    const sneaky = await t.http().get(`/api/contracts?cooperativeId=${coopB}`).set(bearer(coopAToken)).expect(200);
    expect(sneaky.body.total).toBe(0);
    const buyerList = await t.http().get('/api/contracts').set(bearer(buyerYToken)).expect(200);
    expect(buyerList.body.items.every((k: any) => k.buyerId === buyerY)).toBe(true);
    expect(buyerList.body.items.map((k: any) => k.id)).toContain(others.body.id);

    await t.http().get(`/api/contracts/${mine.body.id}`).set(bearer(buyerXToken)).expect(200);
    const denied = await t.http().get(`/api/contracts/${others.body.id}`).set(bearer(coopAToken)).expect(403);
    expect(denied.body.code).toBe('CONTRACT.FORBIDDEN');
    const [row] = await t.dataSource.query('SELECT bonus_vnd_per_kg AS b FROM contracts WHERE id = $1', [mine.body.id]);
    expect(row.b).toBe(300);
  });

  it('filters by activeOn, party and product, with pagination', async () => {
    const coop = (await makeCooperative(t.dataSource)).id;
    const mk = (validFrom: string, validTo: string | null, product?: string) =>
      t
        .http()
        .post('/api/contracts')
        .set(bearer(staff))
        .send({ cooperativeId: coop, buyerId: buyerX, validFrom, validTo, product })
        .expect(201);
    const past = await mk('2025-01-01', '2025-12-31');
    const current = await mk('2026-01-01', '2026-06-30', 'LUA_ST');
    const open = await mk('2026-06-30', null);
    const ids = async (qs: string) =>
      (await t.http().get(`/api/contracts?cooperativeId=${coop}&${qs}`).set(bearer(staff)).expect(200)).body.items
        .map((k: any) => k.id)
        .sort();
    expect(await ids('activeOn=2026-06-30')).toEqual([current.body.id, open.body.id].sort());
    expect(await ids('activeOn=2025-12-31')).toEqual([past.body.id]);
    expect(await ids('activeOn=2030-01-01')).toEqual([open.body.id]);
    expect(await ids('product=lua_st')).toEqual([current.body.id]);
    const page = await t
      .http()
      .get(`/api/contracts?cooperativeId=${coop}&buyerId=${buyerX}&limit=2&offset=0`)
      .set(bearer(staff))
      .expect(200);
    expect(page.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(page.body.items).toHaveLength(2);
    await t.http().get('/api/contracts?activeOn=2026-13-01').set(bearer(staff)).expect(400);

    const active = await t.app.get(ContractsService).activeContracts('2030-01-01');
    expect(active.map((k) => k.id)).toContain(open.body.id);
    expect(active.map((k) => k.id)).not.toContain(current.body.id);
    expect(active.every((k) => k.validFrom <= '2030-01-01' && (k.validTo === null || k.validTo >= '2030-01-01'))).toBe(
      true,
    );
  });

  it('keeps anonymous users out and answers 404/400 for unknown or malformed ids', async () => {
    await t.http().get('/api/contracts').expect(401);
    await t.http().post('/api/contracts').send(validContract()).expect(401);
    await t.http().get('/api/contracts/7d7c8b1e-4b7c-4d35-9a0e-2d3f4a5b6c7d').set(bearer(staff)).expect(404);
    await t
      .http()
      .patch('/api/contracts/7d7c8b1e-4b7c-4d35-9a0e-2d3f4a5b6c7d')
      .set(bearer(staff))
      .send({ note: 'x' })
      .expect(404);
    await t.http().get('/api/contracts/nope').set(bearer(staff)).expect(400);
  });
});
