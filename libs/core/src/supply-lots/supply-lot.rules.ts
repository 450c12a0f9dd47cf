import { normalizeCertifications } from '../common/certifications';
import { DomainError } from '../common/domain-error';
import { todayInVietnam } from '../common/dates';
import { checkQuantityCoversCommitted, checkTermsKeptWhileCommitted } from '../common/frozen-terms';
import { RuleCheck } from '../common/registry';
import type { SupplyLotStatus } from './supply-lot.entity';

/** The terms of a lot a seller writes, by the API or a spreadsheet row (catalogue and owner look-ups are the caller's). */
export interface SupplyLotTerms {
  productCode?: string;
  quantityKg?: number;
  harvestFrom?: string;
  harvestTo?: string;
  askVndPerKg?: number;
  certifications?: string[] | null;
  note?: string | null;
}

/**
 * A lot's own rules, whatever the transport: the input normalised (fields left out stay out),
 * every problem in `check`. `current` is the lot as stored, for a patch that moves one end of
 * the window only.
 */
export function normalizeSupplyLot<T extends SupplyLotTerms>(
  input: T,
  check: RuleCheck,
  current?: { harvestFrom: string; harvestTo: string },
): T {
  const out = { ...input };
  const from = input.harvestFrom ?? current?.harvestFrom;
  const to = input.harvestTo ?? current?.harvestTo;
  if (from && to && from > to) {
    check.fail(
      'SUPPLY_LOT.WINDOW_REVERSED',
      'harvestTo',
      'harvestTo must be on or after harvestFrom',
      'Ngày thu hoạch xong phải từ ngày bắt đầu thu hoạch trở đi',
    );
  }
  if (input.certifications !== undefined)
    out.certifications = normalizeCertifications(input.certifications, 'certifications', check);
  return out;
}

/** What a change may not do to a lot with deals: what the deals were made on is frozen, and the lot holds what they took. */
export interface CommittedLot {
  committedKg: number;
  productCode: string;
  quantityKg: number;
  harvestFrom: string;
  harvestTo: string;
  askVndPerKg: number;
}

export function checkSupplyLotChange(before: CommittedLot, after: CommittedLot, check: RuleCheck): void {
  checkQuantityCoversCommitted('SUPPLY_LOT', after.quantityKg, before.committedKg, check);
  checkTermsKeptWhileCommitted(
    'SUPPLY_LOT',
    before.committedKg,
    before,
    after,
    [
      ['product', 'productCode', 'Sản phẩm'],
      ['askVndPerKg', 'askVndPerKg', 'Giá chào bán'],
      ['harvestFrom', 'harvestFrom', 'Ngày bắt đầu thu hoạch'],
      ['harvestTo', 'harvestTo', 'Ngày thu hoạch xong'],
    ],
    check,
  );
}

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
    throw new DomainError(
      'conflict',
      'SUPPLY_LOT.NOT_WITHDRAWN',
      `only a withdrawn lot can be reopened (this one is ${lot.status})`,
      { status: lot.status },
    );
  }
  if (lot.availableUntil < today) {
    throw new DomainError(
      'conflict',
      'SUPPLY_LOT.REOPEN_EXPIRED',
      `the lot was available until ${lot.availableUntil}: it cannot be reopened`,
      {
        field: 'availableUntil',
        availableUntil: lot.availableUntil,
      },
    );
  }
  if (lot.quantityKg - lot.committedKg <= 0) {
    throw new DomainError(
      'conflict',
      'SUPPLY_LOT.REOPEN_SOLD_OUT',
      'every kilogram of the lot is committed to deals: it cannot be reopened',
      {
        committedKg: lot.committedKg,
      },
    );
  }
}
