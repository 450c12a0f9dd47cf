import { AdministrativeUnit, foldVietnamese } from '@agrilink/core';
import { ensureProduct, makeCooperative, makeSupplyLot } from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';

describe('cooperatives (e2e)', () => {
  let t: TestApp;
  let staff: string;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  const validCooperative = () => ({
    kind: 'cooperative',
    name: 'HTX Nông nghiệp Thạnh Phước Lợi',
    taxCode: '1701234567',
    provinceCode: '91',
    address: 'Ấp Thạnh Phước, Giồng Riềng',
    location: { lat: 9.93, lng: 105.3 },
    contactName: 'Nguyễn Văn Đức',
    contactPhone: '0912 345 678',
    contactEmail: 'HTX.TPL@example.vn',
    certifications: ['VietGAP'],
    products: ['lua_st'],
    members: 120,
  });

  const count = async () => (await t.dataSource.query('SELECT count(*)::int AS n FROM cooperatives'))[0].n as number;

  beforeAll(async () => {
    t = await createTestApp();
    await ensureProduct(t.dataSource, { code: 'LUA_ST', nameVi: 'Lúa ST25' });
    await ensureProduct(t.dataSource, { code: 'XOAI', nameVi: 'Xoài' });
    await t.dataSource.getRepository(AdministrativeUnit).save({
      id: 'current:commune:99998',
      era: 'current',
      level: 'commune',
      code: '99998',
      name: 'Xã Giồng Riềng',
      parentId: null,
      provinceCode: '91',
      searchText: foldVietnamese('Xã Giồng Riềng'),
    });
    staff = await t.tokenFor('staff');
  });
  afterAll(() => t?.close());

  it('lets staff register a cooperative, normalising codes, phone and email', async () => {
    const res = await t.http().post('/api/cooperatives').set(bearer(staff)).send(validCooperative()).expect(201);
    expect(res.body).toMatchObject({
      kind: 'cooperative',
      name: 'HTX Nông nghiệp Thạnh Phước Lợi',
      taxCode: '1701234567',
      provinceCode: '91',
      location: { lat: 9.93, lng: 105.3 },
      contactName: 'Nguyễn Văn Đức',
      contactPhone: '0912345678',
      contactEmail: 'htx.tpl@example.vn',
      certifications: ['VIETGAP'],
      products: ['LUA_ST'],
      members: 120,
    });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    const got = await t.http().get(`/api/cooperatives/${res.body.id}`).set(bearer(staff)).expect(200);
    expect(got.body.name).toBe('HTX Nông nghiệp Thạnh Phước Lợi');
    const [row] = await t.dataSource.query('SELECT search_text FROM cooperatives WHERE id = $1', [res.body.id]);
    expect(row.search_text).toContain('thanh phuoc loi');
  });

  it('updates and deletes, recording every write in the audit log', async () => {
    const created = await t
      .http()
      .post('/api/cooperatives')
      .set(bearer(staff))
      .send({ kind: 'household', name: 'Hộ ông Lê Văn Tám' })
      .expect(201);
    const id = created.body.id;
    const patched = await t
      .http()
      .patch(`/api/cooperatives/${id}`)
      .set(bearer(staff))
      .send({ name: 'Hộ ông Lê Văn Tám (Vĩnh Thạnh)', members: 4 })
      .expect(200);
    expect(patched.body).toMatchObject({ name: 'Hộ ông Lê Văn Tám (Vĩnh Thạnh)', members: 4, kind: 'household' });
    const found = await t.http().get('/api/cooperatives?q=vinh thanh').set(bearer(staff)).expect(200);
    expect(found.body.items.map((c: any) => c.id)).toEqual([id]);
    await t.http().delete(`/api/cooperatives/${id}`).set(bearer(staff)).expect(204);
    await t.http().get(`/api/cooperatives/${id}`).set(bearer(staff)).expect(404);
    const rows = await t.dataSource.query('SELECT action, changes FROM audit_logs WHERE entity_id = $1 ORDER BY id', [
      id,
    ]);
    expect(rows.map((r: any) => r.action)).toEqual(['create', 'update', 'delete']);
    expect(rows[1].changes.members).toEqual([null, 4]);
  });

  it('clears optional fields with null but refuses null for required ones', async () => {
    const created = await t
      .http()
      .post('/api/cooperatives')
      .set(bearer(staff))
      .send({ ...validCooperative(), taxCode: '1701234500' })
      .expect(201);
    const res = await t
      .http()
      .patch(`/api/cooperatives/${created.body.id}`)
      .set(bearer(staff))
      .send({ contactPhone: null, location: null })
      .expect(200);
    expect(res.body).toMatchObject({ contactPhone: null, location: null });
    const bad = await t
      .http()
      .patch(`/api/cooperatives/${created.body.id}`)
      .set(bearer(staff))
      .send({ name: null })
      .expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'name' })]);
  });

  it.each([
    ['an unknown kind', { kind: 'htx' }, 'kind'],
    ['a tax code of 9 digits', { taxCode: '170123456' }, 'taxCode'],
    ['a tax code with letters', { taxCode: '17012345AB' }, 'taxCode'],
    ['a foreign phone number', { contactPhone: '+33 1 23 45 67 89' }, 'contactPhone'],
    ['a phone number too short', { contactPhone: '091234' }, 'contactPhone'],
    ['an invalid email', { contactEmail: 'not-an-email' }, 'contactEmail'],
    ['coordinates outside Vietnam', { location: { lat: 48.85, lng: 2.35 } }, 'location'],
    ['a negative member count', { members: -1 }, 'members'],
    ['a fractional member count', { members: 2.5 }, 'members'],
    ['an unknown certification', { certifications: ['FAKEGAP'] }, 'certifications'],
    ['an empty name', { name: '  ' }, 'name'],
    ['a server-computed field', { searchText: 'x' }, 'searchText'],
  ])('rejects %s with 400 naming the field, and writes nothing', async (_label, patch, field) => {
    const before = await count();
    const res = await t
      .http()
      .post('/api/cooperatives')
      .set(bearer(staff))
      .send({ ...validCooperative(), ...patch })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION.FAILED');
    expect(res.body.details.map((d: any) => d.field)).toContain(field);
    expect(await count()).toBe(before);
  });

  it('accepts the branch form of a tax code and Vietnamese landline and +84 numbers', async () => {
    const res = await t
      .http()
      .post('/api/cooperatives')
      .set(bearer(staff))
      .send({ ...validCooperative(), taxCode: '1701234567-001', contactPhone: '+84 297 3862 123' })
      .expect(201);
    expect(res.body).toMatchObject({ taxCode: '1701234567-001', contactPhone: '02973862123' });
  });

  it('answers 409 for a tax code already registered', async () => {
    await t
      .http()
      .post('/api/cooperatives')
      .set(bearer(staff))
      .send({ ...validCooperative(), taxCode: '1709999999' })
      .expect(201);
    const res = await t
      .http()
      .post('/api/cooperatives')
      .set(bearer(staff))
      .send({ ...validCooperative(), taxCode: '1709999999' })
      .expect(409);
    expect(res.body.code).toBe('COOPERATIVE.TAX_CODE_TAKEN');
  });

  it('rejects an unknown product or administrative unit with 422 naming the field, and writes nothing', async () => {
    const before = await count();
    const p = await t
      .http()
      .post('/api/cooperatives')
      .set(bearer(staff))
      .send({ ...validCooperative(), taxCode: null, products: ['LUA_ST', 'NOT_A_PRODUCT'] })
      .expect(422);
    expect(p.body).toMatchObject({ code: 'PRODUCT.UNKNOWN', details: [{ field: 'products' }] });
    const u = await t
      .http()
      .post('/api/cooperatives')
      .set(bearer(staff))
      .send({ ...validCooperative(), taxCode: null, administrativeUnitId: 'current:commune:99999' })
      .expect(422);
    expect(u.body).toMatchObject({ code: 'ADMINISTRATIVE_UNIT.UNKNOWN', details: [{ field: 'administrativeUnitId' }] });
    expect(await count()).toBe(before);
  });

  it('takes the province from the administrative unit when none is given', async () => {
    const { provinceCode, taxCode, ...rest } = validCooperative();
    const res = await t
      .http()
      .post('/api/cooperatives')
      .set(bearer(staff))
      .send({ ...rest, administrativeUnitId: 'current:commune:99998' })
      .expect(201);
    expect(res.body).toMatchObject({ administrativeUnitId: 'current:commune:99998', provinceCode: '91' });
  });

  it('lets a cooperative user edit only its own cooperative, and create none', async () => {
    const own = await makeCooperative(t.dataSource);
    const other = await makeCooperative(t.dataSource);
    const token = await t.tokenFor('cooperative', own.id);
    const res = await t
      .http()
      .patch(`/api/cooperatives/${own.id}`)
      .set(bearer(token))
      .send({ contactPhone: '0987654321' })
      .expect(200);
    expect(res.body.contactPhone).toBe('0987654321');
    const denied = await t
      .http()
      .patch(`/api/cooperatives/${other.id}`)
      .set(bearer(token))
      .send({ name: 'Hijacked' })
      .expect(403);
    expect(denied.body.code).toBe('COOPERATIVE.FORBIDDEN');
    await t
      .http()
      .post('/api/cooperatives')
      .set(bearer(token))
      .send({ ...validCooperative(), taxCode: null })
      .expect(403);
    await t.http().delete(`/api/cooperatives/${own.id}`).set(bearer(token)).expect(403);
    const buyer = await t.tokenFor(
      'buyer',
      (await t.dataSource.query(`INSERT INTO buyers (type, name) VALUES ('trader', 'Thương lái') RETURNING id`))[0].id,
    );
    await t.http().patch(`/api/cooperatives/${own.id}`).set(bearer(buyer)).send({ name: 'x' }).expect(403);
    const [still] = await t.dataSource.query('SELECT name FROM cooperatives WHERE id = $1', [other.id]);
    expect(still.name).toBe(other.name);
  });

  it('shows contacts to any signed-in user', async () => {
    const c = await makeCooperative(t.dataSource, { contactName: 'Trần Thị Hoa', contactPhone: '0911111111' });
    const buyer = await t.tokenFor(
      'buyer',
      (await t.dataSource.query(`INSERT INTO buyers (type, name) VALUES ('trader', 'Thương lái B') RETURNING id`))[0]
        .id,
    );
    const res = await t.http().get(`/api/cooperatives/${c.id}`).set(bearer(buyer)).expect(200);
    expect(res.body).toMatchObject({ contactName: 'Trần Thị Hoa', contactPhone: '0911111111' });
  });

  it('refuses to delete a cooperative that has supply lots or users (409)', async () => {
    const withLot = await makeCooperative(t.dataSource);
    await makeSupplyLot(t.dataSource, { cooperativeId: withLot.id });
    const res = await t.http().delete(`/api/cooperatives/${withLot.id}`).set(bearer(staff)).expect(409);
    expect(res.body).toMatchObject({ code: 'COOPERATIVE.IN_USE', details: { supplyLots: 1 } });
    const withUser = await makeCooperative(t.dataSource);
    await t.tokenFor('cooperative', withUser.id);
    const res2 = await t.http().delete(`/api/cooperatives/${withUser.id}`).set(bearer(staff)).expect(409);
    expect(res2.body.details.users).toBe(1);
    expect(
      (
        await t.dataSource.query('SELECT count(*)::int AS n FROM cooperatives WHERE id = ANY($1)', [
          [withLot.id, withUser.id],
        ])
      )[0].n,
    ).toBe(2);
  });

  it('lists with pagination, filters and diacritics-insensitive search', async () => {
    const prefix = 'Tổ hợp tác Rạch Sỏi';
    for (let i = 0; i < 3; i++) {
      await makeCooperative(t.dataSource, {
        kind: 'cooperative_group',
        name: `${prefix} ${i}`,
        searchText: foldVietnamese(`${prefix} ${i}`),
        provinceCode: '04',
        products: i === 0 ? ['XOAI'] : ['LUA_ST'],
        certifications: i === 0 ? ['ORGANIC'] : [],
      });
    }
    const page1 = await t
      .http()
      .get('/api/cooperatives?q=to hop tac rach soi&limit=2&offset=0')
      .set(bearer(staff))
      .expect(200);
    expect(page1.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(page1.body.items).toHaveLength(2);
    const page2 = await t
      .http()
      .get('/api/cooperatives?q=TO HOP TAC RACH SOI&limit=2&offset=2')
      .set(bearer(staff))
      .expect(200);
    expect(page2.body.items).toHaveLength(1);
    expect(new Set([...page1.body.items, ...page2.body.items].map((c: any) => c.name)).size).toBe(3);
    const byKind = await t
      .http()
      .get('/api/cooperatives?kind=cooperative_group&provinceCode=04')
      .set(bearer(staff))
      .expect(200);
    expect(byKind.body.total).toBe(3);
    const byProduct = await t
      .http()
      .get('/api/cooperatives?provinceCode=04&product=xoai')
      .set(bearer(staff))
      .expect(200);
    expect(byProduct.body.items.map((c: any) => c.name)).toEqual([`${prefix} 0`]);
    const byCert = await t
      .http()
      .get('/api/cooperatives?provinceCode=04&certification=organic')
      .set(bearer(staff))
      .expect(200);
    expect(byCert.body.total).toBe(1);
    await t.http().get('/api/cooperatives?kind=htx').set(bearer(staff)).expect(400);
    await t.http().get('/api/cooperatives?limit=0').set(bearer(staff)).expect(400);
  });

  it('keeps anonymous users out and answers 404/400 for unknown or malformed ids', async () => {
    await t.http().get('/api/cooperatives').expect(401);
    await t.http().post('/api/cooperatives').send(validCooperative()).expect(401);
    await t.http().get('/api/cooperatives/7d7c8b1e-4b7c-4d35-9a0e-2d3f4a5b6c7d').set(bearer(staff)).expect(404);
    await t
      .http()
      .patch('/api/cooperatives/7d7c8b1e-4b7c-4d35-9a0e-2d3f4a5b6c7d')
      .set(bearer(staff))
      .send({ members: 1 })
      .expect(404);
    await t.http().delete('/api/cooperatives/7d7c8b1e-4b7c-4d35-9a0e-2d3f4a5b6c7d').set(bearer(staff)).expect(404);
    await t.http().get('/api/cooperatives/not-a-uuid').set(bearer(staff)).expect(400);
  });
});
