import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Green-lane permits (giấy phép luồng xanh, issue 14):
 * - `green_lane_permits`: staff issue one to a vehicle for a span of days (optionally for some
 *   provinces); `code` is what a checkpoint types in, `payload` + `signature` (Ed25519) what its QR
 *   holds. Revoking keeps the row (a checkpoint's online check must say "revoked", not "unknown").
 * - `seller_green_lane(cooperative, province, from, to)`: a seller has the luồng xanh over those
 *   days when a vehicle assigned to it holds a permit, not revoked, on an active vehicle, valid on
 *   at least one of the days and for the lot's province. Matching calls it for each lot's
 *   dispatch days; a seller's own tick plays no part.
 */
export class GreenLanePermits1796177198477 implements MigrationInterface {
  name = 'GreenLanePermits1796177198477';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "green_lane_permits" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "code" character varying(20) NOT NULL,
      "vehicle_id" uuid NOT NULL,
      "valid_from" date NOT NULL,
      "valid_to" date NOT NULL,
      "province_codes" text array NOT NULL DEFAULT '{}',
      "note" text,
      "payload" text NOT NULL,
      "signature" text NOT NULL,
      "issued_by_user_id" uuid,
      "revoked_at" TIMESTAMP WITH TIME ZONE,
      "revoked_reason" text,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_green_lane_permits" PRIMARY KEY ("id"),
      CONSTRAINT "uq_green_lane_permits_code" UNIQUE ("code"),
      CONSTRAINT "fk_green_lane_permits_vehicle" FOREIGN KEY ("vehicle_id") REFERENCES "vehicles"("id") ON DELETE RESTRICT,
      CONSTRAINT "ck_green_lane_permits_window" CHECK ("valid_from" <= "valid_to"))`);
    await q.query(
      `CREATE INDEX "ix_green_lane_permits_vehicle" ON "green_lane_permits" ("vehicle_id", "valid_to") WHERE "revoked_at" IS NULL`,
    );
    await q.query(`CREATE FUNCTION "seller_green_lane"(coop uuid, province varchar, from_day date, to_day date) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM vehicle_assignments a
      JOIN vehicles v ON v.id = a.vehicle_id AND v.status = 'active'
      JOIN green_lane_permits p ON p.vehicle_id = v.id AND p.revoked_at IS NULL
     WHERE a.cooperative_id = coop AND a.ended_at IS NULL
       AND p.valid_from <= to_day AND p.valid_to >= from_day
       AND (cardinality(p.province_codes) = 0 OR province = ANY(p.province_codes)))
$$`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION "seller_green_lane"(uuid, varchar, date, date)`);
    await q.query(`DROP TABLE "green_lane_permits"`);
  }
}
