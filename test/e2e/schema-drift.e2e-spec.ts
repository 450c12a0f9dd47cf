import { DataSource } from 'typeorm';
import { buildDataSourceOptions, runMigrationsLocked } from '@agrilink/database';
import { createTestDatabase, TestDatabase } from '@agrilink/testing';
import { ENTITIES } from '@agrilink/core';

/**
 * The entities describe the schema the migrations make, to the constraint: TypeORM's schema builder,
 * asked what it would change after every migration has run, finds nothing. Otherwise
 * `migration:generate` would write a migration dropping the foreign keys, checks and indexes the
 * entities forget, and a reader of an entity would not see the rules the database enforces.
 * An index TypeORM cannot describe (expressions, DESC keys, GIN/GiST, partial on expressions) is
 * declared by name with `synchronize: false`.
 */
describe('entities and migrations describe the same schema', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('schema_drift');
    ds = new DataSource(buildDataSourceOptions({ url: db.url, entities: ENTITIES }));
    await ds.initialize();
    await runMigrationsLocked(ds);
  }, 120_000);

  afterAll(async () => {
    await ds?.destroy();
    if (!process.env.KEEP_SCHEMA_DRIFT_DB) await db?.drop();
    else console.log(db.url);
  });

  it('leaves the schema builder nothing to change', async () => {
    const sql = await ds.driver.createSchemaBuilder().log();
    // PostGIS's geometry_columns reads a column's type off its CHECK, and a CHECK of
    // "GeometryType IN ('POLYGON', 'MULTIPOLYGON')" reads as POLYGON, though the column is
    // geometry(Geometry,4326) as the entity says: TypeORM then asks to retype it to what it is.
    const FALSE_ALARMS = new Set([
      'ALTER TABLE "production_areas" ALTER COLUMN "boundary" TYPE geometry(Geometry,4326)',
      'ALTER TABLE "zones" ALTER COLUMN "boundary" TYPE geometry(Geometry,4326)',
    ]);
    const types: Array<{ type: string }> = await ds.query(
      `SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute
        WHERE attname = 'boundary' AND attrelid IN ('production_areas'::regclass, 'zones'::regclass)`,
    );
    expect(types.map((t) => t.type)).toEqual(['geometry(Geometry,4326)', 'geometry(Geometry,4326)']);
    expect(sql.upQueries.map((q) => q.query).filter((q) => !FALSE_ALARMS.has(q))).toEqual([]);
  });
});
