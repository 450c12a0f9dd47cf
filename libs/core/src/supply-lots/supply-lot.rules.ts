import { DomainError } from '../common/domain-error';
import { todayInVietnam } from '../common/dates';
import type { SupplyLotStatus } from './supply-lot.entity';

/**
 * Undoing a withdrawal: only a withdrawn lot reopens, and only while it could still sell (its
 * availability not over, kilograms left). An expired or sold lot stays closed: reopening it would
 * put stock on the map that nobody can buy.
 */
export function assertReopenable(
  lot: { status: SupplyLotStatus; availableUntil: string; quantityKg: number; committedKg: number },
  today = todayInVietnam(),
): void {
  if (lot.status !== 'withdrawn') {
    throw new DomainError('conflict', 'SUPPLY_LOT.NOT_WITHDRAWN', `only a withdrawn lot can be reopened (this one is ${lot.status})`, { status: lot.status });
  }
  if (lot.availableUntil < today) {
    throw new DomainError('conflict', 'SUPPLY_LOT.REOPEN_EXPIRED', `the lot was available until ${lot.availableUntil}: it cannot be reopened`, {
      field: 'availableUntil',
      availableUntil: lot.availableUntil,
    });
  }
  if (lot.quantityKg - lot.committedKg <= 0) {
    throw new DomainError('conflict', 'SUPPLY_LOT.REOPEN_SOLD_OUT', 'every kilogram of the lot is committed to deals: it cannot be reopened', {
      committedKg: lot.committedKg,
    });
  }
}
