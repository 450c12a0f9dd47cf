import { addDays, todayInVietnam } from '@agrilink/core';
import { ensureProduct, makeBuyer, makeCooperative } from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';

const PRODUCT = 'E2E_COMMUNE_ZONE';
// Two current communes of An Giang (province 91): the zone takes the first only.
const IN_COMMUNE = 'current:commune:30292';
const OTHER_COMMUNE = 'current:commune:30301';

describe('zones by commune, curfew hours, end and history (e2e)', () => {
  let t: TestApp;
  const tok: Record<'staff' | 'coop' | 'otherCoop' | 'buyer', string> = {} as any;
  let coopId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await ensureProduct(t.dataSource, { code: PRODUCT, shelfLifeDays: 60 });
    coopId = (await makeCooperative(t.dataSource, { administrativeUnitId: IN_COMMUNE })).id;
    const other = await makeCooperative(t.dataSource, { administrativeUnitId: OTHER_COMMUNE });
    const buyer = await makeBuyer(t.dataSource, { administrativeUnitId: IN_COMMUNE, provinceCode: '91' });
    tok.staff = await t.tokenFor('staff');
    tok.coop = await t.tokenFor('cooperative', coopId);
    tok.otherCoop = await t.tokenFor('cooperative', other.id);
    tok.buyer = await t.tokenFor('buyer', buyer.id);
  });
  afterAll(() => t?.close());

  const as = (who: keyof typeof tok) => ({
    get: (url: string) => t.http().get(url).auth(tok[who], { type: 'bearer' }),
    post: (url: string, body: object = {}) => t.http().post(url).auth(tok[who], { type: 'bearer' }).send(body),
    patch: (url: string, body: object) => t.http().patch(url).auth(tok[who], { type: 'bearer' }).send(body),
  });
  // Far from any polygon: only the commune can place these in a zone.
  const lotBody = {
    product: PRODUCT,
    quantityKg: 5_000,
    harvestFrom: '2026-12-01',
    harvestTo: '2026-12-15',
    askVndPerKg: 7000,
    location: { lat: 10.38, lng: 105.43 },
  };
  const requestBody = {
    product: PRODUCT,
    quantityKg: 5_000,
    deliverFrom: '2026-12-01',
    deliverTo: '2026-12-31',
    bidVndPerKg: 9000,
    location: { lat: 10.39, lng: 105.44 },
  };

  it('refuses a zone without polygon or communes, an unknown commune and a malformed curfew, naming the field', async () => {
    const base = { code: 'T-BAD', name: 'Vùng lỗi' };
    expect((await as('staff').post('/api/zones', base).expect(422)).body).toMatchObject({
      code: 'ZONE.EXTENT_REQUIRED',
      details: [{ field: 'polygon' }],
    });
    expect(
      (
        await as('staff')
          .post('/api/zones', { ...base, administrativeUnitIds: ['current:commune:99999'] })
          .expect(422)
      ).body,
    ).toMatchObject({ code: 'ZONE.UNKNOWN_COMMUNE', details: [{ field: 'administrativeUnitIds' }] });
    expect(
      (
        await as('staff')
          .post('/api/zones', { ...base, administrativeUnitIds: ['pre2025:commune:99999'] })
          .expect(422)
      ).body.code,
    ).toBe('ZONE.UNKNOWN_COMMUNE');
    expect(
      (
        await as('staff')
          .post('/api/zones', {
            ...base,
            administrativeUnitIds: [IN_COMMUNE],
            curfew: { allowedFrom: '25:00', allowedTo: '05:00' },
          })
          .expect(400)
      ).body.code,
    ).toBe('VALIDATION.FAILED');
    expect(
      (
        await as('staff')
          .post('/api/zones', {
            ...base,
            administrativeUnitIds: [IN_COMMUNE],
            curfew: { allowedFrom: '05:00', allowedTo: '05:00' },
          })
          .expect(422)
      ).body.code,
    ).toBe('ZONE.INVALID_CURFEW');
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM zones`))[0].n).toBe(0);
  });

  it("catches a lot and a request whose cooperative's or buyer's commune is in the zone, and shows them its curfew", async () => {
    const inside = (await as('coop').post('/api/supply-lots', lotBody).expect(201)).body;
    const outside = (await as('otherCoop').post('/api/supply-lots', lotBody).expect(201)).body;
    const request = (await as('buyer').post('/api/purchase-requests', requestBody).expect(201)).body;
    expect(inside).toMatchObject({ zone: null, curfew: null });

    const zone = (
      await as('staff')
        .post('/api/zones', {
          code: 'T-XA-BINH-DUC',
          name: 'Phong tỏa phường Bình Đức',
          administrativeUnitIds: [IN_COMMUNE],
          curfew: { allowedFrom: '18:00', allowedTo: '05:00' },
        })
        .expect(201)
    ).body;
    expect(zone).toMatchObject({
      polygon: null,
      administrativeUnitIds: [IN_COMMUNE],
      curfew: { allowedFrom: '18:00', allowedTo: '05:00' },
      restricted: true,
    });

    const curfew = {
      zoneCode: 'T-XA-BINH-DUC',
      zoneName: 'Phong tỏa phường Bình Đức',
      allowedFrom: '18:00',
      allowedTo: '05:00',
    };
    expect((await as('coop').get(`/api/supply-lots/${inside.id}`).expect(200)).body).toMatchObject({
      zone: 'T-XA-BINH-DUC',
      curfew,
    });
    expect((await as('otherCoop').get(`/api/supply-lots/${outside.id}`).expect(200)).body).toMatchObject({
      zone: null,
      curfew: null,
    });
    expect((await as('buyer').get(`/api/purchase-requests/${request.id}`).expect(200)).body).toMatchObject({
      zone: 'T-XA-BINH-DUC',
      curfew,
    });
    // The list says the same, and a lot posted after the zone is caught on insert.
    const listed = (await as('coop').get(`/api/supply-lots?cooperativeId=${coopId}`).expect(200)).body.items;
    expect(listed.find((l: any) => l.id === inside.id)).toMatchObject({ curfew });
    expect((await as('coop').post('/api/supply-lots', lotBody).expect(201)).body).toMatchObject({
      zone: 'T-XA-BINH-DUC',
      curfew,
    });

    // Matching reads the same derivation for its day.
    const [row] = await t.dataSource.query(
      `SELECT supply_lot_zone_code(l, $2::date) AS z FROM supply_lots l WHERE l.id = $1`,
      [inside.id, todayInVietnam()],
    );
    expect(row.z).toBe('T-XA-BINH-DUC');

    // Moving the cooperative to another commune takes its lots out of the zone.
    await t.dataSource.query(`UPDATE cooperatives SET administrative_unit_id = $2 WHERE id = $1`, [
      coopId,
      OTHER_COMMUNE,
    ]);
    expect((await as('coop').get(`/api/supply-lots/${inside.id}`).expect(200)).body).toMatchObject({
      zone: null,
      curfew: null,
    });
    await t.dataSource.query(`UPDATE cooperatives SET administrative_unit_id = $2 WHERE id = $1`, [coopId, IN_COMMUNE]);
    expect((await as('coop').get(`/api/supply-lots/${inside.id}`).expect(200)).body.zone).toBe('T-XA-BINH-DUC');
  });

  it('edits the curfew and the communes, ends the zone (kept, not deleted) and keeps every change in its history', async () => {
    const zone = (await as('staff').get('/api/zones?q=T-XA-BINH-DUC').expect(200)).body.items[0];
    const lot = (await as('coop').get(`/api/supply-lots?cooperativeId=${coopId}`).expect(200)).body.items[0];

    const edited = (
      await as('staff')
        .patch(`/api/zones/${zone.id}`, { curfew: { allowedFrom: '19:00', allowedTo: '04:30' } })
        .expect(200)
    ).body;
    expect(edited.curfew).toEqual({ allowedFrom: '19:00', allowedTo: '04:30' });
    expect((await as('coop').get(`/api/supply-lots/${lot.id}`).expect(200)).body.curfew).toMatchObject({
      allowedFrom: '19:00',
      allowedTo: '04:30',
    });
    await as('staff')
      .patch(`/api/zones/${zone.id}`, { administrativeUnitIds: [IN_COMMUNE, OTHER_COMMUNE] })
      .expect(200);
    // Dropping every extent is refused.
    expect(
      (await as('staff').patch(`/api/zones/${zone.id}`, { administrativeUnitIds: [] }).expect(422)).body.code,
    ).toBe('ZONE.EXTENT_REQUIRED');
    expect((await as('coop').patch(`/api/zones/${zone.id}`, { curfew: null }).expect(403)).body.code).toBe(
      'AUTH.ROLE_NOT_ALLOWED',
    );

    // Ended yesterday: the zone stays on file, its places leave it.
    const yesterday = addDays(todayInVietnam(), -1);
    const ended = (await as('staff').post(`/api/zones/${zone.id}/end`, { on: yesterday }).expect(200)).body;
    expect(ended.to).toBe(yesterday);
    await t.dataSource.query(`UPDATE supply_lots SET zone = NULL WHERE id = $1`, [lot.id]); // any write re-derives
    expect((await as('coop').get(`/api/supply-lots/${lot.id}`).expect(200)).body).toMatchObject({
      zone: null,
      curfew: null,
    });
    expect((await as('staff').post(`/api/zones/${zone.id}/end`, { on: todayInVietnam() }).expect(409)).body.code).toBe(
      'ZONE.ALREADY_ENDED',
    );
    expect((await as('staff').get(`/api/zones/${zone.id}`).expect(200)).body.id).toBe(zone.id);

    const history = (await as('staff').get(`/api/zones/${zone.id}/history`).expect(200)).body;
    expect(history.items.map((e: any) => e.action)).toEqual(['end', 'update', 'update', 'create']);
    expect(history.items[0].fields).toEqual([{ field: 'activeTo', before: null, after: yesterday }]);
    expect(history.items.find((e: any) => e.fields.some((f: any) => f.field === 'curfewAllowedFrom'))).toBeTruthy();
    await as('coop').get(`/api/zones/${zone.id}/history`).expect(403);
  });
});
