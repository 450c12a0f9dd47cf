import ExcelJS from 'exceljs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { INestApplicationContext } from '@nestjs/common';
import { ensureProduct, makeCooperative, xlsxBomb } from '@agrilink/testing';
import { startWorker } from '../../apps/worker/src/main';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Issue 11 item 4: a spreadsheet that inflates to hundreds of MB must neither block
 * nor kill the api. The worker runs in this process (as with RUN_WORKER=true), so the
 * RSS measured here bounds the api and its in-process worker together.
 */
const HEADERS = [
  'Mã số thuế HTX',
  'Mã sản phẩm',
  'Sản lượng (kg)',
  'Thu hoạch từ ngày',
  'Thu hoạch đến ngày',
  'Giá chào bán (đồng/kg)',
];
const ROW = ['1700000000', 'LUA_ST', '1.000', '01/12/2026', '15/12/2026', '7.200'];
const MB = 1024 * 1024;
/** "Say 300 MB above idle" (issue 11). */
const RSS_BUDGET = 300 * MB;

/** Samples RSS and /api/health latency until stopped. */
function probe(t: TestApp) {
  let stop = false;
  let peakRss = process.memoryUsage().rss;
  const latencies: number[] = [];
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const rssTimer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 10);
  const loop = (async () => {
    while (!stop) {
      const t0 = performance.now();
      await t.http().get('/api/health').expect(200);
      latencies.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return async () => {
    stop = true;
    await loop;
    clearInterval(rssTimer);
    loopDelay.disable();
    const sorted = [...latencies].sort((a, b) => a - b);
    const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    return {
      peakRss,
      p50: p(0.5),
      p99: p(0.99),
      max: sorted[sorted.length - 1] ?? 0,
      samples: sorted.length,
      maxLoopDelayMs: loopDelay.max / 1e6,
    };
  };
}

describe('Upload limits: zip bombs and oversized sheets (e2e, real worker in-process)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let staff: string;

  const upload = (content: Buffer, name: string, kind = 'supply-lots') =>
    t
      .http()
      .post('/api/imports')
      .set('Authorization', `Bearer ${staff}`)
      .field('kind', kind)
      .field('mode', 'partial')
      .attach('file', content, name);
  const waitDone = async (id: string, tries = 1200) => {
    for (let i = 0; i < tries; i++) {
      const res = await t.http().get(`/api/imports/${id}`).set('Authorization', `Bearer ${staff}`).expect(200);
      if (res.body.status === 'completed' || res.body.status === 'failed') return res.body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`import ${id} did not finish`);
  };
  const importsStored = async () => Number((await t.dataSource.query(`SELECT count(*) AS n FROM imports`))[0].n);

  beforeAll(async () => {
    // Default bomb limits; rows, columns and cells lowered so the test files stay small.
    t = await createTestApp({ IMPORT_MAX_ROWS: '5000', IMPORT_MAX_COLUMNS: '20', IMPORT_MAX_CELL_CHARS: '1000' });
    worker = await startWorker();
    staff = await t.tokenFor('staff');
    await ensureProduct(t.dataSource, { code: 'LUA_ST' });
    await makeCooperative(t.dataSource, { taxCode: '1700000000' });
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('refuses at upload an .xlsx whose zip directory declares more than the inflated limit: 413 IMPORT.UNCOMPRESSED_TOO_LARGE, nothing stored', async () => {
    const bomb = await xlsxBomb({ headers: HEADERS, row: ROW, rows: 1_200_000 });
    expect(bomb.file.length).toBeLessThan(2 * MB);
    expect(bomb.inflatedBytes).toBeGreaterThan(300 * MB);
    const before = await importsStored();
    const stop = probe(t);
    const t0 = Date.now();
    const res = await upload(bomb.file, 'bom.xlsx').expect(413);
    const took = Date.now() - t0;
    const m = await stop();
    expect(res.body).toMatchObject({
      statusCode: 413,
      code: 'IMPORT.UNCOMPRESSED_TOO_LARGE',
      details: { field: 'file' },
    });
    // Only the zip directory is read; generous because the machine is shared (the old code took 22 s on a quiet one).
    expect(took).toBeLessThan(10_000);
    expect(await importsStored()).toBe(before);
    expect(m.peakRss - process.memoryUsage().rss).toBeLessThan(RSS_BUDGET);
  }, 60_000);

  it('refuses at upload a declared ratio beyond the limit, even under the inflated limit: 422 IMPORT.ZIP_BOMB', async () => {
    const bomb = await xlsxBomb({ headers: HEADERS, row: ROW, rows: 500_000 });
    expect(bomb.inflatedBytes).toBeLessThan(200 * MB);
    const res = await upload(bomb.file, 'bom.xlsx').expect(422);
    expect(res.body).toMatchObject({
      code: 'IMPORT.ZIP_BOMB',
      details: { entry: 'xl/worksheets/sheet1.xml', limit: 100 },
    });
  }, 60_000);

  it('a forged zip directory (sizes and data descriptor lie) passes the upload; the worker stops inflating at the declared size and the import ends failed IMPORT.ZIP_BOMB', async () => {
    const bomb = await xlsxBomb({
      headers: HEADERS,
      row: ROW,
      rows: 1_200_000,
      sizes: 'forged',
      forgedSize: 512 * 1024,
    });
    const idle = process.memoryUsage().rss;
    const stop = probe(t);
    const res = await upload(bomb.file, 'gia-mao.xlsx').expect(202);
    const done = await waitDone(res.body.id);
    const m = await stop();
    expect(done).toMatchObject({ status: 'failed', writtenRows: null, error: { code: 'IMPORT.ZIP_BOMB' } });
    expect(done.error.message).toContain('kích thước khai báo');
    expect(m.peakRss - idle).toBeLessThan(RSS_BUDGET);
    // Generous: the machine is shared (load average above 10 on 2 cores while this was written); the old code blocked 22 s.
    expect(m.p99).toBeLessThan(3000);
  }, 120_000);

  it('a forged directory declaring a believable size: the worker stops at the row limit (IMPORT.TOO_MANY_ROWS); memory stays bounded and /api/health keeps answering', async () => {
    // Declared 120 MB inflated at a plausible ratio; the sheet really holds 1.2 million rows.
    const bomb = await xlsxBomb({ headers: HEADERS, row: ROW, rows: 1_200_000, sizes: 'forged', forgedSize: 120 * MB });
    const idle = process.memoryUsage().rss;
    const stop = probe(t);
    const res = await upload(bomb.file, 'gia-mao-120.xlsx');
    if (res.status === 422) {
      // The declared ratio alone already gives it away: refused at upload, which is fine too.
      expect(res.body.code).toBe('IMPORT.ZIP_BOMB');
      await stop();
      return;
    }
    expect(res.status).toBe(202);
    const done = await waitDone(res.body.id);
    const m = await stop();
    expect(done).toMatchObject({ status: 'failed', error: { code: 'IMPORT.TOO_MANY_ROWS' } });
    expect(m.peakRss - idle).toBeLessThan(RSS_BUDGET);
    // Generous: the machine is shared (load average above 10 on 2 cores while this was written); the old code blocked 22 s.
    expect(m.p99).toBeLessThan(3000);
  }, 120_000);

  it('8 bombs at once (4 honest, 4 forged): nothing dies, every forged one ends failed, the api answers throughout within the memory budget', async () => {
    const honest = await xlsxBomb({ headers: HEADERS, row: ROW, rows: 1_200_000 });
    const forged = await xlsxBomb({
      headers: HEADERS,
      row: ROW,
      rows: 1_200_000,
      sizes: 'forged',
      forgedSize: 512 * 1024,
    });
    const idle = process.memoryUsage().rss;
    const stop = probe(t);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => upload(i % 2 ? forged.file : honest.file, `bom-${i}.xlsx`)),
    );
    expect(answers.map((a) => a.status)).toEqual([413, 202, 413, 202, 413, 202, 413, 202]);
    const done = await Promise.all(answers.filter((a) => a.status === 202).map((a) => waitDone(a.body.id)));
    const m = await stop();
    expect(done.map((d) => [d.status, d.error?.code])).toEqual(Array(4).fill(['failed', 'IMPORT.ZIP_BOMB']));
    process.stdout.write(
      `8 bombs: peak RSS +${Math.round((m.peakRss - idle) / MB)} MB, /api/health p50 ${m.p50.toFixed(1)} ms p99 ${m.p99.toFixed(1)} ms max ${m.max.toFixed(1)} ms (${m.samples} samples), event-loop delay max ${m.maxLoopDelayMs.toFixed(0)} ms\n`,
    );
    expect(m.peakRss - idle).toBeLessThan(RSS_BUDGET);
    expect(m.samples).toBeGreaterThan(3);
    await t.http().get('/api/health').expect(200);
  }, 180_000);

  it('rows over IMPORT_MAX_ROWS, a cell over IMPORT_MAX_CELL_CHARS, columns over IMPORT_MAX_COLUMNS: the import ends failed with a clear code (xlsx and CSV)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    ws.addRow(HEADERS);
    for (let i = 0; i < 5001; i++) ws.addRow(ROW);
    const many = await waitDone(
      (await upload(Buffer.from(await wb.xlsx.writeBuffer()), 'nhieu.xlsx').expect(202)).body.id,
    );
    expect(many).toMatchObject({ status: 'failed', error: { code: 'IMPORT.TOO_MANY_ROWS', details: { limit: 5000 } } });

    const long = new ExcelJS.Workbook();
    const lw = long.addWorksheet('x');
    lw.addRow(HEADERS);
    lw.addRow(ROW);
    lw.addRow([...ROW.slice(0, 5), '7.200', 'x'.repeat(1001)]);
    // The upload's peek reads the shared strings, so this one is refused before it is stored.
    const longRes = await upload(Buffer.from(await long.xlsx.writeBuffer()), 'dai.xlsx').expect(422);
    expect(longRes.body).toMatchObject({ code: 'IMPORT.CELL_TOO_LONG', details: { field: 'file', limit: 1000 } });

    const csvHead = HEADERS.join(';');
    const csvRow = ROW.join(';');
    const tooMany = `${csvHead}\n${Array(5001).fill(csvRow).join('\n')}\n`;
    expect(await waitDone((await upload(Buffer.from(tooMany), 'nhieu.csv').expect(202)).body.id)).toMatchObject({
      status: 'failed',
      error: { code: 'IMPORT.TOO_MANY_ROWS' },
    });
    const wide = `${csvHead}\n${csvRow}${';x'.repeat(30)}\n`;
    expect(await waitDone((await upload(Buffer.from(wide), 'rong.csv').expect(202)).body.id)).toMatchObject({
      status: 'failed',
      error: { code: 'IMPORT.TOO_MANY_COLUMNS' },
    });
    const cell = `${csvHead}\n${csvRow};"${'y'.repeat(1001)}"\n`;
    expect(await waitDone((await upload(Buffer.from(cell), 'dai.csv').expect(202)).body.id)).toMatchObject({
      status: 'failed',
      error: { code: 'IMPORT.CELL_TOO_LONG', details: { cell: 'G2' } },
    });

    // Within the limits the same shapes import.
    const fine = await waitDone((await upload(Buffer.from(`${csvHead}\n${csvRow}\n`), 'dung.csv').expect(202)).body.id);
    expect(fine).toMatchObject({ status: 'completed', writtenRows: 1 });
  }, 120_000);

  it('a file over IMPORT_MAX_FILE_BYTES is refused 413 IMPORT.FILE_TOO_LARGE before it is stored', async () => {
    const before = await importsStored();
    const res = await upload(Buffer.alloc(20 * MB + 1, 0x61), 'lon.csv').expect(413);
    expect(res.body).toMatchObject({ code: 'IMPORT.FILE_TOO_LARGE', details: { field: 'file', limit: 20 * MB } });
    expect(await importsStored()).toBe(before);
  }, 60_000);
});
