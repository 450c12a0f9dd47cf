/**
 * Seeded transport instances: cooperatives' pickups around Mekong-delta districts, buyers
 * in the cities they sell to, operators' depots near the pickups; a few loads
 * refrigerated or crossing a restricted zone, a few trucks refrigerated or permitted.
 */
import type { PlannerLoad, PlannerVehicle, TransportInstance } from '../src/types';

const PICKUP_AREAS: Array<[number, number]> = [
  [10.012, 105.081],
  [9.95, 105.17],
  [9.91, 105.31],
  [9.74, 105.28],
  [9.81, 105.06],
  [9.66, 104.99],
  [9.51, 105.25],
  [10.12, 105.28],
  [10.19, 104.92],
  [10.29, 104.6],
  [10.37, 105.43],
  [10.7, 105.12],
  [10.12, 105.62],
  [10.46, 105.63],
  [9.35, 105.1],
  [9.57, 105.99],
  [9.78, 105.47],
];
const BUYERS: Array<[number, number]> = [
  [10.776, 106.701],
  [10.034, 105.768],
  [10.007, 105.078],
  [10.376, 105.427],
  [9.183, 105.148],
  [10.36, 106.36],
  [9.6, 105.97],
  [10.25, 105.97],
  [10.8, 106.65],
  [10.95, 106.82],
];
const KINDS: Array<[string, number]> = [
  ['van', 2_500],
  ['truck', 8_000],
  ['container_truck', 15_000],
  ['truck', 6_000],
];

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateTransportInstance(opts: {
  loads: number;
  vehicles: number;
  seed: number;
  buyersPerCity?: number;
  buyerCities?: number[];
}): TransportInstance {
  const rnd = mulberry32(opts.seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const jitter = (c: number, s: number) => c + (rnd() * 2 - 1) * s;
  const buyersPerCity = opts.buyersPerCity ?? 4;
  const cities = opts.buyerCities ? opts.buyerCities.map((c) => BUYERS[c]) : BUYERS;
  const buyers = cities.flatMap(([lat, lng], c) =>
    Array.from({ length: buyersPerCity }, (_, k) => ({
      key: `buyer-${c}-${k}`,
      lat: jitter(lat, 0.03),
      lng: jitter(lng, 0.03),
    })),
  );
  // Cooperatives: fixed points, so several loads leave the same place.
  const coops = Array.from({ length: Math.max(10, Math.round(opts.loads / 6)) }, () => {
    const [lat, lng] = pick(PICKUP_AREAS);
    return { lat: jitter(lat, 0.12), lng: jitter(lng, 0.12) };
  });
  const loads: PlannerLoad[] = [];
  for (let i = 0; i < opts.loads; i++) {
    const buyer = pick(buyers);
    const coop = pick(coops);
    const refrigerated = rnd() < 0.15;
    const earliest = 4 * 60 + Math.floor(rnd() * 8) * 60;
    loads.push({
      id: `L${String(i).padStart(5, '0')}`,
      pickup: coop,
      drop: { lat: buyer.lat, lng: buyer.lng },
      dropKey: buyer.key,
      kg: Math.round(200 + rnd() * rnd() * 4_500),
      earliestPickupMin: earliest,
      latestDeliveryMin: earliest + 8 * 60 + Math.floor(rnd() * 10) * 60,
      refrigerated,
      crossesRestrictedZone: rnd() < 0.2,
    });
  }
  const vehicles: PlannerVehicle[] = [];
  for (let j = 0; j < opts.vehicles; j++) {
    const [lat, lng] = pick(PICKUP_AREAS);
    const [kind, cap] = rnd() < 0.2 ? KINDS[3] : pick(KINDS.slice(0, 3));
    vehicles.push({
      id: `V${String(j).padStart(4, '0')}`,
      depot: { lat: jitter(lat, 0.15), lng: jitter(lng, 0.15) },
      capacityKg: cap,
      kind,
      refrigerated: cap === 6_000,
      permitValid: rnd() < 0.5,
    });
  }
  return { loads, vehicles };
}
