import type { PurchaseRequest } from '../purchase-requests/purchase-request.entity';
import type { SupplyLot } from '../supply-lots/supply-lot.entity';
import type { ProposalSnapshot } from './proposal.entity';

type LotTerms = Pick<
  SupplyLot,
  'status' | 'version' | 'productCode' | 'askVndPerKg' | 'harvestFrom' | 'harvestTo' | 'certifications' | 'location'
> & { availableUntil?: string } & Partial<Pick<SupplyLot, 'zone' | 'greenLane'>>;
type RequestTerms = Pick<
  PurchaseRequest,
  | 'status'
  | 'version'
  | 'productCode'
  | 'bidVndPerKg'
  | 'deliverFrom'
  | 'deliverTo'
  | 'requiredCertifications'
  | 'location'
  | 'maxDistanceKm'
> &
  Partial<Pick<PurchaseRequest, 'zone'>>;

/**
 * Why a proposal no longer stands, or null. A version bump alone is not enough: committing
 * another deal bumps it too, and a quantity change is judged by the remaining-kg check.
 * What matters is a change to the terms the optimiser priced: product, price, window,
 * certifications, place, distance cap, or a withdrawal.
 */
export function proposalStaleReason(
  snapshot: ProposalSnapshot,
  versions: { lotVersion: number; requestVersion: number },
  lot: LotTerms,
  request: RequestTerms,
): string | null {
  if (lot.status === 'withdrawn') return 'the supply lot was withdrawn';
  if (lot.status === 'expired') return 'the supply lot is no longer available (expired)';
  if (request.status === 'withdrawn') return 'the purchase request was withdrawn';
  if (lot.version !== versions.lotVersion) {
    const s = snapshot.lot;
    if (lot.productCode !== s.productCode) return 'the supply lot changed product';
    if (lot.askVndPerKg !== s.askVndPerKg) return 'the supply lot changed its asking price';
    if (lot.harvestFrom !== s.harvestFrom || lot.harvestTo !== s.harvestTo)
      return 'the supply lot changed its harvest window';
    if (s.availableUntil && lot.availableUntil && lot.availableUntil < s.availableUntil)
      return 'the supply lot is available for a shorter time';
    if (!sameSet(lot.certifications, s.certifications)) return 'the supply lot changed its certifications';
    if (!samePlace(lot.location?.coordinates, s.location)) return 'the supply lot moved';
    // A lockdown drawn (or a green lane revoked) after the run: the pair may no longer be allowed.
    if (s.zone !== undefined && lot.zone !== undefined && (lot.zone ?? null) !== (s.zone ?? null))
      return "the supply lot's lockdown zone changed";
    if (s.greenLane !== undefined && lot.greenLane !== undefined && lot.greenLane !== s.greenLane)
      return "the supply lot's green lane changed";
  }
  if (request.version !== versions.requestVersion) {
    const s = snapshot.request;
    if (request.productCode !== s.productCode) return 'the purchase request changed product';
    if (request.bidVndPerKg !== s.bidVndPerKg) return 'the purchase request changed its bid';
    if (request.deliverFrom !== s.deliverFrom || request.deliverTo !== s.deliverTo)
      return 'the purchase request changed its delivery window';
    if (!sameSet(request.requiredCertifications, s.requiredCertifications))
      return 'the purchase request changed its required certifications';
    if (!samePlace(request.location?.coordinates, s.location)) return 'the purchase request moved';
    if ((request.maxDistanceKm ?? null) !== (s.maxDistanceKm ?? null))
      return 'the purchase request changed its distance cap';
    if (s.zone !== undefined && request.zone !== undefined && (request.zone ?? null) !== (s.zone ?? null))
      return "the purchase request's lockdown zone changed";
  }
  return null;
}

function sameSet(a: string[] | null | undefined, b: string[] | null | undefined): boolean {
  const x = [...(a ?? [])].sort();
  const y = [...(b ?? [])].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

function samePlace(a: number[] | undefined, b: number[] | undefined): boolean {
  if (!a || !b) return !a && !b;
  return Math.abs(a[0] - b[0]) < 1e-6 && Math.abs(a[1] - b[1]) < 1e-6;
}
