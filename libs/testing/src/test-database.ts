import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { assertTestDatabase } from '@agrilink/database';

/** The server PostgreSQL that hosts throwaway test databases (trust auth on the CI machine). */
export const TEST_ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh, empty database with PostGIS for one test file; its name always contains "test". */
export async function createTestDatabase(prefix = 'agrilink'): Promise<TestDatabase> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}_test`.toLowerCase();
  const admin = new Client({ connectionString: TEST_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const u = new URL(TEST_ADMIN_URL);
  u.pathname = `/${name}`;
  const url = u.toString();
  assertTestDatabase(url);
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    await db.query('CREATE EXTENSION IF NOT EXISTS postgis');
  } finally {
    await db.end();
  }
  return {
    url,
    name,
    async drop() {
      const c = new Client({ connectionString: TEST_ADMIN_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
