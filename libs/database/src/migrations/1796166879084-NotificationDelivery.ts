import { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 12 §5: the outbox gets a delivery worker. Hand-written and reviewed: one delivery per
// (notification, recipient, channel) under a UNIQUE idempotency key, a claim lease for exactly-once
// sending, every attempt on record, and each user's channel choices.
export class NotificationDelivery1796166879084 implements MigrationInterface {
  name = 'NotificationDelivery1796166879084';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification_outbox" DROP CONSTRAINT "ck_notification_outbox_status"`);
    await queryRunner.query(
      `ALTER TABLE "notification_outbox" ADD CONSTRAINT "ck_notification_outbox_status" CHECK ("status" IN ('pending', 'dispatched', 'sent', 'failed'))`,
    );
    await queryRunner.query(`ALTER TABLE "notification_outbox" ADD "dispatched_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE INDEX "ix_notification_outbox_pending" ON "notification_outbox" ("created_at") WHERE "status" = 'pending'`,
    );

    await queryRunner.query(
      `CREATE TABLE "notification_preferences" (
        "user_id" uuid NOT NULL,
        "email" boolean NOT NULL DEFAULT true,
        "zalo" boolean NOT NULL DEFAULT false,
        "sms" boolean NOT NULL DEFAULT false,
        "in_app" boolean NOT NULL DEFAULT true,
        "phone" character varying(20),
        "language" character varying(2) NOT NULL DEFAULT 'vi',
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_notification_preferences_language" CHECK ("language" IN ('vi', 'en')),
        CONSTRAINT "ck_notification_preferences_phone" CHECK (("zalo" = false AND "sms" = false) OR "phone" IS NOT NULL),
        CONSTRAINT "PK_notification_preferences" PRIMARY KEY ("user_id"),
        CONSTRAINT "FK_notification_preferences_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`,
    );

    await queryRunner.query(
      `CREATE TABLE "notification_deliveries" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "notification_id" uuid NOT NULL,
        "user_id" uuid,
        "channel" character varying(8) NOT NULL,
        "address" text NOT NULL,
        "idempotency_key" character varying(160) NOT NULL,
        "language" character varying(2) NOT NULL,
        "subject" text NOT NULL,
        "body_text" text NOT NULL,
        "body_html" text,
        "payload" jsonb NOT NULL DEFAULT '{}',
        "status" character varying(10) NOT NULL DEFAULT 'pending',
        "attempts" integer NOT NULL DEFAULT 0,
        "max_attempts" integer NOT NULL,
        "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "lease_until" TIMESTAMP WITH TIME ZONE,
        "claim_token" uuid,
        "last_error" text,
        "provider_message_id" text,
        "sent_at" TIMESTAMP WITH TIME ZONE,
        "failed_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_notification_deliveries_channel" CHECK ("channel" IN ('email', 'zalo', 'sms')),
        CONSTRAINT "ck_notification_deliveries_status" CHECK ("status" IN ('pending', 'sending', 'sent', 'failed')),
        CONSTRAINT "ck_notification_deliveries_lease" CHECK ("status" <> 'sending' OR ("lease_until" IS NOT NULL AND "claim_token" IS NOT NULL)),
        CONSTRAINT "ck_notification_deliveries_attempts" CHECK ("attempts" >= 0 AND "max_attempts" >= 1),
        CONSTRAINT "uq_notification_deliveries_idempotency_key" UNIQUE ("idempotency_key"),
        CONSTRAINT "PK_notification_deliveries" PRIMARY KEY ("id"),
        CONSTRAINT "FK_notification_deliveries_notification" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_notification_deliveries_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL
      )`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notification_deliveries_notification" ON "notification_deliveries" ("notification_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notification_deliveries_due" ON "notification_deliveries" ("next_attempt_at") WHERE "status" IN ('pending', 'sending')`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notification_deliveries_status" ON "notification_deliveries" ("status", "created_at")`,
    );

    await queryRunner.query(
      `CREATE TABLE "notification_delivery_attempts" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "delivery_id" uuid NOT NULL,
        "attempt" integer NOT NULL,
        "outcome" character varying(10) NOT NULL DEFAULT 'sending',
        "error" text,
        "worker" text,
        "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "finished_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "ck_notification_delivery_attempts_outcome" CHECK ("outcome" IN ('sending', 'sent', 'error', 'abandoned')),
        CONSTRAINT "uq_notification_delivery_attempts" UNIQUE ("delivery_id", "attempt"),
        CONSTRAINT "PK_notification_delivery_attempts" PRIMARY KEY ("id"),
        CONSTRAINT "FK_notification_delivery_attempts_delivery" FOREIGN KEY ("delivery_id") REFERENCES "notification_deliveries"("id") ON DELETE CASCADE
      )`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notification_delivery_attempts"`);
    await queryRunner.query(`DROP TABLE "notification_deliveries"`);
    await queryRunner.query(`DROP TABLE "notification_preferences"`);
    await queryRunner.query(`DROP INDEX "ix_notification_outbox_pending"`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" DROP COLUMN "dispatched_at"`);
    await queryRunner.query(`UPDATE "notification_outbox" SET "status" = 'pending' WHERE "status" = 'dispatched'`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" DROP CONSTRAINT "ck_notification_outbox_status"`);
    await queryRunner.query(
      `ALTER TABLE "notification_outbox" ADD CONSTRAINT "ck_notification_outbox_status" CHECK ("status" IN ('pending', 'sent', 'failed'))`,
    );
  }
}
