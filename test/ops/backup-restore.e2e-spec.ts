import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { createTestDatabase, makePurchaseRequest, makeSupplyLot, TestDatabase } from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';

const run = promisify(execFile);
const SCRIPTS = resolve(__dirname, '../../scripts');

async function rowCounts(url: string): Promise<Record<string, number>> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const out: Record<string, number> = {};
    for (const { table_name } of rows) {
      out[table_name] = Number((await c.query(`SELECT count(*) AS n FROM "${table_name}"`)).rows[0].n);
    }
    return out;
  } finally {
    await c.end();
  }
}

describe('database backup and restore scripts (ops)', () => {
  let t: TestApp;
  let target: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    t = await createTestApp(); // migrations and reference data, as in production
    target = await createTestDatabase('agrilink_restore');
    dir = mkdtempSync(join(tmpdir(), 'agrilink-backup-'));
  });
  afterAll(async () => {
    await t?.close();
    await target?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('dumps a migrated database and restores it into another with the same rows', async () => {
    for (let i = 0; i < 5; i++) await makeSupplyLot(t.dataSource);
    await makePurchaseRequest(t.dataSource);
    const before = await rowCounts(t.db.url);
    expect(before.supply_lots).toBe(5);
    expect(before.products).toBeGreaterThan(0);

    const file = join(dir, 'agrilink.dump');
    const backup = await run(join(SCRIPTS, 'db-backup.sh'), [file], {
      env: { ...process.env, DATABASE_URL: t.db.url },
    });
    expect(backup.stdout.trim()).toBe(file);
    expect(statSync(file).size).toBeGreaterThan(0);

    // Twice: --clean --if-exists makes a restore over an earlier one replace it, not add to it.
    for (let i = 0; i < 2; i++)
      await run(join(SCRIPTS, 'db-restore.sh'), [file], { env: { ...process.env, DATABASE_URL: target.url } });
    expect(await rowCounts(target.url)).toEqual(before);

    const c = new Client({ connectionString: target.url });
    await c.connect();
    try {
      const { rows } = await c.query(`SELECT ST_Y(location::geometry) AS lat FROM supply_lots LIMIT 1`);
      expect(rows[0].lat).toBeCloseTo(9.93, 5);
      const migrations = await c
        .query(`SELECT count(*)::int AS n FROM migrations`)
        .catch(() => ({ rows: [{ n: -1 }] }));
      expect(migrations.rows[0].n).toBe(before.migrations ?? -1);
    } finally {
      await c.end();
    }
  });

  it('refuses to restore over a non-test database without --yes', async () => {
    const err = await run(join(SCRIPTS, 'db-restore.sh'), ['/dev/null'], {
      env: { ...process.env, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/agrilink' },
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 3 });
  });
});
