import { DomainError } from './domain-error';

/**
 * Once kilograms of a lot or a request are committed to deals, the terms those deals were made on
 * (product, price, window) are frozen: a change would leave a deal pointing at something else than
 * what was bought. Changing them means cancelling the deals first. Called by the services under the
 * row lock that deals also take (lot, then request), so no deal can commit between check and write.
 */
export function assertTermsKeptWhileCommitted<T extends object>(
  entity: 'SUPPLY_LOT' | 'PURCHASE_REQUEST',
  committedKg: number,
  before: T,
  after: T,
  frozen: Array<[field: string, key: keyof T]>,
): void {
  if (committedKg <= 0) return;
  for (const [field, key] of frozen) {
    if (before[key] !== after[key]) {
      throw new DomainError(
        'conflict',
        `${entity}.FIELD_FROZEN`,
        `${field} cannot change while ${committedKg} kg are committed to deals; cancel those deals first`,
        { field, committedKg },
      );
    }
  }
}
