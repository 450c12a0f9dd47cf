/**
 * Seeded generator of realistic matching instances: Mekong-delta supply (Kiên Giang,
 * An Giang, Cần Thơ, Đồng Tháp, Cà Mau, Sóc Trăng…) and buyers in HCMC, Cần Thơ,
 * Rạch Giá, Long Xuyên, Hà Nội, Đà Nẵng… Price bands and shelf lives follow the samples.
 */
import type { InstanceContract, InstanceLot, InstanceRequest, MatchingObjective } from '../src/types';

export interface GeneratorOptions {
  lots: number;
  requests: number;
  seed: number;
  objective?: MatchingObjective;
  scenario?: 1 | 2;
}

/** Plain JSON (what the CLI reads), not yet validated. */
export interface RawInstance {
  version: 1;
  params: Record<string, unknown>;
  products: Array<{ code: string; shelfLifeDays: number }>;
  lots: InstanceLot[];
  requests: InstanceRequest[];
  contracts: InstanceContract[];
}

// [zone, lat, lng, spread in degrees, weight]
const SUPPLY: Array<[string, number, number, number, number]> = [
  ['KG-RACHGIA', 10.012, 105.081, 0.05, 3],
  ['KG-CHAUTHANH', 9.95, 105.17, 0.08, 4],
  ['KG-GIONGRIENG', 9.91, 105.31, 0.1, 6],
  ['KG-GOQUAO', 9.74, 105.28, 0.1, 5],
  ['KG-ANBIEN', 9.81, 105.06, 0.1, 5],
  ['KG-ANMINH', 9.66, 104.99, 0.1, 5],
  ['KG-VINHTHUAN', 9.51, 105.25, 0.1, 4],
  ['KG-UMINHTHUONG', 9.61, 105.12, 0.08, 3],
  ['KG-TANHIEP', 10.12, 105.28, 0.1, 6],
  ['KG-HONDAT', 10.19, 104.92, 0.1, 6],
  ['KG-KIENLUONG', 10.29, 104.6, 0.1, 4],
  ['KG-GIANGTHANH', 10.47, 104.77, 0.1, 3],
  ['KG-HATIEN', 10.38, 104.49, 0.04, 2],
  ['KG-PHUQUOC', 10.23, 103.96, 0.12, 3],
  ['KG-KIENHAI', 9.82, 104.63, 0.05, 1],
  ['AG-LONGXUYEN', 10.37, 105.43, 0.1, 5],
  ['AG-CHAUDOC', 10.7, 105.12, 0.1, 4],
  ['CT-OMON', 10.12, 105.62, 0.1, 5],
  ['DT-CAOLANH', 10.46, 105.63, 0.12, 5],
  ['CM-THOIBINH', 9.35, 105.1, 0.12, 4],
  ['ST-NGANAM', 9.57, 105.99, 0.1, 3],
  ['HG-VITHANH', 9.78, 105.47, 0.1, 3],
];

// [zone, lat, lng, weight]
const DEMAND: Array<[string, number, number, number]> = [
  ['HCM', 10.776, 106.701, 10],
  ['CANTHO', 10.034, 105.768, 5],
  ['KG-RACHGIA', 10.007, 105.078, 3],
  ['LONGXUYEN', 10.376, 105.427, 3],
  ['CAMAU', 9.183, 105.148, 2],
  ['KG-PHUQUOC', 10.221, 103.96, 2],
  ['HANOI', 21.027, 105.85, 6],
  ['DANANG', 16.049, 108.196, 3],
  ['BIENHOA', 10.95, 106.82, 2],
];

// [code, shelf life days, ask min, ask max, bid min, bid max]
const PRODUCTS: Array<[string, number, number, number, number, number]> = [
  ['rice', 180, 5500, 7500, 6500, 9000],
  ['shrimp', 2, 90000, 160000, 100000, 180000],
  ['fish', 2, 25000, 45000, 28000, 52000],
  ['pineapple', 10, 4000, 9000, 5000, 11000],
  ['pepper', 365, 60000, 90000, 65000, 100000],
  ['vegetables', 4, 6000, 15000, 8000, 20000],
  ['mango', 8, 12000, 30000, 15000, 36000],
  ['coconut', 30, 3000, 7000, 4000, 9000],
];

const CERTS = ['VIETGAP', 'GLOBALGAP', 'OCOP', 'ORGANIC'];
const CAPS: Array<number | null> = [null, null, null, null, 100, 200, 300, 500, 1500];

/** Seeded PRNG (mulberry32). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateInstance(o: GeneratorOptions): RawInstance {
  const r = mulberry32(o.seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const weighted = <T extends unknown[]>(rows: T[], w: number): T => {
    const total = rows.reduce((s, x) => s + (x[w] as number), 0);
    let u = r() * total;
    for (const x of rows) if ((u -= x[w] as number) < 0) return x;
    return rows[rows.length - 1];
  };
  const base = Date.UTC(2021, 8, 1);
  const day = (d: number): string => new Date(base + d * 86_400_000).toISOString().slice(0, 10);
  const round5 = (x: number): number => Math.round(x * 1e5) / 1e5;
  const coops = Math.max(1, Math.round(o.lots / 6));
  const buyers = Math.max(1, Math.round(o.requests / 4));

  const lots: InstanceLot[] = [];
  for (let k = 0; k < o.lots; k++) {
    const [zone, lat, lng, spread] = weighted(SUPPLY, 4);
    const [product, , askLo, askHi] = PRODUCTS[int(0, PRODUCTS.length - 1)];
    const from = int(0, 50);
    const nCert = [0, 1, 1, 1, 2, 2, 3][int(0, 6)];
    lots.push({
      id: `L${k + 1}`,
      cooperativeId: `C${int(1, coops)}`,
      product,
      quantityKg: Math.round(500 * Math.exp(Math.log(800) * r())), // log-uniform 500 kg … 400 t
      availableFrom: day(from),
      availableTo: day(from + int(3, 14)),
      certifications: [...CERTS]
        .sort(() => r() - 0.5)
        .slice(0, nCert)
        .sort(),
      askVndPerKg: int(askLo, askHi),
      lat: round5(lat + spread * normal()),
      lng: round5(lng + spread * normal()),
      zone,
      greenLane: r() < 0.25,
    });
  }
  const requests: InstanceRequest[] = [];
  for (let k = 0; k < o.requests; k++) {
    const [zone, lat, lng] = weighted(DEMAND, 3);
    const [product, , , , bidLo, bidHi] = PRODUCTS[int(0, PRODUCTS.length - 1)];
    const from = int(0, 60);
    requests.push({
      id: `R${k + 1}`,
      buyerId: `B${int(1, buyers)}`,
      product,
      quantityKg: Math.round(1000 * Math.exp(Math.log(1600) * r())), // log-uniform 1 t … 1 600 t
      deliverFrom: day(from),
      deliverTo: day(from + int(4, 15)),
      requiredCertifications: r() < 0.4 ? [CERTS[int(0, 3)]] : [],
      bidVndPerKg: int(bidLo, bidHi),
      lat: round5(lat + 0.05 * normal()),
      lng: round5(lng + 0.05 * normal()),
      zone,
      maxDistanceKm: CAPS[int(0, CAPS.length - 1)],
    });
  }
  const contracts: InstanceContract[] = [];
  for (let k = 0; k < Math.round(o.lots / 12); k++) {
    contracts.push({
      cooperativeId: `C${int(1, coops)}`,
      buyerId: `B${int(1, buyers)}`,
      bonusVndPerKg: int(0, 8) * 100 + int(0, 99),
    });
  }
  const scenario = o.scenario ?? 1;
  return {
    version: 1,
    params: {
      objective: o.objective ?? 'volume-then-score',
      transportVndPerKgKm: 2,
      kmPerDay: 400,
      maxDistanceKm: scenario === 2 ? 1200 : null,
      scenario,
      restrictedZones: scenario === 2 ? ['KG-RACHGIA', 'KG-CHAUTHANH', 'HCM', 'KG-PHUQUOC'] : [],
      scenario2TransportMultiplier: 1.5,
    },
    products: PRODUCTS.map(([code, shelfLifeDays]) => ({ code, shelfLifeDays })),
    lots,
    requests,
    contracts,
  };
}

/**
 * Changes a share of the lots and requests the way a day of trading does: quantities
 * sold down or corrected up, prices moved, lots withdrawn, new lots and requests posted.
 */
export function changeInstance(raw: RawInstance, share: number, seed: number): RawInstance {
  const r = mulberry32(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  let next = 0;
  const lots: InstanceLot[] = [];
  for (const l of raw.lots) {
    if (r() >= share) {
      lots.push(l);
      continue;
    }
    const u = r();
    if (u < 0.2) continue; // withdrawn
    if (u < 0.5) lots.push({ ...l, quantityKg: Math.max(1, Math.round(l.quantityKg * (0.2 + r() * 1.6))) });
    else if (u < 0.7) lots.push({ ...l, askVndPerKg: Math.max(1, Math.round(l.askVndPerKg * (0.85 + r() * 0.3))) });
    else if (u < 0.85)
      lots.push({ ...l, quantityKg: Math.max(1, Math.round(l.quantityKg / 2)), availableTo: l.availableFrom });
    else lots.push(l, { ...pick(raw.lots), id: `LN${seed}-${++next}`, quantityKg: 500 + Math.floor(r() * 50_000) });
  }
  const requests: InstanceRequest[] = [];
  for (const q of raw.requests) {
    if (r() >= share) {
      requests.push(q);
      continue;
    }
    const u = r();
    if (u < 0.2) continue; // cancelled
    if (u < 0.6) requests.push({ ...q, quantityKg: Math.max(1, Math.round(q.quantityKg * (0.2 + r() * 1.6))) });
    else if (u < 0.8) requests.push({ ...q, bidVndPerKg: Math.max(1, Math.round(q.bidVndPerKg * (0.85 + r() * 0.3))) });
    else requests.push(q, { ...pick(raw.requests), id: `RN${seed}-${++next}` });
  }
  return { ...raw, lots, requests };
}
