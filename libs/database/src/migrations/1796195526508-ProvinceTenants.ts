import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Provinces as tenants. `users.province_codes`: the current provinces a staff user works for
 * (null or empty: national, the ministry). `zones.province_codes`: the provinces a lockdown zone
 * lies in (its communes' provinces, or as staff declared them for a zone drawn as a polygon), so
 * a province's staff manage their own zones; existing zones get their communes' provinces.
 */
export class ProvinceTenants1796195526508 implements MigrationInterface {
  name = 'ProvinceTenants1796195526508';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "province_codes" text[]`);
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "ck_users_province_codes_staff" CHECK ("province_codes" IS NULL OR cardinality("province_codes") = 0 OR "role" = 'staff')`,
    );
    await queryRunner.query(`ALTER TABLE "zones" ADD "province_codes" text[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`CREATE INDEX "ix_zones_province_codes" ON "zones" USING GIN ("province_codes")`);
    await queryRunner.query(
      `UPDATE "zones" z SET "province_codes" = s.codes
               FROM (SELECT zz.id, array_agg(DISTINCT u.province_code ORDER BY u.province_code) AS codes
                       FROM "zones" zz JOIN "administrative_units" u ON u.id = ANY(zz.administrative_unit_ids)
                      WHERE u.province_code IS NOT NULL GROUP BY zz.id) s
              WHERE s.id = z.id`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_zones_province_codes"`);
    await queryRunner.query(`ALTER TABLE "zones" DROP COLUMN "province_codes"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "ck_users_province_codes_staff"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "province_codes"`);
  }
}
