import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lịch thu hoạch: a production area's harvest schedule as a child table, one row a season,
 * so the forecast aggregates it in SQL by week and the database keeps every window sane.
 */
export class HarvestSchedule1796160949557 implements MigrationInterface {
  name = 'HarvestSchedule1796160949557';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "production_area_harvests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "production_area_id" uuid NOT NULL, "position" smallint NOT NULL, "product_code" character varying(40), "season" text, "harvest_from" date NOT NULL, "harvest_to" date NOT NULL, "expected_yield_kg_per_ha" integer NOT NULL, CONSTRAINT "ck_production_area_harvests_window" CHECK ("harvest_to" >= "harvest_from"), CONSTRAINT "ck_production_area_harvests_window_length" CHECK ("harvest_to" - "harvest_from" <= 366), CONSTRAINT "ck_production_area_harvests_yield" CHECK ("expected_yield_kg_per_ha" > 0 AND "expected_yield_kg_per_ha" <= 1000000), CONSTRAINT "PK_production_area_harvests" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_production_area_harvests_area" ON "production_area_harvests" ("production_area_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_production_area_harvests_window" ON "production_area_harvests" ("harvest_from", "harvest_to") `,
    );
    await queryRunner.query(
      `ALTER TABLE "production_area_harvests" ADD CONSTRAINT "FK_production_area_harvests_area" FOREIGN KEY ("production_area_id") REFERENCES "production_areas"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "production_area_harvests" ADD CONSTRAINT "FK_production_area_harvests_product" FOREIGN KEY ("product_code") REFERENCES "products"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "production_area_harvests"`);
  }
}
