import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryRow } from '../common/sql-rows';
import { GreenLanePermitsService } from '../green-lane-permits/green-lane-permits.service';
import { LoadVehicle, LoadVehicleDirectory } from './load-vehicles';

/**
 * Vehicles as registered: an active vehicle only (a retired one is unknown to offers); permits as
 * the green-lane permits feature judges them (not revoked, in date, good in the province).
 */
@Injectable()
export class RegisteredVehicleDirectory extends LoadVehicleDirectory {
  constructor(private readonly permits: GreenLanePermitsService) {
    super();
  }

  async vehicle(em: EntityManager, id: string): Promise<LoadVehicle | null> {
    const row = await queryRow<LoadVehicle>(
      em,
      `SELECT id, operator_id AS "operatorId", plate, capacity_kg::float8 AS "capacityKg", refrigerated FROM vehicles WHERE id = $1 AND status = 'active'`,
      [id],
    );
    return row ?? null;
  }

  /** A permit good on `day` in every province the route touches (the permits' own rule, per province). */
  async hasPermitOn(em: EntityManager, vehicleId: string, day: string, provinceCodes: string[]): Promise<boolean> {
    if (!provinceCodes.length) return this.permits.isVehiclePermitted(vehicleId, day, { em });
    for (const provinceCode of provinceCodes) {
      if (!(await this.permits.isVehiclePermitted(vehicleId, day, { provinceCode, em }))) return false;
    }
    return true;
  }

  async operatorUserIds(em: EntityManager, operatorId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await em.query(
      `SELECT id FROM users WHERE transport_operator_id = $1 AND role = 'transport' ORDER BY id`,
      [operatorId],
    );
    return rows.map((r) => r.id);
  }
}
