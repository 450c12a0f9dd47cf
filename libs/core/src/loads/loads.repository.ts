import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryRow, queryRows } from '../common/sql-rows';

/** The loads feature's SQL: distances, the zones a route crosses, what an operator serves. */
@Injectable()
export class LoadsRepository {
  /** Great-circle kilometres between a lot and a request. */
  async distanceKm(em: EntityManager, supplyLotId: string, purchaseRequestId: string): Promise<number> {
    const row = await queryRow<{ km: number | null }>(
      em,
      `SELECT round((ST_Distance(l.location, r.location) / 1000)::numeric, 1)::float8 AS km
         FROM supply_lots l, purchase_requests r WHERE l.id = $1 AND r.id = $2`,
      [supplyLotId, purchaseRequestId],
    );
    return row?.km ?? 0;
  }

  /**
   * Restricted zones in force on `day` around each end of a load: the lot's at pickup, the
   * request's at the drop, decided as lots and requests are placed in zones (migration ZonesByCommune).
   */
  async restrictedZonesAtEnds(
    em: EntityManager,
    loadId: string,
    day: string,
  ): Promise<{ pickup: string[]; drop: string[] }> {
    const row = await queryRow<{ pickup: string[] | null; drop: string[] | null }>(
      em,
      `SELECT restricted_zone_codes_at(ld.pickup_location, supply_lot_commune_id(l), $2::date) AS pickup,
              restricted_zone_codes_at(ld.drop_location, purchase_request_commune_id(r), $2::date) AS drop
         FROM loads ld
         JOIN supply_lots l ON l.id = ld.supply_lot_id
         JOIN purchase_requests r ON r.id = ld.purchase_request_id
        WHERE ld.id = $1`,
      [loadId, day],
    );
    return { pickup: row?.pickup ?? [], drop: row?.drop ?? [] };
  }

  /** Provinces an operator works in: its service provinces and its own. */
  async operatorProvinces(em: EntityManager, operatorId: string): Promise<string[] | null> {
    const row = await queryRow<{ s: string[] | null; p: string | null }>(
      em,
      `SELECT service_province_codes AS s, province_code AS p FROM transport_operators WHERE id = $1`,
      [operatorId],
    );
    if (!row) return null;
    return [...new Set([...(row.s ?? []), ...(row.p ? [row.p] : [])])];
  }

  /** Transport users of the operators working in any of these provinces (told of a new open load). */
  async operatorUserIdsServing(em: EntityManager, provinceCodes: string[]): Promise<string[]> {
    if (!provinceCodes.length) return [];
    const rows = await queryRows<{ id: string }>(
      em,
      `SELECT u.id FROM users u JOIN transport_operators o ON o.id = u.transport_operator_id
        WHERE u.role = 'transport' AND (o.province_code = ANY($1) OR o.service_province_codes && $1::text[]) ORDER BY u.id`,
      [provinceCodes],
    );
    return rows.map((r) => r.id);
  }

  async operatorName(em: EntityManager, operatorId: string): Promise<string | null> {
    const row = await queryRow<{ name: string }>(em, `SELECT name FROM transport_operators WHERE id = $1`, [
      operatorId,
    ]);
    return row?.name ?? null;
  }
}
