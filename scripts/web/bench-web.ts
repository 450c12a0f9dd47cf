/**
 * npm run bench:web — the web app on a weak phone, for BENCHMARKS.md (issue 15 item 7).
 * Starts the built api (NODE_ENV=production: compressed answers, cached hashed assets) on a
 * fresh `_test` database with the demo data, opens it in Debian's Chromium at 390×844 with
 * Lighthouse's Fast-3G figures (DevTools throttling: 150 ms RTT × 3.75 = 562.5 ms latency,
 * 1.6 Mbps × 0.9 down, 750 kbps × 0.9 up) and a 4× CPU slowdown, and measures the time to a usable
 * map, the requests per map layer and the bytes sent.
 * A usable map: the map container shows the country outline (the provinces drawn) and the supply
 * layer (every lot marker or cluster of the first view drawn, not merely the first), and the browser
 * has painted that frame. The page itself takes the time (a MutationObserver, then the next
 * animation frame), so the harness's polling and round trips add nothing to it.
 * Cold runs (empty cache) and one warm run (second visit). Env: BENCH_WEB_RUNS (default 3).
 * No tile server is configured: the base map is the bundled outline, tiles are not in the figures.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { newTotpSecret } from '@agrilink/core';
import { createTestDatabase } from '@agrilink/testing';
import { freePort, waitForHealth } from '../bench-support';

const ROOT = resolve(__dirname, '../../..');
const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 3);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FAST_3G = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8,
  uploadThroughput: (750 * 1024 * 0.9) / 8,
};
const CPU_SLOWDOWN = 4;
const LAYERS = [
  '/api/map/supply',
  '/api/map/production-areas',
  '/api/map/buyers',
  '/api/map/zones',
  '/api/map/flows',
  '/api/checkpoints/layer',
];
const TARGET_MS = 3000;

/** Runs in the page before its own scripts: long tasks, and when the map first becomes usable. */
const IN_PAGE_PROBE = `
  window.__longTasks = [];
  window.__usable = {};
  new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__longTasks.push({ startMs: Math.round(e.startTime), ms: Math.round(e.duration) }))).observe({ type: 'longtask', buffered: true });
  const u = window.__usable;
  const watch = new MutationObserver(() => {
    const map = document.getElementById('map');
    if (!map) return;
    if (u.outline === undefined && map.querySelector('path.country-outline') && map.querySelector('path.province-boundary')) u.outline = performance.now();
    // data-supply-count is set once the layer's every feature is on the map.
    if (u.supply === undefined && map.dataset.supplyCount && map.querySelector('.supply-cluster, path.supply-marker')) u.supply = performance.now();
    if (u.outline !== undefined && u.supply !== undefined) {
      watch.disconnect();
      requestAnimationFrame(() => setTimeout(() => (u.painted = performance.now()), 0));
    }
  });
  watch.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-supply-count'] });
`;

interface Run {
  kind: 'cold' | 'warm';
  /** Time to a usable map (see above). */
  mapDataMs: number;
  outlineMs: number;
  supplyMs: number;
  readyMs: number;
  requests: number;
  kilobytes: number;
  perLayer: Record<string, number>;
  /** Each request: path, start and end (ms after navigation start), KB on the wire. */
  waterfall?: Array<{ path: string; startMs: number; endMs: number; kb: number }>;
  /** Main-thread tasks over 50 ms (under the CPU slowdown): start and duration. */
  longTasks?: Array<{ startMs: number; ms: number }>;
}

async function main() {
  if (!existsSync(resolve(ROOT, 'apps/web/dist/index.html')))
    throw new Error('apps/web/dist is missing: npm run build:web');
  const loadBefore = loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');
  const db = await createTestDatabase('agrilink_benchweb');
  let api: ChildProcess | undefined;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
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
        QUEUE_PREFIX: `agrilink-benchweb-${process.pid}`,
        RUN_WORKER: 'false',
        SEED_DEMO: 'true',
        MAP_TILE_URL: '',
        JWT_SECRET: randomBytes(32).toString('base64url'),
        ADMIN_EMAIL: 'bench-web-admin@agrilink.local',
        ADMIN_PASSWORD: randomBytes(18).toString('base64url'),
        ADMIN_TOTP_SECRET: newTotpSecret(),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    await waitForHealth(base, 180_000);

    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await measure(browser, base, false));
    runs.push(await measure(browser, base, true));
    for (const r of runs) console.log(JSON.stringify(r, null, process.env.BENCH_WEB_WATERFALL ? 1 : undefined));
    writeSection(
      report(
        runs,
        loadBefore,
        loadavg()
          .map((x) => x.toFixed(2))
          .join(', '),
      ),
    );
  } finally {
    await browser.close();
    const running = api?.exitCode === null ? api : undefined;
    if (running) {
      running.kill('SIGTERM');
      await new Promise((r) => running.once('exit', r));
    }
    await db.drop();
  }
}

/** One visit of the public map on a throttled phone; `warm` visits once unthrottled first, so the hashed assets come from the cache. */
async function measure(browser: import('playwright-core').Browser, base: string, warm: boolean): Promise<Run> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  const page = await context.newPage();
  if (warm) {
    await page.goto(base);
    await page.waitForSelector('body[data-ready="true"]');
    await page.goto('about:blank');
  }
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: !warm });
  await cdp.send('Network.emulateNetworkConditions', FAST_3G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const perLayer: Record<string, number> = {};
  let requests = 0;
  let bytes = 0;
  const started = new Map<string, { path: string; ts: number }>();
  const waterfall: NonNullable<Run['waterfall']> = [];
  let navTs: number | undefined;
  cdp.on('Network.requestWillBeSent', (e: { requestId: string; timestamp: number; request: { url: string } }) => {
    requests++;
    const url = new URL(e.request.url);
    if (navTs === undefined) navTs = e.timestamp;
    started.set(e.requestId, { path: url.pathname + (url.search ? '?…' : ''), ts: e.timestamp });
    if (LAYERS.includes(url.pathname)) perLayer[url.pathname] = (perLayer[url.pathname] ?? 0) + 1;
  });
  cdp.on('Network.loadingFinished', (e: { requestId: string; timestamp: number; encodedDataLength: number }) => {
    bytes += e.encodedDataLength;
    const s = started.get(e.requestId);
    if (s && navTs !== undefined)
      waterfall.push({
        path: s.path,
        startMs: Math.round((s.ts - navTs) * 1000),
        endMs: Math.round((e.timestamp - navTs) * 1000),
        kb: Math.round(e.encodedDataLength / 102.4) / 10,
      });
  });
  await page.addInitScript({ content: IN_PAGE_PROBE });
  await page.goto(base, { waitUntil: 'commit' });
  await page.waitForFunction(
    () => (globalThis as unknown as { __usable: { painted?: number } }).__usable.painted !== undefined,
    undefined,
    { timeout: 120_000, polling: 200 },
  );
  const usable = await page.evaluate(
    () => (globalThis as unknown as { __usable: { outline: number; supply: number; painted: number } }).__usable,
  );
  await page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
  const readyMs = await page.evaluate(() => performance.now());
  // Late layer requests (a second fetch would show here).
  await page.waitForTimeout(3000);
  const longTasks = await page.evaluate(
    () => (globalThis as unknown as { __longTasks: Array<{ startMs: number; ms: number }> }).__longTasks,
  );
  await context.close();
  waterfall.sort((a, b) => a.startMs - b.startMs);
  return {
    kind: warm ? 'warm' : 'cold',
    mapDataMs: Math.round(usable.painted),
    outlineMs: Math.round(usable.outline),
    supplyMs: Math.round(usable.supply),
    readyMs: Math.round(readyMs),
    requests,
    kilobytes: Math.round(bytes / 1024),
    perLayer,
    waterfall,
    longTasks,
  };
}

function report(runs: Run[], loadBefore: string, loadAfter: string): string {
  const cold = runs.filter((r) => r.kind === 'cold').sort((a, b) => a.mapDataMs - b.mapDataMs);
  const median = cold[Math.floor(cold.length / 2)];
  const warm = runs.find((r) => r.kind === 'warm');
  if (!warm) throw new Error('no warm run was measured');
  const layers = (r: Run) =>
    LAYERS.filter((l) => r.perLayer[l])
      .map((l) => `${l.replace(/^\/api\/(map\/)?/, '')} ${r.perLayer[l]}`)
      .join(', ');
  const row = (r: Run) =>
    `| ${r.kind} | ${r.mapDataMs} | ${r.outlineMs} | ${r.supplyMs} | ${r.readyMs} | ${r.requests} | ${r.kilobytes} | ${layers(r)} |`;
  return [
    `Run on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average before ${loadBefore}, after ${loadAfter} (the machine is shared: figures vary with the load).`,
    `Chromium at 390×844 (phone, ×2 pixels), Fast 3G as Lighthouse throttles DevTools (562.5 ms latency, ${((FAST_3G.downloadThroughput * 8) / 1024 / 1024).toFixed(2)} Mbps down, ${Math.round((FAST_3G.uploadThroughput * 8) / 1024)} kbps up), CPU ${CPU_SLOWDOWN}× slower; built api in production mode (compressed, hashed assets cached), demo data, no tile server (the bundled outline is the base map).`,
    '',
    'Usable map: the country outline and the whole first supply layer drawn, and that frame painted (times in ms after navigation start).',
    '',
    '| visit | usable map | outline drawn | supply drawn | app ready | requests | KB transferred | requests per map layer |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...runs.map(row),
    '',
    `Median cold visit: **${(median.mapDataMs / 1000).toFixed(2)} s** to a usable map (target ${TARGET_MS / 1000} s: ${median.mapDataMs <= TARGET_MS ? 'met' : 'not met'}); second visit ${(warm.mapDataMs / 1000).toFixed(2)} s. Each layer is fetched once.`,
  ].join('\n');
}

function writeSection(body: string) {
  const file = resolve(ROOT, 'BENCHMARKS.md');
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const re = /<!-- bench:web -->[\s\S]*?<!-- \/bench:web -->/;
  const block = `<!-- bench:web -->\n${body}\n<!-- /bench:web -->`;
  text = re.test(text)
    ? text.replace(re, block)
    : `${text.trimEnd()}\n\n## Web app on a weak phone (\`npm run bench:web\`)\n\n${block}\n`;
  writeFileSync(file, text);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
