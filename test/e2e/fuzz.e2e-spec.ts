import fc from 'fast-check';
import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { Client } from 'pg';
import {
  makeAgency,
  makeBuyer,
  makeCooperative,
  makeProductionArea,
  makePurchaseRequest,
  makeSupplyLot,
  makeTransportOperator,
  makeVehicle,
} from '@agrilink/testing';
import { ROLES } from '@agrilink/core';
import { createTestApp, TestApp } from '../support/test-app';

/*
 * Every operation of the OpenAPI document, as every role and anonymously, with the inputs that
 * once made this service answer 500 and with seeded random ones: no answer may be a 5xx.
 * Routes are read from the document, so a route added tomorrow is fuzzed tomorrow.
 * Fixed seed: a failure names the request, and the same run reproduces it.
 */
const SEED = 20211308;
// FUZZ_SCALE=4 for a longer hunt; 1 keeps the run near a minute on two cores.
const SCALE = Math.max(1, Number(process.env.FUZZ_SCALE ?? 1));
const RANDOM_CASES_PER_IDENTITY = 3 * SCALE;
const FULL = process.env.FUZZ_FULL === '1';

const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
const zone3d = {
  type: 'Polygon',
  coordinates: [
    [
      [105.07, 10.0, 5],
      [105.1, 10.0, 5],
      [105.1, 10.03, 5],
      [105.07, 10.0, 5],
    ],
  ],
};

/** The inputs of issue 11's 186 answers 500, and their relatives: each goes into every route. */
const LISTED: unknown[] = [
  'a\u0000b',
  ['9\u00001'],
  'ok@agrilink.vn\uD800',
  '\uDC00x',
  { deep: 'DEEP' }, // replaced by 5 000-deep JSON text when the body is written
  null,
  '9999-12-31',
  '0001-01-01',
  '+275760-09-13T00:00:00Z',
  '-180,-90,180,90',
  '-540,-100,540,100',
  zone3d,
  "'; DROP TABLE supply_lots; --",
  'x'.repeat(20_000),
  '',
  -1,
  1e308,
  2 ** 63,
  1.5,
  true,
  [],
  {},
  { $gt: '' },
  '00000000-0000-0000-0000-000000000000',
];

const RANDOM_VALUE: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...LISTED.filter((v) => !(v && typeof v === 'object' && 'deep' in v))),
    fc.constantFrom(
      '<script>alert(1)</script>',
      'Ｔｅｓｔ\u202Eevil',
      '🍚🥭 Xoài Cát Hòa Lộc',
      '2026-02-30',
      'NaN',
      '1e309',
      '../../etc/passwd',
      '%00',
      '9.3e18',
    ),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.integer(),
    fc.double(),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    fc.uuid(),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('v'), { maxKeys: 3 }),
  ),
})).v;

const ACCEPT_LANGUAGES = [
  'vi',
  'en',
  'en-US,en;q=0.9,vi;q=0.1',
  '*',
  'vi;q=abc, en;q=NaN',
  'zz-ZZ',
  `${'en;q=0.5,'.repeat(300)}vi`,
  '',
];

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  pathParams: string[];
  query: Array<{ name: string; schema: any }>;
  body?: { type: 'json' | 'multipart'; schema: any };
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

describe('fuzzing every route of the OpenAPI document (e2e)', () => {
  let t: TestApp;
  let base: { port: number };
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const tokens: Record<string, string | null> = {};
  const ids: Record<string, string> = {};
  let doc: any;
  let operations: Operation[];

  beforeAll(async () => {
    // Generous limits: this suite measures answers, not throttling (sign-in keeps its own limit).
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_WRITES_PER_MINUTE: '1000000' });
    const server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = { port: (server.address() as AddressInfo).port };

    const coop = await makeCooperative(t.dataSource);
    const buyer = await makeBuyer(t.dataSource);
    const lot = await makeSupplyLot(t.dataSource, { cooperativeId: coop.id });
    const request = await makePurchaseRequest(t.dataSource, { buyerId: buyer.id, productCode: lot.productCode });
    const area = await makeProductionArea(t.dataSource, { cooperativeId: coop.id });
    const operator = await makeTransportOperator(t.dataSource);
    const vehicle = await makeVehicle(t.dataSource, operator.id);
    Object.assign(ids, {
      cooperative: coop.id,
      buyer: buyer.id,
      lot: lot.id,
      request: request.id,
      area: area.id,
      product: lot.productCode,
      operator: operator.id,
      vehicle: vehicle.id,
    });
    const agency = await makeAgency(t.dataSource);
    const orgOf: Record<string, string | null> = {
      cooperative: coop.id,
      buyer: buyer.id,
      transport: operator.id,
      agency: agency.id,
    };
    for (const role of ROLES) tokens[role] = await t.tokenFor(role, orgOf[role] ?? null);
    tokens.anonymous = null;

    const asAdmin = (method: string, path: string, body?: unknown) =>
      send({ method, path, token: tokens.admin, json: body });
    const deal = JSON.parse(
      (
        await asAdmin('POST', '/api/deals', {
          supplyLotId: lot.id,
          purchaseRequestId: request.id,
          quantityKg: 10,
          priceVndPerKg: 7000,
        })
      ).text,
    );
    if (deal.id) ids.deal = deal.id;
    const zone = JSON.parse(
      (
        await asAdmin('POST', '/api/zones', {
          code: 'FUZZ-Z1',
          name: 'Vùng thử',
          polygon: {
            type: 'Polygon',
            coordinates: [
              [
                [105.07, 10.0],
                [105.1, 10.0],
                [105.1, 10.03],
                [105.07, 10.0],
              ],
            ],
          },
        })
      ).text,
    );
    if (zone.id) ids.zone = zone.id;
    const run = JSON.parse((await asAdmin('POST', '/api/matching-runs', {})).text);
    if (run.id) ids.run = run.id;
    const units = JSON.parse((await asAdmin('GET', '/api/administrative-units?limit=1')).text);
    if (units.items?.[0]?.id) ids.unit = units.items[0].id;

    doc = JSON.parse((await send({ method: 'GET', path: '/api/docs-json' })).text);
    operations = [];
    for (const [path, ops] of Object.entries<any>(doc.paths)) {
      for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
        const op = ops[method];
        if (!op) continue;
        const params: any[] = op.parameters ?? [];
        const content = op.requestBody?.content ?? {};
        const body = content['application/json']
          ? { type: 'json' as const, schema: resolve(content['application/json'].schema) }
          : content['multipart/form-data']
            ? { type: 'multipart' as const, schema: resolve(content['multipart/form-data'].schema) }
            : undefined;
        operations.push({
          method,
          path,
          pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
          query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: resolve(p.schema) ?? {} })),
          body,
        });
      }
    }
    // Deletions last, so the other routes still find the fixtures.
    operations.sort((a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'));
  }, 120_000);

  afterAll(async () => {
    agent.destroy();
    await t?.close();
  });

  function resolve(schema: any): any {
    if (!schema) return undefined;
    if (schema.$ref) return resolve(doc.components.schemas[schema.$ref.split('/').pop()]);
    if (schema.allOf) {
      const parts = schema.allOf.map(resolve);
      return {
        type: 'object',
        properties: Object.assign({}, ...parts.map((p: any) => p?.properties ?? {})),
        required: parts.flatMap((p: any) => p?.required ?? []),
      };
    }
    return schema;
  }

  /** A real id where the path names a resource, so requests reach the services and not only the 404. */
  function idFor(path: string, param: string): string {
    if (param === 'code') return ids.product;
    if (param === 'kind') return 'supply-lots';
    const resource = path.split('/')[2];
    const byResource: Record<string, string | undefined> = {
      'supply-lots': ids.lot,
      cooperatives: ids.cooperative,
      buyers: ids.buyer,
      'production-areas': ids.area,
      'purchase-requests': ids.request,
      zones: ids.zone,
      'matching-runs': ids.run,
      deals: ids.deal,
      'administrative-units': ids.unit,
      vehicles: ids.vehicle,
    };
    return byResource[resource] ?? '7d6f74d2-835f-4143-9cce-fc46019ce89e';
  }

  /** A plausible value for a field, from its example, its enum, its format or its name. */
  function validValue(name: string, schema: any): unknown {
    const s = resolve(schema) ?? {};
    if (s.example !== undefined) return s.example;
    if (s.enum?.length) return s.enum[0];
    if (name.endsWith('cooperativeId')) return ids.cooperative;
    if (name.endsWith('buyerId')) return ids.buyer;
    if (name.endsWith('operatorId')) return ids.operator;
    if (name.endsWith('vehicleId')) return ids.vehicle;
    if (name.endsWith('supplyLotId')) return ids.lot;
    if (name.endsWith('purchaseRequestId')) return ids.request;
    if (name.endsWith('productionAreaId')) return ids.area;
    if (name.endsWith('matchingRunId')) return ids.run;
    if (name.endsWith('Id')) return '7d6f74d2-835f-4143-9cce-fc46019ce89e';
    switch (s.type) {
      case 'integer':
      case 'number':
        return s.minimum ?? 1;
      case 'boolean':
        return true;
      case 'array':
        return [];
      case 'object':
        return s.properties ? validBody(s) : {};
      default:
        return 'Fuzz';
    }
  }

  function validBody(schema: any): Record<string, unknown> {
    const s = resolve(schema) ?? {};
    const out: Record<string, unknown> = {};
    for (const [name, prop] of Object.entries<any>(s.properties ?? {})) {
      if ((s.required ?? []).includes(name) || resolve(prop)?.example !== undefined) out[name] = validValue(name, prop);
    }
    return out;
  }

  /** One request with exact bytes (supertest re-encodes bodies; a fuzzer must not). */
  function send(r: {
    method: string;
    path: string;
    token?: string | null;
    json?: unknown;
    raw?: Buffer | string;
    headers?: Record<string, string>;
  }): Promise<Answer> {
    const headers: Record<string, string> = { ...(r.headers ?? {}) };
    let payload: Buffer | undefined;
    if (r.raw !== undefined) payload = Buffer.isBuffer(r.raw) ? r.raw : Buffer.from(r.raw);
    else if (r.json !== undefined) {
      payload = Buffer.from(stringify(r.json));
      headers['content-type'] ??= 'application/json';
    }
    if (payload) headers['content-length'] = String(payload.length);
    if (r.token) headers.authorization = `Bearer ${r.token}`;
    return new Promise((resolvePromise) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: base.port, method: r.method, path: r.path, headers, agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolvePromise({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', (e) => resolvePromise({ status: 0, headers: {}, text: `response error: ${e.message}` }));
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error('timeout after 30 s')));
      req.on('error', (e) => resolvePromise({ status: 0, headers: {}, text: `request error: ${e.message}` }));
      req.end(payload);
    });
  }

  /** JSON text, with the placeholder for 5 000-deep nesting (too deep to build as an object cheaply). */
  function stringify(value: unknown): string {
    return JSON.stringify(value).replace(/\{"deep":"DEEP"\}/g, deepArray(5000));
  }

  function queryString(q: Record<string, unknown>): string {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(q)) {
      const text = v !== null && typeof v === 'object' ? stringify(v) : String(v);
      // encodeURIComponent refuses lone surrogates; send their UTF-8-less escape as a browser would not.
      let encoded: string;
      try {
        encoded = encodeURIComponent(text);
      } catch {
        encoded = '%ED%A0%80';
      }
      parts.push(`${encodeURIComponent(k)}=${encoded}`);
    }
    return parts.length ? `?${parts.join('&')}` : '';
  }

  function urlOf(op: Operation, override?: { param: string; raw: string }): string {
    return op.path.replace(/\{([^}]+)\}/g, (_m, name: string) =>
      override?.param === name ? override.raw : encodeURIComponent(idFor(op.path, name)),
    );
  }

  function describeFailure(op: Operation, who: string, url: string, what: string, res: Answer): string {
    return `${op.method.toUpperCase()} ${url.slice(0, 200)} as ${who} ${what.slice(0, 200)} → ${res.status} ${res.text.slice(0, 300)}`;
  }

  /** A 5xx, a dropped connection, or an /api error without its stable shape. */
  function failureOf(res: Answer): boolean {
    if (res.status === 0 || res.status >= 500) return true;
    if (res.status >= 400 && String(res.headers['content-type'] ?? '').includes('application/json')) {
      try {
        const body = JSON.parse(res.text);
        return typeof body.code !== 'string' || typeof body.message !== 'string' || body.statusCode !== res.status;
      } catch {
        return true;
      }
    }
    return false;
  }

  function fieldsOf(op: Operation): string[] {
    return Object.keys(op.body?.schema?.properties ?? {});
  }

  async function call(
    op: Operation,
    token: string | null,
    url: string,
    body: Record<string, unknown> | undefined,
    lang: string,
  ): Promise<Answer> {
    const headers: Record<string, string> = lang ? { 'accept-language': lang } : {};
    if (!body || op.method === 'get' || op.method === 'delete')
      return send({ method: op.method.toUpperCase(), path: url, token, headers });
    if (op.body?.type === 'multipart') {
      const boundary = 'fuzzboundary7MA4YWxkTrZu0gW';
      const parts = Object.entries(body).map(
        ([k, v]) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${typeof v === 'string' ? v : stringify(v)}\r\n`,
      );
      const file = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="lots.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\nPK\u0003\u0004 not really a zip\r\n`;
      return send({
        method: 'POST',
        path: url,
        token,
        raw: parts.join('') + file + `--${boundary}--\r\n`,
        headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
    }
    return send({ method: op.method.toUpperCase(), path: url, token, json: body, headers });
  }

  it('reads every operation of the OpenAPI document, the brokering and import routes among them', () => {
    const names = operations.map((o) => `${o.method} ${o.path}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'post /api/supply-lots',
        'patch /api/supply-lots/{id}',
        'post /api/deals',
        'post /api/zones',
        'get /api/map/buyers',
        'get /api/reports/harvest-calendar',
        'post /api/imports',
        'post /api/auth/login',
      ]),
    );
    expect(operations.length).toBeGreaterThanOrEqual(90);
  });

  describe('the eleven causes of the 500s in issue 11, each a clear answer naming its field', () => {
    const expectError = (res: Answer, status: number, code: string, field?: string) => {
      const body = JSON.parse(res.text);
      expect({ status: res.status, code: body.code }).toEqual({ status, code });
      if (field) expect(JSON.stringify(body.details ?? body)).toContain(field);
      return body;
    };

    it('refuses a NUL byte in a query, anonymously, with 400 naming the parameter', async () => {
      const res = await send({ method: 'GET', path: '/api/map/supply?product=LUA%00ST' });
      expectError(res, 400, 'REQUEST.INVALID_CHARACTER', 'product');
    });

    it('refuses a NUL byte in a text field with 400 naming the field', async () => {
      const res = await send({
        method: 'POST',
        path: '/api/cooperatives',
        token: tokens.admin,
        json: { name: 'HTX\u0000', provinceCode: '91' },
      });
      expectError(res, 400, 'REQUEST.INVALID_CHARACTER', 'name');
    });

    it('refuses a lone surrogate in an e-mail with 400 naming the field', async () => {
      const res = await send({
        method: 'POST',
        path: '/api/auth/login',
        raw: '{"email":"a\\ud800@agrilink.vn","password":"x"}',
        headers: { 'content-type': 'application/json' },
      });
      expectError(res, 400, 'REQUEST.INVALID_CHARACTER', 'email');
    });

    it('refuses 5 000-deep JSON with 400', async () => {
      const res = await send({
        method: 'POST',
        path: '/api/cooperatives',
        token: tokens.admin,
        raw: `{"name":${deepObject(5000)}}`,
        headers: { 'content-type': 'application/json' },
      });
      expectError(res, 400, 'REQUEST.TOO_DEEP', 'name.a.a');
    });

    it('refuses a gzip body that is not gzip with 400, and reads one that is', async () => {
      const bad = await send({
        method: 'POST',
        path: '/api/cooperatives',
        token: tokens.admin,
        raw: 'garbage',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      });
      expectError(bad, 400, 'REQUEST.INVALID_ENCODING');
      const good = await send({
        method: 'POST',
        path: '/api/cooperatives',
        token: tokens.admin,
        raw: gzipSync(JSON.stringify({ name: 'HTX Nén', kind: 'cooperative', provinceCode: '91' })),
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      });
      expect(good.status).toBe(201);
      const unknown = await send({
        method: 'POST',
        path: '/api/cooperatives',
        token: tokens.admin,
        raw: '{}',
        headers: { 'content-type': 'application/json', 'content-encoding': 'x-fuzz' },
      });
      expectError(unknown, 415, 'REQUEST.UNSUPPORTED_ENCODING');
    });

    it('refuses null for a required field in a PATCH with 400 naming the field, and changes nothing', async () => {
      const res = await send({
        method: 'PATCH',
        path: `/api/supply-lots/${ids.lot}`,
        token: tokens.admin,
        json: { quantityKg: null, note: 'must not be written' },
      });
      expectError(res, 400, 'VALIDATION.FAILED', 'quantityKg');
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM supply_lots WHERE note = 'must not be written'`,
      );
      expect(n).toBe(0);
    });

    it('refuses a date like 9999-12-31 in report queries with 400 naming the parameter', async () => {
      for (const path of [
        '/api/reports/harvest-calendar?from=9999-12-31',
        '/api/reports/price-watch?to=9999-12-31',
        '/api/reports/backlog-by-commune?date=9999-12-31',
      ]) {
        const res = await send({ method: 'GET', path, token: tokens.staff });
        expectError(res, 400, 'VALIDATION.FAILED', path.split('?')[1].split('=')[0]);
      }
    });

    it('reads a map box wider than 180° as the whole world on every map layer', async () => {
      for (const layer of ['buyers', 'supply', 'zones', 'flows', 'production-areas']) {
        const world = await send({
          method: 'GET',
          path: `/api/map/${layer}?bbox=-540,-100,540,100`,
          token: tokens.staff,
        });
        const none = await send({ method: 'GET', path: `/api/map/${layer}`, token: tokens.staff });
        expect({ layer, status: world.status }).toEqual({ layer, status: 200 });
        expect(JSON.parse(world.text).features.length).toBe(JSON.parse(none.text).features.length);
      }
      const buyers = JSON.parse((await send({ method: 'GET', path: '/api/map/buyers?bbox=-180,-90,180,90' })).text);
      expect(buyers.features.length).toBeGreaterThan(0);
      const list = await send({
        method: 'GET',
        path: '/api/production-areas?bbox=-180,-90,180,90',
        token: tokens.staff,
      });
      expect(JSON.parse(list.text).total).toBeGreaterThan(0);
    });

    it('reads 3-D coordinates in a zone polygon as 2-D (altitudes dropped, as for production areas)', async () => {
      const res = await send({
        method: 'POST',
        path: '/api/zones',
        token: tokens.admin,
        json: { code: 'FUZZ-3D', name: 'z', polygon: zone3d },
      });
      expect(res.status).toBe(201);
      expect(JSON.parse(res.text).polygon.coordinates[0][0]).toEqual([105.07, 10.0]);
    });

    it('refuses a NUL in provinceCodes with 400 naming the element', async () => {
      const res = await send({
        method: 'POST',
        path: '/api/matching-runs',
        token: tokens.staff,
        json: { provinceCodes: ['9\u00001'] },
      });
      expectError(res, 400, 'REQUEST.INVALID_CHARACTER', 'provinceCodes[0]');
    });

    it('answers 503 with Retry-After when the database connection is cut mid-deal, and writes nothing', async () => {
      const lot = await makeSupplyLot(t.dataSource, { cooperativeId: ids.cooperative, productCode: ids.product });
      const admin = new Client({ connectionString: t.db.url });
      const blocker = new Client({ connectionString: t.db.url });
      await admin.connect();
      await blocker.connect();
      try {
        // Hold the lot so the deal's row lock waits, in flight, when its connection is cut.
        await blocker.query('BEGIN');
        await blocker.query('SELECT 1 FROM supply_lots WHERE id = $1 FOR UPDATE', [lot.id]);
        const inFlight = send({
          method: 'POST',
          path: '/api/deals',
          token: tokens.staff,
          json: { supplyLotId: lot.id, purchaseRequestId: ids.request, quantityKg: 5, priceVndPerKg: 7000 },
        });
        for (let i = 0; i < 200; i++) {
          const { rows } = await admin.query(
            `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'transactionid' AND NOT granted`,
          );
          if (rows[0].n > 0) break;
          await new Promise((r) => setTimeout(r, 25));
        }
        const blockerPid = (await blocker.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
        await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid NOT IN (pg_backend_pid(), $1)`,
          [blockerPid],
        );
        await blocker.query('ROLLBACK');
        const res = await inFlight;
        expectError(res, 503, 'DATABASE.UNAVAILABLE');
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        const { rows } = await admin.query(`SELECT count(*)::int AS n FROM deals WHERE supply_lot_id = $1`, [lot.id]);
        expect(rows[0].n).toBe(0);
      } finally {
        await blocker.end().catch(() => undefined);
        await admin.end();
      }
      // The pool replaced its connections: the next deal goes through.
      const next = await send({
        method: 'POST',
        path: '/api/deals',
        token: tokens.staff,
        json: { supplyLotId: lot.id, purchaseRequestId: ids.request, quantityKg: 5, priceVndPerKg: 7000 },
      });
      expect(next.status).toBe(201);
    });
  });

  it('stores hostile text verbatim and harmlessly (parameterised queries)', async () => {
    const name = "HTX '); DROP TABLE cooperatives; -- <script>alert(1)</script>";
    const res = await send({
      method: 'POST',
      path: '/api/cooperatives',
      token: tokens.admin,
      json: { name, kind: 'cooperative', provinceCode: '91' },
    });
    expect(res.status).toBe(201);
    const [{ stored }] = await t.dataSource.query(`SELECT name AS stored FROM cooperatives WHERE id = $1`, [
      JSON.parse(res.text).id,
    ]);
    expect(stored).toBe(name);
  });

  describe('error messages in Vietnamese by default and English by Accept-Language', () => {
    const cases: Array<[string, () => Promise<Answer>, string, RegExp]> = [
      [
        'a NUL byte',
        () => send({ method: 'GET', path: '/api/map/supply?product=a%00b' }),
        'REQUEST.INVALID_CHARACTER',
        /ký tự không hợp lệ/,
      ],
      [
        'deep JSON',
        () =>
          send({
            method: 'POST',
            path: '/api/auth/login',
            raw: deepArray(100),
            headers: { 'content-type': 'application/json' },
          }),
        'REQUEST.TOO_DEEP',
        /lồng nhau quá sâu/,
      ],
      [
        'bad gzip',
        () =>
          send({
            method: 'POST',
            path: '/api/auth/login',
            raw: 'garbage',
            headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
          }),
        'REQUEST.INVALID_ENCODING',
        /giải nén/,
      ],
      [
        'bad JSON',
        () =>
          send({ method: 'POST', path: '/api/auth/login', raw: '{', headers: { 'content-type': 'application/json' } }),
        'REQUEST.INVALID_JSON',
        /JSON/,
      ],
      [
        'a validation error',
        () => send({ method: 'GET', path: '/api/reports/harvest-calendar?from=9999-12-31', token: tokens.staff }),
        'VALIDATION.FAILED',
        /phải là ngày/,
      ],
      ['no sign-in', () => send({ method: 'GET', path: '/api/deals' }), 'AUTH.UNAUTHENTICATED', /đăng nhập/],
    ];
    it.each(cases)('answers %s in Vietnamese without Accept-Language', async (_label, call, code, vi) => {
      const res = await call();
      const body = JSON.parse(res.text);
      expect(body.code).toBe(code);
      expect(body.message).toMatch(vi);
      expect(res.headers['content-language']).toBe('vi');
    });

    it('answers in English when the caller prefers it, in Vietnamese when it ranks Vietnamese higher', async () => {
      const en = await send({
        method: 'GET',
        path: '/api/map/supply?product=a%00b',
        headers: { 'accept-language': 'en-GB,en;q=0.9' },
      });
      expect(JSON.parse(en.text).message).toMatch(/NUL character/);
      expect(en.headers['content-language']).toBe('en');
      const vi = await send({
        method: 'GET',
        path: '/api/map/supply?product=a%00b',
        headers: { 'accept-language': 'en;q=0.5, vi' },
      });
      expect(vi.headers['content-language']).toBe('vi');
    });
  });
  // Last: the fuzzers delete fixtures the tests above rely on.
  describe('every route, every role', () => {
    it('answers every listed input in every route, as every role and anonymously, without a 5xx', async () => {
      const failures: string[] = [];
      let requests = 0;
      const identities = Object.keys(tokens);
      for (const [o, op] of operations.entries()) {
        const fields = fieldsOf(op);
        const queryFields = op.query.map((q) => q.name);
        // Each role once with the route's valid example, so every role reaches past validation…
        for (const who of identities) {
          const url = urlOf(op);
          const res = await call(op, tokens[who], url, op.body ? validBody(op.body.schema) : undefined, 'vi');
          requests++;
          if (failureOf(res)) failures.push(describeFailure(op, who, url, 'valid example', res));
        }
        // …then every listed input, the role and the field rotating (FUZZ_FULL=1: every input as every role).
        for (const [i, input] of LISTED.entries()) {
          for (const [w, who] of identities.entries()) {
            if (!FULL && w !== (i + o) % identities.length) continue;
            const k = i + w + o;
            let url = urlOf(op);
            const body: Record<string, unknown> | undefined = op.body ? validBody(op.body.schema) : undefined;
            if (body && fields.length) body[fields[k % fields.length]] = input;
            if (queryFields.length) url += queryString({ [queryFields[k % queryFields.length]]: input });
            if (op.pathParams.length && i % 3 === o % 3) {
              const text = typeof input === 'string' ? input : stringify(input);
              let raw: string;
              try {
                raw = encodeURIComponent(text);
              } catch {
                raw = '%ED%A0%80';
              }
              url = urlOf(op, { param: op.pathParams[0], raw }) + url.slice(urlOf(op).length);
            }
            const res = await call(op, tokens[who], url, body, ACCEPT_LANGUAGES[k % ACCEPT_LANGUAGES.length]);
            requests++;
            if (failureOf(res)) failures.push(describeFailure(op, who, url, stringify(body ?? null), res));
          }
        }
      }
      console.log(`listed inputs: ${requests} requests over ${operations.length} operations`);
      expect(failures).toEqual([]);
    }, 600_000);

    it('answers seeded random bodies and queries in every route, as every role and anonymously, without a 5xx', async () => {
      const failures: string[] = [];
      let requests = 0;
      for (const [o, op] of operations.entries()) {
        const fields = fieldsOf(op);
        const bodyArb = fc.oneof(
          // Known field names with hostile values over a valid body reach the validators and the services…
          fc
            .record(Object.fromEntries(fields.map((f) => [f, RANDOM_VALUE])), { requiredKeys: [] })
            .map((over) => ({ ...(op.body ? validBody(op.body.schema) : {}), ...over })),
          // …and anything at all tests the edges: arrays, scalars, unknown keys.
          RANDOM_VALUE.map((v) => ({ extra: v })),
        );
        const queryArb = fc.record(Object.fromEntries(op.query.map((q) => [q.name, RANDOM_VALUE])), {
          requiredKeys: [],
        });
        const cases = fc.sample(fc.tuple(bodyArb, queryArb), {
          seed: SEED + o,
          numRuns: RANDOM_CASES_PER_IDENTITY * Object.keys(tokens).length,
        });
        for (const [j, [body, query]] of cases.entries()) {
          const who = Object.keys(tokens)[j % Object.keys(tokens).length];
          const url = urlOf(op) + queryString(query);
          const res = await call(
            op,
            tokens[who],
            url,
            op.body ? body : undefined,
            ACCEPT_LANGUAGES[j % ACCEPT_LANGUAGES.length],
          );
          requests++;
          if (failureOf(res)) failures.push(describeFailure(op, who, url, stringify(body), res));
        }
        // Repeated and bracketed parameters arrive as arrays and odd keys.
        if (op.query.length) {
          const url = `${urlOf(op)}?${op.query.map((q) => `${q.name}=1&${q.name}=2&${q.name}[a]=x`).join('&')}`;
          const res = await send({ method: op.method.toUpperCase(), path: url, token: tokens.admin });
          requests++;
          if (failureOf(res)) failures.push(describeFailure(op, 'admin', url, 'array/object params', res));
        }
      }
      console.log(`random inputs: ${requests} requests`);
      expect(failures).toEqual([]);
    }, 600_000);

    it('answers malformed paths, headers, content types and encodings in every route without a 5xx', async () => {
      const failures: string[] = [];
      let requests = 0;
      const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20));
      const json = (op: Operation) => Buffer.from(JSON.stringify(op.body ? validBody(op.body.schema) : {}));
      const variants: Array<{
        name: string;
        headers: Record<string, string>;
        raw: (op: Operation) => Buffer | string;
      }> = [
        {
          name: 'gzip garbage',
          headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
          raw: () => 'garbage',
        },
        {
          name: 'gzip',
          headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
          raw: (op) => gzipSync(json(op)),
        },
        {
          name: 'truncated gzip',
          headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
          raw: (op) => gzipSync(json(op)).subarray(0, 12),
        },
        {
          name: 'gzip bomb',
          headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
          raw: () => bomb,
        },
        {
          name: 'deflate',
          headers: { 'content-type': 'application/json', 'content-encoding': 'deflate' },
          raw: (op) => deflateSync(json(op)),
        },
        {
          name: 'br garbage',
          headers: { 'content-type': 'application/json', 'content-encoding': 'br' },
          raw: () => 'xx',
        },
        {
          name: 'br',
          headers: { 'content-type': 'application/json', 'content-encoding': 'br' },
          raw: (op) => brotliCompressSync(json(op)),
        },
        {
          name: 'two encodings',
          headers: { 'content-type': 'application/json', 'content-encoding': 'gzip, br' },
          raw: (op) => json(op),
        },
        {
          name: 'unknown encoding',
          headers: { 'content-type': 'application/json', 'content-encoding': 'x-fuzz' },
          raw: (op) => json(op),
        },
        {
          name: 'latin1 charset',
          headers: { 'content-type': 'application/json; charset=latin1' },
          raw: () => Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]),
        },
        {
          name: 'utf-16 charset',
          headers: { 'content-type': 'application/json; charset=utf-16' },
          raw: (op) => Buffer.from(json(op).toString(), 'utf16le'),
        },
        {
          name: 'unknown charset',
          headers: { 'content-type': 'application/json; charset=x-fuzz' },
          raw: (op) => json(op),
        },
        {
          name: 'invalid UTF-8',
          headers: { 'content-type': 'application/json' },
          raw: () => Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0xff, 0x22, 0x7d]),
        },
        {
          name: 'BOM',
          headers: { 'content-type': 'application/json' },
          raw: (op) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), json(op)]),
        },
        { name: 'truncated JSON', headers: { 'content-type': 'application/json' }, raw: () => '{"name": "x' },
        { name: 'JSON scalar', headers: { 'content-type': 'application/json' }, raw: () => '"just text"' },
        { name: 'deep array', headers: { 'content-type': 'application/json' }, raw: () => deepArray(5000) },
        { name: 'deep object', headers: { 'content-type': 'application/json' }, raw: () => deepObject(5000) },
        {
          name: 'escaped NUL key',
          headers: { 'content-type': 'application/json' },
          raw: () => '{"a\\u0000":1,"name":"\\u0000"}',
        },
        {
          name: 'lone surrogate escape',
          headers: { 'content-type': 'application/json' },
          raw: () => '{"email":"a\\ud800@x.vn","name":"\\udfff"}',
        },
        {
          name: 'too large',
          headers: { 'content-type': 'application/json' },
          raw: () => `{"name":"${'x'.repeat(1_200_000)}"}`,
        },
        {
          name: 'form body',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          raw: () => 'name=a%00b&name=2&location[lat]=x&%ED%A0%80=1',
        },
        {
          name: 'form body, many parameters',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          raw: () => Array.from({ length: 3000 }, (_, i) => `p${i}=1`).join('&'),
        },
        { name: 'text/plain', headers: { 'content-type': 'text/plain' }, raw: () => 'hello' },
        { name: 'xml', headers: { 'content-type': 'application/xml' }, raw: () => '<a>1</a>' },
        {
          name: 'multipart without boundary',
          headers: { 'content-type': 'multipart/form-data' },
          raw: () => '--x\r\n\r\n',
        },
        {
          name: 'multipart garbage',
          headers: { 'content-type': 'multipart/form-data; boundary=zz' },
          raw: () => '--zz\r\nContent-Disposition: form-data; name="file"; filename="\u0000.xlsx"\r\n\r\nabc',
        },
        { name: 'no content type', headers: {}, raw: (op) => json(op) },
        {
          name: 'odd Accept',
          headers: { 'content-type': 'application/json', accept: 'application/xml;q=1, */*;q=0' },
          raw: (op) => json(op),
        },
        {
          name: 'odd Accept-Language',
          headers: { 'content-type': 'application/json', 'accept-language': 'vi-VN;q=1.5,en;q=-1,,;;' },
          raw: (op) => json(op),
        },
        {
          name: 'forged bearer',
          headers: {
            'content-type': 'application/json',
            authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.',
          },
          raw: (op) => json(op),
        },
        {
          name: 'basic auth',
          headers: { 'content-type': 'application/json', authorization: 'Basic YWRtaW46YWRtaW4=' },
          raw: (op) => json(op),
        },
        {
          name: 'X-Forwarded-For garbage',
          headers: {
            'content-type': 'application/json',
            'x-forwarded-for': 'not-an-ip, , 999.1.1.1, ::ffff:1.2.3.4, 10.0.0.1:80',
          },
          raw: (op) => json(op),
        },
      ];
      const rawPaths = [
        '%00',
        'a%00b',
        '%ED%A0%80',
        '%E0%A4%A',
        '%',
        '..%2F..%2Fetc%2Fpasswd',
        'x'.repeat(5000),
        '-1',
        '9'.repeat(40),
      ];
      for (const op of operations) {
        const method = op.method.toUpperCase();
        for (const v of variants) {
          // Bodies go to every operation, GET and DELETE included: a body where none is expected must not break them either.
          const url = urlOf(op);
          const res = await send({
            method,
            path: url,
            token: v.headers.authorization ? undefined : tokens.admin,
            raw: v.raw(op),
            headers: v.headers,
          });
          requests++;
          if (failureOf(res)) failures.push(describeFailure(op, 'admin', url, v.name, res));
        }
        for (const raw of op.pathParams.length ? rawPaths : []) {
          const url = urlOf(op, { param: op.pathParams[0], raw });
          for (const who of ['admin', 'anonymous']) {
            const res = await send({ method, path: url, token: tokens[who] });
            requests++;
            if (failureOf(res)) failures.push(describeFailure(op, who, url, 'raw path', res));
          }
        }
        const res = await send({
          method,
          path: `${urlOf(op)}?%ZZ=%E0%A4%A&a=%00&b[=1&${'q=1&'.repeat(2000)}`,
          token: tokens.admin,
        });
        requests++;
        if (failureOf(res)) failures.push(describeFailure(op, 'admin', urlOf(op), 'malformed query', res));
      }
      console.log(`headers and encodings: ${requests} requests`);
      expect(failures).toEqual([]);
    }, 600_000);
  });
});
