/**
 * Compiles a validated instance into independent components (one per product: products
 * never mix), each held in typed arrays so it can be moved to a worker thread as is.
 */
import { dayOf } from './dates';
import type { InstanceLot, InstanceRequest, MatchingInstance } from './types';

export const OBJECTIVE_VOLUME_THEN_SCORE = 0;
export const OBJECTIVE_SCORE = 1;

export interface ComponentParams {
  objective: number;
  transportVndPerKgKm: number;
  kmPerDay: number;
  /** Infinity when there is no cap. */
  maxDistanceKm: number;
  scenario: number;
  multiplier: number;
}

/** One product's lots and requests, in canonical (id) order, as typed arrays. */
export interface ComponentInput {
  index: number;
  product: string;
  /** -1 when the product is not listed (no shelf-life limit). */
  shelfLifeDays: number;
  params: ComponentParams;
  lotGlobal: Int32Array;
  lotLat: Float64Array;
  lotLng: Float64Array;
  lotFrom: Int32Array;
  lotTo: Int32Array;
  lotAsk: Float64Array;
  lotQty: Float64Array;
  lotCertSet: Int32Array;
  lotZone: Int32Array;
  lotGreen: Uint8Array;
  lotCoop: Int32Array;
  reqGlobal: Int32Array;
  reqLat: Float64Array;
  reqLng: Float64Array;
  reqFrom: Int32Array;
  reqTo: Int32Array;
  reqBid: Float64Array;
  reqQty: Float64Array;
  reqCertSet: Int32Array;
  reqZone: Int32Array;
  reqBuyer: Int32Array;
  /** Infinity when the request has no cap. */
  reqMaxKm: Float64Array;
  /** certCompat[requiredSet * lotSetCount + lotSet] = 1 when the lot holds every required certification. */
  certCompat: Uint8Array;
  lotSetCount: number;
  /** zoneRestricted[zoneId] = 1 when the zone is restricted (zone id 0 is the null zone). */
  zoneRestricted: Uint8Array;
  /** Contracts of this component (largest bonus per pair): cooperative ids, buyer ids, bonuses. */
  contractCoop: Int32Array;
  contractBuyer: Int32Array;
  contractBonus: Float64Array;
  coopCount: number;
  buyerCount: number;
}

export interface CompiledInstance {
  /** Lots and requests sorted by id: the canonical order every tie is broken by. */
  lots: InstanceLot[];
  requests: InstanceRequest[];
  components: ComponentInput[];
}

function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Interns strings as dense integer ids. */
class Interner {
  readonly ids = new Map<string, number>();
  constructor(first?: string) {
    if (first !== undefined) this.ids.set(first, 0);
  }
  id(s: string): number {
    let v = this.ids.get(s);
    if (v === undefined) {
      v = this.ids.size;
      this.ids.set(s, v);
    }
    return v;
  }
}

function certSetKey(certs: readonly string[]): string {
  return [...new Set(certs)].sort().join('\u0000');
}

export function compileInstance(instance: MatchingInstance): CompiledInstance {
  const p = instance.params;
  const lots = [...instance.lots].sort(byId);
  const requests = [...instance.requests].sort(byId);
  const params: ComponentParams = {
    objective: p.objective === 'score' ? OBJECTIVE_SCORE : OBJECTIVE_VOLUME_THEN_SCORE,
    transportVndPerKgKm: p.transportVndPerKgKm,
    kmPerDay: p.kmPerDay,
    maxDistanceKm: p.maxDistanceKm ?? Infinity,
    scenario: p.scenario,
    multiplier: p.scenario2TransportMultiplier,
  };
  const shelf = new Map(instance.products.map((x) => [x.code, x.shelfLifeDays]));

  // Zones: id 0 is the null zone, a zone of its own.
  const zones = new Interner('\u0000null');
  const zoneOf = (z: string | null): number => (z === null ? 0 : zones.id(`z:${z}`));
  const coops = new Interner();
  const buyers = new Interner();
  const lotSets = new Interner();
  const reqSets = new Interner();
  const lotSetList: Array<Set<string>> = [];
  const reqSetList: string[][] = [];

  const lotsByProduct = new Map<string, number[]>();
  lots.forEach((lot, k) => {
    const list = lotsByProduct.get(lot.product) ?? [];
    list.push(k);
    lotsByProduct.set(lot.product, list);
  });
  const reqsByProduct = new Map<string, number[]>();
  requests.forEach((req, k) => {
    const list = reqsByProduct.get(req.product) ?? [];
    list.push(k);
    reqsByProduct.set(req.product, list);
  });

  const lotCertSet = new Int32Array(lots.length);
  lots.forEach((lot, k) => {
    const key = certSetKey(lot.certifications);
    const before = lotSets.ids.size;
    lotCertSet[k] = lotSets.id(key);
    if (lotSets.ids.size > before) lotSetList.push(new Set(lot.certifications));
  });
  const reqCertSet = new Int32Array(requests.length);
  requests.forEach((req, k) => {
    const key = certSetKey(req.requiredCertifications);
    const before = reqSets.ids.size;
    reqCertSet[k] = reqSets.id(key);
    if (reqSets.ids.size > before) reqSetList.push([...new Set(req.requiredCertifications)]);
  });
  const lotSetCount = lotSetList.length;
  const certCompat = new Uint8Array(Math.max(1, reqSetList.length * lotSetCount));
  reqSetList.forEach((required, r) => {
    lotSetList.forEach((held, l) => {
      certCompat[r * lotSetCount + l] = required.every((c) => held.has(c)) ? 1 : 0;
    });
  });

  const lotZone = Int32Array.from(lots, (l) => zoneOf(l.zone));
  const reqZone = Int32Array.from(requests, (r) => zoneOf(r.zone));
  const restrictedZoneIds = p.restrictedZones.map((z) => zoneOf(z));
  const zoneRestricted = new Uint8Array(zones.ids.size);
  if (p.scenario === 2) for (const z of restrictedZoneIds) zoneRestricted[z] = 1;
  const lotCoop = Int32Array.from(lots, (l) => coops.id(l.cooperativeId));
  const reqBuyer = Int32Array.from(requests, (r) => buyers.id(r.buyerId));

  // Largest bonus per (cooperative, buyer); contracts naming absent parties are ignored.
  const bonus = new Map<string, { coop: number; buyer: number; bonus: number }>();
  for (const c of instance.contracts) {
    const coop = coops.ids.get(c.cooperativeId);
    const buyer = buyers.ids.get(c.buyerId);
    if (coop === undefined || buyer === undefined) continue;
    const key = `${coop}:${buyer}`;
    const prev = bonus.get(key);
    if (!prev || c.bonusVndPerKg > prev.bonus) bonus.set(key, { coop, buyer, bonus: c.bonusVndPerKg });
  }
  const contractList = [...bonus.values()].sort((a, b) => a.coop - b.coop || a.buyer - b.buyer);

  // Products with both lots and requests, each with its two index lists.
  const products = [...lotsByProduct]
    .flatMap(([code, li]) => {
      const ri = reqsByProduct.get(code);
      return ri ? [{ code, li, ri }] : [];
    })
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const components: ComponentInput[] = products.map(({ code, li, ri }, index) => {
    const coopsHere = new Set(li.map((k) => lotCoop[k]));
    const buyersHere = new Set(ri.map((k) => reqBuyer[k]));
    const contracts = contractList.filter((c) => coopsHere.has(c.coop) && buyersHere.has(c.buyer));
    return {
      index,
      product: code,
      shelfLifeDays: shelf.get(code) ?? -1,
      params,
      lotGlobal: Int32Array.from(li),
      lotLat: Float64Array.from(li, (k) => lots[k].lat),
      lotLng: Float64Array.from(li, (k) => lots[k].lng),
      lotFrom: Int32Array.from(li, (k) => dayOf(lots[k].availableFrom)),
      lotTo: Int32Array.from(li, (k) => dayOf(lots[k].availableTo)),
      lotAsk: Float64Array.from(li, (k) => lots[k].askVndPerKg),
      lotQty: Float64Array.from(li, (k) => lots[k].quantityKg),
      lotCertSet: Int32Array.from(li, (k) => lotCertSet[k]),
      lotZone: Int32Array.from(li, (k) => lotZone[k]),
      lotGreen: Uint8Array.from(li, (k) => (lots[k].greenLane ? 1 : 0)),
      lotCoop: Int32Array.from(li, (k) => lotCoop[k]),
      reqGlobal: Int32Array.from(ri),
      reqLat: Float64Array.from(ri, (k) => requests[k].lat),
      reqLng: Float64Array.from(ri, (k) => requests[k].lng),
      reqFrom: Int32Array.from(ri, (k) => dayOf(requests[k].deliverFrom)),
      reqTo: Int32Array.from(ri, (k) => dayOf(requests[k].deliverTo)),
      reqBid: Float64Array.from(ri, (k) => requests[k].bidVndPerKg),
      reqQty: Float64Array.from(ri, (k) => requests[k].quantityKg),
      reqCertSet: Int32Array.from(ri, (k) => reqCertSet[k]),
      reqZone: Int32Array.from(ri, (k) => reqZone[k]),
      reqBuyer: Int32Array.from(ri, (k) => reqBuyer[k]),
      reqMaxKm: Float64Array.from(ri, (k) => requests[k].maxDistanceKm ?? Infinity),
      certCompat,
      lotSetCount,
      zoneRestricted,
      contractCoop: Int32Array.from(contracts, (c) => c.coop),
      contractBuyer: Int32Array.from(contracts, (c) => c.buyer),
      contractBonus: Float64Array.from(contracts, (c) => c.bonus),
      coopCount: coops.ids.size,
      buyerCount: buyers.ids.size,
    };
  });
  return { lots, requests, components };
}
