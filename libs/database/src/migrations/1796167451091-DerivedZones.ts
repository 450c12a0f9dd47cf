import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lockdown integrity: the zone of a supply lot or a purchase request is what the zone polygons say
 * about its location, never what its owner typed.
 * - `zone_code_at(point, day)`: the zone covering the point that has not ended by `day`; one in
 *   force that day first, then restricted first, the smaller, the lower code (deterministic where
 *   zones overlap). Matching calls it for its run day; the triggers below for today in Việt Nam.
 * - BEFORE INSERT / UPDATE OF location, zone on supply_lots and purchase_requests: `zone` is
 *   recomputed, so no writer (api, import, script) can set it.
 * - AFTER INSERT / UPDATE / DELETE on zones: the lots and requests under the old or the new
 *   boundary are recomputed in the same transaction, and their version bumped when their zone
 *   changed, so a proposal made before a lockdown was drawn goes stale instead of being accepted.
 * Existing rows are recomputed once here: self-declared zones are dropped.
 */
export class DerivedZones1796167451091 implements MigrationInterface {
  name = 'DerivedZones1796167451091';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION "zone_code_at"(pt geography, day date) RETURNS varchar LANGUAGE sql STABLE AS $$
  SELECT z.code FROM zones z
   WHERE ST_Covers(z.boundary, pt::geometry)
     AND (z.active_to IS NULL OR z.active_to >= day)
   ORDER BY (z.active_from IS NULL OR z.active_from <= day) DESC, z.restricted DESC, ST_Area(z.boundary), z.code
   LIMIT 1
$$`);
    // Việt Nam keeps UTC+7 all year; no time zone database needed (PGlite).
    await queryRunner.query(
      `CREATE FUNCTION "vietnam_today"() RETURNS date LANGUAGE sql STABLE AS $$ SELECT ((now() AT TIME ZONE 'UTC') + interval '7 hours')::date $$`,
    );
    await queryRunner.query(`CREATE FUNCTION "derive_zone"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.zone := zone_code_at(NEW.location, vietnam_today());
  RETURN NEW;
END $$`);
    await queryRunner.query(`CREATE FUNCTION "zones_rederive_places"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d date := vietnam_today();
BEGIN
  -- The && on a padded box uses the GiST index of the geography column; ST_Covers decides in degrees, as zone_code_at does.
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
    await queryRunner.query(
      `CREATE TRIGGER "supply_lots_derive_zone" BEFORE INSERT OR UPDATE OF "location", "zone" ON "supply_lots" FOR EACH ROW EXECUTE FUNCTION "derive_zone"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "purchase_requests_derive_zone" BEFORE INSERT OR UPDATE OF "location", "zone" ON "purchase_requests" FOR EACH ROW EXECUTE FUNCTION "derive_zone"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "zones_rederive_places" AFTER INSERT OR UPDATE OR DELETE ON "zones" FOR EACH ROW EXECUTE FUNCTION "zones_rederive_places"()`,
    );
    await queryRunner.query(
      `UPDATE "supply_lots" SET "zone" = zone_code_at("location", vietnam_today()) WHERE "zone" IS DISTINCT FROM zone_code_at("location", vietnam_today())`,
    );
    await queryRunner.query(
      `UPDATE "purchase_requests" SET "zone" = zone_code_at("location", vietnam_today()) WHERE "zone" IS DISTINCT FROM zone_code_at("location", vietnam_today())`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "zones_rederive_places" ON "zones"`);
    await queryRunner.query(`DROP TRIGGER "purchase_requests_derive_zone" ON "purchase_requests"`);
    await queryRunner.query(`DROP TRIGGER "supply_lots_derive_zone" ON "supply_lots"`);
    await queryRunner.query(`DROP FUNCTION "zones_rederive_places"()`);
    await queryRunner.query(`DROP FUNCTION "derive_zone"()`);
    await queryRunner.query(`DROP FUNCTION "vietnam_today"()`);
    await queryRunner.query(`DROP FUNCTION "zone_code_at"(geography, date)`);
  }
}
