import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** A vehicle as a plan sees it on one day: where it starts, what it carries, whether it may cross. */
export interface PlanVehicleRow {
  id: string;
  plate: string;
  kind: string;
  capacityKg: number;
  refrigerated: boolean;
  operatorId: string;
  operatorName: string;
  depot: { lat: number; lng: number } | null;
  /** A green-lane permit, not revoked, valid on the day. */
  permitValid: boolean;
  /** Provinces that permit is limited to; null when one of the day's permits covers every province. */
  permitProvinceCodes: string[] | null;
}

/** The transport plans' SQL: the day's vehicles with their depots and permits, and the zones at each load's ends. */
@Injectable()
export class TransportPlansRepository {
  /**
   * Active vehicles of operators serving these provinces (all when null), their operator's
   * location as the depot, and the union of the provinces of their permits valid on `day`.
   */
  async vehiclesOn(em: EntityManager, day: string, provinceCodes: string[] | null): Promise<PlanVehicleRow[]> {
    const rows: any[] = await em.query(
      `SELECT v.id, v.plate, v.kind, v.capacity_kg::float8 AS capacity_kg, v.refrigerated, o.id AS operator_id, o.name AS operator_name,
              ST_Y(o.location::geometry) AS lat, ST_X(o.location::geometry) AS lng,
              p.permits, p.unlimited, p.provinces
         FROM vehicles v
         JOIN transport_operators o ON o.id = v.operator_id
         LEFT JOIN LATERAL (
           SELECT count(*)::int AS permits,
                  bool_or(coalesce(cardinality(g.province_codes), 0) = 0) AS unlimited,
                  array_agg(DISTINCT pc) FILTER (WHERE pc IS NOT NULL) AS provinces
             FROM green_lane_permits g
             LEFT JOIN LATERAL unnest(g.province_codes) AS pc ON true
            WHERE g.vehicle_id = v.id AND g.revoked_at IS NULL AND g.valid_from <= $1::date AND g.valid_to >= $1::date
         ) p ON true
        WHERE v.status = 'active'
          AND ($2::text[] IS NULL OR o.service_province_codes && $2::text[] OR o.province_code = ANY($2::text[]))
        ORDER BY v.id`,
      [day, provinceCodes],
    );
    return rows.map((r) => ({
      id: r.id,
      plate: r.plate,
      kind: r.kind,
      capacityKg: Number(r.capacity_kg),
      refrigerated: r.refrigerated,
      operatorId: r.operator_id,
      operatorName: r.operator_name,
      depot: r.lat === null || r.lng === null ? null : { lat: Number(r.lat), lng: Number(r.lng) },
      permitValid: Number(r.permits ?? 0) > 0,
      permitProvinceCodes: Number(r.permits ?? 0) > 0 && !r.unlimited ? (r.provinces ?? []) : null,
    }));
  }

  /**
   * Restricted zones in force on `day` at each end of the loads (the lot's at pickup, the
   * request's at the drop), decided as lots and requests are placed in zones.
   */
  async restrictedZonesAtEnds(
    em: EntityManager,
    loadIds: string[],
    day: string,
  ): Promise<Map<string, { pickup: string[]; drop: string[] }>> {
    if (!loadIds.length) return new Map();
    const rows: any[] = await em.query(
      `SELECT ld.id,
              restricted_zone_codes_at(ld.pickup_location, supply_lot_commune_id(l), $2::date) AS pickup,
              restricted_zone_codes_at(ld.drop_location, purchase_request_commune_id(r), $2::date) AS drop
         FROM loads ld
         JOIN supply_lots l ON l.id = ld.supply_lot_id
         JOIN purchase_requests r ON r.id = ld.purchase_request_id
        WHERE ld.id = ANY($1::uuid[])`,
      [loadIds, day],
    );
    return new Map(rows.map((r) => [r.id, { pickup: r.pickup ?? [], drop: r.drop ?? [] }]));
  }
}
