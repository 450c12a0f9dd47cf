import { UsersService } from '@agrilink/core';
import { createTestApp, TestApp } from '../support/test-app';

const ENV = {
  RATE_LIMIT_WRITES_PER_MINUTE: '5',
  CORS_ORIGINS: 'https://sct.example.gov.vn',
  BODY_LIMIT: '100kb',
};

describe('security: token expiry, rate limits, CORS, body size (e2e)', () => {
  let t: TestApp;
  const saved: Record<string, string | undefined> = {};
  beforeAll(async () => {
    for (const k of Object.keys(ENV)) saved[k] = process.env[k];
    t = await createTestApp(ENV);
  });
  afterAll(async () => {
    await t?.close();
    // Later suites in this Jest worker must not inherit these limits.
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) Reflect.deleteProperty(process.env, k);
      else process.env[k] = v;
    }
  });

  it('limits writes per route and client, and leaves reads alone', async () => {
    const staff = await t.tokenFor('staff');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await t.http().post('/api/supply-lots').auth(staff, { type: 'bearer' }).send({})).status);
    }
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses[5]).toBe(429);
    const limited = await t.http().post('/api/supply-lots').auth(staff, { type: 'bearer' }).send({}).expect(429);
    expect(limited.body.code).toBe('REQUEST.RATE_LIMITED');
    for (let i = 0; i < 10; i++) await t.http().get('/api/supply-lots').auth(staff, { type: 'bearer' }).expect(200);
    // Another write route has its own budget.
    await t.http().post('/api/buyers').auth(staff, { type: 'bearer' }).send({}).expect(400);
  });

  it('answers CORS only for the configured origins', async () => {
    const allowed = await t
      .http()
      .options('/api/products')
      .set('Origin', 'https://sct.example.gov.vn')
      .set('Access-Control-Request-Method', 'GET');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://sct.example.gov.vn');
    const other = await t
      .http()
      .options('/api/products')
      .set('Origin', 'https://evil.example.com')
      .set('Access-Control-Request-Method', 'GET');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a body over BODY_LIMIT with 413, not a 500', async () => {
    const staff = await t.tokenFor('staff');
    const res = await t
      .http()
      .post('/api/cooperatives')
      .auth(staff, { type: 'bearer' })
      .send({ name: 'x'.repeat(200_000) })
      .expect(413);
    expect(res.body.code).toBe('REQUEST.TOO_LARGE');
  });

  it('makes an address wait after repeated failed logins, even for the right password', async () => {
    const admin = await t.tokenFor('admin');
    await t
      .http()
      .post('/api/users')
      .auth(admin, { type: 'bearer' })
      .send({ email: 'lockout@test.vn', password: 'Right@12345', role: 'staff' })
      .expect(201);
    const codes: string[] = [];
    for (let i = 0; i < 6; i++)
      codes.push(
        (
          await t
            .http()
            .post('/api/auth/login')
            .send({ email: 'lockout@test.vn', password: `wrong-${i}` })
        ).body.code,
      );
    expect(codes).toEqual([...Array(5).fill('AUTH.INVALID_CREDENTIALS'), 'AUTH.SIGN_IN_DELAYED']);
    const right = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'lockout@test.vn', password: 'Right@12345' })
      .expect(429);
    expect(right.body.code).toBe('AUTH.SIGN_IN_DELAYED');
    expect(JSON.stringify(right.body)).not.toMatch(/Right@12345|passwordHash|argon2/);
  });

  it('limits login attempts per client to 20 a minute', async () => {
    let status = 0;
    for (let i = 0; i < 25 && status !== 429; i++) {
      status = (
        await t
          .http()
          .post('/api/auth/login')
          .send({ email: `nobody${i}@test.vn`, password: 'whatever' })
      ).status;
    }
    expect(status).toBe(429);
  });
});

// Its own app: a 1 s token life would make every other request here race the clock on a loaded machine.
describe('security: token expiry (e2e)', () => {
  let t: TestApp;
  let saved: string | undefined;
  beforeAll(async () => {
    saved = process.env.JWT_EXPIRES_IN;
    t = await createTestApp({ JWT_EXPIRES_IN: '1s' });
  });
  afterAll(async () => {
    await t?.close();
    if (saved === undefined) delete process.env.JWT_EXPIRES_IN;
    else process.env.JWT_EXPIRES_IN = saved;
  });

  it('refuses an expired access token and issues a fresh one from the refresh token', async () => {
    // Created directly: any token here lives 1 s, too short to rely on for set-up.
    await t.app.get(UsersService).create(null, { email: 'expiry@test.vn', password: 'Right@12345', role: 'staff' });
    const login = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'expiry@test.vn', password: 'Right@12345' })
      .expect(200);
    expect(login.body.expiresIn).toBe('1s');
    // The token itself says 1 s (no wall-clock race with a loaded machine).
    const claims = JSON.parse(Buffer.from(login.body.accessToken.split('.')[1], 'base64url').toString());
    expect(claims.exp - claims.iat).toBe(1);
    await new Promise((r) => setTimeout(r, 2100));
    const expired = await t.http().get('/api/auth/me').auth(login.body.accessToken, { type: 'bearer' }).expect(401);
    expect(expired.body.code).toBe('AUTH.INVALID_TOKEN');
    const refreshed = await t
      .http()
      .post('/api/auth/refresh')
      .send({ refreshToken: login.body.refreshToken })
      .expect(200);
    const fresh = JSON.parse(Buffer.from(refreshed.body.accessToken.split('.')[1], 'base64url').toString());
    expect(fresh).toMatchObject({ sub: claims.sub, typ: 'access', role: 'staff' });
    expect(fresh.exp).toBeGreaterThan(claims.exp);
  });
});
