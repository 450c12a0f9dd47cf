import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The price watch fed from the app and from spreadsheets: an observation confirmed far outside
 * its product's band is kept and marked; an imported row carries its natural key so a file
 * uploaded twice writes once.
 */
export class PriceWatchFeed1796163912767 implements MigrationInterface {
  name = 'PriceWatchFeed1796163912767';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "price_observations" ADD "outside_band" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "price_observations" ADD "external_ref" character varying(80)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_price_observations_external_ref" ON "price_observations" ("external_ref") WHERE external_ref IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_price_observations_external_ref"`);
    await queryRunner.query(`ALTER TABLE "price_observations" DROP COLUMN "external_ref"`);
    await queryRunner.query(`ALTER TABLE "price_observations" DROP COLUMN "outside_band"`);
  }
}
