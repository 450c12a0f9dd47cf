import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildLocked } from '../support/build';

const ROOT = resolve(__dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
    srv.on('error', fail);
  });
}

async function waitForHealth(base: string, child: ChildProcess, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the service did not become healthy in time');
}

/**
 * What `npm start` does on a fresh machine: the compiled service on the embedded
 * PostgreSQL + PostGIS (no DATABASE_URL), demo data, the web app at /.
 */
// Settings of the test run that a fresh checkout's `npm start` does not have.
const NOT_INHERITED = [
  'DATABASE_URL',
  'SEED_DEMO',
  'RUN_WORKER',
  'NODE_ENV',
  'JWT_SECRET',
  'ADMIN_PASSWORD',
  'DEMO_PASSWORD',
];

describe('npm start on the embedded database (e2e)', () => {
  let child: ChildProcess;
  let dataDir: string;
  let base: string;
  let output = '';

  beforeAll(async () => {
    buildLocked('npm run -s build && npm run -s build:web', 180_000);
    dataDir = mkdtempSync(join(tmpdir(), 'agrilink-start-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !NOT_INHERITED.includes(k)));
    const env = {
      ...inherited,
      PORT: String(port),
      PGLITE_DATA_DIR: join(dataDir, 'pglite'),
      DATA_DIR: dataDir,
      QUEUE_PREFIX: `agrilink-start-${port}`,
      LOG_LEVEL: 'warn',
    } as NodeJS.ProcessEnv;
    child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    await waitForHealth(base, child, 240_000).catch((e: unknown) => {
      throw new Error(`${e instanceof Error ? e.message : String(e)}\n${output.slice(-3000)}`);
    });
  }, 420_000);

  afterAll(async () => {
    if (child?.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('reports PostgreSQL, PostGIS and Redis up (details to the admin only)', async () => {
    expect(await (await fetch(`${base}/api/health`)).json()).toEqual({ status: 'ok' });
    // The embedded start generated the first admin's password (README: .data/admin-password).
    const adminPassword = readFileSync(join(dataDir, 'admin-password'), 'utf8').trim();
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@agrilink.local', password: adminPassword }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as any;
    const health = (await (
      await fetch(`${base}/api/health`, { headers: { authorization: `Bearer ${accessToken}` } })
    ).json()) as any;
    expect(health).toMatchObject({
      status: 'ok',
      database: { status: 'up' },
      postgis: { status: 'up' },
      redis: { status: 'up' },
    });
    expect(health.database.version).toContain('PGlite');
  });

  it('serves the web map at / and the API docs', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html lang="vi">');
    expect((await fetch(`${base}/api/docs`)).status).toBe(200);
  });

  it('generates its secrets into the data folder, owner-only: the JWT secret, the admin and demo passwords', async () => {
    for (const name of ['jwt-secret', 'admin-password', 'demo-users.txt']) {
      expect(`${name} ${(statSync(join(dataDir, name)).mode & 0o777).toString(8)}`).toBe(`${name} 600`);
    }
    expect(readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim().length).toBeGreaterThanOrEqual(40);
    const adminPassword = readFileSync(join(dataDir, 'admin-password'), 'utf8').trim();
    expect(output).toContain(adminPassword); // shown once at creation
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@agrilink.local', password: adminPassword }),
    });
    expect(login.status).toBe(200);
    const old = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'staff@agrilink.local', password: 'Staff@12345' }),
    });
    expect(old.status).toBe(401);
  });

  it('has the demo data set and its users', async () => {
    const list = (await (await fetch(`${base}/api/map/supply-list?limit=1`)).json()) as any;
    expect(list.total).toBeGreaterThan(0);
    // README: the demo users' generated passwords are in DATA_DIR/demo-users.txt.
    const demo = readFileSync(join(dataDir, 'demo-users.txt'), 'utf8');
    const staffLine = demo.split('\n').find((l) => l.startsWith('staff\t'))!;
    const [, email, password] = staffLine.split('\t');
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as any;
    const coops = (await (
      await fetch(`${base}/api/cooperatives?limit=1`, { headers: { authorization: `Bearer ${accessToken}` } })
    ).json()) as any;
    expect(coops.total).toBe(40);
  });
});
