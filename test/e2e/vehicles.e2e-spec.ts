import { makeBuyer, makeCooperative, makeTransportOperator, makeVehicle } from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';

describe('vehicles and the transport role (e2e)', () => {
  let t: TestApp;
  let staff: string;
  let operatorA: string;
  let operatorB: string;
  let transportA: string;
  let coopId: string;
  let coopToken: string;
  let buyerToken: string;

  const post = (token: string, body: object) =>
    t.http().post('/api/vehicles').auth(token, { type: 'bearer' }).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    staff = await t.tokenFor('staff');
    operatorA = (await makeTransportOperator(t.dataSource)).id;
    operatorB = (await makeTransportOperator(t.dataSource)).id;
    transportA = await t.tokenFor('transport', operatorA);
    coopId = (await makeCooperative(t.dataSource)).id;
    coopToken = await t.tokenFor('cooperative', coopId);
    buyerToken = await t.tokenFor('buyer', (await makeBuyer(t.dataSource)).id);
  });
  afterAll(() => t?.close());

  it('lets staff create a transport user bound to an operator, and the user acts for it', async () => {
    const email = `taixe-${Date.now()}@vantai.vn`;
    const created = await t
      .http()
      .post('/api/users')
      .auth(staff, { type: 'bearer' })
      .send({ email, password: 'Xe@tai12345', role: 'transport', organizationId: operatorA })
      .expect(201);
    expect(created.body).toMatchObject({ role: 'transport', organizationId: operatorA });
    await t
      .http()
      .post('/api/users')
      .auth(staff, { type: 'bearer' })
      .send({ email: `x${email}`, password: 'Xe@tai12345', role: 'transport' })
      .expect(422);
    const unknown = await t
      .http()
      .post('/api/users')
      .auth(staff, { type: 'bearer' })
      .send({ email: `y${email}`, password: 'Xe@tai12345', role: 'transport', organizationId: coopId })
      .expect(422);
    expect(unknown.body.code).toBe('USER.ORGANIZATION_UNKNOWN');
    const login = await t.http().post('/api/auth/login').send({ email, password: 'Xe@tai12345' }).expect(200);
    const me = await t
      .http()
      .post('/api/vehicles')
      .auth(login.body.accessToken, { type: 'bearer' })
      .send({ plate: '65C-111.22', kind: 'truck', capacityKg: 5000 })
      .expect(201);
    expect(me.body).toMatchObject({ operatorId: operatorA, plate: '65C-111.22' });
    // The database refuses a transport user without its operator, whatever writes it.
    await expect(
      t.dataSource.query(`UPDATE users SET transport_operator_id = NULL WHERE email = $1`, [email]),
    ).rejects.toThrow(/ck_users_organization_matches_role/);
  });

  it('registers a vehicle with its plate normalised, and reads it back', async () => {
    const res = await post(staff, {
      operatorId: operatorA,
      plate: ' 68c 123 . 45',
      kind: 'truck',
      capacityKg: 8000,
      refrigerated: true,
      note: 'Thùng lạnh',
    }).expect(201);
    expect(res.body).toMatchObject({
      operatorId: operatorA,
      plate: '68C-123.45',
      kind: 'truck',
      capacityKg: 8000,
      refrigerated: true,
      status: 'active',
      assignedCooperativeIds: [],
    });
    expect(res.body.operatorName).toMatch(/Vận tải/);
    const four = await post(staff, { operatorId: operatorA, plate: '51d1234', kind: 'van', capacityKg: 1500 }).expect(
      201,
    );
    expect(four.body.plate).toBe('51D-1234');
    const got = await t.http().get(`/api/vehicles/${res.body.id}`).auth(transportA, { type: 'bearer' }).expect(200);
    expect(got.body.plate).toBe('68C-123.45');
  });

  it.each([['68C-123.4'], ['C68-12345'], ['68C-1234567'], ['xe tải']])(
    'refuses the plate %j with VEHICLE.INVALID_PLATE naming the field',
    async (plate) => {
      const res = await post(staff, { operatorId: operatorA, plate, kind: 'truck', capacityKg: 8000 }).expect(422);
      expect(res.body.code).toBe('VEHICLE.INVALID_PLATE');
      expect(JSON.stringify(res.body.details)).toContain('plate');
      expect(res.body.message).toMatch(/Biển số/);
    },
  );

  it('refuses a second vehicle with the same plate however it is written (409), also on a patch', async () => {
    await post(staff, { operatorId: operatorA, plate: '68C-555.66', kind: 'truck', capacityKg: 8000 }).expect(201);
    const dup = await post(staff, { operatorId: operatorB, plate: '68c55566', kind: 'truck', capacityKg: 8000 }).expect(
      409,
    );
    expect(dup.body).toMatchObject({ code: 'VEHICLE.PLATE_TAKEN' });
    const other = await post(staff, {
      operatorId: operatorB,
      plate: '68C-555.67',
      kind: 'truck',
      capacityKg: 8000,
    }).expect(201);
    const patch = await t
      .http()
      .patch(`/api/vehicles/${other.body.id}`)
      .auth(staff, { type: 'bearer' })
      .send({ plate: '68C 555 66' })
      .expect(409);
    expect(patch.body.code).toBe('VEHICLE.PLATE_TAKEN');
    const parallel = await Promise.all(
      [1, 2, 3, 4].map(() =>
        post(staff, { operatorId: operatorA, plate: '68C-777.88', kind: 'truck', capacityKg: 8000 }),
      ),
    );
    expect(parallel.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
  });

  it("keeps a transport user to its own operator's vehicles; cooperatives see those assigned to them; buyers none", async () => {
    const theirs = await makeVehicle(t.dataSource, operatorB);
    const forbidden = await post(transportA, {
      operatorId: operatorB,
      plate: '68C-999.01',
      kind: 'truck',
      capacityKg: 8000,
    }).expect(403);
    expect(forbidden.body.code).toBe('VEHICLE.FORBIDDEN');
    await t
      .http()
      .patch(`/api/vehicles/${theirs.id}`)
      .auth(transportA, { type: 'bearer' })
      .send({ capacityKg: 9000 })
      .expect(403);
    await t.http().get(`/api/vehicles/${theirs.id}`).auth(transportA, { type: 'bearer' }).expect(404);
    const list = await t.http().get('/api/vehicles?limit=500').auth(transportA, { type: 'bearer' }).expect(200);
    expect(list.body.items.every((v: any) => v.operatorId === operatorA)).toBe(true);

    const mine = await post(transportA, { plate: '68C-246.80', kind: 'container_truck', capacityKg: 20000 }).expect(
      201,
    );
    await t.http().get(`/api/vehicles/${mine.body.id}`).auth(coopToken, { type: 'bearer' }).expect(404);
    const assignment = await t
      .http()
      .post(`/api/vehicles/${mine.body.id}/assignments`)
      .auth(transportA, { type: 'bearer' })
      .send({ cooperativeId: coopId })
      .expect(201);
    expect(assignment.body).toMatchObject({ vehicleId: mine.body.id, cooperativeId: coopId, endedAt: null });
    const again = await t
      .http()
      .post(`/api/vehicles/${mine.body.id}/assignments`)
      .auth(transportA, { type: 'bearer' })
      .send({ cooperativeId: coopId })
      .expect(201);
    expect(again.body.id).toBe(assignment.body.id);
    const seen = await t.http().get('/api/vehicles').auth(coopToken, { type: 'bearer' }).expect(200);
    expect(seen.body.items.map((v: any) => v.plate)).toEqual(['68C-246.80']);
    await t
      .http()
      .post(`/api/vehicles/${mine.body.id}/assignments`)
      .auth(coopToken, { type: 'bearer' })
      .send({ cooperativeId: coopId })
      .expect(403);
    await t.http().get('/api/vehicles').auth(buyerToken, { type: 'bearer' }).expect(403);

    const ended = await t
      .http()
      .post(`/api/vehicles/${mine.body.id}/assignments/${assignment.body.id}/end`)
      .auth(staff, { type: 'bearer' })
      .expect(200);
    expect(ended.body.endedAt).not.toBeNull();
    expect((await t.http().get('/api/vehicles').auth(coopToken, { type: 'bearer' }).expect(200)).body.items).toEqual(
      [],
    );

    // Assigned again after the end: a new open assignment, not the ended one handed back.
    const reassigned = await t
      .http()
      .post(`/api/vehicles/${mine.body.id}/assignments`)
      .auth(transportA, { type: 'bearer' })
      .send({ cooperativeId: coopId })
      .expect(201);
    expect(reassigned.body.id).not.toBe(assignment.body.id);
    expect(reassigned.body.endedAt).toBeNull();
    const seenAgain = await t.http().get('/api/vehicles').auth(coopToken, { type: 'bearer' }).expect(200);
    expect(seenAgain.body.items.map((v: any) => v.plate)).toEqual(['68C-246.80']);
  });

  it('retires a vehicle: it can no longer be changed or assigned', async () => {
    const v = await post(transportA, { plate: '68C-135.79', kind: 'truck', capacityKg: 8000 }).expect(201);
    const retired = await t
      .http()
      .post(`/api/vehicles/${v.body.id}/retire`)
      .auth(transportA, { type: 'bearer' })
      .expect(200);
    expect(retired.body).toMatchObject({ status: 'retired' });
    expect(retired.body.retiredAt).not.toBeNull();
    const patch = await t
      .http()
      .patch(`/api/vehicles/${v.body.id}`)
      .auth(transportA, { type: 'bearer' })
      .send({ capacityKg: 9000 })
      .expect(409);
    expect(patch.body.code).toBe('VEHICLE.RETIRED');
    const active = await t
      .http()
      .get(`/api/vehicles?status=active&operatorId=${operatorA}&limit=500`)
      .auth(staff, { type: 'bearer' })
      .expect(200);
    expect(active.body.items.map((x: any) => x.id)).not.toContain(v.body.id);
  });
});
