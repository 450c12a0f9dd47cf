import { MigrationInterface, QueryRunner } from 'typeorm';

/** Price observations (price watch) and bulk imports, whose uploaded bytes are kept in PostgreSQL. */
export class ImportsReportsPrices1795453815447 implements MigrationInterface {
  name = 'ImportsReportsPrices1795453815447';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "price_observations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "product_code" character varying(40) NOT NULL, "market_name" text NOT NULL, "location" geography(Point,4326), "province_code" character varying(10), "observed_on" date NOT NULL, "price_vnd_per_kg" integer NOT NULL, "source" text NOT NULL, "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_price_observations_price_positive" CHECK ("price_vnd_per_kg" > 0), CONSTRAINT "PK_e6c673b1a567075d17a300a7f71" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_7bcc36254ff9089bb9107e0f3e" ON "price_observations" ("province_code") `);
    await queryRunner.query(`CREATE INDEX "IDX_622203c2ed8d5d95e7a19b6d77" ON "price_observations" ("observed_on") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_28b86099f998db407e4ce38666" ON "price_observations" ("product_code", "observed_on") `,
    );
    await queryRunner.query(
      `CREATE TABLE "imports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(30) NOT NULL, "mode" character varying(20) NOT NULL DEFAULT 'all-or-nothing', "status" character varying(12) NOT NULL DEFAULT 'queued', "format" character varying(8) NOT NULL, "file_name" text NOT NULL, "file_size" integer NOT NULL, "sha256" character varying(64) NOT NULL, "content" bytea NOT NULL, "progress" smallint NOT NULL DEFAULT '0', "total_rows" integer, "valid_rows" integer, "invalid_rows" integer, "written_rows" integer, "row_errors" jsonb NOT NULL DEFAULT '[]', "error" jsonb, "created_by_user_id" uuid, "created_by_role" character varying(20), "organization_id" uuid, "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_imports_progress" CHECK ("progress" >= 0 AND "progress" <= 100), CONSTRAINT "ck_imports_mode" CHECK ("mode" IN ('all-or-nothing', 'partial')), CONSTRAINT "ck_imports_status" CHECK ("status" IN ('queued', 'running', 'completed', 'failed')), CONSTRAINT "PK_ea10c62f5eb1d75e83d8b5225db" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_d371c5c5522c7e62f84600e4cd" ON "imports" ("status") `);
    await queryRunner.query(`CREATE INDEX "IDX_a38378561aae7d392fafc1586b" ON "imports" ("sha256") `);
    await queryRunner.query(
      `ALTER TABLE "price_observations" ADD CONSTRAINT "FK_ceb01814c25d00b6fde598dc060" FOREIGN KEY ("product_code") REFERENCES "products"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "price_observations" DROP CONSTRAINT "FK_ceb01814c25d00b6fde598dc060"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a38378561aae7d392fafc1586b"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d371c5c5522c7e62f84600e4cd"`);
    await queryRunner.query(`DROP TABLE "imports"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_28b86099f998db407e4ce38666"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_622203c2ed8d5d95e7a19b6d77"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7bcc36254ff9089bb9107e0f3e"`);
    await queryRunner.query(`DROP TABLE "price_observations"`);
  }
}
