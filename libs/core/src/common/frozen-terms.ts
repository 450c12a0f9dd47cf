import { RuleCheck } from './registry/rule-check';

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
  const check = new RuleCheck();
  checkTermsKeptWhileCommitted(
    entity,
    committedKg,
    before,
    after,
    frozen.map(([field, key]) => [field, key, field]),
    check,
  );
  check.throwFirst();
}

/**
 * The same rule for a rules function: every frozen term that changed, in `check`, answered 409 by
 * the API as above; `frozen` adds the Vietnamese label an import row error names.
 */
export function checkTermsKeptWhileCommitted<T extends object>(
  entity: 'SUPPLY_LOT' | 'PURCHASE_REQUEST',
  committedKg: number,
  before: T,
  after: T,
  frozen: Array<[field: string, key: keyof T, labelVi: string]>,
  check: RuleCheck,
): void {
  if (committedKg <= 0) return;
  for (const [field, key, label] of frozen) {
    if (before[key] !== after[key]) {
      check.fail(
        `${entity}.FIELD_FROZEN`,
        field,
        `${field} cannot change while ${committedKg} kg are committed to deals; cancel those deals first`,
        `${label} không thể đổi khi đã có ${committedKg} kg chốt trong các giao dịch; hãy hủy các giao dịch đó trước`,
        { kind: 'conflict', details: { committedKg } },
      );
    }
  }
}

/** Quantity never below what deals committed (the CHECK holds it too; this names the field). */
export function checkQuantityCoversCommitted(
  entity: 'SUPPLY_LOT' | 'PURCHASE_REQUEST',
  quantityKg: number,
  committedKg: number,
  check: RuleCheck,
): void {
  if (quantityKg >= committedKg) return;
  check.fail(
    `${entity}.QUANTITY_BELOW_COMMITTED`,
    'quantityKg',
    `quantityKg cannot go below the ${committedKg} kg already committed to deals`,
    `Khối lượng không thể nhỏ hơn ${committedKg} kg đã chốt trong các giao dịch`,
    { kind: 'conflict', details: { committedKg } },
  );
}
