import type { MatchingInstance } from '@agrilink/matching-engine';
import type { MatchingRunOptions } from './matching-run.entity';

export interface LotRow {
  id: string;
  cooperativeId: string;
  productCode: string;
  remainingKg: number;
  harvestFrom: string;
  harvestTo: string;
  /** First day the lot can be dispatched in this run: max(harvestFrom, the run day). */
  availableFrom: string;
  /** Last day it can be dispatched (the lot's availableUntil). */
  availableUntil: string;
  certifications: string[];
  askVndPerKg: number;
  lat: number;
  lng: number;
  zone: string | null;
  /** Granted by staff on the lot itself. */
  greenLane: boolean;
  /** The seller has a vehicle with a green-lane permit over the lot's dispatch days. */
  greenLaneByPermit?: boolean;
  version: number;
  /** Set when the lot is a processor's offered stock: the buyer that sells it. */
  sellerBuyerId?: string | null;
}

export interface RequestRow {
  id: string;
  buyerId: string;
  productCode: string;
  remainingKg: number;
  deliverFrom: string;
  deliverTo: string;
  requiredCertifications: string[];
  bidVndPerKg: number;
  lat: number;
  lng: number;
  zone: string | null;
  maxDistanceKm: number | null;
  version: number;
}

export interface ContractRow {
  cooperativeId: string;
  buyerId: string;
  productCode: string | null;
  bonusVndPerKg: number;
}

/** Party ids in the instance carry the product, so a contract limited to one product only prices that product. */
export const partyKey = (orgId: string, productCode: string) => `${orgId}/${productCode}`;

/**
 * Builds the spec instance (SPEC.md) from a registry snapshot. Lots and requests are offered at what
 * remains of them. The spec's contracts have no product, but a pair always has one product, so each
 * party id becomes "<organisation>/<product>" and a contract is emitted once per product it covers
 * (its own product, or every product present when it has none). Bonuses and feasibility are exactly
 * those of the registry; only the labels differ.
 */
export function buildMatchingInstance(input: {
  options: MatchingRunOptions;
  lots: LotRow[];
  requests: RequestRow[];
  contracts: ContractRow[];
  shelfLifeDays: Map<string, number | null>;
  restrictedZones: string[];
}): MatchingInstance {
  const { options } = input;
  const productsPresent = [
    ...new Set([...input.lots.map((l) => l.productCode), ...input.requests.map((r) => r.productCode)]),
  ].sort();
  const sellers = new Set(input.lots.map((l) => partyKey(l.cooperativeId, l.productCode)));
  const buyers = new Set(input.requests.map((r) => partyKey(r.buyerId, r.productCode)));
  const bonus = new Map<string, { cooperativeId: string; buyerId: string; bonusVndPerKg: number }>();
  for (const c of input.contracts) {
    for (const product of c.productCode ? [c.productCode] : productsPresent) {
      const cooperativeId = partyKey(c.cooperativeId, product);
      const buyerId = partyKey(c.buyerId, product);
      if (!sellers.has(cooperativeId) || !buyers.has(buyerId)) continue;
      const key = `${cooperativeId} ${buyerId}`;
      const prev = bonus.get(key);
      if (!prev || prev.bonusVndPerKg < c.bonusVndPerKg)
        bonus.set(key, { cooperativeId, buyerId, bonusVndPerKg: c.bonusVndPerKg });
    }
  }
  const params: Record<string, unknown> = {
    objective: options.objective ?? 'volume-then-score',
    scenario: options.scenario ?? 1,
    restrictedZones: [...input.restrictedZones].sort(),
  };
  for (const [k, v] of Object.entries(options.params ?? {})) if (v !== undefined) params[k] = v;
  return {
    version: 1,
    params: params as unknown as MatchingInstance['params'],
    products: productsPresent
      .filter((code) => input.shelfLifeDays.get(code) != null)
      .map((code) => ({ code, shelfLifeDays: input.shelfLifeDays.get(code)! })),
    lots: input.lots.map((l) => ({
      id: l.id,
      cooperativeId: partyKey(l.cooperativeId, l.productCode),
      product: l.productCode,
      quantityKg: l.remainingKg,
      availableFrom: l.availableFrom,
      availableTo: l.availableUntil,
      certifications: l.certifications ?? [],
      askVndPerKg: l.askVndPerKg,
      lat: l.lat,
      lng: l.lng,
      zone: l.zone,
      // Luồng xanh comes from staff or from a permitted vehicle, never from the seller's own word.
      greenLane: l.greenLane || !!l.greenLaneByPermit,
    })),
    requests: input.requests.map((r) => ({
      id: r.id,
      buyerId: partyKey(r.buyerId, r.productCode),
      product: r.productCode,
      quantityKg: r.remainingKg,
      deliverFrom: r.deliverFrom,
      deliverTo: r.deliverTo,
      requiredCertifications: r.requiredCertifications ?? [],
      bidVndPerKg: r.bidVndPerKg,
      lat: r.lat,
      lng: r.lng,
      zone: r.zone,
      maxDistanceKm: r.maxDistanceKm,
    })),
    contracts: [...bonus.values()].sort(byContractParties),
  };
}

/** The order of an instance's contracts (its parties' ids), also when a run's parts are merged back. */
export const byContractParties = (
  a: MatchingInstance['contracts'][number],
  b: MatchingInstance['contracts'][number],
): number => (a.cooperativeId + a.buyerId).localeCompare(b.cooperativeId + b.buyerId);
