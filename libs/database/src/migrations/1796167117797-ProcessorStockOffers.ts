import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A processor's or trader's unsold stock offered for sale (issue 12, item 2). The stock becomes a
 * supply lot like any other (matching, map, deals), owned by the processor's seller record: a row
 * of cooperatives (kind enterprise) linked to the buyer by buyer_id, one per buyer. The lot keeps
 * the inventory report it came from (one lot per report).
 */
export class ProcessorStockOffers1796167117797 implements MigrationInterface {
  name = 'ProcessorStockOffers1796167117797';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cooperatives" ADD "buyer_id" uuid`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_cooperatives_buyer" ON "cooperatives" ("buyer_id") WHERE buyer_id IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "cooperatives" ADD CONSTRAINT "fk_cooperatives_buyer" FOREIGN KEY ("buyer_id") REFERENCES "buyers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "supply_lots" ADD "inventory_report_id" uuid`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_supply_lots_inventory_report" ON "supply_lots" ("inventory_report_id") WHERE inventory_report_id IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "supply_lots" ADD CONSTRAINT "fk_supply_lots_inventory_report" FOREIGN KEY ("inventory_report_id") REFERENCES "inventory_reports"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "supply_lots" DROP CONSTRAINT "fk_supply_lots_inventory_report"`);
    await queryRunner.query(`DROP INDEX "uq_supply_lots_inventory_report"`);
    await queryRunner.query(`ALTER TABLE "supply_lots" DROP COLUMN "inventory_report_id"`);
    await queryRunner.query(`ALTER TABLE "cooperatives" DROP CONSTRAINT "fk_cooperatives_buyer"`);
    await queryRunner.query(`DROP INDEX "uq_cooperatives_buyer"`);
    await queryRunner.query(`ALTER TABLE "cooperatives" DROP COLUMN "buyer_id"`);
  }
}
