import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The 2025 reform applied where data enters:
 * - administrative_units: `seat` (the People's Committee seat of a commune) and `boundary`, so a
 *   location can decide between the successors of a split commune and a lot is counted where it lies;
 * - beside each stored current unit, the pre-2025 unit the caller gave, for the record
 *   (`pre2025_administrative_unit_id`, `pre2025_province_code`).
 * Stored pre-2025 units are translated by the reference-data loader (it holds the mapping).
 */
export class AdministrativeUnitsAtTheEdges1796178270897 implements MigrationInterface {
  name = 'AdministrativeUnitsAtTheEdges1796178270897';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "administrative_units" ADD "seat" geography(Point,4326)`);
    await queryRunner.query(`ALTER TABLE "administrative_units" ADD "boundary" geometry(Geometry,4326)`);
    await queryRunner.query(
      `CREATE INDEX "ix_administrative_units_seat" ON "administrative_units" USING GiST ("seat") WHERE "seat" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_administrative_units_boundary" ON "administrative_units" USING GiST ("boundary") WHERE "boundary" IS NOT NULL`,
    );
    for (const table of ['cooperatives', 'buyers']) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "pre2025_administrative_unit_id" character varying(40)`);
    }
    for (const table of ['cooperatives', 'buyers', 'production_areas', 'harvest_resources', 'price_observations']) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "pre2025_province_code" character varying(10)`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['cooperatives', 'buyers', 'production_areas', 'harvest_resources', 'price_observations']) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "pre2025_province_code"`);
    }
    for (const table of ['cooperatives', 'buyers']) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "pre2025_administrative_unit_id"`);
    }
    await queryRunner.query(`DROP INDEX "ix_administrative_units_boundary"`);
    await queryRunner.query(`DROP INDEX "ix_administrative_units_seat"`);
    await queryRunner.query(`ALTER TABLE "administrative_units" DROP COLUMN "boundary"`);
    await queryRunner.query(`ALTER TABLE "administrative_units" DROP COLUMN "seat"`);
  }
}
