import { ensureProduct, makeCooperative } from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';

// 2027-03-01 is the Monday of ISO week 2027-W09: a window 1–14 March is exactly W09 and W10.
const square = (lng: number, lat: number, d = 0.01) => ({
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

describe('harvest forecast from production areas (e2e)', () => {
  let t: TestApp;
  let staff: string;
  let coopToken: string;
  let coopId: string;
  let communeA: string;
  // The commune whose seat is nearest the test area's centre (105.29, 9.92).
  const AREA_COMMUNE = 'current:commune:30904';
  let areaId: string;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const forecast = (q: string) => t.http().get(`/api/reports/harvest-forecast?${q}`).set(bearer(staff));

  beforeAll(async () => {
    t = await createTestApp();
    await ensureProduct(t.dataSource, { code: 'LUA_TUOI_CLC', nameVi: 'Lúa tươi chất lượng cao' });
    await ensureProduct(t.dataSource, { code: 'XOAI_CAT', nameVi: 'Xoài cát' });
    const communes: Array<{ id: string }> = await t.dataSource.query(
      `SELECT id FROM administrative_units WHERE era = 'current' AND level = 'commune' AND province_code = '91' ORDER BY id LIMIT 1`,
    );
    communeA = communes[0].id;
    coopId = (
      await makeCooperative(t.dataSource, {
        provinceCode: '91',
        administrativeUnitId: communeA,
        contactPhone: '0912345678',
      })
    ).id;
    staff = await t.tokenFor('staff');
    coopToken = await t.tokenFor('cooperative', coopId);
  }, 60_000);
  afterAll(() => t?.close());

  it('stores a harvest schedule on a production area and reads it back with the expected kg', async () => {
    const res = await t
      .http()
      .post('/api/production-areas')
      .set(bearer(coopToken))
      .send({
        product: 'LUA_TUOI_CLC',
        name: 'Cánh đồng lớn 100 ha',
        areaHa: 100,
        boundary: square(105.29, 9.92, 0.03),
        harvestSchedule: [
          {
            season: 'Đông Xuân 2026-2027',
            harvestFrom: '2027-03-01',
            harvestTo: '2027-03-14',
            expectedYieldKgPerHa: 6000,
          },
        ],
      })
      .expect(201);
    areaId = res.body.id;
    expect(res.body.harvestSchedule).toEqual([
      {
        product: 'LUA_TUOI_CLC',
        season: 'Đông Xuân 2026-2027',
        harvestFrom: '2027-03-01',
        harvestTo: '2027-03-14',
        expectedYieldKgPerHa: 6000,
        expectedKg: 600_000,
      },
    ]);
    const read = await t.http().get(`/api/production-areas/${areaId}`).set(bearer(coopToken)).expect(200);
    expect(read.body.harvestSchedule).toHaveLength(1);
  });

  it('forecasts 600,000 kg for a 100 ha area over its two-week window at 6,000 kg/ha, by ISO week', async () => {
    const r = (await forecast('from=2027-02-22&to=2027-03-21&province=91').expect(200)).body;
    expect(r.weeks.map((w: any) => w.week)).toEqual(['2027-W08', '2027-W09', '2027-W10', '2027-W11']);
    expect(r.totals).toEqual({ forecastKg: 600_000, postedKg: 0, unpostedKg: 600_000 });
    expect(r.totalsByWeek.map((w: any) => w.forecastKg)).toEqual([0, 300_000, 300_000, 0]);
    expect(r.rows).toHaveLength(2);
    // The area counts where it lies (nearest commune seat to its centre), not at its cooperative's commune, as lots do in the weekly report.
    expect(communeA).not.toBe(AREA_COMMUNE);
    expect(r.rows[0]).toMatchObject({
      week: '2027-W09',
      communeId: AREA_COMMUNE,
      provinceCode: '91',
      product: 'LUA_TUOI_CLC',
      areas: 1,
      forecastKg: 300_000,
      postedKg: 0,
      unpostedKg: 300_000,
    });
    expect(r.rows[0].communeName).toBeTruthy();
    // Other filters narrow it away.
    expect((await forecast('from=2027-02-22&to=2027-03-21&product=XOAI_CAT').expect(200)).body.totals.forecastKg).toBe(
      0,
    );
    expect((await forecast('from=2027-02-22&to=2027-03-21&province=79').expect(200)).body.totals.forecastKg).toBe(0);
  });

  it("moves 'unposted' down when a lot is posted on the area, never below 0", async () => {
    await t
      .http()
      .post('/api/supply-lots')
      .set(bearer(coopToken))
      .send({
        productionAreaId: areaId,
        product: 'LUA_TUOI_CLC',
        quantityKg: 120_000,
        harvestFrom: '2027-03-01',
        harvestTo: '2027-03-07',
        askVndPerKg: 7000,
      })
      .expect(201);
    let r = (await forecast('from=2027-02-22&to=2027-03-21&province=91').expect(200)).body;
    expect(r.totals).toEqual({ forecastKg: 600_000, postedKg: 120_000, unpostedKg: 480_000 });
    expect(r.rows.find((x: any) => x.week === '2027-W09')).toMatchObject({
      forecastKg: 300_000,
      postedKg: 120_000,
      unpostedKg: 180_000,
    });
    expect(r.rows.find((x: any) => x.week === '2027-W10')).toMatchObject({
      forecastKg: 300_000,
      postedKg: 0,
      unpostedKg: 300_000,
    });
    // More posted than forecast in W10: unposted stays at 0 there and W09 is not helped by it.
    await t
      .http()
      .post('/api/supply-lots')
      .set(bearer(coopToken))
      .send({
        productionAreaId: areaId,
        product: 'LUA_TUOI_CLC',
        quantityKg: 350_000,
        harvestFrom: '2027-03-08',
        harvestTo: '2027-03-14',
        askVndPerKg: 7000,
      })
      .expect(201);
    r = (await forecast('from=2027-02-22&to=2027-03-21&province=91').expect(200)).body;
    expect(r.rows.find((x: any) => x.week === '2027-W10')).toMatchObject({
      forecastKg: 300_000,
      postedKg: 350_000,
      unpostedKg: 0,
    });
    expect(r.totals).toEqual({ forecastKg: 600_000, postedKg: 470_000, unpostedKg: 180_000 });
  });

  it('lists areas whose harvest is near and not fully posted, with the cooperative to call', async () => {
    const r = (
      await t
        .http()
        .get('/api/reports/harvest-forecast/unposted-areas?within=14&date=2027-02-20&province=91')
        .set(bearer(staff))
        .expect(200)
    ).body;
    expect(r.total).toBe(1);
    expect(r.items[0]).toMatchObject({
      productionAreaId: areaId,
      cooperativeId: coopId,
      contactPhone: '0912345678',
      product: 'LUA_TUOI_CLC',
      harvestFrom: '2027-03-01',
      daysUntilHarvest: 9,
      forecastKg: 600_000,
      postedKg: 470_000,
      unpostedKg: 130_000,
    });
    // Further than `within` days ahead: not listed yet.
    expect(
      (
        await t
          .http()
          .get('/api/reports/harvest-forecast/unposted-areas?within=7&date=2027-02-20')
          .set(bearer(staff))
          .expect(200)
      ).body.total,
    ).toBe(0);
  });

  it('is for staff and admin only', async () => {
    await t.http().get('/api/reports/harvest-forecast').set(bearer(coopToken)).expect(403);
    await t.http().get('/api/reports/harvest-forecast/unposted-areas').set(bearer(coopToken)).expect(403);
    await t.http().get('/api/reports/harvest-forecast').expect(401);
    await forecast('from=2027-03-01&to=2026-03-01').expect(400);
    await forecast('from=2026-01-01&to=2027-12-31').expect(400);
  });

  it("fills a season's yield from the product's usual yield in the region, and offers the three Mekong rice seasons as defaults", async () => {
    const cal = (
      await t.http().get('/api/products/LUA_TUOI_CLC/harvest-calendar?province=91&from=2026-12-01').expect(200)
    ).body;
    expect(cal.region).toBe('mekong_delta');
    const names = cal.seasons.map((s: any) => s.season);
    expect(names).toEqual(expect.arrayContaining(['Đông Xuân', 'Hè Thu', 'Thu Đông']));
    const dx = cal.seasons.find((s: any) => s.season === 'Đông Xuân');
    expect(dx).toMatchObject({ harvestFrom: '2027-03-01', harvestTo: '2027-03-31', expectedYieldKgPerHa: 7400 });
    expect(dx.source).toMatch(/7\.4 t\/ha/);
    expect(
      (await t.http().get('/api/products/LUA_TUOI_CLC/harvest-calendar?province=01').expect(200)).body.seasons,
    ).toEqual([]);

    const res = await t
      .http()
      .patch(`/api/production-areas/${areaId}`)
      .set(bearer(coopToken))
      .send({
        harvestSchedule: [
          { harvestFrom: '2027-03-01', harvestTo: '2027-03-14' },
          { season: 'Hè Thu', harvestFrom: '2027-08-01', harvestTo: '2027-08-20' },
        ],
      })
      .expect(200);
    expect(res.body.harvestSchedule.map((e: any) => e.expectedYieldKgPerHa)).toEqual([7400, 5650]);
    expect(res.body.harvestSchedule[0].expectedKg).toBe(740_000);
  });

  it('refuses a schedule it cannot count: reversed, overlapping, or with no yield known (422 naming the entry)', async () => {
    const patch = (harvestSchedule: unknown) =>
      t.http().patch(`/api/production-areas/${areaId}`).set(bearer(coopToken)).send({ harvestSchedule });
    const reversed = await patch([
      { harvestFrom: '2027-03-14', harvestTo: '2027-03-01', expectedYieldKgPerHa: 6000 },
    ]).expect(400);
    expect(reversed.body.details[0].field).toBe('harvestSchedule[0].harvestTo');
    const overlap = await patch([
      { harvestFrom: '2027-03-01', harvestTo: '2027-03-14', expectedYieldKgPerHa: 6000 },
      { harvestFrom: '2027-03-10', harvestTo: '2027-03-20', expectedYieldKgPerHa: 6000 },
    ]).expect(422);
    expect(overlap.body).toMatchObject({
      code: 'PRODUCTION_AREA.SCHEDULE_OVERLAP',
      details: [{ field: 'harvestSchedule[1].harvestFrom' }],
    });
    const noYield = await patch([{ product: 'XOAI_CAT', harvestFrom: '2027-05-01', harvestTo: '2027-05-20' }]).expect(
      422,
    );
    expect(noYield.body).toMatchObject({
      code: 'PRODUCTION_AREA.YIELD_REQUIRED',
      details: [{ field: 'harvestSchedule[0].expectedYieldKgPerHa' }],
    });
    const unknown = await patch([
      { product: 'NOPE', harvestFrom: '2027-05-01', harvestTo: '2027-05-20', expectedYieldKgPerHa: 1 },
    ]).expect(422);
    expect(unknown.body.details[0].field).toBe('harvestSchedule[0].product');
    await patch([{ harvestFrom: '2027-05-01', harvestTo: '2027-05-20', expectedYieldKgPerHa: 6000.5 }]).expect(400);
    // Nothing was half-written: the schedule is the one of the previous test.
    const read = await t.http().get(`/api/production-areas/${areaId}`).set(bearer(coopToken)).expect(200);
    expect(read.body.harvestSchedule).toHaveLength(2);
    // null clears it.
    expect((await patch(null).expect(200)).body.harvestSchedule).toEqual([]);
  });
});
