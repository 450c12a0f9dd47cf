import fc from 'fast-check';
import { makeBuyer, makeCooperative, makeSupplyLot } from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';

// Fixed seed: a failure names the request, and the same run reproduces it.
const SEED = 20211308;
const BODIES_PER_ROUTE = 40;
const QUERIES_PER_ROUTE = 15;

const MALICIOUS: unknown[] = [
  "' OR '1'='1",
  "'; DROP TABLE supply_lots; --",
  '1; SELECT pg_sleep(10)',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'a\u0000b',
  '\u0000',
  '🍚🥭 Xoài Cát Hòa Lộc',
  'Ｔｅｓｔ\u202Eevil',
  'x'.repeat(20_000),
  '',
  ' ',
  '9999-99-99',
  '2026-02-30',
  '-infinity',
  'NaN',
  '1e309',
  '00000000-0000-0000-0000-000000000000',
  '../../etc/passwd',
  '%00',
  '{"$gt":""}',
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  9.3e18,
  1e308,
  -1e308,
  -1,
  0,
  0.5,
  2_147_483_648,
  true,
  null,
  [],
  [null],
  {},
  { lat: 'x', lng: 1e9 },
  { lat: 91, lng: 181 },
  { $where: 'sleep(1)' },
  { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [0, 0]]] },
  { type: 'Polygon', coordinates: [[[1e300, 1e300]]] },
];

const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...MALICIOUS),
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.integer(),
    fc.double(),
    fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((n) => Number(n)),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    fc.uuid(),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('v'), { maxKeys: 4 }),
  ),
})).v;

interface Route {
  method: 'post' | 'patch' | 'put' | 'get';
  path: string;
  fields: string[];
}

describe('input fuzzing of the registry routes (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let cooperative: string;
  let routes: Route[];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const coop = await makeCooperative(t.dataSource);
    const buyer = await makeBuyer(t.dataSource);
    const lot = await makeSupplyLot(t.dataSource, { cooperativeId: coop.id });
    Object.assign(ids, { coop: coop.id, buyer: buyer.id, lot: lot.id });
    admin = await t.tokenFor('admin');
    cooperative = await t.tokenFor('cooperative', coop.id);
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    routes = [];
    for (const [path, ops] of Object.entries<any>(doc.paths)) {
      if (/^\/api\/(auth|docs|admin)/.test(path)) continue;
      for (const method of ['post', 'patch', 'put', 'get'] as const) {
        const op = ops[method];
        if (!op) continue;
        if (method === 'get') {
          const fields = (op.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => p.name);
          if (fields.length) routes.push({ method, path, fields });
          continue;
        }
        const schema = op.requestBody?.content?.['application/json']?.schema;
        routes.push({ method, path, fields: Object.keys(resolve(doc, schema)?.properties ?? {}) });
      }
    }
  });
  afterAll(() => t?.close());

  // A real id where the route has one, so PATCH reaches validation and the service, not only the 404.
  function urlOf(path: string): string {
    return path.replace(/\{[^}]+\}/g, () => (path.startsWith('/api/supply-lots') ? ids.lot : path.startsWith('/api/buyers') ? ids.buyer : path.startsWith('/api/cooperatives') ? ids.coop : ids.lot));
  }

  it('finds the registry write routes in the OpenAPI document', () => {
    const writes = routes.filter((r) => r.method !== 'get').map((r) => `${r.method} ${r.path}`);
    expect(writes).toEqual(expect.arrayContaining(['post /api/supply-lots', 'patch /api/supply-lots/{id}', 'post /api/cooperatives', 'post /api/buyers', 'post /api/purchase-requests']));
  });

  it('never answers 5xx to random or malicious JSON bodies', async () => {
    const failures: string[] = [];
    for (const [i, route] of routes.filter((r) => r.method !== 'get').entries()) {
      const bodyArb = fc.oneof(
        // Known field names with hostile values reach the validators and the services…
        fc.record(Object.fromEntries(route.fields.map((f) => [f, value])), { requiredKeys: [] }),
        // …and anything at all tests the edges: arrays, scalars, unknown keys.
        value,
      );
      const bodies = fc.sample(bodyArb, { seed: SEED + i, numRuns: BODIES_PER_ROUTE });
      for (const [j, body] of bodies.entries()) {
        const token = j % 4 === 3 ? cooperative : admin;
        const res = await (t.http() as any)[route.method](urlOf(route.path)).auth(token, { type: 'bearer' }).set('Content-Type', 'application/json').send(JSON.stringify(body ?? null));
        if (res.status >= 500) failures.push(`${route.method.toUpperCase()} ${route.path} ${JSON.stringify(body).slice(0, 300)} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('never answers 5xx to random or malicious query strings', async () => {
    const failures: string[] = [];
    const scalar = value.map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)));
    for (const [i, route] of routes.filter((r) => r.method === 'get').entries()) {
      const queries = fc.sample(fc.record(Object.fromEntries(route.fields.map((f) => [f, scalar])), { requiredKeys: [] }), { seed: SEED + 1000 + i, numRuns: QUERIES_PER_ROUTE });
      for (const q of queries) {
        const res = await t.http().get(urlOf(route.path)).auth(admin, { type: 'bearer' }).query(q as Record<string, string>);
        if (res.status >= 500) failures.push(`GET ${route.path}?${new URLSearchParams(q as Record<string, string>).toString().slice(0, 300)} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      }
      // Repeated and bracketed parameters arrive as arrays and objects.
      const res = await t.http().get(`${urlOf(route.path)}?${route.fields.map((f) => `${f}=1&${f}=2&${f}[a]=x`).join('&')}`).auth(admin, { type: 'bearer' });
      if (res.status >= 500) failures.push(`GET ${route.path} with array/object params → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
  });

  it('stores hostile text verbatim and harmlessly', async () => {
    const name = "HTX '); DROP TABLE cooperatives; -- <script>alert(1)</script>";
    const res = await t.http().post('/api/cooperatives').auth(admin, { type: 'bearer' }).send({ name, provinceCode: '91', location: { lat: 9.9, lng: 105.3 } });
    expect(res.status).toBeLessThan(500);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM cooperatives`);
    expect(n).toBeGreaterThan(0);
  });
});

function resolve(doc: any, schema: any): any {
  if (!schema) return undefined;
  if (schema.$ref) return resolve(doc, doc.components.schemas[schema.$ref.split('/').pop()]);
  if (schema.allOf) return { properties: Object.assign({}, ...schema.allOf.map((s: any) => resolve(doc, s)?.properties ?? {})) };
  return schema;
}
