import { ZonesService } from '@agrilink/core';
import { makeBuyer } from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';

// A square around Rạch Giá and a smaller one inside it, [lng, lat].
const square = (lng: number, lat: number, d: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lng, lat],
      [lng + d, lat],
      [lng + d, lat + d],
      [lng, lat + d],
      [lng, lat],
    ],
  ],
});

describe('zones (e2e)', () => {
  let t: TestApp;
  let staff: string;
  let admin: string;
  let buyerToken: string;

  const validZone = (code: string) => ({
    code,
    name: 'Phong tỏa phường Vĩnh Thanh Vân',
    polygon: square(105.0, 10.0, 0.25),
    restricted: true,
    from: '2026-07-19',
    to: '2026-08-15',
  });
  const post = (token: string, body: object) => t.http().post('/api/zones').auth(token, { type: 'bearer' }).send(body);
  const count = async () => (await t.dataSource.query('SELECT count(*)::int AS n FROM zones'))[0].n as number;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await t.tokenFor('staff');
    admin = await t.tokenFor('admin');
    buyerToken = await t.tokenFor('buyer', (await makeBuyer(t.dataSource)).id);
  });
  afterAll(() => t?.close());

  it('lets staff create a zone and any signed-in user read it back as GeoJSON', async () => {
    const res = await post(staff, validZone('T-KG-RG-1')).expect(201);
    expect(res.body).toMatchObject({
      code: 'T-KG-RG-1',
      name: 'Phong tỏa phường Vĩnh Thanh Vân',
      restricted: true,
      from: '2026-07-19',
      to: '2026-08-15',
    });
    expect(res.body.polygon).toEqual(square(105.0, 10.0, 0.25));
    const got = await t.http().get(`/api/zones/${res.body.id}`).auth(buyerToken, { type: 'bearer' }).expect(200);
    expect(got.body.polygon.type).toBe('Polygon');
    const multi = await post(admin, {
      ...validZone('T-KG-MULTI'),
      polygon: {
        type: 'MultiPolygon',
        coordinates: [square(104.0, 10.0, 0.1).coordinates, square(104.5, 10.0, 0.1).coordinates],
      },
    }).expect(201);
    expect(multi.body.polygon.type).toBe('MultiPolygon');
  });

  it('answers 409 for a duplicate code and writes nothing', async () => {
    await post(staff, validZone('T-KG-DUP')).expect(201);
    const before = await count();
    const res = await post(staff, validZone('T-KG-DUP')).expect(409);
    expect(res.body.code).toBe('ZONE.CODE_TAKEN');
    expect(await count()).toBe(before);
  });

  it.each([
    ['a lower-case code', { code: 'kg-rg' }, 'code'],
    ['a code with spaces', { code: 'KG RG' }, 'code'],
    ['a code too long', { code: 'X'.repeat(41) }, 'code'],
    ['a polygon as text', { polygon: 'POLYGON((105 10, 105.1 10, 105.1 10.1, 105 10))' }, 'polygon'],
    ['a reversed period', { from: '2026-08-15', to: '2026-07-19' }, 'to'],
    ['a date that does not exist', { from: '2026-02-30' }, 'from'],
    ['a non-boolean restricted', { restricted: 'yes' }, 'restricted'],
    ['an empty name', { name: '' }, 'name'],
  ])('rejects %s with 400 naming the field', async (_label, patch, field) => {
    const res = await post(staff, { ...validZone('T-KG-BAD'), ...patch }).expect(400);
    expect(res.body.code).toBe('VALIDATION.FAILED');
    expect(res.body.details.map((d: any) => d.field)).toContain(field);
  });

  it('rejects a zone with neither polygon nor communes with 422 naming the polygon', async () => {
    const res = await post(staff, { ...validZone('T-KG-BAD'), polygon: undefined }).expect(422);
    expect(res.body).toMatchObject({ code: 'ZONE.EXTENT_REQUIRED', details: [{ field: 'polygon' }] });
  });

  it.each([
    ['a point', { type: 'Point', coordinates: [105, 10] }, /"Polygon" or "MultiPolygon"/],
    ['an open ring', { type: 'Polygon', coordinates: [square(105, 10, 0.1).coordinates[0].slice(0, 4)] }, /not closed/],
    ['positions outside Vietnam', square(2.3, 48.8, 0.1), /outside Vietnam/],
    ['lat/lng swapped', square(10.0, 105.0, 0.1), /outside Vietnam/],
    [
      'text coordinates',
      {
        type: 'Polygon',
        coordinates: [
          [
            ['105', '10'],
            [105.1, 10],
            [105.1, 10.1],
            ['105', '10'],
          ],
        ],
      },
      /\[lng, lat\]/,
    ],
    [
      'a self-intersecting bow tie',
      {
        type: 'Polygon',
        coordinates: [
          [
            [105, 10],
            [105.1, 10.1],
            [105.1, 10],
            [105, 10.1],
            [105, 10],
          ],
        ],
      },
      /not a valid area: Self-intersection/,
    ],
  ])('rejects %s as a polygon with 422 and the reason, writing nothing', async (_label, polygon, reason) => {
    const before = await count();
    const res = await post(staff, { ...validZone('T-KG-GEOM'), polygon }).expect(422);
    expect(res.body.code).toBe('ZONE.INVALID_POLYGON');
    expect(res.body.details[0].field).toBe('polygon');
    expect(res.body.message).toMatch(reason);
    expect(await count()).toBe(before);
  });

  it('lets only staff and admin write; anonymous users are kept out', async () => {
    await post(buyerToken, validZone('T-KG-BUYER')).expect(403);
    const created = await post(staff, validZone('T-KG-WRITE')).expect(201);
    await t
      .http()
      .patch(`/api/zones/${created.body.id}`)
      .auth(buyerToken, { type: 'bearer' })
      .send({ restricted: false })
      .expect(403);
    await t.http().delete(`/api/zones/${created.body.id}`).auth(buyerToken, { type: 'bearer' }).expect(403);
    await t.http().get('/api/zones').expect(401);
    await t.http().get(`/api/zones/${created.body.id}`).expect(401);
    await t.http().post('/api/zones').send(validZone('T-KG-ANON')).expect(401);
  });

  it('updates and deletes, recording every write in the audit log', async () => {
    const created = await post(staff, validZone('T-KG-UPD')).expect(201);
    const url = `/api/zones/${created.body.id}`;
    const upd = await t
      .http()
      .patch(url)
      .auth(admin, { type: 'bearer' })
      .send({ restricted: false, to: '2026-09-01', code: 'T-KG-UPD-2' })
      .expect(200);
    expect(upd.body).toMatchObject({ restricted: false, to: '2026-09-01', code: 'T-KG-UPD-2', from: '2026-07-19' });
    const reversed = await t.http().patch(url).auth(admin, { type: 'bearer' }).send({ to: '2026-01-01' }).expect(422);
    expect(reversed.body.details[0].field).toBe('to');
    await t.http().patch(url).auth(admin, { type: 'bearer' }).send({ code: 'T-KG-RG-1' }).expect(409);
    await t
      .http()
      .patch(url)
      .auth(admin, { type: 'bearer' })
      .send({ polygon: { type: 'Point', coordinates: [105, 10] } })
      .expect(422);
    const open = await t.http().patch(url).auth(admin, { type: 'bearer' }).send({ to: null }).expect(200);
    expect(open.body.to).toBeNull();
    await t.http().delete(url).auth(staff, { type: 'bearer' }).expect(204);
    await t.http().get(url).auth(staff, { type: 'bearer' }).expect(404);
    const rows = await t.dataSource.query(
      `SELECT action, changes FROM audit_logs WHERE entity_id = $1 AND entity_type = 'zone' ORDER BY id`,
      [created.body.id],
    );
    expect(rows.map((r: any) => r.action)).toEqual(['create', 'update', 'update', 'delete']);
    expect(rows[1].changes.restricted).toEqual([true, false]);
  });

  it('lists with pagination, restricted and activeOn filters and diacritics-insensitive search', async () => {
    await post(staff, {
      ...validZone('T-HCM-TD'),
      name: 'Khu cách ly thử nghiệm Ánh Dương',
      restricted: false,
      from: '2026-06-01',
      to: '2026-06-30',
      polygon: square(106.7, 10.8, 0.1),
    }).expect(201);
    const page = await t.http().get('/api/zones?limit=2&offset=1').auth(buyerToken, { type: 'bearer' }).expect(200);
    expect(page.body).toMatchObject({ limit: 2, offset: 1 });
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBeGreaterThanOrEqual(4);
    const search = await t
      .http()
      .get('/api/zones?q=khu CACH ly thu nghiem anh duong')
      .auth(buyerToken, { type: 'bearer' })
      .expect(200);
    expect(search.body.items.map((z: any) => z.code)).toEqual(['T-HCM-TD']);
    const unrestricted = await t.http().get('/api/zones?restricted=false').auth(staff, { type: 'bearer' }).expect(200);
    expect(unrestricted.body.items.map((z: any) => z.code)).toContain('T-HCM-TD');
    expect(unrestricted.body.items.every((z: any) => z.restricted === false)).toBe(true);
    const june = await t.http().get('/api/zones?activeOn=2026-06-15').auth(staff, { type: 'bearer' }).expect(200);
    expect(june.body.items.map((z: any) => z.code).filter((c: string) => c.startsWith('T-'))).toEqual(['T-HCM-TD']);
    const july = await t
      .http()
      .get('/api/zones?activeOn=2026-07-20&restricted=true')
      .auth(staff, { type: 'bearer' })
      .expect(200);
    expect(july.body.items.every((z: any) => z.restricted && z.from <= '2026-07-20' && z.to >= '2026-07-20')).toBe(
      true,
    );
    expect(july.body.total).toBeGreaterThan(0);
    await t.http().get('/api/zones?activeOn=20-07-2026').auth(staff, { type: 'bearer' }).expect(400);
    await t.http().get('/api/zones?restricted=maybe').auth(staff, { type: 'bearer' }).expect(400);
    await t.http().get('/api/zones/not-a-uuid').auth(staff, { type: 'bearer' }).expect(400);
    await t.http().get('/api/zones/7d7c8b1e-4b7c-4d35-9a0e-2d3f4a5b6c7d').auth(staff, { type: 'bearer' }).expect(404);
  });

  it('assigns zone codes to points for the matching run: restricted and smaller zones win, borders count, period respected', async () => {
    const sut = t.app.get(ZonesService);
    await post(staff, {
      ...validZone('T-CT-BIG'),
      polygon: square(105.6, 9.9, 0.3),
      from: '2026-09-01',
      to: '2026-09-30',
    }).expect(201);
    await post(staff, {
      ...validZone('T-CT-SMALL'),
      polygon: square(105.7, 10.0, 0.05),
      from: '2026-09-01',
      to: '2026-09-30',
    }).expect(201);
    await post(staff, {
      ...validZone('T-CT-LABEL'),
      restricted: false,
      polygon: square(105.7, 10.0, 0.01),
      from: null,
      to: null,
    }).expect(201);
    const codes = await sut.zoneCodesAt(
      [
        { lat: 10.02, lng: 105.72 }, // inside BIG and SMALL → SMALL
        { lat: 9.95, lng: 105.65 }, // inside BIG only
        { lat: 9.9, lng: 105.6 }, // on BIG's corner → covered
        { lat: 10.005, lng: 105.705 }, // inside LABEL, SMALL and BIG → restricted SMALL wins
        { lat: 21.0, lng: 105.8 }, // Hà Nội, no zone
      ],
      '2026-09-10',
    );
    expect(codes).toEqual(['T-CT-SMALL', 'T-CT-BIG', 'T-CT-BIG', 'T-CT-SMALL', null]);
    expect(await sut.zoneCodeAt(10.005, 105.705, '2026-10-10')).toBe('T-CT-LABEL');
    expect(await sut.zoneCodeAt(10.005, 105.705, '2026-10-10', { restrictedOnly: true })).toBeNull();
    expect(await sut.zoneCodesAt([], '2026-09-10')).toEqual([]);
    const active = await sut.restrictedZonesActiveOn('2026-09-10');
    expect(active.map((z) => z.code).filter((c) => c.startsWith('T-'))).toEqual(['T-CT-BIG', 'T-CT-SMALL']);
    expect(active.every((z) => z.restricted)).toBe(true);
  });

  it('documents the registry routes in OpenAPI', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    for (const path of [
      'purchase-requests',
      'zones',
      'transport-operators',
      'harvest-resources',
      'inventory-reports',
    ]) {
      expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining([`/api/${path}`, `/api/${path}/{id}`]));
    }
    // A zone is declared by a polygon, by communes, or both: neither alone is required by the schema.
    expect(res.body.components.schemas.CreateZoneDto.required).toEqual(expect.arrayContaining(['code', 'name']));
  });
});
