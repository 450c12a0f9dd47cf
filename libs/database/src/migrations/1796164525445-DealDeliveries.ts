import { MigrationInterface, QueryRunner } from 'typeorm';

// Deliveries in parts, cancellation with a reason, audit read by actor (issue 12, items 7 and 8). Hand-written.
export class DealDeliveries1796164525445 implements MigrationInterface {
  name = 'DealDeliveries1796164525445';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "deals" ALTER COLUMN "status" TYPE character varying(20)`);
    await q.query(`ALTER TABLE "deals" DROP CONSTRAINT "ck_deals_status"`);
    await q.query(
      `ALTER TABLE "deals" ADD CONSTRAINT "ck_deals_status" CHECK ("status" IN ('confirmed', 'partially_delivered', 'delivered', 'cancelled'))`,
    );
    await q.query(`ALTER TABLE "deals" ADD "cancel_reason" text`);
    await q.query(`ALTER TABLE "deals" ADD "cancelled_by_user_id" uuid`);
    await q.query(`ALTER TABLE "deals" ADD "unusual_price_confirmed" boolean NOT NULL DEFAULT false`);
    await q.query(
      `CREATE TABLE "deal_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "deal_id" uuid NOT NULL, "delivered_kg" bigint NOT NULL, "delivered_on" date NOT NULL, "note" text, "recorded_by_user_id" uuid, "corrected_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_deal_deliveries_kg_positive" CHECK ("delivered_kg" > 0), CONSTRAINT "pk_deal_deliveries" PRIMARY KEY ("id"), CONSTRAINT "fk_deal_deliveries_deal" FOREIGN KEY ("deal_id") REFERENCES "deals"("id") ON DELETE CASCADE)`,
    );
    await q.query(`CREATE INDEX "ix_deal_deliveries_deal" ON "deal_deliveries" ("deal_id", "delivered_on")`);
    await q.query(`CREATE INDEX "ix_audit_logs_actor_at" ON "audit_logs" ("actor_user_id", "at")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_audit_logs_actor_at"`);
    await q.query(`DROP TABLE "deal_deliveries"`);
    await q.query(`ALTER TABLE "deals" DROP COLUMN "unusual_price_confirmed"`);
    await q.query(`ALTER TABLE "deals" DROP COLUMN "cancelled_by_user_id"`);
    await q.query(`ALTER TABLE "deals" DROP COLUMN "cancel_reason"`);
    await q.query(`UPDATE "deals" SET "status" = 'confirmed' WHERE "status" = 'partially_delivered'`);
    await q.query(`ALTER TABLE "deals" DROP CONSTRAINT "ck_deals_status"`);
    await q.query(
      `ALTER TABLE "deals" ADD CONSTRAINT "ck_deals_status" CHECK ("status" IN ('confirmed', 'delivered', 'cancelled'))`,
    );
    await q.query(`ALTER TABLE "deals" ALTER COLUMN "status" TYPE character varying(12)`);
  }
}
