import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Incremental re-matching through the service (issue 17, item 3). `matching_runs.warm_start_scope`
 * is what makes two runs' instances the same problem over changed data (products, provinces and the
 * engine's parameters with defaults filled); a run starts warm from the last completed run of its
 * warm-start scope (`warm_start_from_run_id`), whose proposals are the earlier plan. Runs and parts
 * record how many of those pairs the simplex started from (`warm_pairs`) and its pivots. Runs
 * completed before this migration have no warm-start scope and start nobody.
 */
export class MatchingWarmStart1796199162000 implements MigrationInterface {
  name = 'MatchingWarmStart1796199162000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "matching_runs" ADD "warm_start_scope" text`);
    await queryRunner.query(`ALTER TABLE "matching_runs" ADD "warm_start_from_run_id" uuid`);
    await queryRunner.query(`ALTER TABLE "matching_runs" ADD "warm_pairs" integer`);
    await queryRunner.query(`ALTER TABLE "matching_runs" ADD "pivots" bigint`);
    await queryRunner.query(
      `ALTER TABLE "matching_runs" ADD CONSTRAINT "fk_matching_runs_warm_start_from" FOREIGN KEY ("warm_start_from_run_id") REFERENCES "matching_runs"("id") ON DELETE SET NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_matching_runs_warm_start_scope" ON "matching_runs" ("warm_start_scope", "finished_at" DESC) WHERE "status" = 'completed'`,
    );
    await queryRunner.query(`ALTER TABLE "matching_run_parts" ADD "warm_start_from_run_id" uuid`);
    await queryRunner.query(`ALTER TABLE "matching_run_parts" ADD "warm_pairs" integer`);
    await queryRunner.query(`ALTER TABLE "matching_run_parts" ADD "pivots" bigint`);
    await queryRunner.query(
      `ALTER TABLE "matching_run_parts" ADD CONSTRAINT "fk_matching_run_parts_warm_start_from" FOREIGN KEY ("warm_start_from_run_id") REFERENCES "matching_runs"("id") ON DELETE SET NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "matching_run_parts" DROP CONSTRAINT "fk_matching_run_parts_warm_start_from"`);
    await queryRunner.query(`ALTER TABLE "matching_run_parts" DROP COLUMN "pivots"`);
    await queryRunner.query(`ALTER TABLE "matching_run_parts" DROP COLUMN "warm_pairs"`);
    await queryRunner.query(`ALTER TABLE "matching_run_parts" DROP COLUMN "warm_start_from_run_id"`);
    await queryRunner.query(`DROP INDEX "ix_matching_runs_warm_start_scope"`);
    await queryRunner.query(`ALTER TABLE "matching_runs" DROP CONSTRAINT "fk_matching_runs_warm_start_from"`);
    await queryRunner.query(`ALTER TABLE "matching_runs" DROP COLUMN "pivots"`);
    await queryRunner.query(`ALTER TABLE "matching_runs" DROP COLUMN "warm_pairs"`);
    await queryRunner.query(`ALTER TABLE "matching_runs" DROP COLUMN "warm_start_from_run_id"`);
    await queryRunner.query(`ALTER TABLE "matching_runs" DROP COLUMN "warm_start_scope"`);
  }
}
