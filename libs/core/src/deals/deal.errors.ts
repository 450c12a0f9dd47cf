import { DomainError } from '../common/domain-error';

export function quantityExceedsRemaining(requestedKg: number, lotRemainingKg: number, requestRemainingKg: number): DomainError {
  const remainingKg = Math.max(0, Math.min(lotRemainingKg, requestRemainingKg));
  return new DomainError('conflict', 'DEAL.QUANTITY_EXCEEDS_REMAINING', `${requestedKg} kg exceeds what remains (${remainingKg} kg)`, {
    field: 'quantityKg',
    requestedKg,
    remainingKg,
    supplyLotRemainingKg: lotRemainingKg,
    purchaseRequestRemainingKg: requestRemainingKg,
  });
}
