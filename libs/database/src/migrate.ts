import { DataSource } from 'typeorm';

// Any fixed 64-bit number: every process that migrates takes the same advisory lock.
const MIGRATION_LOCK_KEY = 7_301_202_5;

/** Runs pending migrations once even when api and workers start together. */
export async function runMigrationsLocked(ds: DataSource): Promise<string[]> {
  const lock = ds.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const ran = await ds.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
  }
}
