import { Actor, isStaff } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { VEHICLE_KINDS, VehicleKind } from './vehicle.entity';

/**
 * Vietnamese road plates (biển số xe, Thông tư 24/2023/TT-BCA): two digits of the province,
 * a series of one or two letters, then five digits written `123.45` or (older plates) four
 * digits `1234`. Input is forgiving about case, spaces, the dash and the dot.
 */
const PLATE = /^(\d{2})([A-Z]{1,2})-?(\d{3})\.?(\d{2})$|^(\d{2})([A-Z]{1,2})-?(\d{4})$/;

/** `68c 123 45`, `68C12345`, `68C-123.45` → `68C-123.45`; `51d-1234` → `51D-1234`; null when not a plate. */
export function normalizePlate(text: string | null | undefined): string | null {
  const compact = (text ?? '')
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s_]+/g, '')
    .replace(/[–—]/g, '-');
  const m = PLATE.exec(compact);
  if (!m) return null;
  if (m[1]) return m[1] === '00' ? null : `${m[1]}${m[2]}-${m[3]}.${m[4]}`;
  return m[5] === '00' ? null : `${m[5]}${m[6]}-${m[7]}`;
}

export function plateOrThrow(text: string): string {
  const plate = normalizePlate(text);
  if (!plate) {
    throw DomainError.invalid(
      'VEHICLE.INVALID_PLATE',
      'plate',
      'plate must be a Vietnamese plate such as 68C-123.45 or 51D-1234',
    );
  }
  return plate;
}

export function assertVehicleKind(kind: string): VehicleKind {
  if (!(VEHICLE_KINDS as readonly string[]).includes(kind)) {
    throw DomainError.invalid('VEHICLE.INVALID_KIND', 'kind', `kind must be one of ${VEHICLE_KINDS.join(', ')}`);
  }
  return kind as VehicleKind;
}

export function assertCapacity(capacityKg: number): number {
  if (!Number.isSafeInteger(capacityKg) || capacityKg <= 0 || capacityKg > 100_000) {
    throw DomainError.invalid(
      'VEHICLE.INVALID_CAPACITY',
      'capacityKg',
      'capacityKg must be whole kilograms, 1 to 100000',
    );
  }
  return capacityKg;
}

/**
 * Staff and admin manage every vehicle; a transport user only its own operator's. Returns the
 * operator to write under (a transport user may leave operatorId out).
 */
export function operatorForWrite(actor: Actor, requestedOperatorId: string | null | undefined): string {
  if (isStaff(actor)) {
    if (!requestedOperatorId)
      throw DomainError.invalid('VEHICLE.OPERATOR_REQUIRED', 'operatorId', 'operatorId is required');
    return requestedOperatorId;
  }
  if (actor.role !== 'transport' || !actor.organizationId) {
    throw new DomainError('forbidden', 'VEHICLE.FORBIDDEN', `role ${actor.role} may not manage vehicles`);
  }
  if (requestedOperatorId && requestedOperatorId !== actor.organizationId) {
    throw new DomainError(
      'forbidden',
      'VEHICLE.FORBIDDEN',
      "operatorId: you may only manage your own operator's vehicles",
      { field: 'operatorId' },
    );
  }
  return actor.organizationId;
}

export function assertManagesVehicle(actor: Actor, operatorId: string): void {
  if (isStaff(actor)) return;
  if (actor.role === 'transport' && actor.organizationId === operatorId) return;
  throw new DomainError('forbidden', 'VEHICLE.FORBIDDEN', 'this vehicle belongs to another transport operator');
}
