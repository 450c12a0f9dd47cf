import { randomBytes } from 'node:crypto';
import { parseTrustProxy, validateEnv } from '@agrilink/config';
import { createTestApp, TestApp } from '../support/test-app';

const LIMIT = 5;
const KEYS = ['RATE_LIMIT_PER_MINUTE', 'RATE_LIMIT_WRITES_PER_MINUTE', 'TRUST_PROXY', 'QUEUE_PREFIX'];

/** Apps built here set these; later suites in the same Jest worker must not inherit them. */
function saveEnv(): () => void {
  const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) Reflect.deleteProperty(process.env, k);
      else process.env[k] = v;
    }
  };
}

async function statuses(n: number, call: () => Promise<{ status: number }>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await call()).status);
  return out;
}

describe('rate limits shared by api replicas in Redis (e2e)', () => {
  let a: TestApp;
  let b: TestApp;
  let restore: () => void;

  beforeAll(async () => {
    restore = saveEnv();
    // Two api processes of one deployment: same Redis, same prefix.
    const prefix = `agrilink-test-rl-${randomBytes(4).toString('hex')}`;
    a = await createTestApp({
      RATE_LIMIT_PER_MINUTE: String(LIMIT),
      RATE_LIMIT_WRITES_PER_MINUTE: String(LIMIT),
      QUEUE_PREFIX: prefix,
      TRUST_PROXY: 'false',
    });
    b = await createTestApp({
      RATE_LIMIT_PER_MINUTE: String(LIMIT),
      RATE_LIMIT_WRITES_PER_MINUTE: String(LIMIT),
      QUEUE_PREFIX: prefix,
      TRUST_PROXY: 'false',
    });
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    restore();
  });

  it('counts one limit across two api instances on the same Redis prefix, and answers 429 with Retry-After', async () => {
    const first = await statuses(3, () => a.http().get('/api/products'));
    const second = await statuses(2, () => b.http().get('/api/products'));
    expect([...first, ...second]).toEqual([200, 200, 200, 200, 200]);
    const limited = await a.http().get('/api/products');
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('REQUEST.RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    const onTheOther = await b.http().get('/api/products');
    expect(onTheOther.status).toBe(429);
    expect(onTheOther.headers['retry-after']).toBeDefined();
  });

  it('counts per signed-in user, so users behind one address do not share a bucket', async () => {
    const [alice, bob] = [await a.tokenFor('staff'), await a.tokenFor('staff')];
    const call = (token: string, app: TestApp) => app.http().get('/api/supply-lots').auth(token, { type: 'bearer' });
    expect(await statuses(LIMIT, () => call(alice, a))).toEqual(Array(LIMIT).fill(200));
    // Alice is over her limit on either replica…
    expect((await call(alice, b)).status).toBe(429);
    // …Bob, from the same address, is not (his session lives in replica a's test database), nor is an anonymous caller from it.
    expect((await call(bob, a)).status).toBe(200);
    expect((await b.http().get('/api/supply-lots')).status).toBe(401);
  });

  it('gives writes the standard Retry-After header too', async () => {
    const staff = await a.tokenFor('staff');
    const writes = await statuses(LIMIT + 1, () =>
      a.http().post('/api/buyers').auth(staff, { type: 'bearer' }).send({}),
    );
    expect(writes.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(400));
    const limited = await b.http().post('/api/buyers').auth(staff, { type: 'bearer' }).send({});
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('answers the 429 in Vietnamese by default and in English on request', async () => {
    const vi = await a.http().get('/api/products');
    expect(vi.status).toBe(429);
    expect(vi.body.message).toMatch(/Quá nhiều yêu cầu/);
    const en = await a.http().get('/api/products').set('Accept-Language', 'en');
    expect(en.body.message).toMatch(/too many requests/);
  });
});

describe('rate limits behind a reverse proxy (e2e)', () => {
  let restore: () => void;
  beforeAll(() => {
    restore = saveEnv();
  });
  afterAll(() => restore());

  it('with TRUST_PROXY, X-Forwarded-For separates the clients behind the proxy', async () => {
    const t = await createTestApp({ RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: '1' });
    try {
      const from = (ip: string) => () => t.http().get('/api/products').set('X-Forwarded-For', ip);
      expect(await statuses(LIMIT, from('203.0.113.10'))).toEqual(Array(LIMIT).fill(200));
      expect((await from('203.0.113.10')()).status).toBe(429);
      expect((await from('203.0.113.11')()).status).toBe(200);
      // With one trusted hop the proxy's own entry is the client; what the client claimed before it is ignored.
      expect((await from('198.51.100.7, 203.0.113.10')()).status).toBe(429);
    } finally {
      await t.close();
    }
  }, 120_000);

  it('without TRUST_PROXY, X-Forwarded-For is ignored: a client cannot dodge its limit by inventing addresses', async () => {
    const t = await createTestApp({ RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: 'false' });
    try {
      const results = await statuses(
        LIMIT + 1,
        (() => {
          let i = 0;
          return () => t.http().get('/api/products').set('X-Forwarded-For', `203.0.113.${++i}`);
        })(),
      );
      expect(results).toEqual([...Array(LIMIT).fill(200), 429]);
    } finally {
      await t.close();
    }
  }, 120_000);

  it('refuses a TRUST_PROXY that is not a hop count or a list of addresses at start-up', () => {
    expect(() => validateEnv({ TRUST_PROXY: 'everyone please' })).toThrow(/TRUST_PROXY/);
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('10.0.0.0/8, loopback, fd00::/8')).toEqual(['10.0.0.0/8', 'loopback', 'fd00::/8']);
  });
});
