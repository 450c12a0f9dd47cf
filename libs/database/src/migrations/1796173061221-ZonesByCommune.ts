import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Zones by commune, curfew hours and checkpoints (issue 14 item 2). Hand-written.
 * - A zone is declared by a polygon, by communes (`administrative_unit_ids`, current communes), or
 *   both. A lot is in a commune zone when its cooperative's commune is; a request when its buyer's
 *   is (a pre-2025 commune counts through its successors in the 2025 mapping). The derivation stays
 *   in the database, as DerivedZones made it: `place_zone_code(point, commune, day)` with the same
 *   tie rule, called by the triggers, by matching (`supply_lot_zone_code`/`purchase_request_zone_code`
 *   for its run day) and by load offers (`restricted_zone_codes_at` on the pickup day).
 * - Zones carry curfew hours for goods traffic (allowed from/to, may wrap midnight).
 * - Moving a cooperative or a buyer to another commune re-derives its lots or requests.
 * - Checkpoints (chốt kiểm soát): a named point, optionally in a zone, ended rather than deleted.
 */
export class ZonesByCommune1796173061221 implements MigrationInterface {
  name = 'ZonesByCommune1796173061221';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "zones" ALTER COLUMN "boundary" DROP NOT NULL`);
    await q.query(`ALTER TABLE "zones" ADD "administrative_unit_ids" text[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE "zones" ADD "curfew_allowed_from" time`);
    await q.query(`ALTER TABLE "zones" ADD "curfew_allowed_to" time`);
    await q.query(
      `ALTER TABLE "zones" ADD CONSTRAINT "ck_zones_curfew_pair" CHECK (("curfew_allowed_from" IS NULL) = ("curfew_allowed_to" IS NULL))`,
    );
    await q.query(
      `ALTER TABLE "zones" ADD CONSTRAINT "ck_zones_has_extent" CHECK ("boundary" IS NOT NULL OR cardinality("administrative_unit_ids") > 0)`,
    );
    await q.query(`CREATE INDEX "ix_zones_administrative_units" ON "zones" USING gin ("administrative_unit_ids")`);

    await q.query(`CREATE FUNCTION "commune_and_successors"(unit varchar) RETURNS text[] LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN unit IS NULL THEN '{}'::text[]
              ELSE ARRAY[unit::text] || COALESCE((SELECT array_agg(m.current_unit_id::text) FROM administrative_unit_mappings m WHERE m.pre2025_unit_id = unit), '{}'::text[]) END
$$`);
    await q.query(`CREATE FUNCTION "supply_lot_commune_id"(l supply_lots) RETURNS varchar LANGUAGE sql STABLE AS $$
  SELECT c.administrative_unit_id FROM cooperatives c WHERE c.id = l.cooperative_id
$$`);
    await q.query(`CREATE FUNCTION "purchase_request_commune_id"(r purchase_requests) RETURNS varchar LANGUAGE sql STABLE AS $$
  SELECT b.administrative_unit_id FROM buyers b WHERE b.id = r.buyer_id
$$`);
    // The tie rule of zone_code_at: in force that day first, then restricted, the smaller, the lower code.
    await q.query(`CREATE FUNCTION "place_zone_code"(pt geography, commune varchar, day date) RETURNS varchar LANGUAGE sql STABLE AS $$
  SELECT z.code FROM zones z
   WHERE (ST_Covers(z.boundary, pt::geometry) OR z.administrative_unit_ids && commune_and_successors(commune))
     AND (z.active_to IS NULL OR z.active_to >= day)
   ORDER BY (z.active_from IS NULL OR z.active_from <= day) DESC, z.restricted DESC, ST_Area(z.boundary) NULLS LAST, z.code
   LIMIT 1
$$`);
    await q.query(`CREATE FUNCTION "restricted_zone_codes_at"(pt geography, commune varchar, day date) RETURNS text[] LANGUAGE sql STABLE AS $$
  SELECT COALESCE(array_agg(z.code::text ORDER BY z.code), '{}'::text[]) FROM zones z
   WHERE z.restricted
     AND (z.active_from IS NULL OR z.active_from <= day) AND (z.active_to IS NULL OR z.active_to >= day)
     AND (ST_Covers(z.boundary, pt::geometry) OR z.administrative_unit_ids && commune_and_successors(commune))
$$`);
    await q.query(`CREATE FUNCTION "supply_lot_zone_code"(l supply_lots, day date) RETURNS varchar LANGUAGE sql STABLE AS $$
  SELECT place_zone_code(l.location, supply_lot_commune_id(l), day)
$$`);
    await q.query(`CREATE FUNCTION "purchase_request_zone_code"(r purchase_requests, day date) RETURNS varchar LANGUAGE sql STABLE AS $$
  SELECT place_zone_code(r.location, purchase_request_commune_id(r), day)
$$`);

    await q.query(`DROP TRIGGER "supply_lots_derive_zone" ON "supply_lots"`);
    await q.query(`DROP TRIGGER "purchase_requests_derive_zone" ON "purchase_requests"`);
    await q.query(`CREATE FUNCTION "derive_supply_lot_zone"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.zone := supply_lot_zone_code(NEW, vietnam_today());
  RETURN NEW;
END $$`);
    await q.query(`CREATE FUNCTION "derive_purchase_request_zone"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.zone := purchase_request_zone_code(NEW, vietnam_today());
  RETURN NEW;
END $$`);
    await q.query(
      `CREATE TRIGGER "supply_lots_derive_zone" BEFORE INSERT OR UPDATE OF "location", "zone", "cooperative_id" ON "supply_lots" FOR EACH ROW EXECUTE FUNCTION "derive_supply_lot_zone"()`,
    );
    await q.query(
      `CREATE TRIGGER "purchase_requests_derive_zone" BEFORE INSERT OR UPDATE OF "location", "zone", "buyer_id" ON "purchase_requests" FOR EACH ROW EXECUTE FUNCTION "derive_purchase_request_zone"()`,
    );
    await q.query(`DROP FUNCTION "derive_zone"()`);

    await q.query(`CREATE OR REPLACE FUNCTION "zones_rederive_places"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d date := vietnam_today();
  units text[] := '{}';
BEGIN
  IF TG_OP <> 'DELETE' THEN units := units || NEW.administrative_unit_ids; END IF;
  IF TG_OP <> 'INSERT' THEN units := units || OLD.administrative_unit_ids; END IF;
  -- The && on a padded box uses the GiST index of the geography column; ST_Covers decides in degrees, as place_zone_code does.
  UPDATE supply_lots l SET zone = supply_lot_zone_code(l, d), version = l.version + 1
   WHERE (COALESCE(TG_OP <> 'DELETE' AND l.location && ST_Expand(NEW.boundary, 0.01)::geography AND ST_Covers(NEW.boundary, l.location::geometry), false)
       OR COALESCE(TG_OP <> 'INSERT' AND l.location && ST_Expand(OLD.boundary, 0.01)::geography AND ST_Covers(OLD.boundary, l.location::geometry), false)
       OR (cardinality(units) > 0 AND l.cooperative_id IN (SELECT c.id FROM cooperatives c WHERE commune_and_successors(c.administrative_unit_id) && units)))
     AND l.zone IS DISTINCT FROM supply_lot_zone_code(l, d);
  UPDATE purchase_requests r SET zone = purchase_request_zone_code(r, d), version = r.version + 1
   WHERE (COALESCE(TG_OP <> 'DELETE' AND r.location && ST_Expand(NEW.boundary, 0.01)::geography AND ST_Covers(NEW.boundary, r.location::geometry), false)
       OR COALESCE(TG_OP <> 'INSERT' AND r.location && ST_Expand(OLD.boundary, 0.01)::geography AND ST_Covers(OLD.boundary, r.location::geometry), false)
       OR (cardinality(units) > 0 AND r.buyer_id IN (SELECT b.id FROM buyers b WHERE commune_and_successors(b.administrative_unit_id) && units)))
     AND r.zone IS DISTINCT FROM purchase_request_zone_code(r, d);
  RETURN NULL;
END $$`);
    await q.query(`CREATE FUNCTION "cooperatives_rederive_lots"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE supply_lots l SET zone = supply_lot_zone_code(l, vietnam_today()), version = l.version + 1
   WHERE l.cooperative_id = NEW.id AND l.zone IS DISTINCT FROM supply_lot_zone_code(l, vietnam_today());
  RETURN NULL;
END $$`);
    await q.query(`CREATE FUNCTION "buyers_rederive_requests"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE purchase_requests r SET zone = purchase_request_zone_code(r, vietnam_today()), version = r.version + 1
   WHERE r.buyer_id = NEW.id AND r.zone IS DISTINCT FROM purchase_request_zone_code(r, vietnam_today());
  RETURN NULL;
END $$`);
    await q.query(
      `CREATE TRIGGER "cooperatives_rederive_lots" AFTER UPDATE OF "administrative_unit_id" ON "cooperatives" FOR EACH ROW WHEN (OLD.administrative_unit_id IS DISTINCT FROM NEW.administrative_unit_id) EXECUTE FUNCTION "cooperatives_rederive_lots"()`,
    );
    await q.query(
      `CREATE TRIGGER "buyers_rederive_requests" AFTER UPDATE OF "administrative_unit_id" ON "buyers" FOR EACH ROW WHEN (OLD.administrative_unit_id IS DISTINCT FROM NEW.administrative_unit_id) EXECUTE FUNCTION "buyers_rederive_requests"()`,
    );

    await q.query(`CREATE TABLE "checkpoints" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "name" text NOT NULL,
      "location" geography(Point,4326) NOT NULL,
      "zone_id" uuid,
      "province_code" character varying(10),
      "note" text,
      "active_from" date,
      "active_to" date,
      "search_text" text GENERATED ALWAYS AS (fold_vietnamese("name")) STORED,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_checkpoints" PRIMARY KEY ("id"),
      CONSTRAINT "ck_checkpoints_period" CHECK ("active_to" IS NULL OR "active_from" IS NULL OR "active_from" <= "active_to"),
      CONSTRAINT "fk_checkpoints_zone" FOREIGN KEY ("zone_id") REFERENCES "zones"("id") ON DELETE SET NULL
    )`);
    await q.query(`CREATE INDEX "ix_checkpoints_location" ON "checkpoints" USING GiST ("location")`);
    await q.query(`CREATE INDEX "ix_checkpoints_zone" ON "checkpoints" ("zone_id")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "checkpoints"`);
    await q.query(`DROP TRIGGER "buyers_rederive_requests" ON "buyers"`);
    await q.query(`DROP TRIGGER "cooperatives_rederive_lots" ON "cooperatives"`);
    await q.query(`DROP FUNCTION "buyers_rederive_requests"()`);
    await q.query(`DROP FUNCTION "cooperatives_rederive_lots"()`);
    await q.query(`CREATE OR REPLACE FUNCTION "zones_rederive_places"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d date := vietnam_today();
BEGIN
  UPDATE supply_lots l SET zone = zone_code_at(l.location, d), version = l.version + 1
   WHERE ((TG_OP <> 'DELETE' AND l.location && ST_Expand(NEW.boundary, 0.01)::geography AND ST_Covers(NEW.boundary, l.location::geometry))
       OR (TG_OP <> 'INSERT' AND l.location && ST_Expand(OLD.boundary, 0.01)::geography AND ST_Covers(OLD.boundary, l.location::geometry)))
     AND l.zone IS DISTINCT FROM zone_code_at(l.location, d);
  UPDATE purchase_requests r SET zone = zone_code_at(r.location, d), version = r.version + 1
   WHERE ((TG_OP <> 'DELETE' AND r.location && ST_Expand(NEW.boundary, 0.01)::geography AND ST_Covers(NEW.boundary, r.location::geometry))
       OR (TG_OP <> 'INSERT' AND r.location && ST_Expand(OLD.boundary, 0.01)::geography AND ST_Covers(OLD.boundary, r.location::geometry)))
     AND r.zone IS DISTINCT FROM zone_code_at(r.location, d);
  RETURN NULL;
END $$`);
    await q.query(`DROP TRIGGER "supply_lots_derive_zone" ON "supply_lots"`);
    await q.query(`DROP TRIGGER "purchase_requests_derive_zone" ON "purchase_requests"`);
    await q.query(`CREATE FUNCTION "derive_zone"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.zone := zone_code_at(NEW.location, vietnam_today());
  RETURN NEW;
END $$`);
    await q.query(
      `CREATE TRIGGER "supply_lots_derive_zone" BEFORE INSERT OR UPDATE OF "location", "zone" ON "supply_lots" FOR EACH ROW EXECUTE FUNCTION "derive_zone"()`,
    );
    await q.query(
      `CREATE TRIGGER "purchase_requests_derive_zone" BEFORE INSERT OR UPDATE OF "location", "zone" ON "purchase_requests" FOR EACH ROW EXECUTE FUNCTION "derive_zone"()`,
    );
    await q.query(`DROP FUNCTION "derive_purchase_request_zone"()`);
    await q.query(`DROP FUNCTION "derive_supply_lot_zone"()`);
    await q.query(`DROP FUNCTION "purchase_request_zone_code"(purchase_requests, date)`);
    await q.query(`DROP FUNCTION "supply_lot_zone_code"(supply_lots, date)`);
    await q.query(`DROP FUNCTION "restricted_zone_codes_at"(geography, varchar, date)`);
    await q.query(`DROP FUNCTION "place_zone_code"(geography, varchar, date)`);
    await q.query(`DROP FUNCTION "purchase_request_commune_id"(purchase_requests)`);
    await q.query(`DROP FUNCTION "supply_lot_commune_id"(supply_lots)`);
    await q.query(`DROP FUNCTION "commune_and_successors"(varchar)`);
    await q.query(`DELETE FROM "zones" WHERE "boundary" IS NULL`);
    await q.query(`DROP INDEX "ix_zones_administrative_units"`);
    await q.query(`ALTER TABLE "zones" DROP CONSTRAINT "ck_zones_has_extent"`);
    await q.query(`ALTER TABLE "zones" DROP CONSTRAINT "ck_zones_curfew_pair"`);
    await q.query(`ALTER TABLE "zones" DROP COLUMN "curfew_allowed_to"`);
    await q.query(`ALTER TABLE "zones" DROP COLUMN "curfew_allowed_from"`);
    await q.query(`ALTER TABLE "zones" DROP COLUMN "administrative_unit_ids"`);
    await q.query(`ALTER TABLE "zones" ALTER COLUMN "boundary" SET NOT NULL`);
  }
}
