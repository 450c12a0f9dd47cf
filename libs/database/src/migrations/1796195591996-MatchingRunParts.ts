import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A matching run fanned out over workers (issue 17): one row per independent part (a product),
 * holding the part's instance and, once a worker solved it, its solution, so instances move
 * between workers by reference and never inside a job payload. `worker` and `solve_ms` record who
 * solved the part and how long it took. `matching_runs.split` keeps what the run's snapshot step
 * learnt for the write step (sizes, held-out kilograms, the snapshot's time).
 */
export class MatchingRunParts1796195591996 implements MigrationInterface {
  name = 'MatchingRunParts1796195591996';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "matching_run_parts" (
            "id" uuid NOT NULL DEFAULT gen_random_uuid(),
            "matching_run_id" uuid NOT NULL,
            "product_code" character varying(40) NOT NULL,
            "status" character varying(12) NOT NULL DEFAULT 'queued',
            "progress" integer NOT NULL DEFAULT 0,
            "attempts" integer NOT NULL DEFAULT 0,
            "lots" integer NOT NULL,
            "requests" integer NOT NULL,
            "instance" json,
            "snapshot" json,
            "solution" json,
            "worker" text,
            "solve_ms" double precision,
            "error" text,
            "started_at" TIMESTAMP WITH TIME ZONE,
            "finished_at" TIMESTAMP WITH TIME ZONE,
            "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
            "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
            CONSTRAINT "ck_matching_run_parts_status" CHECK ("status" IN ('queued', 'running', 'completed', 'failed')),
            CONSTRAINT "ck_matching_run_parts_progress" CHECK ("progress" >= 0 AND "progress" <= 100),
            CONSTRAINT "uq_matching_run_parts_product" UNIQUE ("matching_run_id", "product_code"),
            CONSTRAINT "fk_matching_run_parts_run" FOREIGN KEY ("matching_run_id") REFERENCES "matching_runs"("id") ON DELETE CASCADE,
            CONSTRAINT "PK_matching_run_parts" PRIMARY KEY ("id"))`);
    await queryRunner.query(`ALTER TABLE "matching_runs" ADD "split" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "matching_runs" DROP COLUMN "split"`);
    await queryRunner.query(`DROP TABLE "matching_run_parts"`);
  }
}
