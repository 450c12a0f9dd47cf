import { ensureProduct, makeCooperative, makeSupplyLot } from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';

describe('production areas (e2e)', () => {
  let t: TestApp;
  let staff: string;
  let coopA: string;
  let coopB: string;
  let coopAToken: string;
  let coopBToken: string;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  // About 2.2 km × 2.2 km near Giồng Riềng: ~485 ha. The demo data set may be present: lists are scoped to this file's rows.
  const square = (lng = 105.29, lat = 9.92, d = 0.02) => ({
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

  const validArea = () => ({
    product: 'LUA_ST',
    name: 'Cánh đồng lớn ấp Thạnh Phước',
    areaHa: 480.25,
    boundary: square(),
    certifications: ['vietgap'],
    growingAreaCode: 'VN-KGOR-0012',
  });

  const count = async () =>
    (await t.dataSource.query('SELECT count(*)::int AS n FROM production_areas'))[0].n as number;

  beforeAll(async () => {
    t = await createTestApp();
    await ensureProduct(t.dataSource, { code: 'LUA_ST', nameVi: 'Lúa ST25' });
    await ensureProduct(t.dataSource, { code: 'TOM_SU', nameVi: 'Tôm sú' });
    coopA = (await makeCooperative(t.dataSource, { provinceCode: '91' })).id;
    coopB = (await makeCooperative(t.dataSource, { provinceCode: '04' })).id;
    staff = await t.tokenFor('staff');
    coopAToken = await t.tokenFor('cooperative', coopA);
    coopBToken = await t.tokenFor('cooperative', coopB);
  });
  afterAll(() => t?.close());

  it('records an area for the own cooperative, computing the centroid inside it and the measured area', async () => {
    const res = await t.http().post('/api/production-areas').set(bearer(coopAToken)).send(validArea()).expect(201);
    expect(res.body).toMatchObject({
      cooperativeId: coopA,
      product: 'LUA_ST',
      areaHa: 480.25,
      certifications: ['VIETGAP'],
      growingAreaCode: 'VN-KGOR-0012',
      provinceCode: '91',
      boundary: square(),
    });
    expect(res.body.centroid.lat).toBeGreaterThan(9.92);
    expect(res.body.centroid.lat).toBeLessThan(9.94);
    expect(res.body.centroid.lng).toBeGreaterThan(105.29);
    expect(res.body.centroid.lng).toBeLessThan(105.31);
    expect(res.body.computedAreaHa).toBeGreaterThan(470);
    expect(res.body.computedAreaHa).toBeLessThan(500);
    const got = await t.http().get(`/api/production-areas/${res.body.id}`).set(bearer(coopBToken)).expect(200);
    expect(got.body.computedAreaHa).toBe(res.body.computedAreaHa);
  });

  it('puts the centroid of a U-shaped field inside the field (ST_PointOnSurface)', async () => {
    const u = {
      type: 'Polygon',
      coordinates: [
        [
          [105.0, 10.0],
          [105.03, 10.0],
          [105.03, 10.03],
          [105.02, 10.03],
          [105.02, 10.01],
          [105.01, 10.01],
          [105.01, 10.03],
          [105.0, 10.03],
          [105.0, 10.0],
        ],
      ],
    };
    const res = await t
      .http()
      .post('/api/production-areas')
      .set(bearer(staff))
      .send({ ...validArea(), cooperativeId: coopA, boundary: u })
      .expect(201);
    const [inside] = await t.dataSource.query(
      `SELECT ST_Covers(boundary, ST_SetSRID(ST_MakePoint($2, $3), 4326)) AS ok FROM production_areas WHERE id = $1`,
      [res.body.id, res.body.centroid.lng, res.body.centroid.lat],
    );
    expect(inside.ok).toBe(true);
  });

  it('accepts a MultiPolygon and drops altitudes', async () => {
    const a = square(105.1, 10.1, 0.005).coordinates;
    const b = square(105.2, 10.1, 0.005).coordinates.map((ring) => ring.map(([x, y]) => [x, y, 3]));
    const res = await t
      .http()
      .post('/api/production-areas')
      .set(bearer(coopAToken))
      .send({ ...validArea(), areaHa: 60, boundary: { type: 'MultiPolygon', coordinates: [a, b] } })
      .expect(201);
    expect(res.body.boundary.type).toBe('MultiPolygon');
    expect(res.body.boundary.coordinates[1][0][0]).toEqual([105.2, 10.1]);
  });

  it('updates the boundary, moving the centroid, and deletes, with an audit row for each write', async () => {
    const created = await t.http().post('/api/production-areas').set(bearer(coopAToken)).send(validArea()).expect(201);
    const id = created.body.id;
    const moved = await t
      .http()
      .patch(`/api/production-areas/${id}`)
      .set(bearer(coopAToken))
      .send({ boundary: square(105.5, 10.2, 0.01), areaHa: 120 })
      .expect(200);
    expect(moved.body.centroid.lng).toBeGreaterThan(105.5);
    expect(moved.body.areaHa).toBe(120);
    expect(moved.body.computedAreaHa).toBeLessThan(130);
    const lot = await makeSupplyLot(t.dataSource, { cooperativeId: coopA, productionAreaId: id });
    await t.http().delete(`/api/production-areas/${id}`).set(bearer(coopAToken)).expect(204);
    await t.http().get(`/api/production-areas/${id}`).set(bearer(staff)).expect(404);
    const [kept] = await t.dataSource.query('SELECT production_area_id FROM supply_lots WHERE id = $1', [lot.id]);
    expect(kept.production_area_id).toBeNull();
    const rows = await t.dataSource.query('SELECT action FROM audit_logs WHERE entity_id = $1 ORDER BY id', [id]);
    expect(rows.map((r: any) => r.action)).toEqual(['create', 'update', 'delete']);
  });

  it.each([
    ['a negative area', { areaHa: -3 }, 'areaHa'],
    ['a zero area', { areaHa: 0 }, 'areaHa'],
    ['an area with 3 decimals', { areaHa: 1.234 }, 'areaHa'],
    ['an area given as text', { areaHa: '12' }, 'areaHa'],
    ['a boundary that is a Point', { boundary: { type: 'Point', coordinates: [105.3, 9.93] } }, 'boundary'],
    ['a boundary that is a Feature', { boundary: { type: 'Feature', geometry: square(), properties: {} } }, 'boundary'],
    [
      'an unclosed ring',
      {
        boundary: {
          type: 'Polygon',
          coordinates: [
            square()
              .coordinates[0].slice(0, 4)
              .concat([[105.3, 9.921]]),
          ],
        },
      },
      'boundary',
    ],
    [
      'a ring of 3 positions',
      {
        boundary: {
          type: 'Polygon',
          coordinates: [
            [
              [105.29, 9.92],
              [105.31, 9.92],
              [105.29, 9.92],
            ],
          ],
        },
      },
      'boundary',
    ],
    ['a boundary in France', { boundary: square(2.3, 48.8) }, 'boundary'],
    [
      'positions written [lat, lng]',
      { boundary: { type: 'Polygon', coordinates: [square().coordinates[0].map(([x, y]) => [y, x])] } },
      'boundary',
    ],
    [
      'a non-numeric position',
      {
        boundary: {
          type: 'Polygon',
          coordinates: [
            [
              ['a', 'b'],
              [105.31, 9.92],
              [105.31, 9.94],
              ['a', 'b'],
            ],
          ],
        },
      },
      'boundary',
    ],
    ['a client-computed centroid', { centroid: { lat: 9.93, lng: 105.3 } }, 'centroid'],
    ['a client-computed area', { computedAreaHa: 12 }, 'computedAreaHa'],
    ['an unknown certification', { certifications: ['NOPE'] }, 'certifications'],
  ])('rejects %s with 400 naming the field, and writes nothing', async (_label, patch, field) => {
    const before = await count();
    const res = await t
      .http()
      .post('/api/production-areas')
      .set(bearer(coopAToken))
      .send({ ...validArea(), ...patch })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION.FAILED');
    expect(res.body.details.map((d: any) => d.field)).toContain(field);
    expect(await count()).toBe(before);
  });

  it('rejects a self-intersecting boundary with 422 giving the PostGIS reason, and writes nothing', async () => {
    const before = await count();
    const bowtie = {
      type: 'Polygon',
      coordinates: [
        [
          [105.29, 9.92],
          [105.31, 9.94],
          [105.31, 9.92],
          [105.29, 9.94],
          [105.29, 9.92],
        ],
      ],
    };
    const res = await t
      .http()
      .post('/api/production-areas')
      .set(bearer(coopAToken))
      .send({ ...validArea(), boundary: bowtie })
      .expect(422);
    expect(res.body).toMatchObject({ code: 'PRODUCTION_AREA.INVALID_BOUNDARY', details: [{ field: 'boundary' }] });
    expect(res.body.message).toMatch(/Self-intersection/i);
    expect(await count()).toBe(before);
  });

  it('rejects an unknown product with 422 and an unknown cooperative with 422, writing nothing', async () => {
    const before = await count();
    const p = await t
      .http()
      .post('/api/production-areas')
      .set(bearer(coopAToken))
      .send({ ...validArea(), product: 'NOT_A_PRODUCT' })
      .expect(422);
    expect(p.body).toMatchObject({ code: 'PRODUCT.UNKNOWN', details: [{ field: 'product' }] });
    const c = await t
      .http()
      .post('/api/production-areas')
      .set(bearer(staff))
      .send({ ...validArea(), cooperativeId: '7d7c8b1e-4b7c-4d35-9a0e-2d3f4a5b6c7d' })
      .expect(422);
    expect(c.body.details[0].field).toBe('cooperativeId');
    const missing = await t.http().post('/api/production-areas').set(bearer(staff)).send(validArea()).expect(422);
    expect(missing.body.details[0].field).toBe('cooperativeId');
    expect(await count()).toBe(before);
  });

  it("does not let one cooperative touch another's areas", async () => {
    const created = await t.http().post('/api/production-areas').set(bearer(coopAToken)).send(validArea()).expect(201);
    await t
      .http()
      .patch(`/api/production-areas/${created.body.id}`)
      .set(bearer(coopBToken))
      .send({ areaHa: 1 })
      .expect(403);
    await t.http().delete(`/api/production-areas/${created.body.id}`).set(bearer(coopBToken)).expect(403);
    await t
      .http()
      .post('/api/production-areas')
      .set(bearer(coopBToken))
      .send({ ...validArea(), cooperativeId: coopA })
      .expect(403);
    const move = await t
      .http()
      .patch(`/api/production-areas/${created.body.id}`)
      .set(bearer(staff))
      .send({ cooperativeId: coopB })
      .expect(422);
    expect(move.body.details[0].field).toBe('cooperativeId');
    const buyer = (
      await t.dataSource.query(`INSERT INTO buyers (type, name) VALUES ('trader', 'Thương lái') RETURNING id`)
    )[0].id;
    await t
      .http()
      .post('/api/production-areas')
      .set(bearer(await t.tokenFor('buyer', buyer)))
      .send({ ...validArea(), cooperativeId: coopA })
      .expect(403);
    const [row] = await t.dataSource.query('SELECT area_ha::float AS a FROM production_areas WHERE id = $1', [
      created.body.id,
    ]);
    expect(row.a).toBe(480.25);
  });

  it('lists with pagination and filters by cooperative, product, province and bbox', async () => {
    await t
      .http()
      .post('/api/production-areas')
      .set(bearer(coopBToken))
      .send({ ...validArea(), product: 'TOM_SU', boundary: square(108.0, 12.5, 0.01) })
      .expect(201);
    await t
      .http()
      .post('/api/production-areas')
      .set(bearer(coopBToken))
      .send({ ...validArea(), product: 'TOM_SU', boundary: square(108.2, 12.5, 0.01) })
      .expect(201);
    await t
      .http()
      .post('/api/production-areas')
      .set(bearer(coopBToken))
      .send({ ...validArea(), boundary: square(108.4, 12.5, 0.01) })
      .expect(201);
    const byCoop = await t
      .http()
      .get(`/api/production-areas?cooperativeId=${coopB}&limit=2`)
      .set(bearer(staff))
      .expect(200);
    expect(byCoop.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(byCoop.body.items).toHaveLength(2);
    expect(byCoop.body.items[0].computedAreaHa).toBeGreaterThan(100);
    const p2 = await t
      .http()
      .get(`/api/production-areas?cooperativeId=${coopB}&limit=2&offset=2`)
      .set(bearer(staff))
      .expect(200);
    expect(p2.body.items).toHaveLength(1);
    const byProduct = await t
      .http()
      .get(`/api/production-areas?product=tom_su&cooperativeId=${coopB}`)
      .set(bearer(staff))
      .expect(200);
    expect(byProduct.body.total).toBe(2);
    const byProvince = await t.http().get('/api/production-areas?provinceCode=04').set(bearer(staff)).expect(200);
    expect(byProvince.body.total).toBe(3);
    const inBox = await t
      .http()
      .get('/api/production-areas?bbox=108.15,12.45,108.25,12.55')
      .set(bearer(staff))
      .expect(200);
    expect(inBox.body.items.map((a: any) => a.boundary.coordinates[0][0])).toEqual([[108.2, 12.5]]);
    // A box that only clips an edge still finds the area.
    const clip = await t
      .http()
      .get('/api/production-areas?bbox=108.005,12.505,108.1,12.6')
      .set(bearer(staff))
      .expect(200);
    expect(clip.body.total).toBe(1);
  });

  it.each(['1,2,3', '106.25,9.45,106.15,9.55', 'a,b,c,d', '106,9,200,10', '106,-95,107,10'])(
    'rejects bbox=%s with 400',
    async (bbox) => {
      const res = await t.http().get(`/api/production-areas?bbox=${bbox}`).set(bearer(staff)).expect(400);
      expect(res.body.details[0].field).toBe('bbox');
    },
  );

  it('keeps anonymous users out and answers 404/400 for unknown or malformed ids', async () => {
    await t.http().get('/api/production-areas').expect(401);
    await t.http().post('/api/production-areas').send(validArea()).expect(401);
    await t.http().get('/api/production-areas/7d7c8b1e-4b7c-4d35-9a0e-2d3f4a5b6c7d').set(bearer(staff)).expect(404);
    await t.http().get('/api/production-areas/xyz').set(bearer(staff)).expect(400);
  });
});
