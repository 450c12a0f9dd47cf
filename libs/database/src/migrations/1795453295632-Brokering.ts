import { MigrationInterface, QueryRunner } from 'typeorm';

// Matching runs, proposals, deals and notifications (issue 4). Reviewed by hand: CHECKs, the partial UNIQUE on deals.proposal_id.
export class Brokering1795453295632 implements MigrationInterface {
  name = 'Brokering1795453295632';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "matching_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "status" character varying(12) NOT NULL DEFAULT 'queued', "options" jsonb NOT NULL DEFAULT '{}', "run_day" date NOT NULL, "requested_by_user_id" uuid, "progress" integer NOT NULL DEFAULT '0', "attempts" integer NOT NULL DEFAULT '0', "size" jsonb, "matched_kg" bigint, "score_vnd" bigint, "proposals_count" integer, "timings" jsonb, "instance" jsonb, "error" text, "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_matching_runs_progress" CHECK ("progress" >= 0 AND "progress" <= 100), CONSTRAINT "ck_matching_runs_status" CHECK ("status" IN ('queued', 'running', 'completed', 'failed', 'cancelled')), CONSTRAINT "PK_c0bebed77bb3aa81e48b4654d40" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_b644375c97963b0504f42ceec3" ON "matching_runs" ("status") `);
    await queryRunner.query(
      `CREATE TABLE "proposals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "matching_run_id" uuid NOT NULL, "supply_lot_id" uuid NOT NULL, "purchase_request_id" uuid NOT NULL, "cooperative_id" uuid NOT NULL, "buyer_id" uuid NOT NULL, "product_code" character varying(40) NOT NULL, "quantity_kg" bigint NOT NULL, "distance_km" numeric(12,3) NOT NULL, "transport_vnd_per_kg" integer NOT NULL, "score_vnd_per_kg" integer NOT NULL, "ask_vnd_per_kg" integer NOT NULL, "bid_vnd_per_kg" integer NOT NULL, "reasons" jsonb NOT NULL DEFAULT '[]', "status" character varying(20) NOT NULL DEFAULT 'proposed', "lot_version" integer NOT NULL, "request_version" integer NOT NULL, "snapshot" jsonb NOT NULL, "seller_accepted_at" TIMESTAMP WITH TIME ZONE, "buyer_accepted_at" TIMESTAMP WITH TIME ZONE, "rejected_at" TIMESTAMP WITH TIME ZONE, "rejected_by_side" character varying(10), "reject_reason" text, "stale_reason" text, "confirmed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_proposals_status" CHECK ("status" IN ('proposed', 'accepted_by_seller', 'accepted_by_buyer', 'accepted', 'rejected', 'confirmed', 'stale')), CONSTRAINT "ck_proposals_quantity_positive" CHECK ("quantity_kg" > 0), CONSTRAINT "PK_db524c8db8e126a38a2f16d8cac" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_1ea5f7081b266f647e9693a086" ON "proposals" ("supply_lot_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_7b5e3e7d20707d349c32816e9c" ON "proposals" ("purchase_request_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_1ee9fe6fadcbd0c9145e8c310e" ON "proposals" ("cooperative_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_09b1a1cca60bc1814017eea0ac" ON "proposals" ("buyer_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_09d2319018bf917d600ba742c5" ON "proposals" ("status") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_79ec922e45d2149c5438d818ae" ON "proposals" ("matching_run_id", "supply_lot_id", "purchase_request_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "deals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposal_id" uuid, "supply_lot_id" uuid NOT NULL, "purchase_request_id" uuid NOT NULL, "cooperative_id" uuid NOT NULL, "buyer_id" uuid NOT NULL, "product_code" character varying(40) NOT NULL, "quantity_kg" bigint NOT NULL, "price_vnd_per_kg" integer NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'confirmed', "delivered_kg" bigint, "delivered_at" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_deals_status" CHECK ("status" IN ('confirmed', 'delivered', 'cancelled')), CONSTRAINT "ck_deals_delivered_within_quantity" CHECK ("delivered_kg" IS NULL OR ("delivered_kg" >= 0 AND "delivered_kg" <= "quantity_kg")), CONSTRAINT "ck_deals_price_non_negative" CHECK ("price_vnd_per_kg" >= 0), CONSTRAINT "ck_deals_quantity_positive" CHECK ("quantity_kg" > 0), CONSTRAINT "PK_8c66f03b250f613ff8615940b4b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_deals_proposal_id" ON "deals" ("proposal_id") WHERE proposal_id IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_42c35948953afbce9204a6f680" ON "deals" ("supply_lot_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_713100a5cf5729a2e8f266da51" ON "deals" ("purchase_request_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_05609e90e589f5937f73da992a" ON "deals" ("cooperative_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_eef41b3994e0ba974dd7e3ecfb" ON "deals" ("buyer_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_bd106add0fdac9dd2551db0a33" ON "deals" ("status") `);
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "audience" character varying(12) NOT NULL, "audience_id" uuid, "kind" character varying(40) NOT NULL, "title" text NOT NULL, "body" text NOT NULL, "data" jsonb NOT NULL DEFAULT '{}', "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_notifications_audience" CHECK (("audience" IN ('cooperative', 'buyer', 'user') AND "audience_id" IS NOT NULL) OR ("audience" = 'staff' AND "audience_id" IS NULL)), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_4299ef35461342bc79bf996f9a" ON "notifications" ("audience", "audience_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_outbox" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "notification_id" uuid NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_notification_outbox_status" CHECK ("status" IN ('pending', 'sent', 'failed')), CONSTRAINT "PK_83d47c7dba1da2d038749fe757e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_c547a1a4a523cca9627d0515e4" ON "notification_outbox" ("notification_id") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_ae04faa3dd7b52557a4c798c6b" ON "notification_outbox" ("status") `);
    await queryRunner.query(
      `ALTER TABLE "proposals" ADD CONSTRAINT "FK_e27b1d0717a48f097871814654b" FOREIGN KEY ("matching_run_id") REFERENCES "matching_runs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "proposals" ADD CONSTRAINT "FK_1ea5f7081b266f647e9693a086e" FOREIGN KEY ("supply_lot_id") REFERENCES "supply_lots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "proposals" ADD CONSTRAINT "FK_7b5e3e7d20707d349c32816e9c4" FOREIGN KEY ("purchase_request_id") REFERENCES "purchase_requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "deals" ADD CONSTRAINT "FK_cd28e0a0060031a98e13413987c" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "deals" ADD CONSTRAINT "FK_42c35948953afbce9204a6f6809" FOREIGN KEY ("supply_lot_id") REFERENCES "supply_lots"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "deals" ADD CONSTRAINT "FK_713100a5cf5729a2e8f266da51b" FOREIGN KEY ("purchase_request_id") REFERENCES "purchase_requests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_outbox" ADD CONSTRAINT "FK_c547a1a4a523cca9627d0515e41" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification_outbox" DROP CONSTRAINT "FK_c547a1a4a523cca9627d0515e41"`);
    await queryRunner.query(`ALTER TABLE "deals" DROP CONSTRAINT "FK_713100a5cf5729a2e8f266da51b"`);
    await queryRunner.query(`ALTER TABLE "deals" DROP CONSTRAINT "FK_42c35948953afbce9204a6f6809"`);
    await queryRunner.query(`ALTER TABLE "deals" DROP CONSTRAINT "FK_cd28e0a0060031a98e13413987c"`);
    await queryRunner.query(`ALTER TABLE "proposals" DROP CONSTRAINT "FK_7b5e3e7d20707d349c32816e9c4"`);
    await queryRunner.query(`ALTER TABLE "proposals" DROP CONSTRAINT "FK_1ea5f7081b266f647e9693a086e"`);
    await queryRunner.query(`ALTER TABLE "proposals" DROP CONSTRAINT "FK_e27b1d0717a48f097871814654b"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ae04faa3dd7b52557a4c798c6b"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c547a1a4a523cca9627d0515e4"`);
    await queryRunner.query(`DROP TABLE "notification_outbox"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4299ef35461342bc79bf996f9a"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bd106add0fdac9dd2551db0a33"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_eef41b3994e0ba974dd7e3ecfb"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_05609e90e589f5937f73da992a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_713100a5cf5729a2e8f266da51"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_42c35948953afbce9204a6f680"`);
    await queryRunner.query(`DROP INDEX "public"."uq_deals_proposal_id"`);
    await queryRunner.query(`DROP TABLE "deals"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_79ec922e45d2149c5438d818ae"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_09d2319018bf917d600ba742c5"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_09b1a1cca60bc1814017eea0ac"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1ee9fe6fadcbd0c9145e8c310e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7b5e3e7d20707d349c32816e9c"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1ea5f7081b266f647e9693a086"`);
    await queryRunner.query(`DROP TABLE "proposals"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b644375c97963b0504f42ceec3"`);
    await queryRunner.query(`DROP TABLE "matching_runs"`);
  }
}
