/**
 * npm run bench:api — load figures for BENCHMARKS.md, loopback only, bounded in time.
 * Seeds 100 000 supply lots and 20 000 purchase requests (set-based SQL) into a fresh `_test`
 * database on the server PostgreSQL, starts the built api on a free port, and measures at
 * 50 concurrent clients: the map supply layer for a province-sized view, the supply list,
 * and posting lots (then counts rows: no error, no lost row).
 * Env: BENCH_DURATION_S (default 15 per read scenario), BENCH_POSTS (default 5000), TEST_DATABASE_ADMIN_URL.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase } from '@agrilink/testing';
import { randomBytes } from 'node:crypto';
import { newTotpSecret, totpCodeAt } from '@agrilink/core';
import { freePort, waitForHealth } from './bench-support';

// autocannon ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<AutocannonResult>;

/** The part of autocannon's result this benchmark reads. */
interface AutocannonResult {
  latency: { p50: number; p95?: number; p97_5: number; p99: number };
  requests: { total: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
/** The request autocannon hands to setupRequest, which may rewrite it. */
interface AutocannonRequest {
  path?: string;
  body?: string;
}

const ROOT = resolve(__dirname, '../..');
const LOTS = 100_000;
const REQUESTS = 20_000;
const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 15);
const POSTS = Number(process.env.BENCH_POSTS ?? 5_000);
// Kiên Giang (province 91), mainland part: a province-sized map view.
const PROVINCE_BBOX = '104.40,9.55,105.55,10.55';
// Fresh per run: no secret lives in the code. Production mode asks admins for a TOTP code.
const ADMIN = { email: 'bench-admin@agrilink.local', password: randomBytes(18).toString('base64url') };
const ADMIN_TOTP_SECRET = newTotpSecret();

interface Row {
  scenario: string;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

async function main() {
  const loadBefore = loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');
  const db = await createTestDatabase('agrilink_bench');
  let api: ChildProcess | undefined;
  try {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    api = spawn(process.execPath, [resolve(ROOT, 'dist/apps/api/src/main.js')], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: db.url,
        DATABASE_POOL_SIZE: '20',
        QUEUE_PREFIX: `agrilink-bench-${process.pid}`,
        RUN_WORKER: 'false',
        SEED_DEMO: 'false',
        JWT_SECRET: randomBytes(32).toString('base64url'),
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        ADMIN_TOTP_SECRET,
        LOG_LEVEL: 'warn',
        RATE_LIMIT_WRITES_PER_MINUTE: '1000000',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    await waitForHealth(base, 120_000);

    const t0 = Date.now();
    const c = new Client({ connectionString: db.url });
    await c.connect();
    const coopIds = await seed(c);
    console.log(`Seeded ${LOTS} lots and ${REQUESTS} requests in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...ADMIN, totp: totpCodeAt(ADMIN_TOTP_SECRET, Date.now()) }),
    });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const auth = { authorization: `Bearer ${token}` };

    const rows: Row[] = [];
    const warm = async (path: string) => {
      for (let i = 0; i < 20; i++) await fetch(base + path, { headers: auth }).then((r) => r.arrayBuffer());
    };
    const mapPath = `/api/map/supply?bbox=${PROVINCE_BBOX}&zoom=9`;
    const probeStart = performance.now();
    const mapProbe = await fetch(base + mapPath);
    await mapProbe.arrayBuffer();
    const firstMapMs = performance.now() - probeStart;
    const responsiveness = mapProbe.ok ? await mapResponsiveness(base) : [];
    const readScenarios: Array<[string, string, Record<string, string>]> = [
      [
        mapProbe.ok ? `GET ${mapPath} (anonymous)` : 'GET /api/supply-lots?limit=50&provinceCode=91',
        mapProbe.ok ? mapPath : '/api/supply-lots?limit=50&provinceCode=91',
        mapProbe.ok ? {} : auth,
      ],
      ['GET /api/supply-lots?limit=50&provinceCode=91', '/api/supply-lots?limit=50&provinceCode=91', auth],
      ['GET /api/map/supply-list?limit=50 (anonymous)', '/api/map/supply-list?limit=50', {}],
    ];
    for (const [name, path, headers] of readScenarios) {
      await warm(path);
      const r = await autocannon({ url: base + path, connections: CONNECTIONS, duration: DURATION_S, headers });
      rows.push(toRow(name, r));
      console.log(name, rows[rows.length - 1]);
    }
    if (mapProbe.ok) {
      // Panning: every request a view not asked before, so no answer is reused.
      let k = 0;
      const panned = await autocannon({
        url: base + mapPath,
        connections: CONNECTIONS,
        duration: DURATION_S,
        requests: [
          {
            setupRequest: (req: AutocannonRequest) => {
              const d = (k++ % 100_000) * 0.00001;
              req.path = `/api/map/supply?bbox=${(104.4 + d).toFixed(5)},9.55,${(105.55 + d).toFixed(5)},10.55&zoom=9`;
              return req;
            },
          },
        ],
      });
      rows.splice(
        1,
        0,
        toRow('GET /api/map/supply, province view at zoom 9, panned: a new bbox on every request (anonymous)', panned),
      );
      console.log('panned', rows[1]);
    }

    // Writes: POSTS lots at 50 concurrent clients, each body distinct; then every accepted one must be in the table.
    let i = 0;
    let accepted = 0;
    const acceptedNotes: string[] = [];
    const write = await autocannon({
      url: base + '/api/supply-lots',
      connections: CONNECTIONS,
      amount: POSTS,
      timeout: 60,
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      requests: [
        {
          setupRequest: (req: AutocannonRequest) => {
            const k = i++;
            req.body = JSON.stringify({
              cooperativeId: coopIds[k % coopIds.length],
              product: 'LUA_ST',
              quantityKg: 1000 + k,
              harvestFrom: '2026-12-01',
              harvestTo: '2026-12-20',
              askVndPerKg: 7000 + (k % 500),
              location: { lat: 9.6 + (k % 90) / 100, lng: 104.6 + (k % 80) / 100 },
              note: `bench-${k}`,
            });
            return req;
          },
          onResponse: (status: number, body: string) => {
            if (status !== 201) return;
            accepted++;
            acceptedNotes.push((JSON.parse(body) as { note: string }).note);
          },
        },
      ],
    });
    const [{ n: after, distinct }] = (
      await c.query<{ n: number; distinct: number }>(
        `SELECT count(*)::int AS n, count(DISTINCT note)::int AS distinct FROM supply_lots WHERE note LIKE 'bench-%'`,
      )
    ).rows;
    const total = (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM supply_lots`)).rows[0].n;
    const writeRow = toRow(`POST /api/supply-lots (${POSTS} lots)`, write);
    rows.push(writeRow);
    const stored = new Set(
      (await c.query<{ note: string }>(`SELECT note FROM supply_lots WHERE note LIKE 'bench-%'`)).rows.map(
        (r) => r.note,
      ),
    );
    // Lost: acknowledged (201) but not in the table. Duplicated: one post stored twice.
    const lost = acceptedNotes.filter((n) => !stored.has(n)).length;
    const duplicated = after - distinct;
    console.log('writes', writeRow, { accepted, stored: after, distinct, lost, duplicated, total });
    await c.end();

    const command = `npm run bench:api${process.env.BENCH_DURATION_S ? ` (BENCH_DURATION_S=${DURATION_S})` : ''}`;
    const md = [
      `Command: \`${command}\` on ${cpus().length} × ${cpus()[0]?.model?.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL server on loopback; ${new Date().toISOString().slice(0, 10)}.`,
      `Load average before the run: ${loadBefore}; after: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(', ')}.`,
      `Data: ${LOTS.toLocaleString('en')} supply lots and ${REQUESTS.toLocaleString('en')} purchase requests (set-based seed), ${CONNECTIONS} concurrent clients, ${DURATION_S} s per read scenario, one api process (pool 20).`,
      '',
      '| scenario | requests | errors (non-2xx) | req/s | p50 ms | p95 ms | p99 ms |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows.map(
        (r) => `| ${r.scenario} | ${r.requests} | ${r.errors} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p95} | ${r.p99} |`,
      ),
      '',
      `Target: p95 < 100 ms for the province map view → ${rows[0].p95 < 100 ? 'met' : 'NOT met'} (p95 ${rows[0].p95} ms).`,
      '',
      `Map responsiveness with ${LOTS.toLocaleString('en')} lots: one client, a 1280 × 800 px view over Kiên Giang, 10 views panned by a tenth of their width (none answered before); median / max ms. ` +
        `First map request after start (loads the open lots into memory): ${firstMapMs.toFixed(0)} ms.`,
      '',
      '| zoom | view (degrees) | features | median ms | max ms |',
      '| ---: | --- | ---: | ---: | ---: |',
      ...responsiveness.map(
        (r) =>
          `| ${r.zoom} | ${r.width.toFixed(3)} × ${r.height.toFixed(3)} | ${r.features} | ${r.median.toFixed(1)} | ${r.max.toFixed(1)} |`,
      ),
      `Writes: ${accepted} of ${POSTS} posts accepted (201), ${after} rows stored, ${lost} acknowledged rows lost, ${duplicated} duplicated, ${writeRow.errors} errors → ${lost === 0 && duplicated === 0 && writeRow.errors === 0 ? 'no error, no lost row' : 'FAILED'}.`,
    ].join('\n');
    writeSection(md);
    console.log(md);
    if (lost !== 0 || duplicated !== 0 || writeRow.errors !== 0) process.exitCode = 1;
  } finally {
    const running = api?.exitCode === null ? api : undefined;
    if (running) {
      running.kill('SIGTERM');
      await new Promise((r) => running.once('exit', r));
    }
    await db.drop();
  }
}

/** Time to answer one map view at zooms 6, 9, 12 and 14, each view new (no reused answer). */
async function mapResponsiveness(base: string) {
  const out: Array<{ zoom: number; width: number; height: number; features: number; median: number; max: number }> = [];
  for (const zoom of [6, 9, 12, 14]) {
    const degPerPx = 360 / (256 * 2 ** zoom);
    const width = 1280 * degPerPx;
    const height = 800 * degPerPx;
    const times: number[] = [];
    let features = 0;
    for (let i = 0; i < 10; i++) {
      const minLng = 105.0 - width / 2 + (i * width) / 10;
      const minLat = 10.05 - height / 2;
      const bbox = [minLng, minLat, minLng + width, minLat + height].map((x) => x.toFixed(6)).join(',');
      const t0 = performance.now();
      const res = await fetch(`${base}/api/map/supply?bbox=${bbox}&zoom=${zoom}`);
      const body = (await res.json()) as { features: unknown[] };
      times.push(performance.now() - t0);
      if (!res.ok) throw new Error(`map view at zoom ${zoom}: ${res.status}`);
      features = Math.max(features, body.features.length);
    }
    times.sort((a, b) => a - b);
    out.push({ zoom, width, height, features, median: (times[4] + times[5]) / 2, max: times[9] });
    console.log('map view', out[out.length - 1]);
  }
  return out;
}

async function seed(c: Client): Promise<string[]> {
  await c
    .query(
      `INSERT INTO products (code, name_vi, name_en, category, unit, search_text)
                 SELECT 'LUA_ST', 'Lúa ST', 'ST rice', 'rice', 'kg', 'lua st' WHERE NOT EXISTS (SELECT 1 FROM products WHERE code = 'LUA_ST')`,
    )
    .catch(() => undefined);
  const products = (await c.query<{ code: string }>(`SELECT code FROM products ORDER BY code LIMIT 20`)).rows.map(
    (r) => r.code,
  );
  if (!products.includes('LUA_ST')) throw new Error('product LUA_ST is missing from the reference data');
  await c.query('BEGIN');
  await c.query(
    `INSERT INTO cooperatives (kind, name, province_code, location, certifications, products, contact_phone, search_text)
     SELECT 'cooperative', 'HTX Bench ' || g, '91', ST_SetSRID(ST_MakePoint(104.5 + random() * 1.0, 9.6 + random() * 0.9), 4326)::geography,
            '{VIETGAP}', $1::text[], '09' || lpad(g::text, 8, '0'), 'htx bench ' || g
     FROM generate_series(1, 2000) g`,
    [products],
  );
  await c.query(
    `INSERT INTO buyers (type, name, province_code, location, products_wanted, search_text)
     SELECT 'wholesale_market', 'Buyer Bench ' || g, '79', ST_SetSRID(ST_MakePoint(106.4 + random() * 0.5, 10.6 + random() * 0.4), 4326)::geography, $1::text[], 'buyer bench ' || g
     FROM generate_series(1, 1000) g`,
    [products],
  );
  // 60 % of lots in the province view, the rest across the Mekong Delta.
  await c.query(
    `WITH coop AS (SELECT array_agg(id) AS ids FROM cooperatives), prod AS (SELECT $1::text[] AS codes)
     INSERT INTO supply_lots (cooperative_id, product_code, quantity_kg, harvest_from, harvest_to, certifications, ask_vnd_per_kg, location, province_code, status)
     SELECT coop.ids[1 + (g % array_length(coop.ids, 1))], prod.codes[1 + (g % array_length(prod.codes, 1))],
            1000 + (g % 200) * 500, d, d + (g % 20), '{VIETGAP}', 5000 + (g % 100) * 50,
            CASE WHEN g % 10 < 6
              THEN ST_SetSRID(ST_MakePoint(104.45 + random() * 1.05, 9.6 + random() * 0.9), 4326)::geography
              ELSE ST_SetSRID(ST_MakePoint(104.8 + random() * 2.0, 8.8 + random() * 2.0), 4326)::geography END,
            CASE WHEN g % 10 < 6 THEN '91' ELSE '92' END, CASE WHEN g % 20 = 0 THEN 'closed' ELSE 'open' END
     FROM generate_series(1, ${LOTS}) g, coop, prod, LATERAL (SELECT DATE '2026-11-01' + (g % 90) AS d) dd`,
    [products],
  );
  await c.query(
    `WITH b AS (SELECT array_agg(id) AS ids FROM buyers), prod AS (SELECT $1::text[] AS codes)
     INSERT INTO purchase_requests (buyer_id, product_code, quantity_kg, deliver_from, deliver_to, bid_vnd_per_kg, location, province_code)
     SELECT b.ids[1 + (g % array_length(b.ids, 1))], prod.codes[1 + (g % array_length(prod.codes, 1))], 5000 + (g % 100) * 1000,
            DATE '2026-11-01' + (g % 60), DATE '2026-11-01' + (g % 60) + 30, 6000 + (g % 100) * 60,
            ST_SetSRID(ST_MakePoint(106.0 + random() * 1.0, 10.3 + random() * 0.8), 4326)::geography, '79'
     FROM generate_series(1, ${REQUESTS}) g, b, prod`,
    [products],
  );
  await c.query('COMMIT');
  // Steady state: a table this size is vacuumed by autovacuum in production; fresh from a bulk load its visibility map is empty.
  await c.query('VACUUM ANALYZE');
  return (
    await c.query<{ id: string }>(`SELECT id FROM cooperatives WHERE name LIKE 'HTX Bench %' ORDER BY id LIMIT 200`)
  ).rows.map((r) => r.id);
}

function toRow(scenario: string, r: AutocannonResult): Row {
  const lat = r.latency;
  return {
    scenario,
    requests: r.requests.total,
    errors: r.non2xx + r.errors + r.timeouts,
    rps: r.requests.average,
    p50: lat.p50,
    p95: lat.p95 ?? lat.p97_5,
    p99: lat.p99,
  };
}

function writeSection(body: string) {
  const file = resolve(ROOT, 'BENCHMARKS.md');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    text = '# Benchmarks\n';
  }
  const re = /<!-- bench:api -->[\s\S]*?<!-- \/bench:api -->/;
  // Hand-written notes after the `bench:api:notes` marker (before/after, design) survive a new run.
  const notes = /<!-- bench:api:notes -->[\s\S]*?(?=<!-- \/bench:api -->)/.exec(re.exec(text)?.[0] ?? '')?.[0] ?? '';
  const block = `<!-- bench:api -->\n${body}\n${notes ? `\n${notes.trimEnd()}\n` : ''}<!-- /bench:api -->`;
  text = re.test(text) ? text.replace(re, block) : `${text.trimEnd()}\n\n## API under load\n\n${block}\n`;
  writeFileSync(file, text);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
