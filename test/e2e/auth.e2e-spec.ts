import { makeCooperative } from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';

describe('auth and users (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('logs in with a JWT and reads /auth/me', async () => {
    const token = await t.tokenFor('staff');
    const me = await t.http().get('/api/auth/me').auth(token, { type: 'bearer' }).expect(200);
    expect(me.body.role).toBe('staff');
  });

  it('answers 401 for a wrong password and makes that address wait after repeated failures', async () => {
    const admin = await t.tokenFor('admin');
    await t
      .http()
      .post('/api/users')
      .auth(admin, { type: 'bearer' })
      .send({ email: 'lock@test.vn', password: 'Right@12345', role: 'staff' })
      .expect(201);
    for (let i = 0; i < 5; i++) {
      await t.http().post('/api/auth/login').send({ email: 'lock@test.vn', password: 'wrong-password' }).expect(401);
    }
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'lock@test.vn', password: 'Right@12345' })
      .expect(429);
    expect(res.body.code).toBe('AUTH.SIGN_IN_DELAYED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refreshes a token pair', async () => {
    const admin = await t.tokenFor('admin');
    await t
      .http()
      .post('/api/users')
      .auth(admin, { type: 'bearer' })
      .send({ email: 'refresh@test.vn', password: 'Right@12345', role: 'staff' })
      .expect(201);
    const login = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'refresh@test.vn', password: 'Right@12345' })
      .expect(200);
    const res = await t.http().post('/api/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(200);
    expect(res.body.accessToken).toBeTruthy();
    await t.http().post('/api/auth/refresh').send({ refreshToken: login.body.accessToken }).expect(401);
  });

  it('lets staff create cooperative users but not staff users', async () => {
    const staff = await t.tokenFor('staff');
    const coop = await makeCooperative(t.dataSource);
    const res = await t
      .http()
      .post('/api/users')
      .auth(staff, { type: 'bearer' })
      .send({ email: 'htx1@test.vn', password: 'Htx@123456', role: 'cooperative', organizationId: coop.id })
      .expect(201);
    expect(res.body).toMatchObject({ role: 'cooperative', organizationId: coop.id });
    expect(res.body.passwordHash).toBeUndefined();
    await t
      .http()
      .post('/api/users')
      .auth(staff, { type: 'bearer' })
      .send({ email: 'staff2@test.vn', password: 'Staff@12345', role: 'staff' })
      .expect(403);
    await t
      .http()
      .post('/api/users')
      .auth(staff, { type: 'bearer' })
      .send({ email: 'htx1@test.vn', password: 'Htx@123456', role: 'cooperative', organizationId: coop.id })
      .expect(409);
    const missingOrg = await t
      .http()
      .post('/api/users')
      .auth(staff, { type: 'bearer' })
      .send({ email: 'htx2@test.vn', password: 'Htx@123456', role: 'cooperative' })
      .expect(422);
    expect(missingOrg.body.details[0].field).toBe('organizationId');
    const coopToken = await t.tokenFor('cooperative', coop.id);
    await t
      .http()
      .post('/api/users')
      .auth(coopToken, { type: 'bearer' })
      .send({ email: 'x@test.vn', password: 'Xxxx@12345', role: 'cooperative', organizationId: coop.id })
      .expect(403);
  });

  it('stores passwords with Argon2id', async () => {
    await t.tokenFor('staff');
    const [row] = await t.dataSource.query(`SELECT password_hash FROM users LIMIT 1`);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('serves the health check and OpenAPI docs anonymously', async () => {
    const health = await t.http().get('/api/health').expect(200);
    expect(health.body).toEqual({ status: 'ok' }); // details only to admins: test/e2e/public-data.e2e-spec.ts
    await t.http().get('/api/docs-json').expect(200);
  });
});
