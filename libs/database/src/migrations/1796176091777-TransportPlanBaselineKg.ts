import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A plan may cost more than one truck per load only when it carries more: when trucks are short,
 * one truck per load leaves more kilograms behind, and its cost covers fewer of them. The plan's
 * row keeps the kilograms one truck per load would carry, and the cost CHECK says exactly that.
 * Hand-written.
 */
export class TransportPlanBaselineKg1796176091777 implements MigrationInterface {
  name = 'TransportPlanBaselineKg1796176091777';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "transport_plans" ADD "baseline_planned_kg" bigint`);
    await q.query(`UPDATE "transport_plans" SET "baseline_planned_kg" = "planned_kg" WHERE "planned_kg" IS NOT NULL`);
    await q.query(`ALTER TABLE "transport_plans" DROP CONSTRAINT "ck_transport_plans_costs"`);
    await q.query(`ALTER TABLE "transport_plans" ADD CONSTRAINT "ck_transport_plans_costs" CHECK ("cost_vnd" IS NULL OR (
      "cost_vnd" >= 0 AND "lower_bound_vnd" <= "cost_vnd" AND "planned_kg" >= "baseline_planned_kg"
      AND ("cost_vnd" <= "baseline_cost_vnd" OR "planned_kg" > "baseline_planned_kg")))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "transport_plans" DROP CONSTRAINT "ck_transport_plans_costs"`);
    await q.query(
      `ALTER TABLE "transport_plans" ADD CONSTRAINT "ck_transport_plans_costs" CHECK ("cost_vnd" IS NULL OR ("cost_vnd" >= 0 AND "cost_vnd" <= "baseline_cost_vnd" AND "lower_bound_vnd" <= "cost_vnd"))`,
    );
    await q.query(`ALTER TABLE "transport_plans" DROP COLUMN "baseline_planned_kg"`);
  }
}
