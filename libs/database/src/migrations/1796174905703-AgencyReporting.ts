import { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 13 §3, the reporting duty (KH 308's closing clause): departments and communes
// (agencies) with their own users, their weekly reports (texts and figures by product),
// reminders, tasks and ad-hoc reports. Hand-written and reviewed. The users CHECK is rebuilt
// whole: a role is bound to exactly the organisation column that fits it.
export class AgencyReporting1796174905703 implements MigrationInterface {
  name = 'AgencyReporting1796174905703';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "agencies" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "kind" character varying(12) NOT NULL,
        "administrative_unit_id" character varying(40),
        "active" boolean NOT NULL DEFAULT true,
        "search_text" text GENERATED ALWAYS AS (fold_vietnamese("name")) STORED NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_agencies_kind" CHECK ("kind" IN ('department', 'commune', 'other')),
        CONSTRAINT "ck_agencies_name" CHECK (length(btrim("name")) > 0),
        CONSTRAINT "PK_agencies" PRIMARY KEY ("id"),
        CONSTRAINT "FK_agencies_administrative_unit" FOREIGN KEY ("administrative_unit_id") REFERENCES "administrative_units"("id") ON DELETE RESTRICT
      )`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_agencies_name" ON "agencies" (lower("name"))`);

    await queryRunner.query(`ALTER TABLE "users" ADD "agency_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "FK_users_agency" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT`,
    );
    await queryRunner.query(`CREATE INDEX "ix_users_agency" ON "users" ("agency_id") WHERE "agency_id" IS NOT NULL`);
    await this.usersCheck(queryRunner, true);

    // An agency's users read what is addressed to their agency, as a cooperative's do.
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "ck_notifications_audience"`);
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "ck_notifications_audience" CHECK (("audience" IN ('cooperative', 'buyer', 'user', 'agency') AND "audience_id" IS NOT NULL) OR ("audience" = 'staff' AND "audience_id" IS NULL))`,
    );

    await queryRunner.query(
      `CREATE TABLE "agency_reports" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "agency_id" uuid NOT NULL,
        "week" character varying(8) NOT NULL,
        "situation" text NOT NULL DEFAULT '',
        "difficulties" text NOT NULL DEFAULT '',
        "proposals" text NOT NULL DEFAULT '',
        "revision" integer NOT NULL DEFAULT 1,
        "source" character varying(12) NOT NULL DEFAULT 'form',
        "submitted_by_user_id" uuid,
        "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_agency_reports_week" CHECK ("week" ~ '^[0-9]{4}-W[0-9]{2}$'),
        CONSTRAINT "ck_agency_reports_source" CHECK ("source" IN ('form', 'spreadsheet')),
        CONSTRAINT "ck_agency_reports_revision" CHECK ("revision" >= 1),
        CONSTRAINT "PK_agency_reports" PRIMARY KEY ("id"),
        CONSTRAINT "FK_agency_reports_agency" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_agency_reports_user" FOREIGN KEY ("submitted_by_user_id") REFERENCES "users"("id") ON DELETE SET NULL
      )`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_agency_reports_agency_week" ON "agency_reports" ("agency_id", "week")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_agency_reports_week" ON "agency_reports" ("week")`);

    await queryRunner.query(
      `CREATE TABLE "agency_report_lines" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "report_id" uuid NOT NULL,
        "position" integer NOT NULL,
        "product_code" character varying(40),
        "harvested_kg" bigint,
        "sold_kg" bigint,
        "backlog_kg" bigint,
        "note" text,
        CONSTRAINT "ck_agency_report_lines_kg" CHECK (("harvested_kg" IS NULL OR "harvested_kg" >= 0) AND ("sold_kg" IS NULL OR "sold_kg" >= 0) AND ("backlog_kg" IS NULL OR "backlog_kg" >= 0)),
        CONSTRAINT "PK_agency_report_lines" PRIMARY KEY ("id"),
        CONSTRAINT "FK_agency_report_lines_report" FOREIGN KEY ("report_id") REFERENCES "agency_reports"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_agency_report_lines_product" FOREIGN KEY ("product_code") REFERENCES "products"("code") ON DELETE RESTRICT
      )`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_agency_report_lines_report" ON "agency_report_lines" ("report_id", "position")`,
    );
    // One line per product in a report (and at most one line for the agency's whole figures).
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_agency_report_lines_product" ON "agency_report_lines" ("report_id", COALESCE("product_code", ''))`,
    );

    await queryRunner.query(
      `CREATE TABLE "agency_report_reminder_schedules" (
        "id" smallint NOT NULL DEFAULT 1,
        "weekday" smallint NOT NULL,
        "hour" smallint NOT NULL,
        "minute" smallint NOT NULL DEFAULT 0,
        "timezone" character varying(64) NOT NULL DEFAULT 'Asia/Ho_Chi_Minh',
        "paused" boolean NOT NULL DEFAULT false,
        "last_fired_at" TIMESTAMP WITH TIME ZONE,
        "updated_by_user_id" uuid,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_agency_reminder_singleton" CHECK ("id" = 1),
        CONSTRAINT "ck_agency_reminder_time" CHECK ("weekday" BETWEEN 1 AND 7 AND "hour" BETWEEN 0 AND 23 AND "minute" BETWEEN 0 AND 59),
        CONSTRAINT "PK_agency_report_reminder_schedules" PRIMARY KEY ("id")
      )`,
    );

    await queryRunner.query(
      `CREATE TABLE "agency_report_reminders" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "week" character varying(8) NOT NULL,
        "agency_id" uuid NOT NULL,
        "trigger" character varying(10) NOT NULL,
        "scheduled_for" TIMESTAMP WITH TIME ZONE,
        "sent_by_user_id" uuid,
        "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_agency_report_reminders_trigger" CHECK (("trigger" = 'manual') OR ("trigger" = 'scheduled' AND "scheduled_for" IS NOT NULL)),
        CONSTRAINT "PK_agency_report_reminders" PRIMARY KEY ("id"),
        CONSTRAINT "FK_agency_report_reminders_agency" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE CASCADE
      )`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_agency_report_reminders_week" ON "agency_report_reminders" ("week", "agency_id", "sent_at")`,
    );
    // A scheduled iteration retried after a crash reminds each agency once.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_agency_report_reminders_iteration" ON "agency_report_reminders" ("agency_id", "scheduled_for") WHERE "scheduled_for" IS NOT NULL`,
    );

    await queryRunner.query(
      `CREATE TABLE "agency_tasks" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "title" text NOT NULL,
        "assignee_agency_id" uuid NOT NULL,
        "due_on" date,
        "status" character varying(12) NOT NULL DEFAULT 'open',
        "notes" text NOT NULL DEFAULT '',
        "created_by_user_id" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_agency_tasks_status" CHECK ("status" IN ('open', 'in_progress', 'done', 'cancelled')),
        CONSTRAINT "ck_agency_tasks_title" CHECK (length(btrim("title")) > 0),
        CONSTRAINT "PK_agency_tasks" PRIMARY KEY ("id"),
        CONSTRAINT "FK_agency_tasks_agency" FOREIGN KEY ("assignee_agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT
      )`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_agency_tasks_assignee" ON "agency_tasks" ("assignee_agency_id", "status")`,
    );

    await queryRunner.query(
      `CREATE TABLE "ad_hoc_reports" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "agency_id" uuid NOT NULL,
        "subject" text NOT NULL,
        "reported_on" date NOT NULL,
        "content" text NOT NULL,
        "submitted_by_user_id" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_ad_hoc_reports_subject" CHECK (length(btrim("subject")) > 0),
        CONSTRAINT "PK_ad_hoc_reports" PRIMARY KEY ("id"),
        CONSTRAINT "FK_ad_hoc_reports_agency" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT
      )`,
    );
    await queryRunner.query(`CREATE INDEX "ix_ad_hoc_reports_agency" ON "ad_hoc_reports" ("agency_id", "reported_on")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ad_hoc_reports"`);
    await queryRunner.query(`DROP TABLE "agency_tasks"`);
    await queryRunner.query(`DROP TABLE "agency_report_reminders"`);
    await queryRunner.query(`DROP TABLE "agency_report_reminder_schedules"`);
    await queryRunner.query(`DROP TABLE "agency_report_lines"`);
    await queryRunner.query(`DROP TABLE "agency_reports"`);
    await queryRunner.query(`DELETE FROM "notifications" WHERE "audience" = 'agency'`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "ck_notifications_audience"`);
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "ck_notifications_audience" CHECK (("audience" IN ('cooperative', 'buyer', 'user') AND "audience_id" IS NOT NULL) OR ("audience" = 'staff' AND "audience_id" IS NULL))`,
    );
    await queryRunner.query(`DELETE FROM "users" WHERE "role" = 'agency'`);
    await this.usersCheck(queryRunner, false);
    await queryRunner.query(`DROP INDEX "ix_users_agency"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_users_agency"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "agency_id"`);
    await queryRunner.query(`DROP TABLE "agencies"`);
  }

  // Rebuilt whole over the four organisation columns (transport's came with TransportRoleVehicles).
  private async usersCheck(queryRunner: QueryRunner, withAgency: boolean): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "ck_users_organization_matches_role"`);
    const columns = ['cooperative_id', 'buyer_id', 'transport_operator_id', ...(withAgency ? ['agency_id'] : [])];
    const only = (column: string | null) =>
      columns.map((c) => `"${c}" IS ${c === column ? 'NOT NULL' : 'NULL'}`).join(' AND ');
    const roles: Array<[string, string | null]> = [
      [`"role" = 'cooperative'`, 'cooperative_id'],
      [`"role" = 'buyer'`, 'buyer_id'],
      [`"role" = 'transport'`, 'transport_operator_id'],
      ...(withAgency ? ([[`"role" = 'agency'`, 'agency_id']] as Array<[string, string]>) : []),
      [`"role" IN ('admin', 'staff')`, null],
    ];
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "ck_users_organization_matches_role" CHECK (${roles.map(([role, column]) => `(${role} AND ${only(column)})`).join(' OR ')})`,
    );
  }
}
