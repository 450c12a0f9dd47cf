import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Brokering in continuous operation (issue 12, items 1, 3, 4):
 * - products.storage_days: how long a product keeps after harvest as trade stores it;
 * - supply_lots.available_until (>= harvest_to): a lot may be sold from stock after its harvest
 *   window (backlog). A BEFORE trigger fills it with harvest_to + storage_days when a writer
 *   (import, factory, an older client) leaves it out, so the column can be NOT NULL;
 * - proposals: `superseded` (a later run over the same scope replaced it) with the run and the
 *   time, and the time a proposal turned stale; at most one `proposed` row per (lot, request):
 *   older duplicates from before this migration become superseded first;
 * - matching_runs: the scope key, the previous run of that scope, the diff against it, and the
 *   schedule (with the iteration time) that fired it, unique so one iteration yields one run;
 * - matching_schedules: recurring runs, the record behind BullMQ job schedulers.
 */
export class ContinuousMatching1796162993870 implements MigrationInterface {
  name = 'ContinuousMatching1796162993870';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "products" ADD "storage_days" integer`);
    await queryRunner.query(`ALTER TABLE "products" ADD "storage_source" text`);
    await queryRunner.query(
      `ALTER TABLE "products" ADD CONSTRAINT "ck_products_storage_days_non_negative" CHECK ("storage_days" IS NULL OR "storage_days" >= 0)`,
    );

    await queryRunner.query(`ALTER TABLE "supply_lots" ADD "available_until" date`);
    await queryRunner.query(
      `UPDATE "supply_lots" l SET "available_until" = l."harvest_to" + COALESCE((SELECT p."storage_days" FROM "products" p WHERE p."code" = l."product_code"), 0)`,
    );
    await queryRunner.query(`CREATE FUNCTION "supply_lots_default_available_until"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.available_until IS NULL THEN
    NEW.available_until := NEW.harvest_to + COALESCE((SELECT p.storage_days FROM products p WHERE p.code = NEW.product_code), 0);
  END IF;
  RETURN NEW;
END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "supply_lots_default_available_until" BEFORE INSERT OR UPDATE ON "supply_lots" FOR EACH ROW EXECUTE FUNCTION "supply_lots_default_available_until"()`,
    );
    await queryRunner.query(`ALTER TABLE "supply_lots" ALTER COLUMN "available_until" SET NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "supply_lots" ADD CONSTRAINT "ck_supply_lots_available_after_harvest" CHECK ("available_until" >= "harvest_to")`,
    );
    await queryRunner.query(
      `ALTER TABLE "supply_lots" ADD CONSTRAINT "ck_supply_lots_status" CHECK ("status" IN ('open', 'sold_out', 'withdrawn', 'expired'))`,
    );
    // The expiry job's scan: open lots by the day they stop being available.
    await queryRunner.query(
      `CREATE INDEX "ix_supply_lots_open_available_until" ON "supply_lots" ("available_until") WHERE status = 'open'`,
    );

    await queryRunner.query(`ALTER TABLE "proposals" DROP CONSTRAINT "ck_proposals_status"`);
    await queryRunner.query(
      `ALTER TABLE "proposals" ADD CONSTRAINT "ck_proposals_status" CHECK ("status" IN ('proposed', 'accepted_by_seller', 'accepted_by_buyer', 'accepted', 'rejected', 'confirmed', 'stale', 'superseded'))`,
    );
    await queryRunner.query(`ALTER TABLE "proposals" ADD "superseded_by_run_id" uuid`);
    await queryRunner.query(`ALTER TABLE "proposals" ADD "superseded_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "proposals" ADD "stale_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "proposals" ADD CONSTRAINT "fk_proposals_superseded_by_run" FOREIGN KEY ("superseded_by_run_id") REFERENCES "matching_runs"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_proposals_superseded_by_run" ON "proposals" ("superseded_by_run_id") WHERE superseded_by_run_id IS NOT NULL`,
    );
    // Runs before this migration stacked proposals: the newest open one of a pair stays, the others are superseded.
    await queryRunner.query(`UPDATE "proposals" p SET "status" = 'superseded', "superseded_at" = now()
          WHERE p."status" = 'proposed' AND EXISTS (
            SELECT 1 FROM "proposals" q WHERE q."status" = 'proposed' AND q."supply_lot_id" = p."supply_lot_id" AND q."purchase_request_id" = p."purchase_request_id"
              AND (q."created_at", q."id") > (p."created_at", p."id"))`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_proposals_open_pair" ON "proposals" ("supply_lot_id", "purchase_request_id") WHERE status = 'proposed'`,
    );

    await queryRunner.query(
      `CREATE TABLE "matching_schedules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cron" character varying(120) NOT NULL, "timezone" character varying(64) NOT NULL DEFAULT 'Asia/Ho_Chi_Minh', "options" jsonb NOT NULL DEFAULT '{}', "scope_key" text NOT NULL, "paused" boolean NOT NULL DEFAULT false, "created_by_user_id" uuid, "last_fired_at" TIMESTAMP WITH TIME ZONE, "last_run_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_matching_schedules" PRIMARY KEY ("id"))`,
    );

    await queryRunner.query(`ALTER TABLE "matching_runs" ADD "scope_key" text NOT NULL DEFAULT ''`);
    await queryRunner.query(`UPDATE "matching_runs" SET "scope_key" = concat_ws('|',
            coalesce((SELECT string_agg(v, ',' ORDER BY v) FROM jsonb_array_elements_text(options->'products') v), '*'),
            coalesce((SELECT string_agg(v, ',' ORDER BY v) FROM jsonb_array_elements_text(options->'provinceCodes') v), '*'))`);
    await queryRunner.query(`ALTER TABLE "matching_runs" ALTER COLUMN "scope_key" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "matching_runs" ADD "previous_run_id" uuid`);
    await queryRunner.query(`ALTER TABLE "matching_runs" ADD "diff" jsonb`);
    await queryRunner.query(`ALTER TABLE "matching_runs" ADD "matching_schedule_id" uuid`);
    await queryRunner.query(`ALTER TABLE "matching_runs" ADD "scheduled_for" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "matching_runs" ADD CONSTRAINT "fk_matching_runs_schedule" FOREIGN KEY ("matching_schedule_id") REFERENCES "matching_schedules"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_matching_runs_schedule_iteration" ON "matching_runs" ("matching_schedule_id", "scheduled_for") WHERE matching_schedule_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_matching_runs_scope_created" ON "matching_runs" ("scope_key", "created_at" DESC)`,
    );
    await queryRunner.query(`CREATE INDEX "ix_matching_runs_created" ON "matching_runs" ("created_at" DESC, "id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_matching_runs_created"`);
    await queryRunner.query(`DROP INDEX "ix_matching_runs_scope_created"`);
    await queryRunner.query(`DROP INDEX "uq_matching_runs_schedule_iteration"`);
    await queryRunner.query(`ALTER TABLE "matching_runs" DROP CONSTRAINT "fk_matching_runs_schedule"`);
    await queryRunner.query(`ALTER TABLE "matching_runs" DROP COLUMN "scheduled_for"`);
    await queryRunner.query(`ALTER TABLE "matching_runs" DROP COLUMN "matching_schedule_id"`);
    await queryRunner.query(`ALTER TABLE "matching_runs" DROP COLUMN "diff"`);
    await queryRunner.query(`ALTER TABLE "matching_runs" DROP COLUMN "previous_run_id"`);
    await queryRunner.query(`ALTER TABLE "matching_runs" DROP COLUMN "scope_key"`);
    await queryRunner.query(`DROP TABLE "matching_schedules"`);

    await queryRunner.query(`DROP INDEX "uq_proposals_open_pair"`);
    await queryRunner.query(`DROP INDEX "ix_proposals_superseded_by_run"`);
    await queryRunner.query(`ALTER TABLE "proposals" DROP CONSTRAINT "fk_proposals_superseded_by_run"`);
    await queryRunner.query(`ALTER TABLE "proposals" DROP COLUMN "stale_at"`);
    await queryRunner.query(`ALTER TABLE "proposals" DROP COLUMN "superseded_at"`);
    await queryRunner.query(`ALTER TABLE "proposals" DROP COLUMN "superseded_by_run_id"`);
    // Superseded rows go back to what they were before: open proposals of their run.
    await queryRunner.query(
      `UPDATE "proposals" SET "status" = 'stale', "stale_reason" = 'superseded by a later run' WHERE "status" = 'superseded'`,
    );
    await queryRunner.query(`ALTER TABLE "proposals" DROP CONSTRAINT "ck_proposals_status"`);
    await queryRunner.query(
      `ALTER TABLE "proposals" ADD CONSTRAINT "ck_proposals_status" CHECK ("status" IN ('proposed', 'accepted_by_seller', 'accepted_by_buyer', 'accepted', 'rejected', 'confirmed', 'stale'))`,
    );

    await queryRunner.query(`DROP INDEX "ix_supply_lots_open_available_until"`);
    await queryRunner.query(`ALTER TABLE "supply_lots" DROP CONSTRAINT "ck_supply_lots_status"`);
    await queryRunner.query(`UPDATE "supply_lots" SET "status" = 'withdrawn' WHERE "status" = 'expired'`);
    await queryRunner.query(`ALTER TABLE "supply_lots" DROP CONSTRAINT "ck_supply_lots_available_after_harvest"`);
    await queryRunner.query(`DROP TRIGGER "supply_lots_default_available_until" ON "supply_lots"`);
    await queryRunner.query(`DROP FUNCTION "supply_lots_default_available_until"()`);
    await queryRunner.query(`ALTER TABLE "supply_lots" DROP COLUMN "available_until"`);

    await queryRunner.query(`ALTER TABLE "products" DROP CONSTRAINT "ck_products_storage_days_non_negative"`);
    await queryRunner.query(`ALTER TABLE "products" DROP COLUMN "storage_source"`);
    await queryRunner.query(`ALTER TABLE "products" DROP COLUMN "storage_days"`);
  }
}
