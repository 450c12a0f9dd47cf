/**
 * npm run bench:upload — the api's memory and /api/health latency while the worst
 * uploads are processed (issue 11 item 4). The api runs as its own process, the README
 * way (`node dist/apps/api/src/main.js`, RUN_WORKER=true, so the import worker is in it),
 * on a fresh server PostgreSQL database; this script uploads, polls, and samples the
 * api's RSS from /proc every 20 ms and /api/health back to back.
 * Writes its section of BENCHMARKS.md between <!-- bench:upload --> markers.
 */
import 'reflect-metadata';
import ExcelJS from 'exceljs';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, xlsxBomb } from '@agrilink/testing';

const MB = 1024 * 1024;
const ROWS = Number(process.env.BENCH_UPLOAD_ROWS ?? 200_000);
const HEADERS = [
  'Mã số thuế HTX',
  'Mã sản phẩm',
  'Sản lượng (kg)',
  'Thu hoạch từ ngày',
  'Thu hoạch đến ngày',
  'Giá chào bán (đồng/kg)',
  'Chứng nhận',
  'Ghi chú',
];
const BOMB_ROW = ['1700000000', 'LUA_ST', '1.000', '01/12/2026', '15/12/2026', '7.200', 'VIETGAP', 'lô'];

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
}

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

interface Measure {
  idleRss: number;
  peakRss: number;
  p50: number;
  p99: number;
  max: number;
  samples: number;
  failures: number;
  ms: number;
  maxLoad1: number;
}

async function measured<T>(pid: number, base: string, work: () => Promise<T>): Promise<{ result: T; m: Measure }> {
  const idleRss = rssOf(pid);
  let peakRss = idleRss;
  let maxLoad1 = loadavg()[0];
  const rssTimer = setInterval(() => {
    try {
      peakRss = Math.max(peakRss, rssOf(pid));
    } catch {
      /* the process is gone: the run will say so */
    }
    maxLoad1 = Math.max(maxLoad1, loadavg()[0]);
  }, 20);
  const latencies: number[] = [];
  let failures = 0;
  // Set by the caller once the work is done; `as boolean` because the loop reads it after awaits TS cannot follow.
  let stop = false as boolean;
  const loop = (async () => {
    while (!stop) {
      const t0 = performance.now();
      const ok = await fetch(`${base}/health`, { signal: AbortSignal.timeout(30_000) })
        .then((r) => r.ok)
        .catch(() => false);
      latencies.push(performance.now() - t0);
      if (!ok) failures++;
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const start = Date.now();
  const result = await work();
  const ms = Date.now() - start;
  stop = true;
  await loop;
  clearInterval(rssTimer);
  const sorted = latencies.sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  return {
    result,
    m: {
      idleRss,
      peakRss,
      p50: q(0.5),
      p99: q(0.99),
      max: sorted[sorted.length - 1] ?? 0,
      samples: sorted.length,
      failures,
      ms,
      maxLoad1,
    },
  };
}

async function main() {
  const db = await createTestDatabase('agrilink_bench_upload');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/api`;
  const adminEmail = `bench-${randomBytes(4).toString('hex')}@bench.agrilink.vn`;
  const adminPassword = `Bench@${randomBytes(6).toString('hex')}`;
  const api: ChildProcess = spawn(process.execPath, [resolve(__dirname, '../apps/api/src/main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: db.url,
      QUEUE_PREFIX: `agrilink-bench-${randomBytes(4).toString('hex')}`,
      SEED_DEMO: 'false',
      RUN_WORKER: 'true',
      JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(24).toString('hex'),
      ADMIN_EMAIL: adminEmail,
      ADMIN_PASSWORD: adminPassword,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  // Set from the exit handler, which TS's flow analysis does not see; hence the widened initial type.
  let exited = null as string | null;
  api.on('exit', (code, signal) => {
    exited = `api exited (${code ?? signal ?? 'unknown'})`;
  });
  const pg = new Client({ connectionString: db.url });
  try {
    for (let i = 0; ; i++) {
      if (exited) throw new Error(exited);
      const up = await fetch(`${base}/health`)
        .then((r) => r.ok)
        .catch(() => false);
      if (up) break;
      if (i > 600) throw new Error('the api did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: adminEmail, password: adminPassword }),
    });
    const token = ((await login.json()) as { accessToken?: string }).accessToken;
    if (!token) throw new Error(`login answered ${login.status}`);

    await pg.connect();
    const COOPERATIVES = 500;
    await pg.query(
      `INSERT INTO cooperatives (kind, name, tax_code, province_code, location, search_text)
       SELECT 'cooperative', 'HTX Bench ' || g, (1700000000 + g)::text, '91', ST_SetSRID(ST_MakePoint(105.3, 9.93), 4326)::geography, 'htx bench ' || g
         FROM generate_series(0, $1 - 1) AS g`,
      [COOPERATIVES],
    );
    const product = (await pg.query<{ code: string }>(`SELECT code FROM products ORDER BY code LIMIT 2`)).rows.map(
      (r) => r.code,
    );
    if (!product.length) throw new Error('no products in the reference data');

    const upload = async (file: Buffer, name: string) => {
      const form = new FormData();
      form.append('kind', 'supply-lots');
      form.append('mode', 'partial');
      form.append('file', new Blob([file]), name);
      const res = await fetch(`${base}/imports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      return { status: res.status, body: (await res.json()) as { id?: string; code?: string } };
    };
    const finish = async (id: string) => {
      for (;;) {
        const view = (await fetch(`${base}/imports/${id}`, { headers: { authorization: `Bearer ${token}` } })
          .then((r) => r.json())
          .catch(() => ({ status: 'polling' }))) as { status: string; error?: { code: string }; writtenRows?: number };
        if (view.status === 'completed' || view.status === 'failed') return view;
        if (exited) throw new Error(exited);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    const outcome = async (file: Buffer, name: string) => {
      const u = await upload(file, name);
      if (u.status !== 202 || !u.body.id) return `${u.status} ${u.body.code ?? 'without a code'}`;
      const v = await finish(u.body.id);
      return v.status === 'completed'
        ? `completed, ${v.writtenRows ?? 0} written`
        : `failed ${v.error?.code ?? 'without a code'}`;
    };

    const t0 = Date.now();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('San luong');
    ws.addRow(HEADERS);
    for (let i = 0; i < ROWS; i++) {
      const from = new Date(Date.UTC(2026, 0, 1) + (i % 3000) * 86400_000);
      const to = new Date(from.getTime() + (5 + (i % 20)) * 86400_000);
      const fmt = (d: Date) =>
        `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
      ws.addRow([
        String(1_700_000_000 + (Math.floor(i / 3000) % COOPERATIVES)),
        product[i % product.length],
        (1000 + i).toLocaleString('de-DE'),
        fmt(from),
        fmt(to),
        '7.200',
        'VIETGAP',
        `lô ${i}`,
      ]);
    }
    const legit = Buffer.from(await wb.xlsx.writeBuffer());
    const honest = await xlsxBomb({ headers: HEADERS, row: BOMB_ROW, rows: 1_200_000 });
    const forged = await xlsxBomb({
      headers: HEADERS,
      row: BOMB_ROW,
      rows: 1_200_000,
      sizes: 'forged',
      forgedSize: 512 * 1024,
    });
    const believable = await xlsxBomb({
      headers: HEADERS,
      row: BOMB_ROW,
      rows: 1_200_000,
      sizes: 'forged',
      forgedSize: 120 * MB,
    });
    console.log(`files generated in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const cases: Array<{ name: string; file: string; run: () => Promise<string> }> = [
      {
        name: 'honest zip bomb (directory declares the inflated size)',
        file: `${(honest.file.length / MB).toFixed(1)} MB → ${Math.round(honest.inflatedBytes / MB)} MB`,
        run: () => outcome(honest.file, 'bom.xlsx'),
      },
      {
        name: 'forged zip bomb (directory and data descriptor declare 0.5 MB)',
        file: `${(forged.file.length / MB).toFixed(1)} MB → ${Math.round(forged.inflatedBytes / MB)} MB`,
        run: () => outcome(forged.file, 'gia-mao.xlsx'),
      },
      {
        name: 'forged zip bomb declaring a believable 120 MB (worker reads up to the row limit)',
        file: `${(believable.file.length / MB).toFixed(1)} MB → ${Math.round(believable.inflatedBytes / MB)} MB`,
        run: () => outcome(believable.file, 'gia-mao-120.xlsx'),
      },
      {
        // The worker takes one import at a time, so eight believable bombs would only queue (≈ 8 × the case above);
        // the eight that killed the api before were honest ones, parsed at upload.
        name: '8 zip bombs at once (4 honest, 4 forged at 0.5 MB)',
        file: `8 × ${(honest.file.length / MB).toFixed(1)} MB`,
        run: async () => {
          const all = await Promise.all(
            Array.from({ length: 8 }, (_, i) =>
              i % 2 ? outcome(forged.file, `gia-mao-${i}.xlsx`) : outcome(honest.file, `bom-${i}.xlsx`),
            ),
          );
          const counts = new Map<string, number>();
          for (const a of all) counts.set(a, (counts.get(a) ?? 0) + 1);
          return [...counts].map(([k, n]) => `${n} × ${k}`).join('; ');
        },
      },
      {
        name: `real workbook at the row limit (${ROWS.toLocaleString('en-US')} supply lots)`,
        file: `${(legit.length / MB).toFixed(1)} MB`,
        run: () => outcome(legit, 'san-luong.xlsx'),
      },
    ];
    const results: Array<{ name: string; file: string; outcome: string; m: Measure }> = [];
    const pid = api.pid;
    if (pid === undefined) throw new Error('the api did not start');
    for (const c of cases) {
      await new Promise((r) => setTimeout(r, 2000));
      const { result, m } = await measured(pid, base, c.run);
      if (exited) throw new Error(`${c.name}: ${exited}`);
      results.push({ name: c.name, file: c.file, outcome: result, m });
      console.log(c.name, result, JSON.stringify(m));
    }

    const f = (ms: number) => ms.toFixed(ms < 10 ? 1 : 0);
    const section = [
      '<!-- bench:upload -->',
      '## Uploads under attack (`POST /api/imports`, issue 11 item 4)',
      '',
      `Command: \`npm run bench:upload\`. Machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}; ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; load average (1, 5, 15 min) at the end ${loadavg()
        .map((l) => l.toFixed(1))
        .join(', ')} — the machine was shared with other work, so latencies include waiting for a core.`,
      "The api runs as its own process the README way (`node dist/apps/api/src/main.js`, RUN_WORKER=true, so the import worker is in it) on the server PostgreSQL and Redis, default limits (IMPORT_MAX_FILE_BYTES 20 MB, IMPORT_MAX_UNCOMPRESSED_BYTES 200 MB, ratio 100, IMPORT_MAX_ROWS 200 000). RSS of the api process read from /proc every 20 ms; `/api/health` requested back to back (20 ms apart) from this script while each case runs, from the upload to the import's end.",
      '',
      '| case | file | outcome | api RSS idle → peak (MB) | growth (MB) | /api/health p50 / p99 / max (ms) | health failures | case time (s) | max load (1 min) |',
      '|---|---|---|---:|---:|---:|---:|---:|---:|',
      ...results.map(
        (r) =>
          `| ${r.name} | ${r.file} | ${r.outcome} | ${Math.round(r.m.idleRss / MB)} → ${Math.round(r.m.peakRss / MB)} | ${Math.round((r.m.peakRss - r.m.idleRss) / MB)} | ${f(r.m.p50)} / ${f(r.m.p99)} / ${f(r.m.max)} | ${r.m.failures} of ${r.m.samples} | ${(r.m.ms / 1000).toFixed(1)} | ${r.m.maxLoad1.toFixed(1)} |`,
      ),
      '',
      `Over the whole run the api's RSS peaked at ${Math.round(Math.max(...results.map((r) => r.m.peakRss)) / MB)} MB, ${Math.round((Math.max(...results.map((r) => r.m.peakRss)) - results[0].m.idleRss) / MB)} MB above its first idle: V8 keeps the heap a case grew (the idle before a case is the previous case's level) and the next import reuses it.`,
      '',
      'Before (issue 11): a 1.9 MB workbook inflating to 310 MB was parsed in the api at upload, blocked it 22 s, and eight at once killed it (heap out of memory). Budget: at most 300 MB above idle, the api answering throughout.',
      '<!-- /bench:upload -->',
    ].join('\n');
    console.log(section);
    const path = resolve(__dirname, '../../BENCHMARKS.md');
    const target = existsSync(path) ? path : resolve(process.cwd(), 'BENCHMARKS.md');
    const current = existsSync(target) ? readFileSync(target, 'utf8') : '# Benchmarks\n';
    const re = /<!-- bench:upload -->[\s\S]*?<!-- \/bench:upload -->/;
    writeFileSync(target, re.test(current) ? current.replace(re, section) : `${current.trimEnd()}\n\n${section}\n`);
  } finally {
    await pg.end().catch(() => undefined);
    api.kill('SIGTERM');
    await new Promise((r) => (exited ? r(null) : api.once('exit', r)));
    await db.drop();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
