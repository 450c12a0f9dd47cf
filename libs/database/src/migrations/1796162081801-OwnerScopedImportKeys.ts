import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11 item 8: a reference (Mã tham chiếu) names a row within its owner's own
 * records, so two cooperatives may both have lot "L-001". Cooperatives and buyers keep
 * a registry-wide reference and tax code: the province registry is their one owner.
 * imports.unchanged_rows counts rows identical to a record already there.
 */
export class OwnerScopedImportKeys1796162081801 implements MigrationInterface {
  name = 'OwnerScopedImportKeys1796162081801';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_4a25693f1eef920cd60666f295"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2342e40dff656acc35cf7a4f14"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_644a50175c52959635d762188c"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_supply_lots_cooperative_external_ref" ON "supply_lots" ("cooperative_id", "external_ref") WHERE external_ref IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_purchase_requests_buyer_external_ref" ON "purchase_requests" ("buyer_id", "external_ref") WHERE external_ref IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_production_areas_cooperative_external_ref" ON "production_areas" ("cooperative_id", "external_ref") WHERE external_ref IS NOT NULL`,
    );
    // A row already there unchanged is counted as such, not folded into a silent "skipped".
    await queryRunner.query(`ALTER TABLE "imports" ADD "unchanged_rows" integer`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "imports" DROP COLUMN "unchanged_rows"`);
    // Fails if two owners now share a reference: that data has to be renamed by hand first.
    await queryRunner.query(`DROP INDEX "public"."uq_production_areas_cooperative_external_ref"`);
    await queryRunner.query(`DROP INDEX "public"."uq_purchase_requests_buyer_external_ref"`);
    await queryRunner.query(`DROP INDEX "public"."uq_supply_lots_cooperative_external_ref"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_644a50175c52959635d762188c" ON "production_areas" ("external_ref") WHERE external_ref IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_2342e40dff656acc35cf7a4f14" ON "purchase_requests" ("external_ref") WHERE external_ref IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_4a25693f1eef920cd60666f295" ON "supply_lots" ("external_ref") WHERE external_ref IS NOT NULL`,
    );
  }
}
