import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Transport plans (issue 14 item 5): one row per planning run for a day. The proposed trips,
 * the loads left over and the figures are written in one UPDATE when the run completes (a
 * retry rewrites them whole); offers made from a plan name it (load_offers.transport_plan_id).
 * Hand-written.
 */
export class TransportPlans1796173707425 implements MigrationInterface {
  name = 'TransportPlans1796173707425';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "transport_plans" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "status" character varying(12) NOT NULL DEFAULT 'queued',
      "plan_day" date NOT NULL,
      "province_codes" text array,
      "params" jsonb NOT NULL DEFAULT '{}',
      "requested_by_user_id" uuid,
      "progress" integer NOT NULL DEFAULT 0,
      "attempts" integer NOT NULL DEFAULT 0,
      "method" character varying(24),
      "cost_vnd" bigint,
      "baseline_cost_vnd" bigint,
      "lower_bound_vnd" bigint,
      "planned_kg" bigint,
      "trips" jsonb,
      "unplanned" jsonb,
      "stats" jsonb,
      "error" text,
      "offers_made_at" TIMESTAMP WITH TIME ZONE,
      "offers_made_by_user_id" uuid,
      "offers_count" integer,
      "started_at" TIMESTAMP WITH TIME ZONE,
      "finished_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_transport_plans" PRIMARY KEY ("id"),
      CONSTRAINT "ck_transport_plans_status" CHECK ("status" IN ('queued', 'running', 'completed', 'failed')),
      CONSTRAINT "ck_transport_plans_progress" CHECK ("progress" >= 0 AND "progress" <= 100),
      CONSTRAINT "ck_transport_plans_costs" CHECK ("cost_vnd" IS NULL OR ("cost_vnd" >= 0 AND "cost_vnd" <= "baseline_cost_vnd" AND "lower_bound_vnd" <= "cost_vnd")),
      CONSTRAINT "ck_transport_plans_method" CHECK ("method" IS NULL OR "method" IN ('shared', 'one-truck-per-load'))
    )`);
    await q.query(`CREATE INDEX "ix_transport_plans_created" ON "transport_plans" ("created_at" DESC)`);
    await q.query(
      `CREATE INDEX "ix_transport_plans_status" ON "transport_plans" ("status") WHERE "status" IN ('queued', 'running')`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "transport_plans"`);
  }
}
