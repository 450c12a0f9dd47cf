import { ensureProduct, makeCooperative } from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';

// Window 1–14 March 2027 = ISO weeks 2027-W09 and W10; 100 ha over 14 days is 50 ha a week.
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

describe('harvest capacity against hectares due (e2e)', () => {
  let t: TestApp;
  let staff: string;
  let communeA: string;
  let communeB: string;
  let coopA: string;
  const bearer = () => ({ Authorization: `Bearer ${staff}` });
  const capacity = async () =>
    (
      await t
        .http()
        .get('/api/reports/harvest-capacity?from=2027-03-01&to=2027-03-14&province=91')
        .set(bearer())
        .expect(200)
    ).body;
  const row = (r: any, commune: string, week: string) =>
    r.rows.find((x: any) => x.communeId === commune && x.week === week);

  beforeAll(async () => {
    t = await createTestApp();
    await ensureProduct(t.dataSource, { code: 'LUA_TUOI_CLC' });
    const communes: Array<{ id: string }> = await t.dataSource.query(
      `SELECT id FROM administrative_units WHERE era = 'current' AND level = 'commune' AND province_code = '91' ORDER BY id LIMIT 2`,
    );
    [communeA, communeB] = communes.map((c) => c.id);
    coopA = (
      await makeCooperative(t.dataSource, {
        provinceCode: '91',
        administrativeUnitId: communeA,
        location: { type: 'Point', coordinates: [105.3, 9.93] } as any,
      })
    ).id;
    const coopB = (await makeCooperative(t.dataSource, { provinceCode: '91', administrativeUnitId: communeB })).id;
    staff = await t.tokenFor('staff');
    const window = [{ harvestFrom: '2027-03-01', harvestTo: '2027-03-14', expectedYieldKgPerHa: 6000 }];
    for (const [cooperativeId, areaHa, lng] of [
      [coopA, 100, 105.29],
      [coopB, 20, 104.6],
    ] as const) {
      await t
        .http()
        .post('/api/production-areas')
        .set(bearer())
        .send({ cooperativeId, product: 'LUA_TUOI_CLC', areaHa, boundary: square(lng, 9.92), harvestSchedule: window })
        .expect(201);
    }
  }, 60_000);
  afterAll(() => t?.close());

  it('flags a shortage where the machines are too few for the hectares due, and none where they suffice', async () => {
    // Commune A: its cooperative's own combine harvester, 3 ha a day (no service area declared: its commune).
    await t
      .http()
      .post('/api/harvest-resources')
      .set(bearer())
      .send({ kind: 'combine_harvester', name: 'Máy gặt HTX A', cooperativeId: coopA, capacityHaPerDay: 3 })
      .expect(201);
    // Commune B: an independent team declared for B, 5 ha a day.
    const team = await t
      .http()
      .post('/api/harvest-resources')
      .set(bearer())
      .send({
        kind: 'harvest_team',
        name: 'Tổ gặt xã B',
        capacityHaPerDay: 5,
        unitCount: 2,
        serviceCommuneIds: [communeB],
      })
      .expect(201);
    expect(team.body).toMatchObject({ serviceCommuneIds: [communeB], serviceRadiusKm: null });
    // A dryer does not harvest.
    await t
      .http()
      .post('/api/harvest-resources')
      .set(bearer())
      .send({ kind: 'dryer', name: 'Lò sấy', capacityHaPerDay: 100, serviceCommuneIds: [communeA] })
      .expect(201);

    const r = await capacity();
    for (const week of ['2027-W09', '2027-W10']) {
      expect(row(r, communeA, week)).toMatchObject({
        dueHa: 50,
        capacityHa: 21,
        shortageHa: 29,
        shortage: true,
        resources: 1,
        combineHarvesters: 1,
        harvestTeams: 0,
      });
      expect(row(r, communeB, week)).toMatchObject({
        dueHa: 10,
        capacityHa: 35,
        shortageHa: 0,
        shortage: false,
        resources: 1,
        harvestTeams: 2,
      });
    }
    expect(r.shortages).toEqual([
      expect.objectContaining({ week: '2027-W09', communeId: communeA, shortageHa: 29 }),
      expect.objectContaining({ week: '2027-W10', communeId: communeA, shortageHa: 29 }),
    ]);
    expect(r.totalsByWeek[0]).toEqual({ week: '2027-W09', dueHa: 60, capacityHa: 56, shortageHa: 29 });
  });

  it('counts a machine that serves by radius where it is available, and the shortage goes away there', async () => {
    const res = await t
      .http()
      .post('/api/harvest-resources')
      .set(bearer())
      .send({
        kind: 'combine_harvester',
        name: 'Máy gặt dịch vụ',
        capacityHaPerDay: 10,
        location: { lat: 9.95, lng: 105.3 },
        serviceRadiusKm: 10,
        availableFrom: '2027-03-08',
      })
      .expect(201);
    expect(res.body.serviceRadiusKm).toBe(10);
    const r = await capacity();
    expect(row(r, communeA, '2027-W09')).toMatchObject({ shortage: true, shortageHa: 29 });
    expect(row(r, communeA, '2027-W10')).toMatchObject({
      capacityHa: 91,
      shortageHa: 0,
      shortage: false,
      resources: 2,
      combineHarvesters: 2,
    });
    // The far commune is out of its radius.
    expect(row(r, communeB, '2027-W10')).toMatchObject({ capacityHa: 35, resources: 1 });
  });

  it('refuses a service area it cannot use (422 naming the field), and is for staff and admin only', async () => {
    const unknown = await t
      .http()
      .post('/api/harvest-resources')
      .set(bearer())
      .send({
        kind: 'harvest_team',
        name: 'X',
        capacityHaPerDay: 1,
        serviceCommuneIds: [communeA, 'current:commune:00000'],
      })
      .expect(422);
    expect(unknown.body).toMatchObject({
      code: 'HARVEST_RESOURCE.UNKNOWN_COMMUNE',
      details: [{ field: 'serviceCommuneIds[1]' }],
    });
    const radius = await t
      .http()
      .post('/api/harvest-resources')
      .set(bearer())
      .send({ kind: 'harvest_team', name: 'X', capacityHaPerDay: 1, serviceRadiusKm: 5 })
      .expect(422);
    expect(radius.body.details[0].field).toBe('serviceRadiusKm');
    await t
      .http()
      .post('/api/harvest-resources')
      .set(bearer())
      .send({
        kind: 'harvest_team',
        name: 'X',
        capacityHaPerDay: 1,
        location: { lat: 9.95, lng: 105.3 },
        serviceRadiusKm: 5.25,
      })
      .expect(400);
    const coop = await t.tokenFor('cooperative', coopA);
    await t
      .http()
      .get('/api/reports/harvest-capacity')
      .set({ Authorization: `Bearer ${coop}` })
      .expect(403);
  });
});
