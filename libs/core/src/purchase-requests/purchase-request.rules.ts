import { normalizeCertifications } from '../common/certifications';
import { checkQuantityCoversCommitted, checkTermsKeptWhileCommitted } from '../common/frozen-terms';
import { RuleCheck } from '../common/registry';

/** The terms of a request a buyer writes, by the API or a spreadsheet row (catalogue and owner look-ups are the caller's). */
export interface PurchaseRequestTerms {
  deliverFrom?: string;
  deliverTo?: string;
  requiredCertifications?: string[] | null;
}

/**
 * A request's own rules, whatever the transport: the input normalised (fields left out stay
 * out), every problem in `check`. `current` is the request as stored, for a patch that moves
 * one end of the window only.
 */
export function normalizePurchaseRequest<T extends PurchaseRequestTerms>(
  input: T,
  check: RuleCheck,
  current?: { deliverFrom: string; deliverTo: string },
): T {
  const out = { ...input };
  const from = input.deliverFrom ?? current?.deliverFrom;
  const to = input.deliverTo ?? current?.deliverTo;
  if (from && to && from > to) {
    check.fail(
      'PURCHASE_REQUEST.WINDOW_REVERSED',
      'deliverTo',
      'deliverTo must be on or after deliverFrom',
      'Ngày giao đến phải từ ngày giao từ trở đi',
    );
  }
  if (input.requiredCertifications !== undefined)
    out.requiredCertifications = normalizeCertifications(input.requiredCertifications, 'requiredCertifications', check);
  return out;
}

/** What a change may not do to a request with deals: what the deals were made on is frozen, and the request holds what they took. */
export interface CommittedRequest {
  committedKg: number;
  productCode: string;
  quantityKg: number;
  deliverFrom: string;
  deliverTo: string;
  bidVndPerKg: number;
}

export function checkPurchaseRequestChange(before: CommittedRequest, after: CommittedRequest, check: RuleCheck): void {
  checkQuantityCoversCommitted('PURCHASE_REQUEST', after.quantityKg, before.committedKg, check);
  checkTermsKeptWhileCommitted(
    'PURCHASE_REQUEST',
    before.committedKg,
    before,
    after,
    [
      ['product', 'productCode', 'Sản phẩm'],
      ['bidVndPerKg', 'bidVndPerKg', 'Giá mua'],
      ['deliverFrom', 'deliverFrom', 'Ngày giao từ'],
      ['deliverTo', 'deliverTo', 'Ngày giao đến'],
    ],
    check,
  );
}
