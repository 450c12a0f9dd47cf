import { foldVietnamese } from '@agrilink/core';
import { ensureProduct, makeBuyer, makePurchaseRequest } from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';

describe('buyers (e2e)', () => {
  let t: TestApp;
  let staff: string;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  const validBuyer = () => ({
    type: 'wholesale_market',
    name: 'Chợ đầu mối nông sản Bình Điền',
    taxCode: '0301234567',
    provinceCode: '79',
    address: 'Nguyễn Văn Linh, Bình Chánh, TP.HCM',
    location: { lat: 10.7225, lng: 106.6225 },
    productsWanted: ['lua_st', 'XOAI'],
    contactName: 'Phòng thu mua',
    contactPhone: '028 3877 1234',
    contactEmail: 'thumua@example.vn',
  });

  const count = async () => (await t.dataSource.query('SELECT count(*)::int AS n FROM buyers'))[0].n as number;

  beforeAll(async () => {
    t = await createTestApp();
    await ensureProduct(t.dataSource, { code: 'LUA_ST', nameVi: 'Lúa ST25' });
    await ensureProduct(t.dataSource, { code: 'XOAI', nameVi: 'Xoài' });
    staff = await t.tokenFor('staff');
  });
  afterAll(() => t?.close());

  it('lets staff register a buyer; demandIsIllustrative is shown but read-only', async () => {
    const res = await t.http().post('/api/buyers').set(bearer(staff)).send(validBuyer()).expect(201);
    expect(res.body).toMatchObject({
      type: 'wholesale_market',
      name: 'Chợ đầu mối nông sản Bình Điền',
      taxCode: '0301234567',
      productsWanted: ['LUA_ST', 'XOAI'],
      contactPhone: '02838771234',
      location: { lat: 10.7225, lng: 106.6225 },
      demandIsIllustrative: false,
    });
    const bad = await t
      .http()
      .patch(`/api/buyers/${res.body.id}`)
      .set(bearer(staff))
      .send({ demandIsIllustrative: true })
      .expect(400);
    expect(bad.body.details.map((d: any) => d.field)).toEqual(['demandIsIllustrative']);
  });

  it('updates and deletes with an audit row for each write', async () => {
    const created = await t
      .http()
      .post('/api/buyers')
      .set(bearer(staff))
      .send({ type: 'trader', name: 'Thương lái Tư Sang' })
      .expect(201);
    const id = created.body.id;
    const patched = await t
      .http()
      .patch(`/api/buyers/${id}`)
      .set(bearer(staff))
      .send({ type: 'distributor', productsWanted: ['XOAI'] })
      .expect(200);
    expect(patched.body).toMatchObject({ type: 'distributor', productsWanted: ['XOAI'], name: 'Thương lái Tư Sang' });
    await t.http().delete(`/api/buyers/${id}`).set(bearer(staff)).expect(204);
    await t.http().get(`/api/buyers/${id}`).set(bearer(staff)).expect(404);
    const rows = await t.dataSource.query('SELECT action, changes FROM audit_logs WHERE entity_id = $1 ORDER BY id', [
      id,
    ]);
    expect(rows.map((r: any) => r.action)).toEqual(['create', 'update', 'delete']);
    expect(rows[1].changes.type).toEqual(['trader', 'distributor']);
  });

  it.each([
    ['an unknown type', { type: 'cho_dau_moi' }, 'type'],
    ['a malformed tax code', { taxCode: '0301234567-1' }, 'taxCode'],
    ['a bad phone number', { contactPhone: '12345' }, 'contactPhone'],
    ['a bad email', { contactEmail: 'a@' }, 'contactEmail'],
    ['coordinates outside Vietnam', { location: { lat: 13.75, lng: 100.5 } }, 'location'],
    ['a longitude out of range', { location: { lat: 10, lng: 200 } }, 'location.lng'],
    ['productsWanted that is not a list', { productsWanted: 'LUA_ST' }, 'productsWanted'],
  ])('rejects %s with 400 naming the field, and writes nothing', async (_label, patch, field) => {
    const before = await count();
    const res = await t
      .http()
      .post('/api/buyers')
      .set(bearer(staff))
      .send({ ...validBuyer(), ...patch })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION.FAILED');
    expect(res.body.details.map((d: any) => d.field)).toContain(field);
    expect(await count()).toBe(before);
  });

  it('rejects an unknown product in productsWanted with 422, and writes nothing', async () => {
    const before = await count();
    const res = await t
      .http()
      .post('/api/buyers')
      .set(bearer(staff))
      .send({ ...validBuyer(), taxCode: null, productsWanted: ['SAU_RIENG_X'] })
      .expect(422);
    expect(res.body).toMatchObject({ code: 'PRODUCT.UNKNOWN', details: [{ field: 'productsWanted' }] });
    expect(await count()).toBe(before);
    const existing = await makeBuyer(t.dataSource);
    await t
      .http()
      .patch(`/api/buyers/${existing.id}`)
      .set(bearer(staff))
      .send({ productsWanted: ['NOPE'] })
      .expect(422);
    const [row] = await t.dataSource.query('SELECT products_wanted FROM buyers WHERE id = $1', [existing.id]);
    expect(row.products_wanted).toEqual(['LUA_ST']);
  });

  it('lets a buyer user edit only its own buyer, and create or delete none', async () => {
    const own = await makeBuyer(t.dataSource);
    const other = await makeBuyer(t.dataSource);
    const token = await t.tokenFor('buyer', own.id);
    const res = await t
      .http()
      .patch(`/api/buyers/${own.id}`)
      .set(bearer(token))
      .send({ contactName: 'Chị Lan' })
      .expect(200);
    expect(res.body.contactName).toBe('Chị Lan');
    const denied = await t
      .http()
      .patch(`/api/buyers/${other.id}`)
      .set(bearer(token))
      .send({ name: 'Hijacked' })
      .expect(403);
    expect(denied.body.code).toBe('BUYER.FORBIDDEN');
    await t
      .http()
      .post('/api/buyers')
      .set(bearer(token))
      .send({ ...validBuyer(), taxCode: null })
      .expect(403);
    await t.http().delete(`/api/buyers/${other.id}`).set(bearer(token)).expect(403);
    const coop = (
      await t.dataSource.query(`INSERT INTO cooperatives (kind, name) VALUES ('cooperative', 'HTX X') RETURNING id`)
    )[0].id;
    const coopToken = await t.tokenFor('cooperative', coop);
    await t.http().patch(`/api/buyers/${own.id}`).set(bearer(coopToken)).send({ name: 'x' }).expect(403);
    // Reading is open to every signed-in user, contacts included.
    const read = await t.http().get(`/api/buyers/${own.id}`).set(bearer(coopToken)).expect(200);
    expect(read.body.contactName).toBe('Chị Lan');
  });

  it('refuses to delete a buyer that has purchase requests (409)', async () => {
    const b = await makeBuyer(t.dataSource);
    await makePurchaseRequest(t.dataSource, { buyerId: b.id });
    const res = await t.http().delete(`/api/buyers/${b.id}`).set(bearer(staff)).expect(409);
    expect(res.body).toMatchObject({ code: 'BUYER.IN_USE', details: { purchaseRequests: 1 } });
  });

  it('lists with pagination, filters and diacritics-insensitive search', async () => {
    const names = ['Siêu thị Co.opmart Cần Thơ', 'Siêu thị Co.opmart Rạch Giá', 'Siêu thị Co.opmart Hưng Lợi'];
    for (const [i, name] of names.entries()) {
      await makeBuyer(t.dataSource, {
        type: 'supermarket',
        name,
        searchText: foldVietnamese(name),
        provinceCode: '04',
        productsWanted: i === 0 ? ['XOAI'] : ['LUA_ST'],
      });
    }
    const p1 = await t.http().get('/api/buyers?q=sieu thi co.opmart&limit=2&offset=0').set(bearer(staff)).expect(200);
    expect(p1.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(p1.body.items).toHaveLength(2);
    const rg = await t.http().get('/api/buyers?q=sieu thi co.opmart rach gia').set(bearer(staff)).expect(200);
    expect(rg.body.items.map((b: any) => b.name)).toEqual(['Siêu thị Co.opmart Rạch Giá']);
    const byType = await t
      .http()
      .get('/api/buyers?type=supermarket&provinceCode=04&product=xoai')
      .set(bearer(staff))
      .expect(200);
    expect(byType.body.items.map((b: any) => b.name)).toEqual(['Siêu thị Co.opmart Cần Thơ']);
    await t.http().get('/api/buyers?type=mall').set(bearer(staff)).expect(400);
  });

  it('keeps anonymous users out and answers 404/400 for unknown or malformed ids', async () => {
    await t.http().get('/api/buyers').expect(401);
    await t.http().get('/api/buyers/7d7c8b1e-4b7c-4d35-9a0e-2d3f4a5b6c7d').set(bearer(staff)).expect(404);
    await t.http().get('/api/buyers/123').set(bearer(staff)).expect(400);
  });
});
