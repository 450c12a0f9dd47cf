import { INestApplicationContext } from '@nestjs/common';
import { ensureProduct, makeCooperative, makeSupplyLot } from '@agrilink/testing';
import { toPoint } from '@agrilink/core';
import { startWorker } from '../../apps/worker/src/main';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Issue 13 item 5: the 2025 reform applied where units enter and leave. Old codes typed or
 * imported become current units (the old one kept beside), a split commune is decided by the
 * location or answered with its candidates, locations off Việt Nam's land and islands are
 * refused, lots count where they lie, and reports can be read on the pre-2025 map.
 */
const square = (lng: number, lat: number, d: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lng - d, lat - d],
      [lng + d, lat - d],
      [lng + d, lat + d],
      [lng - d, lat + d],
      [lng - d, lat - d],
    ],
  ],
});

describe('administrative units at the edges (e2e)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let staff: string;
  const bearer = () => ({ Authorization: `Bearer ${staff}` });
  const coop = (over: Record<string, unknown>) => ({
    kind: 'cooperative',
    name: `HTX ${Math.random().toString(36).slice(2, 8)}`,
    ...over,
  });

  const runImport = async (csv: string, kind: string) => {
    const id = (
      await t
        .http()
        .post('/api/imports')
        .set(bearer())
        .field('kind', kind)
        .field('mode', 'partial')
        .attach('file', Buffer.from(csv), 'huyen.csv')
        .expect(202)
    ).body.id;
    for (let i = 0; i < 300; i++) {
      const res = await t.http().get(`/api/imports/${id}`).set(bearer()).expect(200);
      if (res.body.status === 'completed' || res.body.status === 'failed') {
        const errors = await t.http().get(`/api/imports/${id}/errors`).set(bearer()).expect(200);
        return { view: res.body, errors: errors.body.items as Array<{ row: number; column: string; message: string }> };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`import ${id} did not finish`);
  };

  beforeAll(async () => {
    t = await createTestApp();
    worker = await startWorker();
    staff = await t.tokenFor('staff');
    await ensureProduct(t.dataSource, { code: 'LUA_ST', nameVi: 'Lúa ST25' });
    await ensureProduct(t.dataSource, { code: 'TIEU_PQ', nameVi: 'Tiêu Phú Quốc' });
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('stores a cooperative created with pre2025:commune:30910 under its current unit, keeping the old one', async () => {
    const res = await t
      .http()
      .post('/api/cooperatives')
      .set(bearer())
      .send(coop({ administrativeUnitId: 'pre2025:commune:30910' }))
      .expect(201);
    expect(res.body).toMatchObject({
      administrativeUnitId: 'current:commune:30910',
      pre2025AdministrativeUnitId: 'pre2025:commune:30910',
      provinceCode: '91',
    });
    const back = await t.http().get(`/api/cooperatives/${res.body.id}`).set(bearer()).expect(200);
    expect(back.body.administrativeUnitId).toBe('current:commune:30910');
    const unit = await t
      .http()
      .get(`/api/administrative-units/${back.body.administrativeUnitId}`)
      .set(bearer())
      .expect(200);
    expect(unit.body.name).toBe('Xã Thạnh Hưng');
    // A bare old code (spreadsheets drop the prefix) and an old province code are read the same way.
    const bare = await t
      .http()
      .post('/api/cooperatives')
      .set(bearer())
      .send(coop({ administrativeUnitId: '30922' }))
      .expect(201);
    expect(bare.body).toMatchObject({
      administrativeUnitId: 'current:commune:30904',
      pre2025AdministrativeUnitId: 'pre2025:commune:30922',
    });
    const buyer = await t
      .http()
      .post('/api/buyers')
      .set(bearer())
      .send({ type: 'trader', name: 'Thương lái Long Xuyên', provinceCode: '89' })
      .expect(201);
    expect(buyer.body).toMatchObject({ provinceCode: '91', pre2025ProvinceCode: '89' });
    // A current unit is kept as it is, with nothing beside it.
    const now = await t
      .http()
      .post('/api/cooperatives')
      .set(bearer())
      .send(coop({ administrativeUnitId: 'current:commune:30910' }))
      .expect(201);
    expect(now.body).toMatchObject({
      administrativeUnitId: 'current:commune:30910',
      pre2025AdministrativeUnitId: null,
    });
  });

  it('answers a split commune without a location with 422 and its candidates, and takes the one the location lies in', async () => {
    // Phường Dịch Vọng (Cầu Giấy) went partly to Phường Nghĩa Đô, partly to Phường Cầu Giấy.
    const res = await t
      .http()
      .post('/api/cooperatives')
      .set(bearer())
      .send(coop({ administrativeUnitId: 'pre2025:commune:00166' }))
      .expect(422);
    expect(res.body).toMatchObject({
      code: 'ADMINISTRATIVE_UNIT.AMBIGUOUS',
      details: [{ field: 'administrativeUnitId' }],
    });
    expect(res.body.details[0].candidates.map((c: any) => c.id)).toEqual([
      'current:commune:00160',
      'current:commune:00166',
    ]);
    expect(res.body.message).toMatch(/Phường Nghĩa Đô/);
    const en = await t
      .http()
      .post('/api/cooperatives')
      .set(bearer())
      .set('Accept-Language', 'en')
      .send(coop({ administrativeUnitId: 'pre2025:commune:00166' }))
      .expect(422);
    expect(en.body.message).toMatch(/split/);
    expect(
      await t.dataSource.query(
        `SELECT 1 FROM cooperatives WHERE pre2025_administrative_unit_id = 'pre2025:commune:00166'`,
      ),
    ).toEqual([]);

    // Where boundaries are loaded, the one holding the point decides.
    await t.dataSource.query(`UPDATE administrative_units SET boundary = ST_GeomFromGeoJSON($2) WHERE id = $1`, [
      'current:commune:00160',
      JSON.stringify(square(105.8, 21.047, 0.008)),
    ]);
    await t.dataSource.query(`UPDATE administrative_units SET boundary = ST_GeomFromGeoJSON($2) WHERE id = $1`, [
      'current:commune:00166',
      JSON.stringify(square(105.79, 21.032, 0.006)),
    ]);
    const inCauGiay = await t
      .http()
      .post('/api/cooperatives')
      .set(bearer())
      .send(coop({ administrativeUnitId: 'pre2025:commune:00166', location: { lat: 21.033, lng: 105.791 } }))
      .expect(201);
    expect(inCauGiay.body).toMatchObject({
      administrativeUnitId: 'current:commune:00166',
      pre2025AdministrativeUnitId: 'pre2025:commune:00166',
    });
    const inNghiaDo = await t
      .http()
      .post('/api/cooperatives')
      .set(bearer())
      .send(coop({ administrativeUnitId: 'pre2025:commune:00166', location: { lat: 21.05, lng: 105.801 } }))
      .expect(201);
    expect(inNghiaDo.body.administrativeUnitId).toBe('current:commune:00160');

    // No boundary holds the point: the nearest seat among the candidates, when each has one.
    await t.dataSource.query(
      `UPDATE administrative_units SET seat = ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography WHERE id = $1`,
      ['current:commune:00160', 105.799, 21.046],
    );
    await t.dataSource.query(
      `UPDATE administrative_units SET seat = ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography WHERE id = $1`,
      ['current:commune:00175', 105.79, 21.017],
    );
    const nearYenHoa = await t
      .http()
      .post('/api/cooperatives')
      .set(bearer())
      .send(coop({ administrativeUnitId: 'pre2025:commune:00172', location: { lat: 21.015, lng: 105.792 } }))
      .expect(201);
    expect(nearYenHoa.body.administrativeUnitId).toBe('current:commune:00175');
  });

  it("accepts an import with district-era codes: old communes, an old district decided by the row's coordinates, an old province", async () => {
    const csv = [
      'Tên HTX;Loại hình;Mã xã/phường;Mã tỉnh;Vĩ độ;Kinh độ',
      'HTX Bàn Tân Định;HTX;30922;91;;',
      'HTX Pháo Đài;HTX;30775;;;',
      'HTX Ngọc Chúc;HTX;906;;9,88;105,362',
      'HTX Giồng Riềng không tọa độ;HTX;906;;;',
      'HTX Thoại Sơn;HTX;;89;;',
    ].join('\n');
    const res = await runImport(csv, 'cooperatives');
    expect(res.view).toMatchObject({ status: 'completed', writtenRows: 4, invalidRows: 1 });
    expect(res.errors).toEqual([
      {
        row: 5,
        column: 'Mã xã/phường',
        cell: 'C5',
        message: expect.stringMatching(/906.*đã được chia cho .*Xã Ngọc Chúc \(30928\)/),
      },
    ]);
    const rows = await t.dataSource.query(
      `SELECT name, administrative_unit_id AS unit, pre2025_administrative_unit_id AS old, province_code AS province, pre2025_province_code AS "oldProvince"
         FROM cooperatives WHERE name IN ('HTX Bàn Tân Định', 'HTX Pháo Đài', 'HTX Ngọc Chúc', 'HTX Thoại Sơn') ORDER BY name`,
    );
    expect(rows).toEqual([
      {
        name: 'HTX Bàn Tân Định',
        unit: 'current:commune:30904',
        old: 'pre2025:commune:30922',
        province: '91',
        oldProvince: null,
      },
      {
        name: 'HTX Ngọc Chúc',
        unit: 'current:commune:30928',
        old: 'pre2025:district:906',
        province: '91',
        oldProvince: null,
      },
      {
        name: 'HTX Pháo Đài',
        unit: 'current:commune:30769',
        old: 'pre2025:commune:30775',
        province: '91',
        oldProvince: null,
      },
      { name: 'HTX Thoại Sơn', unit: null, old: null, province: '91', oldProvince: '89' },
    ]);
  }, 60_000);

  it('refuses Phnom Penh and Vientiane with a Vietnamese and an English message, and accepts the islands', async () => {
    for (const location of [
      { lat: 11.5564, lng: 104.9282 },
      { lat: 17.9757, lng: 102.6331 },
    ]) {
      const vi = await t.http().post('/api/cooperatives').set(bearer()).send(coop({ location })).expect(400);
      expect(vi.body).toMatchObject({ code: 'VALIDATION.FAILED', details: [{ field: 'location' }] });
      expect(vi.body.message).toMatch(/lãnh thổ Việt Nam/);
      const en = await t
        .http()
        .post('/api/cooperatives')
        .set(bearer())
        .set('Accept-Language', 'en')
        .send(coop({ location }))
        .expect(400);
      expect(en.body.message).toMatch(/inside Vietnam/);
    }
    const islands = {
      'Phú Quốc': { lat: 10.217, lng: 103.96 },
      'Côn Đảo': { lat: 8.683, lng: 106.609 },
      'Thổ Châu': { lat: 9.3, lng: 103.475 },
      'Hoàng Sa': { lat: 16.834, lng: 112.339 },
      'Trường Sa': { lat: 8.644, lng: 111.92 },
    };
    for (const [name, location] of Object.entries(islands)) {
      const res = await t
        .http()
        .post('/api/cooperatives')
        .set(bearer())
        .send(coop({ name: `HTX ${name}`, location }));
      expect([name, res.status]).toEqual([name, 201]);
    }
    const lot = {
      product: 'LUA_ST',
      quantityKg: 1000,
      harvestFrom: '2026-12-01',
      harvestTo: '2026-12-05',
      askVndPerKg: 7000,
    };
    const c = (await makeCooperative(t.dataSource)).id;
    await t
      .http()
      .post('/api/supply-lots')
      .set(bearer())
      .send({ ...lot, cooperativeId: c, location: { lat: 11.5564, lng: 104.9282 } })
      .expect(400);
  });

  it("counts a lot where it lies (Phú Quốc), not at its cooperative's mainland commune, and reads reports on the pre-2025 map", async () => {
    const mainland = (
      await t
        .http()
        .post('/api/cooperatives')
        .set(bearer())
        .send(
          coop({
            name: 'HTX Thạnh Phước Lợi',
            administrativeUnitId: 'pre2025:commune:30910',
            location: { lat: 9.94, lng: 105.34 },
          }),
        )
        .expect(201)
    ).body.id;
    await makeSupplyLot(t.dataSource, {
      cooperativeId: mainland,
      productCode: 'TIEU_PQ',
      quantityKg: 12_000,
      harvestFrom: '2026-02-16',
      harvestTo: '2026-02-20',
      provinceCode: '91',
      location: toPoint({ lat: 10.2, lng: 103.98 }),
    });
    await makeSupplyLot(t.dataSource, {
      cooperativeId: mainland,
      productCode: 'LUA_ST',
      quantityKg: 30_000,
      harvestFrom: '2026-02-16',
      harvestTo: '2026-02-20',
      provinceCode: '91',
      location: toPoint({ lat: 9.94, lng: 105.34 }),
    });

    const backlog = await t
      .http()
      .get('/api/reports/backlog-by-commune?date=2026-03-05&province=91')
      .set(bearer())
      .expect(200);
    const byCommune = Object.fromEntries(backlog.body.items.map((i: any) => [i.communeId, i]));
    expect(byCommune['current:commune:31078']).toMatchObject({
      communeName: 'Đặc khu Phú Quốc',
      backlogKg: 12_000,
      products: [{ product: 'TIEU_PQ', backlogKg: 12_000 }],
    });
    expect(byCommune['current:commune:30910']).toMatchObject({ communeName: 'Xã Thạnh Hưng', backlogKg: 30_000 });

    const weekly = await t.http().get('/api/reports/weekly?week=2026-W10&province=91').set(bearer()).expect(200);
    expect(weekly.body.administrativeUnits).toBe('current');
    const row = (r: any, product: string) => r.rows.find((x: any) => x.product === product);
    expect(row(weekly.body, 'TIEU_PQ')).toMatchObject({
      communeId: 'current:commune:31078',
      communeName: 'Đặc khu Phú Quốc',
      provinceName: 'Tỉnh An Giang',
      backlogKg: 12_000,
    });
    expect(weekly.body.rows.some((r: any) => r.communeName === 'Xã Thạnh Phước')).toBe(false);

    // On the pre-2025 map: the mainland lot at the cooperative's old commune, the island lot at the old city of Phú Quốc (its eight old communes became one special zone).
    const old = await t
      .http()
      .get('/api/reports/weekly?week=2026-W10&province=91&units=pre2025')
      .set(bearer())
      .expect(200);
    expect(old.body.administrativeUnits).toBe('pre2025');
    expect(row(old.body, 'LUA_ST')).toMatchObject({
      communeId: 'pre2025:commune:30910',
      communeName: 'Xã Thạnh Phước',
      provinceCode: '91',
      provinceName: 'Tỉnh Kiên Giang',
      backlogKg: 30_000,
    });
    expect(row(old.body, 'TIEU_PQ')).toMatchObject({
      communeId: 'pre2025:district:911',
      communeName: 'Thành phố Phú Quốc',
      provinceName: 'Tỉnh Kiên Giang',
      backlogKg: 12_000,
    });
    expect(old.body.totals.backlogKg).toBe(weekly.body.totals.backlogKg);
    const oldBacklog = await t
      .http()
      .get('/api/reports/backlog-by-commune?date=2026-03-05&province=91&units=pre2025')
      .set(bearer())
      .expect(200);
    expect(oldBacklog.body.items.map((i: any) => [i.communeId, i.backlogKg])).toEqual(
      expect.arrayContaining([
        ['pre2025:commune:30910', 30_000],
        ['pre2025:district:911', 12_000],
      ]),
    );
    // Old An Giang (89) has none of Kiên Giang's lots; current An Giang (89 → 91) has them all.
    const ag = await t
      .http()
      .get('/api/reports/weekly?week=2026-W10&province=89&units=pre2025')
      .set(bearer())
      .expect(200);
    expect(ag.body.rows.filter((r: any) => ['LUA_ST', 'TIEU_PQ'].includes(r.product) && r.backlogKg > 0)).toEqual([]);
    const agNow = await t.http().get('/api/reports/weekly?week=2026-W10&province=89').set(bearer()).expect(200);
    expect(agNow.body.province).toBe('91');
    expect(agNow.body.totals.backlogKg).toBe(weekly.body.totals.backlogKg);
    await t.http().get('/api/reports/weekly?week=2026-W10&units=1975').set(bearer()).expect(400);
  });

  it('stores a zone declared by old commune codes as the current communes, and answers a split one with its candidates', async () => {
    const zone = await t
      .http()
      .post('/api/zones')
      .set(bearer())
      .send({
        code: 'T-OLD-COMMUNES',
        name: 'Phong tỏa theo mã xã cũ',
        administrativeUnitIds: ['pre2025:commune:30910', '30922'],
      })
      .expect(201);
    expect(zone.body.administrativeUnitIds).toEqual(['current:commune:30904', 'current:commune:30910']);
    const back = await t.http().get(`/api/zones/${zone.body.id}`).set(bearer()).expect(200);
    expect(back.body.administrativeUnitIds).toEqual(['current:commune:30904', 'current:commune:30910']);
    // Phường Dịch Vọng was split; a zone has no one location to choose by, so the caller names the current ward.
    const split = await t
      .http()
      .post('/api/zones')
      .set(bearer())
      .send({ code: 'T-SPLIT', name: 'Vùng phường cũ bị chia', administrativeUnitIds: ['pre2025:commune:00166'] })
      .expect(422);
    expect(split.body).toMatchObject({
      code: 'ADMINISTRATIVE_UNIT.AMBIGUOUS',
      details: [{ field: 'administrativeUnitIds' }],
    });
    expect(split.body.details[0].candidates.map((c: any) => c.id)).toEqual([
      'current:commune:00160',
      'current:commune:00166',
    ]);
    expect(await t.dataSource.query(`SELECT 1 FROM zones WHERE code = 'T-SPLIT'`)).toEqual([]);
  });

  it("reads a transport operator's old province codes back as current ones, and finds it by the old code", async () => {
    const body = {
      name: 'Vận tải Long Xuyên',
      capacityKg: 20_000,
      provinceCode: '89',
      serviceProvinceCodes: ['89', '91', '87'],
    };
    const res = await t.http().post('/api/transport-operators').set(bearer()).send(body).expect(201);
    expect(res.body).toMatchObject({ provinceCode: '91', serviceProvinceCodes: ['82', '91'] });
    const back = await t.http().get(`/api/transport-operators/${res.body.id}`).set(bearer()).expect(200);
    expect(back.body).toMatchObject({ provinceCode: '91', serviceProvinceCodes: ['82', '91'] });
    const patched = await t
      .http()
      .patch(`/api/transport-operators/${res.body.id}`)
      .set(bearer())
      .send({ provinceCode: '87' })
      .expect(200);
    expect(patched.body.provinceCode).toBe('82');
    const byOld = await t.http().get('/api/transport-operators?provinceCode=89').set(bearer()).expect(200);
    expect(byOld.body.items.map((o: any) => o.id)).toContain(res.body.id);
    await t
      .http()
      .post('/api/transport-operators')
      .set(bearer())
      .send({ ...body, provinceCode: '99' })
      .expect(422);
  });

  it('refuses a checkpoint in Phnom Penh, and stores an old province code as the current one', async () => {
    const refused = await t
      .http()
      .post('/api/checkpoints')
      .set(bearer())
      .send({ name: 'Chốt Phnôm Pênh', location: { lat: 11.5564, lng: 104.9282 } })
      .expect(400);
    expect(refused.body).toMatchObject({ code: 'VALIDATION.FAILED', details: [{ field: 'location' }] });
    expect(await t.dataSource.query(`SELECT 1 FROM checkpoints WHERE name = 'Chốt Phnôm Pênh'`)).toEqual([]);
    const cp = await t
      .http()
      .post('/api/checkpoints')
      .set(bearer())
      .send({ name: 'Chốt cầu Vàm Cống', location: { lat: 10.39, lng: 105.42 }, provinceCode: '89' })
      .expect(201);
    expect(cp.body.provinceCode).toBe('91');
  });
});
