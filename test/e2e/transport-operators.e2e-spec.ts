import { makeBuyer, makeCooperative } from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';

describe('transport operators (e2e)', () => {
  let t: TestApp;
  let staff: string;
  let admin: string;
  let coopToken: string;
  let buyerToken: string;

  const validOperator = () => ({
    name: 'HTX Vận tải Thủy bộ Rạch Giá',
    vehicleTypes: ['truck', 'Refrigerated_Truck'],
    vehicleCount: 12,
    capacityKg: 120000,
    location: { lat: 10.012, lng: 105.08 },
    serviceProvinceCodes: ['92', '91', '79'],
    greenLane: true,
    availableFrom: '2026-12-01',
    availableTo: '2027-01-31',
    contactName: 'Nguyễn Văn An',
    contactPhone: '0912 345 678',
    provinceCode: '91',
  });
  const post = (token: string, body: object) =>
    t.http().post('/api/transport-operators').auth(token, { type: 'bearer' }).send(body);
  const count = async () =>
    (await t.dataSource.query('SELECT count(*)::int AS n FROM transport_operators'))[0].n as number;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await t.tokenFor('staff');
    admin = await t.tokenFor('admin');
    coopToken = await t.tokenFor('cooperative', (await makeCooperative(t.dataSource)).id);
    buyerToken = await t.tokenFor('buyer', (await makeBuyer(t.dataSource)).id);
  });
  afterAll(() => t?.close());

  it('lets staff register an operator and any signed-in user read it', async () => {
    const res = await post(staff, validOperator()).expect(201);
    expect(res.body).toMatchObject({
      name: 'HTX Vận tải Thủy bộ Rạch Giá',
      vehicleTypes: ['refrigerated_truck', 'truck'],
      vehicleCount: 12,
      capacityKg: 120000,
      location: { lat: 10.012, lng: 105.08 },
      serviceProvinceCodes: ['79', '91', '92'],
      greenLane: true,
      availableFrom: '2026-12-01',
      availableTo: '2027-01-31',
      contactPhone: '0912345678',
      provinceCode: '91',
    });
    await t.http().get(`/api/transport-operators/${res.body.id}`).auth(coopToken, { type: 'bearer' }).expect(200);
    const minimal = await post(admin, { name: 'Xe tải Minh Phát', capacityKg: 8000 }).expect(201);
    expect(minimal.body).toMatchObject({
      vehicleTypes: [],
      vehicleCount: 1,
      greenLane: false,
      location: null,
      availableFrom: null,
    });
  });

  it.each([
    ['a missing name', { name: undefined }, 'name'],
    ['a negative capacity', { capacityKg: -1 }, 'capacityKg'],
    ['a fractional capacity', { capacityKg: 100.5 }, 'capacityKg'],
    ['a zero vehicle count', { vehicleCount: 0 }, 'vehicleCount'],
    ['a reversed availability window', { availableFrom: '2027-01-31', availableTo: '2026-12-01' }, 'availableTo'],
    ['a date that does not exist', { availableFrom: '2026-02-29' }, 'availableFrom'],
    ['coordinates outside Vietnam', { location: { lat: 13.75, lng: 100.5 } }, 'location'],
    ['a bad province code', { provinceCode: 'KG' }, 'provinceCode'],
    ['a bad service province code', { serviceProvinceCodes: ['91', 'Kiên Giang'] }, 'serviceProvinceCodes'],
    ['a phone that is not Vietnamese', { contactPhone: '+1 202 555 0100' }, 'contactPhone'],
    ['vehicle types that are not words', { vehicleTypes: ['<script>'] }, 'vehicleTypes'],
    ['a server field', { id: '7d7c8b1e-4b7c-4d35-9a0e-2d3f4a5b6c7d' }, 'id'],
  ])('rejects %s with 400 naming the field, writing nothing', async (_label, patch, field) => {
    const before = await count();
    const res = await post(staff, { ...validOperator(), ...patch }).expect(400);
    expect(res.body.code).toBe('VALIDATION.FAILED');
    expect(res.body.details.map((d: any) => d.field)).toContain(field);
    expect(await count()).toBe(before);
  });

  it('lets only staff and admin write; anonymous users are kept out', async () => {
    await post(coopToken, validOperator()).expect(403);
    await post(buyerToken, validOperator()).expect(403);
    const created = await post(staff, validOperator()).expect(201);
    await t
      .http()
      .patch(`/api/transport-operators/${created.body.id}`)
      .auth(coopToken, { type: 'bearer' })
      .send({ greenLane: false })
      .expect(403);
    await t
      .http()
      .delete(`/api/transport-operators/${created.body.id}`)
      .auth(buyerToken, { type: 'bearer' })
      .expect(403);
    await t.http().get('/api/transport-operators').expect(401);
    await t.http().post('/api/transport-operators').send(validOperator()).expect(401);
  });

  it('updates and deletes, recording every write in the audit log', async () => {
    const created = await post(staff, validOperator()).expect(201);
    const url = `/api/transport-operators/${created.body.id}`;
    const upd = await t
      .http()
      .patch(url)
      .auth(admin, { type: 'bearer' })
      .send({ capacityKg: 150000, location: null, contactPhone: '+84 912 345 679' })
      .expect(200);
    expect(upd.body).toMatchObject({
      capacityKg: 150000,
      location: null,
      contactPhone: '0912345679',
      name: 'HTX Vận tải Thủy bộ Rạch Giá',
    });
    const reversed = await t
      .http()
      .patch(url)
      .auth(admin, { type: 'bearer' })
      .send({ availableTo: '2026-01-01' })
      .expect(422);
    expect(reversed.body.details[0].field).toBe('availableTo');
    const nulled = await t.http().patch(url).auth(admin, { type: 'bearer' }).send({ capacityKg: null }).expect(400);
    expect(nulled.body.details[0].field).toBe('capacityKg');
    await t.http().delete(url).auth(staff, { type: 'bearer' }).expect(204);
    await t.http().get(url).auth(staff, { type: 'bearer' }).expect(404);
    const rows = await t.dataSource.query(
      `SELECT action, changes FROM audit_logs WHERE entity_id = $1 AND entity_type = 'transport_operator' ORDER BY id`,
      [created.body.id],
    );
    expect(rows.map((r: any) => r.action)).toEqual(['create', 'update', 'delete']);
    expect(rows[1].changes.capacityKg).toEqual([120000, 150000]);
  });

  it('lists with pagination, filters and diacritics-insensitive search', async () => {
    await post(staff, {
      ...validOperator(),
      name: 'Công ty Vận tải Thử nghiệm Đồng Tháp Mười',
      greenLane: false,
      provinceCode: '87',
      serviceProvinceCodes: ['87'],
      availableFrom: '2027-03-01',
      availableTo: '2027-03-31',
    }).expect(201);
    const page = await t
      .http()
      .get('/api/transport-operators?limit=2&offset=1')
      .auth(buyerToken, { type: 'bearer' })
      .expect(200);
    expect(page.body).toMatchObject({ limit: 2, offset: 1 });
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBeGreaterThanOrEqual(4);
    const search = await t
      .http()
      .get('/api/transport-operators?q=van tai thu nghiem DONG THAP muoi')
      .auth(buyerToken, { type: 'bearer' })
      .expect(200);
    expect(search.body.items.map((o: any) => o.name)).toEqual(['Công ty Vận tải Thử nghiệm Đồng Tháp Mười']);
    const byContact = await t
      .http()
      .get('/api/transport-operators?q=nguyen van an')
      .auth(buyerToken, { type: 'bearer' })
      .expect(200);
    expect(byContact.body.total).toBeGreaterThan(0);
    const notGreen = await t
      .http()
      .get('/api/transport-operators?greenLane=false')
      .auth(staff, { type: 'bearer' })
      .expect(200);
    expect(notGreen.body.items.every((o: any) => o.greenLane === false)).toBe(true);
    const serving79 = await t
      .http()
      .get('/api/transport-operators?provinceCode=79')
      .auth(staff, { type: 'bearer' })
      .expect(200);
    expect(serving79.body.total).toBeGreaterThan(0);
    expect(
      serving79.body.items.every((o: any) => o.provinceCode === '79' || o.serviceProvinceCodes.includes('79')),
    ).toBe(true);
    const march = await t
      .http()
      .get('/api/transport-operators?availableOn=2027-03-15')
      .auth(staff, { type: 'bearer' })
      .expect(200);
    expect(march.body.items.map((o: any) => o.name)).toContain('Công ty Vận tải Thử nghiệm Đồng Tháp Mười');
    expect(march.body.items.every((o: any) => o.availableFrom === null || o.availableFrom <= '2027-03-15')).toBe(true);
    expect(march.body.items.every((o: any) => o.availableTo === null || o.availableTo >= '2027-03-15')).toBe(true);
    await t.http().get('/api/transport-operators?availableOn=tomorrow').auth(staff, { type: 'bearer' }).expect(400);
    await t.http().get('/api/transport-operators/not-a-uuid').auth(staff, { type: 'bearer' }).expect(400);
    await t
      .http()
      .get('/api/transport-operators/7d7c8b1e-4b7c-4d35-9a0e-2d3f4a5b6c7d')
      .auth(staff, { type: 'bearer' })
      .expect(404);
  });
});
