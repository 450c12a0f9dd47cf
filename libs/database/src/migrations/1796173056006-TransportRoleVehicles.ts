import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Transport (issue 14):
 * - role `transport`: a user bound to a transport operator (`users.transport_operator_id`); the
 *   organisation CHECK is rebuilt so each role names exactly its own organisation.
 * - `vehicles`: an operator's registered vehicles; the plate is stored normalised
 *   (`68C-123.45`, `51D-1234`) and unique, so one truck is on file once.
 * - `vehicle_assignments`: a vehicle put at a cooperative's disposal (how a seller "has" a
 *   vehicle for luồng xanh); one open assignment per vehicle and cooperative.
 */
export class TransportRoleVehicles1796173056006 implements MigrationInterface {
  name = 'TransportRoleVehicles1796173056006';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "transport_operator_id" uuid`);
    await q.query(
      `ALTER TABLE "users" ADD CONSTRAINT "fk_users_transport_operator" FOREIGN KEY ("transport_operator_id") REFERENCES "transport_operators"("id") ON DELETE RESTRICT`,
    );
    await q.query(
      `CREATE INDEX "ix_users_transport_operator" ON "users" ("transport_operator_id") WHERE "transport_operator_id" IS NOT NULL`,
    );
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "ck_users_organization_matches_role"`);
    await q.query(`ALTER TABLE "users" ADD CONSTRAINT "ck_users_organization_matches_role" CHECK (
      ("role" = 'cooperative' AND "cooperative_id" IS NOT NULL AND "buyer_id" IS NULL AND "transport_operator_id" IS NULL)
      OR ("role" = 'buyer' AND "buyer_id" IS NOT NULL AND "cooperative_id" IS NULL AND "transport_operator_id" IS NULL)
      OR ("role" = 'transport' AND "transport_operator_id" IS NOT NULL AND "cooperative_id" IS NULL AND "buyer_id" IS NULL)
      OR ("role" IN ('admin', 'staff') AND "cooperative_id" IS NULL AND "buyer_id" IS NULL AND "transport_operator_id" IS NULL))`);
    await q.query(`CREATE TABLE "vehicles" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "operator_id" uuid NOT NULL,
      "plate" character varying(16) NOT NULL,
      "kind" character varying(20) NOT NULL,
      "capacity_kg" bigint NOT NULL,
      "refrigerated" boolean NOT NULL DEFAULT false,
      "status" character varying(10) NOT NULL DEFAULT 'active',
      "retired_at" TIMESTAMP WITH TIME ZONE,
      "note" text,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_vehicles" PRIMARY KEY ("id"),
      CONSTRAINT "fk_vehicles_operator" FOREIGN KEY ("operator_id") REFERENCES "transport_operators"("id") ON DELETE RESTRICT,
      CONSTRAINT "uq_vehicles_plate" UNIQUE ("plate"),
      CONSTRAINT "ck_vehicles_capacity_positive" CHECK ("capacity_kg" > 0),
      CONSTRAINT "ck_vehicles_status" CHECK ("status" IN ('active', 'retired')),
      CONSTRAINT "ck_vehicles_retired_at" CHECK (("status" = 'retired') = ("retired_at" IS NOT NULL)))`);
    await q.query(`CREATE INDEX "ix_vehicles_operator" ON "vehicles" ("operator_id")`);
    await q.query(`CREATE TABLE "vehicle_assignments" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "vehicle_id" uuid NOT NULL,
      "cooperative_id" uuid NOT NULL,
      "assigned_by_user_id" uuid,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "ended_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "pk_vehicle_assignments" PRIMARY KEY ("id"),
      CONSTRAINT "fk_vehicle_assignments_vehicle" FOREIGN KEY ("vehicle_id") REFERENCES "vehicles"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_vehicle_assignments_cooperative" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE CASCADE)`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_vehicle_assignments_open" ON "vehicle_assignments" ("vehicle_id", "cooperative_id") WHERE "ended_at" IS NULL`,
    );
    await q.query(
      `CREATE INDEX "ix_vehicle_assignments_cooperative" ON "vehicle_assignments" ("cooperative_id") WHERE "ended_at" IS NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "vehicle_assignments"`);
    await q.query(`DROP TABLE "vehicles"`);
    await q.query(`DELETE FROM "users" WHERE "role" = 'transport'`);
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "ck_users_organization_matches_role"`);
    await q.query(`ALTER TABLE "users" ADD CONSTRAINT "ck_users_organization_matches_role" CHECK (("role" = 'cooperative' AND "cooperative_id" IS NOT NULL AND "buyer_id" IS NULL)
   OR ("role" = 'buyer' AND "buyer_id" IS NOT NULL AND "cooperative_id" IS NULL)
   OR ("role" IN ('admin', 'staff') AND "cooperative_id" IS NULL AND "buyer_id" IS NULL))`);
    await q.query(`DROP INDEX "ix_users_transport_operator"`);
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "fk_users_transport_operator"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "transport_operator_id"`);
  }
}
