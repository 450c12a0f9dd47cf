import { TEST_TILE_ATTRIBUTION, UNREACHABLE_TILE_URL } from '../support/unreachable-tiles.env';
import { Product, Zone } from '@agrilink/core';
import { ensureProduct, makeBuyer, makeCooperative, makeProductionArea, makeSupplyLot } from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';

// Bến Tre / Kiên Giang / Hồ Chí Minh: each test reads its own corner of the map.
const KIEN_GIANG = '104.8,9.5,105.6,10.4';

describe('map (e2e)', () => {
  let t: TestApp;
  let coopId: string;
  let token: string;
  let rice: Product;
  let pepper: Product;

  beforeAll(async () => {
    t = await createTestApp();
    // The reference catalogue may already hold these products: read their names back.
    rice = await ensureProduct(t.dataSource, { code: 'LUA_ST', nameVi: 'Lúa ST25', nameEn: 'ST25 paddy' });
    pepper = await ensureProduct(t.dataSource, {
      code: 'HO_TIEU',
      nameVi: 'Hồ tiêu Phú Quốc',
      nameEn: 'Phu Quoc pepper',
    });
    const coop = await makeCooperative(t.dataSource, {
      name: 'HTX Nông nghiệp Thạnh Phước Lợi',
      contactName: 'Nguyễn Văn A',
      contactPhone: '0912345678',
    });
    coopId = coop.id;
    token = await t.tokenFor('buyer', (await makeBuyer(t.dataSource)).id);
  });
  afterAll(() => t?.close());

  it('answers open lots in the box as GeoJSON points [lng, lat] with their figures, without contacts for anonymous callers', async () => {
    const lot = await makeSupplyLot(t.dataSource, {
      cooperativeId: coopId,
      productCode: 'LUA_ST',
      quantityKg: 40_000,
      askVndPerKg: 7200,
      location: { type: 'Point', coordinates: [105.11, 9.95] },
    });
    const res = await t.http().get('/api/map/supply').query({ bbox: '105.1,9.94,105.12,9.96', zoom: 16 }).expect(200);
    expect(res.body.type).toBe('FeatureCollection');
    const f = res.body.features.find((x: any) => x.properties.id === lot.id);
    expect(f.geometry).toEqual({ type: 'Point', coordinates: [105.11, 9.95] });
    expect(f.properties).toMatchObject({
      cluster: false,
      product: 'LUA_ST',
      productNameVi: rice.nameVi,
      productNameEn: rice.nameEn,
      remainingKg: 40_000,
      askVndPerKg: 7200,
      harvestFrom: '2026-12-01',
      harvestTo: '2026-12-15',
      certifications: ['VIETGAP'],
      cooperativeName: 'HTX Nông nghiệp Thạnh Phước Lợi',
    });
    expect(f.properties).not.toHaveProperty('contact');
    expect(f.properties).not.toHaveProperty('contactPhone');
  });

  it('adds the cooperative contact for a signed-in caller', async () => {
    const lot = await makeSupplyLot(t.dataSource, {
      cooperativeId: coopId,
      location: { type: 'Point', coordinates: [105.21, 9.85] },
    });
    const res = await t
      .http()
      .get('/api/map/supply')
      .auth(token, { type: 'bearer' })
      .query({ bbox: '105.2,9.84,105.22,9.86', zoom: 16 })
      .expect(200);
    const f = res.body.features.find((x: any) => x.properties.id === lot.id);
    expect(f.properties.contact).toMatchObject({ name: 'Nguyễn Văn A', phone: '0912345678' });
    expect(f.properties.contactPhone).toBe('0912345678');
  });

  it('leaves out lots outside the box, sold out, withdrawn or of other filters', async () => {
    const box = '105.3,9.7,105.32,9.72';
    const inside = { type: 'Point', coordinates: [105.31, 9.71] } as any;
    const shown = await makeSupplyLot(t.dataSource, {
      cooperativeId: coopId,
      location: inside,
      certifications: ['VIETGAP', 'GLOBALGAP'],
    });
    await makeSupplyLot(t.dataSource, {
      cooperativeId: coopId,
      location: { type: 'Point', coordinates: [105.4, 9.71] },
    });
    await makeSupplyLot(t.dataSource, { cooperativeId: coopId, location: inside, status: 'withdrawn' });
    await makeSupplyLot(t.dataSource, {
      cooperativeId: coopId,
      location: inside,
      quantityKg: 1000,
      committedKg: 1000,
      status: 'sold_out',
    });
    const other = await makeSupplyLot(t.dataSource, {
      cooperativeId: coopId,
      location: inside,
      productCode: 'HO_TIEU',
      harvestFrom: '2027-03-01',
      harvestTo: '2027-03-10',
    });

    const ids = async (q: Record<string, string | number>) =>
      (
        await t
          .http()
          .get('/api/map/supply')
          .query({ bbox: box, zoom: 16, ...q })
          .expect(200)
      ).body.features
        .map((f: any) => f.properties.id)
        .sort();

    expect(await ids({})).toEqual([shown.id, other.id].sort());
    expect(await ids({ product: 'lua_st' })).toEqual([shown.id]);
    expect(await ids({ certification: 'GlobalGAP' })).toEqual([shown.id]);
    expect(await ids({ harvestFrom: '2027-01-01' })).toEqual([other.id]);
    expect(await ids({ harvestTo: '2026-12-31' })).toEqual([shown.id]);
    expect(await ids({ provinceCode: '79' })).toEqual([]);
  });

  it('clusters lots when zoomed out, carrying the count and the remaining volume', async () => {
    const box = '106.0,10.0,106.2,10.2';
    for (let i = 0; i < 5; i++) {
      await makeSupplyLot(t.dataSource, {
        cooperativeId: coopId,
        quantityKg: 10_000,
        location: { type: 'Point', coordinates: [106.1 + i * 0.0001, 10.1] },
      });
    }
    const res = await t.http().get('/api/map/supply').query({ bbox: box, zoom: 8 }).expect(200);
    expect(res.body.features).toHaveLength(1);
    expect(res.body.features[0].properties).toMatchObject({ cluster: true, pointCount: 5, remainingKg: 50_000 });
    expect(res.body.features[0].properties).not.toHaveProperty('contact');

    const near = await t.http().get('/api/map/supply').query({ bbox: box, zoom: 18 }).expect(200);
    expect(near.body.features).toHaveLength(5);
    expect(near.body.features.every((f: any) => f.properties.cluster === false)).toBe(true);
  });

  it('shows a lot posted, withdrawn or changed behind its back on the very next map request, clustered or not', async () => {
    // The map answers from an in-memory snapshot of open lots kept up to date through supply_lot_changes.
    // Côn Đảo: land (a posted lot must be on Việt Nam's land or islands) where no other test puts lots.
    const box = '106.5,8.6,106.7,8.8';
    // Lots and volume in the view at zoom 8, whether drawn as clusters or as lone lots.
    const clusters = async () => {
      const fs = (await t.http().get('/api/map/supply').query({ bbox: box, zoom: 8 }).expect(200)).body.features;
      return {
        lots: fs.reduce((n: number, f: any) => n + (f.properties.pointCount ?? 1), 0),
        remainingKg: fs.reduce((n: number, f: any) => n + f.properties.remainingKg, 0),
      };
    };
    const list = async () =>
      (
        await t
          .http()
          .get('/api/map/supply-list')
          .query({ q: 'HTX Nông nghiệp Thạnh Phước Lợi', limit: 500 })
          .expect(200)
      ).body;
    await makeSupplyLot(t.dataSource, {
      cooperativeId: coopId,
      quantityKg: 10_000,
      location: { type: 'Point', coordinates: [106.61, 8.69] },
    });
    expect(await clusters()).toEqual({ lots: 1, remainingKg: 10_000 });
    const listed = await list();

    const coopToken = await t.tokenFor('cooperative', coopId);
    const posted = await t
      .http()
      .post('/api/supply-lots')
      .auth(coopToken, { type: 'bearer' })
      .send({
        product: 'LUA_ST',
        quantityKg: 7000,
        harvestFrom: '2026-12-01',
        harvestTo: '2026-12-20',
        askVndPerKg: 7100,
        location: { lat: 8.6901, lng: 106.6101 },
      })
      .expect(201);
    expect(await clusters()).toEqual({ lots: 2, remainingKg: 17_000 });
    expect((await list()).total).toBe(listed.total + 1);

    await t
      .http()
      .patch(`/api/supply-lots/${posted.body.id}`)
      .auth(coopToken, { type: 'bearer' })
      .send({ withdrawn: true })
      .expect(200);
    expect(await clusters()).toEqual({ lots: 1, remainingKg: 10_000 });
    expect((await list()).total).toBe(listed.total);

    // A write that does not go through this process (another api process, an import, psql).
    await t.dataSource.query(`UPDATE supply_lots SET quantity_kg = 12000 WHERE id = $1`, [posted.body.id]);
    await t.dataSource.query(`UPDATE supply_lots SET status = 'open' WHERE id = $1`, [posted.body.id]);
    expect(await clusters()).toEqual({ lots: 2, remainingKg: 22_000 });
    const near = await t.http().get('/api/map/supply').query({ bbox: box, zoom: 16 }).expect(200);
    expect(near.body.features.map((f: any) => f.properties.id)).toContain(posted.body.id);
    await t.dataSource.query(`DELETE FROM supply_lots WHERE id = $1`, [posted.body.id]);
    expect(await clusters()).toEqual({ lots: 1, remainingKg: 10_000 });
    expect((await list()).total).toBe(listed.total);
  });

  it('keeps the supply-lots list total exact across posts, withdrawals and writes behind its back', async () => {
    const staff = await t.tokenFor('staff');
    const coop = await makeCooperative(t.dataSource, { provinceCode: '96' });
    const coopToken = await t.tokenFor('cooperative', coop.id);
    const total = async () =>
      (
        await t
          .http()
          .get('/api/supply-lots')
          .auth(staff, { type: 'bearer' })
          .query({ provinceCode: '96', limit: 1 })
          .expect(200)
      ).body.total;
    await makeSupplyLot(t.dataSource, { cooperativeId: coop.id, provinceCode: '96' });
    expect(await total()).toBe(1);
    expect(await total()).toBe(1);
    const posted = await t
      .http()
      .post('/api/supply-lots')
      .auth(coopToken, { type: 'bearer' })
      .send({
        product: 'LUA_ST',
        quantityKg: 7000,
        harvestFrom: '2026-12-01',
        harvestTo: '2026-12-20',
        askVndPerKg: 7100,
        location: { lat: 9.2, lng: 105.1 },
      })
      .expect(201);
    expect(await total()).toBe(2);
    await t.dataSource.query(`UPDATE supply_lots SET province_code = '95' WHERE id = $1`, [posted.body.id]);
    expect(await total()).toBe(1);
    await t.dataSource.query(`DELETE FROM supply_lots WHERE province_code = '96'`);
    expect(await total()).toBe(0);
  });

  it('lets anonymous map answers be cached briefly and revalidated, and keeps signed-in ones private', async () => {
    const q = { bbox: '104.3,8.3,104.5,8.5', zoom: 9 };
    const anon = await t.http().get('/api/map/supply').query(q).expect(200);
    expect(anon.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
    expect(anon.headers.vary).toMatch(/Authorization/);
    expect(anon.headers.etag).toBeTruthy();
    await t.http().get('/api/map/supply').query(q).set('If-None-Match', anon.headers.etag).expect(304);
    const signed = await t.http().get('/api/map/supply').auth(token, { type: 'bearer' }).query(q).expect(200);
    expect(signed.headers['cache-control']).toBe('private, no-cache');
  });

  it.each([
    ['three numbers', '105,9,106'],
    ['text', 'a,b,c,d'],
    ['min above max', '106,9,105,10'],
    ['a latitude out of range', '105,9,106,91'],
    ['a longitude out of range', '105,9,181,10'],
  ])('rejects a bbox of %s with 400 naming bbox', async (_label, bbox) => {
    for (const layer of ['supply', 'production-areas', 'buyers', 'zones', 'flows']) {
      const res = await t.http().get(`/api/map/${layer}`).query({ bbox }).expect(400);
      expect(res.body.code).toBe('VALIDATION.FAILED');
      expect(res.body.details.map((d: any) => d.field)).toContain('bbox');
    }
  });

  it('answers production areas as polygons with the product, simplified when zoomed out', async () => {
    const ring: number[][] = [];
    for (let i = 0; i <= 64; i++) {
      const a = (i % 64) * ((2 * Math.PI) / 64);
      ring.push([104.9 + 0.01 * Math.cos(a), 10.2 + 0.01 * Math.sin(a)]);
    }
    const area = await makeProductionArea(t.dataSource, {
      cooperativeId: coopId,
      productCode: 'HO_TIEU',
      name: 'Vùng tiêu Gành Dầu',
      boundary: { type: 'Polygon', coordinates: [ring] },
      centroid: { type: 'Point', coordinates: [104.9, 10.2] },
    });
    const near = await t.http().get('/api/map/production-areas').query({ bbox: KIEN_GIANG, zoom: 17 }).expect(200);
    const f = near.body.features.find((x: any) => x.properties.id === area.id);
    expect(f.geometry.type).toBe('Polygon');
    expect(f.properties).toMatchObject({
      product: 'HO_TIEU',
      productNameVi: pepper.nameVi,
      cooperativeName: 'HTX Nông nghiệp Thạnh Phước Lợi',
      name: 'Vùng tiêu Gành Dầu',
    });
    expect(f.geometry.coordinates[0]).toHaveLength(65);

    const far = await t.http().get('/api/map/production-areas').query({ bbox: KIEN_GIANG, zoom: 9 }).expect(200);
    const simplified = far.body.features.find((x: any) => x.properties.id === area.id);
    expect(simplified.geometry.coordinates[0].length).toBeLessThan(65);

    const filtered = await t
      .http()
      .get('/api/map/production-areas')
      .query({ bbox: KIEN_GIANG, product: 'LUA_ST' })
      .expect(200);
    expect(filtered.body.features.map((x: any) => x.properties.id)).not.toContain(area.id);
  });

  it('answers buyers by type, with contacts only for signed-in callers', async () => {
    const market = await makeBuyer(t.dataSource, {
      type: 'wholesale_market',
      name: 'Chợ đầu mối Bình Điền',
      contactPhone: '0283333333',
      location: { type: 'Point', coordinates: [106.6225, 10.7225] },
    });
    await makeBuyer(t.dataSource, { type: 'exporter', location: { type: 'Point', coordinates: [106.63, 10.73] } });
    const box = '106.5,10.6,106.7,10.8';
    const anon = await t.http().get('/api/map/buyers').query({ bbox: box, type: 'wholesale_market' }).expect(200);
    const f = anon.body.features.find((x: any) => x.properties.id === market.id);
    expect(f.geometry.coordinates).toEqual([106.6225, 10.7225]);
    expect(f.properties).toMatchObject({ type: 'wholesale_market', name: 'Chợ đầu mối Bình Điền' });
    expect(f.properties).not.toHaveProperty('contact');
    expect(anon.body.features.every((x: any) => x.properties.type === 'wholesale_market')).toBe(true);

    const signed = await t
      .http()
      .get('/api/map/buyers')
      .auth(token, { type: 'bearer' })
      .query({ bbox: box })
      .expect(200);
    expect(signed.body.features.find((x: any) => x.properties.id === market.id).properties.contact.phone).toBe(
      '0283333333',
    );
    await t.http().get('/api/map/buyers').query({ type: 'spaceship' }).expect(400);
  });

  it('answers zones in force on a day', async () => {
    const square = {
      type: 'Polygon',
      coordinates: [
        [
          [105.0, 9.9],
          [105.1, 9.9],
          [105.1, 10.0],
          [105.0, 10.0],
          [105.0, 9.9],
        ],
      ],
    };
    await t.dataSource.getRepository(Zone).save([
      {
        code: 'PT-TEST-1',
        name: 'Phong tỏa 1',
        boundary: square as any,
        restricted: true,
        activeFrom: '2026-12-01',
        activeTo: '2026-12-31',
        searchText: 'phong toa 1',
      },
      {
        code: 'PT-TEST-2',
        name: 'Phong tỏa 2',
        boundary: square as any,
        restricted: true,
        activeFrom: '2027-01-01',
        activeTo: null,
        searchText: 'phong toa 2',
      },
    ]);
    const res = await t.http().get('/api/map/zones').query({ bbox: KIEN_GIANG, activeOn: '2026-12-10' }).expect(200);
    const codes = res.body.features.map((f: any) => f.properties.code);
    expect(codes).toContain('PT-TEST-1');
    expect(codes).not.toContain('PT-TEST-2');
    expect(res.body.features.find((f: any) => f.properties.code === 'PT-TEST-1')).toMatchObject({
      geometry: { type: 'Polygon' },
      properties: { restricted: true, activeFrom: '2026-12-01', activeTo: '2026-12-31' },
    });
  });

  it('answers flows as a FeatureCollection of lines', async () => {
    const res = await t.http().get('/api/map/flows').query({ bbox: KIEN_GIANG, kind: 'deals' }).expect(200);
    expect(res.body.type).toBe('FeatureCollection');
    expect(Array.isArray(res.body.features)).toBe(true);
    await t.http().get('/api/map/flows').query({ kind: 'rumours' }).expect(400);
    await t.http().get('/api/map/flows').query({ matchingRunId: 'not-a-uuid' }).expect(400);
  });

  it('lists open supply publicly with diacritics-insensitive search and no contacts', async () => {
    const coop = await makeCooperative(t.dataSource, { name: 'HTX Tiêu Đồng Tranh', contactPhone: '0900000001' });
    const lot = await makeSupplyLot(t.dataSource, { cooperativeId: coop.id, productCode: 'HO_TIEU' });
    const res = await t.http().get('/api/map/supply-list').query({ q: 'tieu dong tranh', limit: 10 }).expect(200);
    expect(res.body).toMatchObject({ total: 1, limit: 10, offset: 0 });
    expect(res.body.items[0]).toMatchObject({
      id: lot.id,
      product: 'HO_TIEU',
      cooperativeName: 'HTX Tiêu Đồng Tranh',
      remainingKg: 50_000,
    });
    expect(JSON.stringify(res.body)).not.toContain('0900000001');
    const byProduct = await t
      .http()
      .get('/api/map/supply-list')
      .query({ q: 'HỒ TIÊU', product: 'HO_TIEU' })
      .expect(200);
    expect(byProduct.body.items.map((i: any) => i.id)).toContain(lot.id);
    await t.http().get('/api/map/supply-list').query({ limit: 0 }).expect(400);
  });

  it('serves the configurable tile URL to the web app', async () => {
    const res = await t.http().get('/api/web-config').expect(200);
    expect(res.body).toEqual({ tileUrl: UNREACHABLE_TILE_URL, tileAttribution: TEST_TILE_ATTRIBUTION });
  });
});
