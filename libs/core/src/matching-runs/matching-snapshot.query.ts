import { DataSource } from 'typeorm';
import type { ContractRow, LotRow, RequestRow } from './matching-instance.builder';
import type { MatchingRun, MatchingRunDiff } from './matching-run.entity';
import { forEachYielding } from './matching-json';

/** The snapshot's lots and requests by id: the writer copies their terms onto each proposal. */
export type MatchingSnapshot = { lots: Map<string, LotRow>; requests: Map<string, RequestRow> };

/** What a run reads of the registry, as rows: the input of `buildMatchingInstance`, part by part. */
export interface MatchingRegistryRead {
  lots: LotRow[];
  requests: RequestRow[];
  contracts: ContractRow[];
  shelfLifeDays: Map<string, number | null>;
  restrictedZones: string[];
  heldOutKg: MatchingRunDiff['heldOutKg'];
}

// Rows as PostgreSQL returns them (numerics as text, snake_case names).
interface LotRecord {
  id: string;
  cooperative_id: string;
  product_code: string;
  remaining_kg: string | number;
  held_kg: string | number;
  harvest_from: string;
  harvest_to: string;
  available_until: string;
  certifications: string[] | null;
  ask_vnd_per_kg: number;
  lat: string | number;
  lng: string | number;
  zone: string | null;
  green_lane: boolean;
  permit_green_lane: boolean;
  version: number;
  seller_buyer_id: string | null;
}

interface RequestRecord {
  id: string;
  buyer_id: string;
  product_code: string;
  remaining_kg: string | number;
  held_kg: string | number;
  deliver_from: string;
  deliver_to: string;
  required_certifications: string[] | null;
  bid_vnd_per_kg: number;
  lat: string | number;
  lng: string | number;
  zone: string | null;
  max_distance_km: string | number | null;
  version: number;
}

interface ContractRecord {
  cooperative_id: string;
  buyer_id: string;
  product_code: string | null;
  bonus_vnd_per_kg: number;
}

/**
 * One consistent read of the registry (REPEATABLE READ), as rows in ids' order. The rows are mapped
 * a slice at a time: a national season is a million lots, and the worker's event loop must keep
 * renewing its job's lock meanwhile.
 */
export async function readMatchingRegistry(dataSource: DataSource, run: MatchingRun): Promise<MatchingRegistryRead> {
  return dataSource.transaction('REPEATABLE READ', async (em) => {
    const day = run.runDay;
    const products = run.options.products?.length ? run.options.products : null;
    const provinces = run.options.provinceCodes?.length ? run.options.provinceCodes : null;
    // The zone of a row is what the zones say about it on the run's day
    // (polygons and communes: supply_lot_zone_code / purchase_request_zone_code, migrations DerivedZones
    // and ZonesByCommune), never a value its owner wrote.
    // Asked only while some zone is in force or still to come on that day (else every place's zone is
    // null): the per-row lookup costs tens of µs, a minute over a national season of a million lots.
    const zoneOf = (alias: string) =>
      `CASE WHEN EXISTS (SELECT 1 FROM zones z WHERE z.active_to IS NULL OR z.active_to >= $1::date) THEN ${alias === 'l' ? `supply_lot_zone_code(l, $1::date)` : `purchase_request_zone_code(r, $1::date)`} END`;
    // Kilograms of proposals one side (or both) already accepted are held out, so the same
    // kilograms are never offered twice; a lot is offered from max(harvestFrom, run day) to its
    // availableUntil (backlog included), and not at all once that day has passed.
    // One pass over the accepted proposals, joined by hash (a subquery per row was most of the read at a national scale).
    const held = (col: string) => `LEFT JOIN (SELECT p.${col} AS id, SUM(p.quantity_kg) AS kg FROM proposals p
        WHERE p.status IN ('accepted_by_seller', 'accepted_by_buyer', 'accepted') GROUP BY p.${col}) h ON h.id`;
    const lotRows: LotRecord[] = await em.query(
      `SELECT * FROM (
         SELECT l.id, l.cooperative_id, l.product_code, l.remaining_kg, COALESCE(h.kg, 0) AS held_kg,
                l.harvest_from::text AS harvest_from, l.harvest_to::text AS harvest_to, l.available_until::text AS available_until,
                l.certifications, l.ask_vnd_per_kg, ST_Y(l.location::geometry) AS lat, ST_X(l.location::geometry) AS lng,
                ${zoneOf('l')} AS zone, l.green_lane, l.version,
                -- Luồng xanh from permits: a vehicle at the seller's disposal holds a permit over the lot's
                -- dispatch days (max(harvestFrom, run day) .. availableUntil) in its province (migration GreenLanePermits).
                -- Asked only for sellers with a vehicle under an unrevoked permit (one hashed set for the read).
                (l.cooperative_id IN (SELECT a.cooperative_id FROM vehicle_assignments a JOIN green_lane_permits gp ON gp.vehicle_id = a.vehicle_id
                                       WHERE a.cooperative_id IS NOT NULL AND a.ended_at IS NULL AND gp.revoked_at IS NULL)
                 AND seller_green_lane(l.cooperative_id, l.province_code, GREATEST(l.harvest_from, $1::date), l.available_until)) AS permit_green_lane,
                sc.buyer_id AS seller_buyer_id
         FROM supply_lots l
         JOIN cooperatives sc ON sc.id = l.cooperative_id
         ${held('supply_lot_id')} = l.id
         WHERE l.status = 'open' AND l.remaining_kg > 0 AND l.available_until >= $1::date
           AND ($2::text[] IS NULL OR l.product_code = ANY($2)) AND ($3::text[] IS NULL OR l.province_code = ANY($3))) s
       WHERE s.remaining_kg > s.held_kg
       ORDER BY s.id`,
      [day, products, provinces],
    );
    const requestRows: RequestRecord[] = await em.query(
      `SELECT * FROM (
         SELECT r.id, r.buyer_id, r.product_code, r.remaining_kg, COALESCE(h.kg, 0) AS held_kg,
                r.deliver_from::text AS deliver_from, r.deliver_to::text AS deliver_to,
                r.required_certifications, r.bid_vnd_per_kg, ST_Y(r.location::geometry) AS lat, ST_X(r.location::geometry) AS lng,
                ${zoneOf('r')} AS zone, r.max_distance_km, r.version
         FROM purchase_requests r
         ${held('purchase_request_id')} = r.id
         WHERE r.status = 'open' AND r.remaining_kg > 0
           AND ($2::text[] IS NULL OR r.product_code = ANY($2)) AND ($3::text[] IS NULL OR r.province_code = ANY($3))) s
       WHERE s.remaining_kg > s.held_kg
       ORDER BY s.id`,
      [day, products, provinces],
    );
    // Held-out kilograms of lots and requests that still take part (the diff reports them).
    const heldOutKg = {
      supplyLots: lotRows.reduce((s, l) => s + Number(l.held_kg), 0),
      purchaseRequests: requestRows.reduce((s, r) => s + Number(r.held_kg), 0),
    };
    const contractRows: ContractRecord[] = await em.query(
      `SELECT cooperative_id, buyer_id, product_code, bonus_vnd_per_kg FROM contracts
       WHERE valid_from <= $1::date AND (valid_to IS NULL OR valid_to >= $1::date) ORDER BY id`,
      [day],
    );
    const zoneRows: Array<{ code: string }> = await em.query(
      `SELECT code FROM zones WHERE restricted AND (active_from IS NULL OR active_from <= $1::date) AND (active_to IS NULL OR active_to >= $1::date) ORDER BY code`,
      [day],
    );
    const productRows: Array<{ code: string; shelf_life_days: number }> = await em.query(
      `SELECT code, shelf_life_days FROM products`,
    );
    const lots: LotRow[] = new Array<LotRow>(lotRows.length);
    await forEachYielding(lotRows, (l, k) => {
      lots[k] = {
        id: l.id,
        cooperativeId: l.cooperative_id,
        productCode: l.product_code,
        remainingKg: Number(l.remaining_kg) - Number(l.held_kg),
        harvestFrom: l.harvest_from,
        harvestTo: l.harvest_to,
        availableFrom: l.harvest_from > day ? l.harvest_from : day,
        availableUntil: l.available_until,
        certifications: l.certifications ?? [],
        askVndPerKg: l.ask_vnd_per_kg,
        lat: Number(l.lat),
        lng: Number(l.lng),
        zone: l.zone ?? null,
        greenLane: l.green_lane,
        greenLaneByPermit: l.permit_green_lane === true || (l.permit_green_lane as unknown) === 't',
        version: l.version,
        sellerBuyerId: l.seller_buyer_id ?? null,
      };
    });
    const requests: RequestRow[] = new Array<RequestRow>(requestRows.length);
    await forEachYielding(requestRows, (r, k) => {
      requests[k] = {
        id: r.id,
        buyerId: r.buyer_id,
        productCode: r.product_code,
        remainingKg: Number(r.remaining_kg) - Number(r.held_kg),
        deliverFrom: r.deliver_from,
        deliverTo: r.deliver_to,
        requiredCertifications: r.required_certifications ?? [],
        bidVndPerKg: r.bid_vnd_per_kg,
        lat: Number(r.lat),
        lng: Number(r.lng),
        zone: r.zone ?? null,
        maxDistanceKm: r.max_distance_km === null ? null : Number(r.max_distance_km),
        version: r.version,
      };
    });
    const contracts: ContractRow[] = contractRows.map((c) => ({
      cooperativeId: c.cooperative_id,
      buyerId: c.buyer_id,
      productCode: c.product_code,
      bonusVndPerKg: c.bonus_vnd_per_kg,
    }));
    return {
      lots,
      requests,
      contracts,
      shelfLifeDays: new Map(productRows.map((p) => [p.code, p.shelf_life_days])),
      restrictedZones: zoneRows.map((z) => z.code),
      heldOutKg,
    };
  });
}
