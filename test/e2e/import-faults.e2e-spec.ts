import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ensureProduct, makeCooperative } from '@agrilink/testing';
import { waitFor } from '../support/matching';
import { createTestApp, TestApp } from '../support/test-app';

const ROOT = join(__dirname, '..', '..');
const ROWS = 30_000;
const HEADERS = [
  'Mã số thuế HTX',
  'Tên HTX',
  'Mã sản phẩm',
  'Sản lượng (kg)',
  'Thu hoạch từ ngày',
  'Thu hoạch đến ngày',
  'Giá chào bán (đồng/kg)',
  'Chứng nhận',
];

/**
 * "Nothing accepted is ever lost": an import accepted (202) by an api that runs the worker
 * in-process, the api killed with SIGKILL while the import runs, then started again.
 * The import completes once, with every row written exactly once.
 */
describe('an import survives the api being killed mid-run (e2e, api process)', () => {
  let t: TestApp;
  let api: ChildProcess | undefined;
  let port: number;
  let staff: string;
  let file: Buffer;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await t.tokenFor('staff');
    await ensureProduct(t.dataSource, { code: 'LUA_ST' });
    const coops = [];
    for (let c = 0; c < 10; c++)
      coops.push(await makeCooperative(t.dataSource, { taxCode: `17990000${String(c).padStart(2, '0')}` }));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(HEADERS);
    for (let i = 0; i < ROWS; i++) {
      // The natural key is cooperative + product + harvest window: each row gets its own.
      const from = new Date(Date.UTC(2026, 0, 1) + Math.floor(i / coops.length) * 86400_000);
      const to = new Date(from.getTime() + 9 * 86400_000);
      ws.addRow([
        coops[i % coops.length].taxCode,
        '',
        'LUA_ST',
        1000 + i,
        from.toISOString().slice(0, 10),
        to.toISOString().slice(0, 10),
        7200,
        'VIETGAP',
      ]);
    }
    file = Buffer.from(await wb.xlsx.writeBuffer());
    port = await freePort();
  }, 120_000);

  afterAll(async () => {
    if (api) await stop(api, 'SIGTERM');
    await t?.close();
  });

  it('completes the import once after the restart, writing every row exactly once', async () => {
    api = await startApi(port);
    const form = new FormData();
    form.set('kind', 'supply-lots');
    form.set('file', new Blob([file]), 'kien-giang-lots.xlsx');
    const res = await fetch(`http://127.0.0.1:${port}/api/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staff}` },
      body: form,
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as any;

    const status = async () =>
      (await t.dataSource.query(`SELECT status, written_rows, error FROM imports WHERE id = $1`, [id]))[0];
    await waitFor(async () => (await status()).status === 'running', 'the import to start', 60_000, 20);
    await stop(api, 'SIGKILL');
    api = undefined;

    // One transaction per file: the killed run wrote nothing, and the accepted file is still on record.
    const lots = async () =>
      Number((await t.dataSource.query(`SELECT count(*) AS n FROM supply_lots WHERE external_ref LIKE 'imp:%'`))[0].n);
    expect(['queued', 'running']).toContain((await status()).status);
    expect(await lots()).toBe(0);

    api = await startApi(port);
    await waitFor(
      async () => ['completed', 'failed'].includes((await status()).status),
      'the import to finish after the restart',
      150_000,
      250,
    );
    const finished = await status();
    expect({ status: finished.status, error: finished.error }).toEqual({ status: 'completed', error: null });
    expect(await lots()).toBe(ROWS);
    const [dupes] = await t.dataSource.query(
      `SELECT count(*) - count(DISTINCT external_ref) AS n FROM supply_lots WHERE external_ref LIKE 'imp:%'`,
    );
    expect(Number(dupes.n)).toBe(0);
  }, 300_000);
});

async function startApi(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), RUN_WORKER: 'true', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out = (out + d).slice(-4000)));
  child.stderr.on('data', (d) => (out = (out + d).slice(-4000)));
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`the api exited with ${child.exitCode}:\n${out}`);
      return fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
    },
    'the api to listen',
    90_000,
  );
  return child;
}

async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const p = (srv.address() as any).port as number;
      srv.close(() => resolve(p));
    });
  });
}
