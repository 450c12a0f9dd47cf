import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The supply map and lists at 100 000 lots:
 * - `supply_lot_changes`: statement triggers on supply_lots log which lots each transaction
 *   touched, with its transaction id, so every api process can bring its in-memory snapshot of
 *   open lots up to date in one indexed query (pg_visible_in_snapshot); kept 15 minutes by the
 *   readers. A TRUNCATE logs the nil uuid: reload everything.
 * - list indexes matching the lists' ORDER BY, so a page is an index walk rather than a sort
 *   of every lot. Declared on the entity with synchronize: false (TypeORM cannot express them).
 */
export class SupplyMapPerformance1795455193179 implements MigrationInterface {
  name = 'SupplyMapPerformance1795455193179';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "supply_lot_changes" ("xid" xid8 NOT NULL DEFAULT pg_current_xact_id(), "lot_id" uuid NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now())`,
    );
    await queryRunner.query(`CREATE INDEX "ix_supply_lot_changes_xid" ON "supply_lot_changes" ("xid")`);
    await queryRunner.query(`CREATE INDEX "ix_supply_lot_changes_changed_at" ON "supply_lot_changes" ("changed_at")`);
    await queryRunner.query(`CREATE FUNCTION "supply_lots_log_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR TG_OP = 'UPDATE' THEN
    INSERT INTO supply_lot_changes (lot_id) SELECT id FROM changed_rows;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO supply_lot_changes (lot_id) SELECT id FROM removed_rows;
  ELSE
    INSERT INTO supply_lot_changes (lot_id) VALUES ('00000000-0000-0000-0000-000000000000');
  END IF;
  RETURN NULL;
END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "supply_lots_log_insert" AFTER INSERT ON "supply_lots" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "supply_lots_log_changes"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "supply_lots_log_update" AFTER UPDATE ON "supply_lots" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "supply_lots_log_changes"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "supply_lots_log_delete" AFTER DELETE ON "supply_lots" REFERENCING OLD TABLE AS removed_rows FOR EACH STATEMENT EXECUTE FUNCTION "supply_lots_log_changes"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "supply_lots_log_truncate" AFTER TRUNCATE ON "supply_lots" FOR EACH STATEMENT EXECUTE FUNCTION "supply_lots_log_changes"()`,
    );
    await queryRunner.query(`CREATE INDEX "ix_supply_lots_created" ON "supply_lots" ("created_at" DESC, "id")`);
    await queryRunner.query(
      `CREATE INDEX "ix_supply_lots_province_created" ON "supply_lots" ("province_code", "created_at" DESC, "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_supply_lots_open_harvest" ON "supply_lots" ("harvest_from", "id") WHERE status = 'open' AND remaining_kg > 0`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_supply_lots_open_product_harvest" ON "supply_lots" ("product_code", "harvest_from", "id") WHERE status = 'open' AND remaining_kg > 0`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_supply_lots_open_product_harvest"`);
    await queryRunner.query(`DROP INDEX "public"."ix_supply_lots_open_harvest"`);
    await queryRunner.query(`DROP INDEX "public"."ix_supply_lots_province_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_supply_lots_created"`);
    await queryRunner.query(`DROP TRIGGER "supply_lots_log_truncate" ON "supply_lots"`);
    await queryRunner.query(`DROP TRIGGER "supply_lots_log_delete" ON "supply_lots"`);
    await queryRunner.query(`DROP TRIGGER "supply_lots_log_update" ON "supply_lots"`);
    await queryRunner.query(`DROP TRIGGER "supply_lots_log_insert" ON "supply_lots"`);
    await queryRunner.query(`DROP FUNCTION "supply_lots_log_changes"()`);
    await queryRunner.query(`DROP TABLE "supply_lot_changes"`);
  }
}
