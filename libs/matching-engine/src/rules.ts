/**
 * The spec's derived values and seven feasibility rules as small pure functions.
 * The pair generator inlines the same arithmetic on typed arrays; tests check both agree.
 */
import { dayOf } from './dates';
import { haversineKm } from './geo';
import type { InstanceContract, InstanceLot, InstanceRequest, MatchingInstance, MatchingParams } from './types';

/** m: the lockdown transport multiplier for a pair of zones. */
export function transportMultiplier(
  params: MatchingParams,
  lotZone: string | null,
  requestZone: string | null,
): number {
  if (params.scenario !== 2) return 1;
  const restricted = isRestricted(params, lotZone) || isRestricted(params, requestZone);
  return restricted ? params.scenario2TransportMultiplier : 1;
}

function isRestricted(params: MatchingParams, zone: string | null): boolean {
  return zone !== null && params.restrictedZones.includes(zone);
}

/** t = floor(transportVndPerKgKm × m × d + 0.5), VND per kg. */
export function transportVndPerKg(transportVndPerKgKm: number, multiplier: number, distanceKm: number): number {
  return Math.floor(transportVndPerKgKm * multiplier * distanceKm + 0.5);
}

/** T = ceil(d / kmPerDay). */
export function transitDays(distanceKm: number, kmPerDay: number): number {
  return Math.ceil(distanceKm / kmPerDay);
}

/** The largest bonus among contracts between the cooperative and the buyer; 0 if none. */
export function contractBonus(contracts: readonly InstanceContract[], cooperativeId: string, buyerId: string): number {
  let best = 0;
  for (const c of contracts) {
    if (c.cooperativeId === cooperativeId && c.buyerId === buyerId && c.bonusVndPerKg > best) best = c.bonusVndPerKg;
  }
  return best;
}

/** score = bid − ask − t + bonus. */
export function pairScore(bidVndPerKg: number, askVndPerKg: number, transport: number, bonus: number): number {
  return bidVndPerKg - askVndPerKg - transport + bonus;
}

/** Rule 1: same product. */
export function ruleSameProduct(lotProduct: string, requestProduct: string): boolean {
  return lotProduct === requestProduct;
}

/** Rule 2: some dispatch day in [from, to] arrives inside [deliverFrom, deliverTo] (day numbers). */
export function ruleTiming(
  availableFrom: number,
  availableTo: number,
  deliverFrom: number,
  deliverTo: number,
  transit: number,
): boolean {
  return availableFrom + transit <= deliverTo && availableTo + transit >= deliverFrom;
}

/** Rule 3: every required certification is held by the lot. */
export function ruleQuality(lotCertifications: readonly string[], requiredCertifications: readonly string[]): boolean {
  return requiredCertifications.every((c) => lotCertifications.includes(c));
}

/** Rule 4: within the request's and the global distance caps (null = no cap). */
export function ruleDistance(distanceKm: number, requestMaxKm: number | null, globalMaxKm: number | null): boolean {
  return (requestMaxKm === null || distanceKm <= requestMaxKm) && (globalMaxKm === null || distanceKm <= globalMaxKm);
}

/** Rule 5: transit within shelf life (undefined = product not listed = no limit). */
export function ruleShelfLife(transit: number, shelfLifeDays: number | undefined): boolean {
  return shelfLifeDays === undefined || transit <= shelfLifeDays;
}

/** Rule 6: bid − ask − t >= 0 (a contract bonus does not count here). */
export function rulePrice(bidVndPerKg: number, askVndPerKg: number, transport: number): boolean {
  return bidVndPerKg - askVndPerKg - transport >= 0;
}

/** Rule 7: in scenario 2 a crossing between different zones touching a restricted zone needs a green lane. */
export function ruleLockdown(
  params: MatchingParams,
  lotZone: string | null,
  requestZone: string | null,
  greenLane: boolean,
): boolean {
  if (params.scenario !== 2 || lotZone === requestZone) return true;
  if (!isRestricted(params, lotZone) && !isRestricted(params, requestZone)) return true;
  return greenLane;
}

/** Everything the spec derives for a pair, plus whether it is feasible. */
export interface PairEvaluation {
  feasible: boolean;
  distanceKm: number;
  multiplier: number;
  transportVndPerKg: number;
  transitDays: number;
  bonusVndPerKg: number;
  scoreVndPerKg: number;
}

/** Evaluates one pair straight from the spec (slow; used for explanations, tests and checks). */
export function evaluatePair(instance: MatchingInstance, lot: InstanceLot, request: InstanceRequest): PairEvaluation {
  const p = instance.params;
  const distanceKm = haversineKm(lot.lat, lot.lng, request.lat, request.lng);
  const multiplier = transportMultiplier(p, lot.zone, request.zone);
  const transport = transportVndPerKg(p.transportVndPerKgKm, multiplier, distanceKm);
  const transit = transitDays(distanceKm, p.kmPerDay);
  const bonus = contractBonus(instance.contracts, lot.cooperativeId, request.buyerId);
  const shelf = instance.products.find((x) => x.code === lot.product)?.shelfLifeDays;
  const feasible =
    ruleSameProduct(lot.product, request.product) &&
    ruleTiming(
      dayOf(lot.availableFrom),
      dayOf(lot.availableTo),
      dayOf(request.deliverFrom),
      dayOf(request.deliverTo),
      transit,
    ) &&
    ruleQuality(lot.certifications, request.requiredCertifications) &&
    ruleDistance(distanceKm, request.maxDistanceKm, p.maxDistanceKm) &&
    ruleShelfLife(transit, shelf) &&
    rulePrice(request.bidVndPerKg, lot.askVndPerKg, transport) &&
    ruleLockdown(p, lot.zone, request.zone, lot.greenLane);
  return {
    feasible,
    distanceKm,
    multiplier,
    transportVndPerKg: transport,
    transitDays: transit,
    bonusVndPerKg: bonus,
    scoreVndPerKg: pairScore(request.bidVndPerKg, lot.askVndPerKg, transport, bonus),
  };
}
