import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Loads and offers (issue 14 item 4). A load is the transport a confirmed deal needs: pickup at the
 * lot, drop at the buyer. Operators offer a vehicle and a price; offers carry kilograms so a load
 * may travel in parts (covered_kg, the sum of accepted offers, never passes quantity_kg: CHECK).
 * A plan's offers name their transport plan without a key: plans are another feature's table.
 * Hand-written.
 */
export class Loads1796173061220 implements MigrationInterface {
  name = 'Loads1796173061220';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "loads" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "deal_id" uuid NOT NULL,
      "supply_lot_id" uuid NOT NULL,
      "purchase_request_id" uuid NOT NULL,
      "cooperative_id" uuid NOT NULL,
      "buyer_id" uuid NOT NULL,
      "product_code" character varying(40) NOT NULL,
      "quantity_kg" bigint NOT NULL,
      "covered_kg" bigint NOT NULL DEFAULT 0,
      "pickup_location" geography(Point,4326) NOT NULL,
      "pickup_province_code" character varying(10),
      "drop_location" geography(Point,4326) NOT NULL,
      "drop_province_code" character varying(10),
      "distance_km" numeric(10,1) NOT NULL,
      "earliest_pickup_on" date NOT NULL,
      "latest_delivery_on" date NOT NULL,
      "refrigerated" boolean NOT NULL DEFAULT false,
      "status" character varying(12) NOT NULL DEFAULT 'open',
      "note" text,
      "cancel_reason" text,
      "created_by_user_id" uuid,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_loads" PRIMARY KEY ("id"),
      CONSTRAINT "ck_loads_quantity_positive" CHECK ("quantity_kg" > 0),
      CONSTRAINT "ck_loads_covered_within_quantity" CHECK ("covered_kg" >= 0 AND "covered_kg" <= "quantity_kg"),
      CONSTRAINT "ck_loads_window" CHECK ("earliest_pickup_on" <= "latest_delivery_on"),
      CONSTRAINT "ck_loads_status" CHECK ("status" IN ('open', 'covered', 'cancelled')),
      CONSTRAINT "fk_loads_deal" FOREIGN KEY ("deal_id") REFERENCES "deals"("id") ON DELETE RESTRICT,
      CONSTRAINT "fk_loads_supply_lot" FOREIGN KEY ("supply_lot_id") REFERENCES "supply_lots"("id") ON DELETE RESTRICT,
      CONSTRAINT "fk_loads_purchase_request" FOREIGN KEY ("purchase_request_id") REFERENCES "purchase_requests"("id") ON DELETE RESTRICT
    )`);
    // One live load per deal; a cancelled one may be posted again.
    await q.query(`CREATE UNIQUE INDEX "uq_loads_deal_live" ON "loads" ("deal_id") WHERE "status" <> 'cancelled'`);
    await q.query(`CREATE INDEX "ix_loads_status_pickup" ON "loads" ("status", "earliest_pickup_on")`);
    await q.query(`CREATE INDEX "ix_loads_cooperative" ON "loads" ("cooperative_id")`);
    await q.query(`CREATE INDEX "ix_loads_buyer" ON "loads" ("buyer_id")`);
    await q.query(`CREATE INDEX "ix_loads_pickup_province" ON "loads" ("pickup_province_code")`);
    await q.query(`CREATE INDEX "ix_loads_drop_province" ON "loads" ("drop_province_code")`);
    await q.query(`CREATE TABLE "load_offers" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "load_id" uuid NOT NULL,
      "operator_id" uuid NOT NULL,
      "vehicle_id" uuid NOT NULL,
      "kg" bigint NOT NULL,
      "price_vnd" bigint NOT NULL,
      "pickup_on" date NOT NULL,
      "status" character varying(12) NOT NULL DEFAULT 'pending',
      "source" character varying(12) NOT NULL DEFAULT 'operator',
      "transport_plan_id" uuid,
      "note" text,
      "decline_reason" character varying(40),
      "created_by_user_id" uuid,
      "decided_by_user_id" uuid,
      "decided_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_load_offers" PRIMARY KEY ("id"),
      CONSTRAINT "ck_load_offers_kg_positive" CHECK ("kg" > 0),
      CONSTRAINT "ck_load_offers_price_non_negative" CHECK ("price_vnd" >= 0),
      CONSTRAINT "ck_load_offers_status" CHECK ("status" IN ('pending', 'accepted', 'declined', 'withdrawn')),
      CONSTRAINT "ck_load_offers_source" CHECK ("source" IN ('operator', 'plan')),
      CONSTRAINT "fk_load_offers_load" FOREIGN KEY ("load_id") REFERENCES "loads"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_load_offers_operator" FOREIGN KEY ("operator_id") REFERENCES "transport_operators"("id") ON DELETE RESTRICT,
      CONSTRAINT "fk_load_offers_vehicle" FOREIGN KEY ("vehicle_id") REFERENCES "vehicles"("id") ON DELETE RESTRICT
    )`);
    await q.query(`CREATE INDEX "ix_load_offers_load_status" ON "load_offers" ("load_id", "status")`);
    await q.query(`CREATE INDEX "ix_load_offers_operator" ON "load_offers" ("operator_id", "created_at")`);
    await q.query(`CREATE INDEX "ix_load_offers_vehicle_day" ON "load_offers" ("vehicle_id", "pickup_on")`);
    await q.query(
      `CREATE INDEX "ix_load_offers_plan" ON "load_offers" ("transport_plan_id") WHERE "transport_plan_id" IS NOT NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "load_offers"`);
    await q.query(`DROP TABLE "loads"`);
  }
}
