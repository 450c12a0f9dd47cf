import { Actor, isStaff } from './actor';
import { DomainError } from './domain-error';

/**
 * Lockdown fields are not an owner's to declare (scenario 2 trusts them):
 * - `zone` is derived from the location and the zone polygons in the database (migration
 *   DerivedZones); nobody writes it, staff draw or edit zones instead;
 * - `greenLane` (luồng xanh) on a lot is granted by staff only; otherwise matching derives it from
 *   the seller's vehicles holding green-lane permits (seller_green_lane, migration GreenLanePermits).
 * Refused with 403 and a code naming the field; called by the services before any write.
 */
export function assertLockdownFieldsWritable(
  actor: Actor,
  input: { zone?: unknown; greenLane?: unknown },
  entity: 'SUPPLY_LOT' | 'PURCHASE_REQUEST',
): void {
  if (input.zone !== undefined) {
    throw new DomainError(
      'forbidden',
      `${entity}.ZONE_DERIVED`,
      'zone is derived from the location and the lockdown zones drawn by staff; it cannot be written',
      {
        field: 'zone',
      },
    );
  }
  if (input.greenLane !== undefined && !isStaff(actor)) {
    throw new DomainError(
      'forbidden',
      `${entity}.GREEN_LANE_STAFF_ONLY`,
      'greenLane (luồng xanh) is granted by staff only',
      { field: 'greenLane' },
    );
  }
}
