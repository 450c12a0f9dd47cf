import { MigrationInterface, QueryRunner } from 'typeorm';

/** A buyer's warehouse area (kho bãi), in whole square metres; optional, never negative. */
export class BuyerWarehouseArea1796301226465 implements MigrationInterface {
  name = 'BuyerWarehouseArea1796301226465';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "buyers" ADD "warehouse_area_m2" integer`);
    await queryRunner.query(
      `ALTER TABLE "buyers" ADD CONSTRAINT "ck_buyers_warehouse_area_m2" CHECK (warehouse_area_m2 >= 0)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "buyers" DROP CONSTRAINT "ck_buyers_warehouse_area_m2"`);
    await queryRunner.query(`ALTER TABLE "buyers" DROP COLUMN "warehouse_area_m2"`);
  }
}
