import { createTestApp, TestApp } from '../support/test-app';

/**
 * Issue 15 item 3: the map's reverse lookup. "Chọn trên bản đồ" shows the commune of the picked
 * point, found by the same rule reports count lots by (boundary, else nearest known seat), with the
 * pre-2025 units beside it; anyone may ask (public reference data), off Việt Nam is a 422.
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

describe('GET /api/administrative-units/resolve (e2e)', () => {
  let t: TestApp;
  const resolve = (lat: number, lng: number) => t.http().get(`/api/administrative-units/resolve?lat=${lat}&lng=${lng}`);

  beforeAll(async () => {
    t = await createTestApp();
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('answers anyone with the commune whose seat is nearest, its province, and the old communes, district and province it was formed from', async () => {
    const res = await resolve(9.97, 105.11).expect(200);
    expect(res.body).toMatchObject({
      location: { lat: 9.97, lng: 105.11 },
      commune: { id: 'current:commune:30742', name: 'Phường Rạch Giá', method: 'nearest_seat' },
      province: { id: 'current:province:91', code: '91' },
      pre2025: { province: { id: 'pre2025:province:91', name: 'Tỉnh Kiên Giang' } },
    });
    expect(res.body.province.name).toMatch(/An Giang/);
    expect(res.body.commune.seatDistanceKm).toBeLessThan(1);
    expect(res.body.pre2025.communes.length).toBeGreaterThan(1);
    expect(res.body.pre2025.communes.every((c: any) => c.districtId === 'pre2025:district:899')).toBe(true);
  });

  it('takes the commune whose boundary holds the point, on either side of a split old commune', async () => {
    // Phường Dịch Vọng (Cầu Giấy) went partly to Phường Nghĩa Đô (00160), partly to Phường Cầu Giấy (00166).
    await t.dataSource.query(`UPDATE administrative_units SET boundary = ST_GeomFromGeoJSON($2) WHERE id = $1`, [
      'current:commune:00160',
      JSON.stringify(square(105.8, 21.047, 0.008)),
    ]);
    await t.dataSource.query(`UPDATE administrative_units SET boundary = ST_GeomFromGeoJSON($2) WHERE id = $1`, [
      'current:commune:00166',
      JSON.stringify(square(105.79, 21.032, 0.006)),
    ]);
    const cauGiay = (await resolve(21.033, 105.791).expect(200)).body;
    expect(cauGiay).toMatchObject({
      commune: { id: 'current:commune:00166', method: 'boundary', seatDistanceKm: null },
      province: { code: '01' },
      pre2025: { province: { code: '01' } },
    });
    const nghiaDo = (await resolve(21.05, 105.801).expect(200)).body;
    expect(nghiaDo.commune).toMatchObject({ id: 'current:commune:00160', name: 'Phường Nghĩa Đô', method: 'boundary' });
    // Both were formed from part of Dịch Vọng.
    for (const side of [cauGiay, nghiaDo])
      expect(side.pre2025.communes.map((c: any) => c.id)).toContain('pre2025:commune:00166');
    expect(cauGiay.pre2025.communes.find((c: any) => c.id === 'pre2025:commune:00166').districtName).toMatch(
      /Cầu Giấy/,
    );
  });

  it('names the province from its outline where no commune boundary or seat is known nearby', async () => {
    const res = await resolve(21.85, 106.76).expect(200);
    expect(res.body).toMatchObject({
      commune: null,
      province: { id: 'current:province:20' },
      pre2025: { communes: [], province: { code: '20' } },
    });
    // Cà Mau now holds the old Bạc Liêu.
    const bacLieu = (await resolve(9.29, 105.72).expect(200)).body;
    expect(bacLieu).toMatchObject({ province: { code: '96' }, pre2025: { province: { code: '95' } } });
  });

  it('refuses a point off Việt Nam with 422 naming lat and lng, and a missing coordinate with 400', async () => {
    const phnomPenh = await resolve(11.5564, 104.9282).expect(422);
    expect(phnomPenh.body).toMatchObject({
      code: 'ADMINISTRATIVE_UNIT.OUTSIDE_VIETNAM',
      details: [{ field: 'lat' }, { field: 'lng' }],
    });
    expect(phnomPenh.body.message).toMatch(/Việt Nam/);
    const sea = await resolve(12.5, 111.0).set('Accept-Language', 'en').expect(422);
    expect(sea.body.code).toBe('ADMINISTRATIVE_UNIT.OUTSIDE_VIETNAM');
    const missing = await t.http().get('/api/administrative-units/resolve?lat=10').expect(400);
    expect(missing.body.details.map((d: any) => d.field)).toContain('lng');
  });
});
