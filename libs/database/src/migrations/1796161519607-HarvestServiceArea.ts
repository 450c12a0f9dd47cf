import { MigrationInterface, QueryRunner } from 'typeorm';

/** Where a harvest team or combine harvester works: listed communes and/or a radius around its location. */
export class HarvestServiceArea1796161519607 implements MigrationInterface {
  name = 'HarvestServiceArea1796161519607';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "harvest_resources" ADD "service_commune_ids" character varying(40) array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(`ALTER TABLE "harvest_resources" ADD "service_radius_km" numeric(6,1)`);
    await queryRunner.query(
      `ALTER TABLE "harvest_resources" ADD CONSTRAINT "ck_harvest_resources_service_radius" CHECK ("service_radius_km" IS NULL OR ("service_radius_km" > 0 AND "service_radius_km" <= 500 AND "location" IS NOT NULL))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "harvest_resources" DROP CONSTRAINT "ck_harvest_resources_service_radius"`);
    await queryRunner.query(`ALTER TABLE "harvest_resources" DROP COLUMN "service_radius_km"`);
    await queryRunner.query(`ALTER TABLE "harvest_resources" DROP COLUMN "service_commune_ids"`);
  }
}
