import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LoadVehicle, LoadVehicleDirectory } from './load-vehicles';

/**
 * Vehicles as registered (helper "permits"): an active vehicle only; a retired one is unknown to
 * offers. Permits are read through `permitCheck` once green-lane permits are on file; until
 * then no vehicle holds one.
 */
@Injectable()
export class RegisteredVehicleDirectory extends LoadVehicleDirectory {
  async vehicle(em: EntityManager, id: string): Promise<LoadVehicle | null> {
    const [row] = await em.query(
      `SELECT id, operator_id AS "operatorId", plate, capacity_kg::float8 AS "capacityKg", refrigerated FROM vehicles WHERE id = $1 AND status = 'active'`,
      [id],
    );
    return row ? { ...row, capacityKg: Number(row.capacityKg) } : null;
  }

  async hasPermitOn(em: EntityManager, vehicleId: string, day: string, provinceCodes: string[]): Promise<boolean> {
    const [table] = await em.query(`SELECT to_regclass('green_lane_permits') IS NOT NULL AS present`);
    if (!table?.present) return false;
    // Valid that day, not revoked, and (when it names provinces) for every province the route touches.
    const [row] = await em.query(
      `SELECT 1 FROM green_lane_permits p
        WHERE p.vehicle_id = $1 AND p.revoked_at IS NULL AND p.valid_from <= $2::date AND p.valid_to >= $2::date
          AND (cardinality(p.province_codes) = 0 OR p.province_codes @> $3::text[])
        LIMIT 1`,
      [vehicleId, day, provinceCodes],
    );
    return !!row;
  }

  async operatorUserIds(em: EntityManager, operatorId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await em.query(`SELECT id FROM users WHERE transport_operator_id = $1 AND role = 'transport' ORDER BY id`, [operatorId]);
    return rows.map((r) => r.id);
  }
}
