import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { greedyMatching } from './greedy';
import { evaluatePair } from './rules';
import { solveMatching, solveMatchingSync } from './solve';
import type { InstanceLot, InstanceRequest, MatchingInstance, MatchingObjective, MatchingPlan } from './types';
import { parseInstance } from './validation';

const SAMPLES = resolve(__dirname, '../../../..', 'shared/matching/samples');

// ---------- builders ----------
let seq = 0;
const lot = (over: Partial<InstanceLot> = {}): InstanceLot => ({
  id: `L${++seq}`,
  cooperativeId: 'C1',
  product: 'rice',
  quantityKg: 100,
  availableFrom: '2021-09-10',
  availableTo: '2021-09-20',
  certifications: [],
  askVndPerKg: 6000,
  lat: 10,
  lng: 105,
  zone: null,
  greenLane: false,
  ...over,
});
const req = (over: Partial<InstanceRequest> = {}): InstanceRequest => ({
  id: `R${++seq}`,
  buyerId: 'B1',
  product: 'rice',
  quantityKg: 100,
  deliverFrom: '2021-09-10',
  deliverTo: '2021-09-25',
  requiredCertifications: [],
  bidVndPerKg: 7000,
  lat: 10,
  lng: 105.1,
  zone: null,
  maxDistanceKm: null,
  ...over,
});
const instance = (
  lots: InstanceLot[],
  requests: InstanceRequest[],
  objective: MatchingObjective = 'volume-then-score',
  over: Partial<MatchingInstance> = {},
): MatchingInstance => parseInstance({ version: 1, params: { objective }, lots, requests, ...over });

function checkPlan(inst: MatchingInstance, plan: MatchingPlan): void {
  const lots = new Map(inst.lots.map((l) => [l.id, l]));
  const reqs = new Map(inst.requests.map((r) => [r.id, r]));
  const lotUse = new Map<string, number>();
  const reqUse = new Map<string, number>();
  let V = 0;
  let S = 0;
  for (const a of plan.allocations) {
    const ev = evaluatePair(inst, lots.get(a.lotId)!, reqs.get(a.requestId)!);
    expect(ev.feasible).toBe(true);
    expect(a.scoreVndPerKg).toBe(ev.scoreVndPerKg);
    expect(a.transportVndPerKg).toBe(ev.transportVndPerKg);
    expect(Number.isInteger(a.quantityKg) && a.quantityKg > 0).toBe(true);
    expect(a.reasons.length).toBeGreaterThan(0);
    lotUse.set(a.lotId, (lotUse.get(a.lotId) ?? 0) + a.quantityKg);
    reqUse.set(a.requestId, (reqUse.get(a.requestId) ?? 0) + a.quantityKg);
    V += a.quantityKg;
    S += a.quantityKg * a.scoreVndPerKg;
  }
  for (const [id, q] of lotUse) expect(q).toBeLessThanOrEqual(lots.get(id)!.quantityKg);
  for (const [id, q] of reqUse) expect(q).toBeLessThanOrEqual(reqs.get(id)!.quantityKg);
  expect(plan.objective).toEqual({ matchedKg: V, scoreVnd: S });
}

/** Plain successive shortest paths (Bellman–Ford) on all pairs: a slow, simple exact reference. */
function referenceOptimum(inst: MatchingInstance): { V: number; S: number; pairs: number } {
  const L = inst.lots.length;
  const R = inst.requests.length;
  const s = L + R;
  const t = s + 1;
  const to: number[] = [],
    cap: number[] = [],
    cost: number[] = [],
    from: number[] = [];
  const add = (u: number, v: number, c: number, w: number): void => {
    from.push(u, v);
    to.push(v, u);
    cap.push(c, 0);
    cost.push(w, -w);
  };
  let pairs = 0;
  inst.lots.forEach((l, i) => add(s, i, l.quantityKg, 0));
  inst.requests.forEach((r, j) => add(L + j, t, r.quantityKg, 0));
  inst.lots.forEach((l, i) =>
    inst.requests.forEach((r, j) => {
      const ev = evaluatePair(inst, l, r);
      if (ev.feasible) {
        pairs++;
        add(i, L + j, Number.MAX_SAFE_INTEGER, -ev.scoreVndPerKg);
      }
    }),
  );
  let V = 0;
  let S = 0;
  for (;;) {
    const dist = new Array<number>(t + 1).fill(Infinity);
    const via = new Array<number>(t + 1).fill(-1);
    dist[s] = 0;
    for (let it = 0; it <= t; it++) {
      let changed = false;
      for (let e = 0; e < to.length; e++) {
        if (cap[e] > 0 && dist[from[e]] + cost[e] < dist[to[e]]) {
          dist[to[e]] = dist[from[e]] + cost[e];
          via[to[e]] = e;
          changed = true;
        }
      }
      if (!changed) break;
    }
    if (dist[t] === Infinity) break;
    if (inst.params.objective === 'score' && dist[t] >= 0) break;
    let f = Infinity;
    for (let v = t; v !== s; v = from[via[v]]) f = Math.min(f, cap[via[v]]);
    for (let v = t; v !== s; v = from[via[v]]) {
      cap[via[v]] -= f;
      cap[via[v] ^ 1] += f;
    }
    V += f;
    S -= f * dist[t];
  }
  return { V, S, pairs };
}

/** Seeded PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function randomInstance(seed: number): MatchingInstance {
  const r = rng(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const day = (d: number): string => new Date(Date.UTC(2021, 8, 1 + d)).toISOString().slice(0, 10);
  const products = ['rice', 'shrimp', 'pepper'].slice(0, int(1, 3));
  const zones = [null, 'KG', 'HCM', 'CT'];
  const certs = ['VIETGAP', 'OCOP'];
  const lots: InstanceLot[] = Array.from({ length: int(1, 7) }, (_, k) => {
    const from = int(0, 10);
    return {
      id: `L${k}`,
      cooperativeId: `C${int(1, 3)}`,
      product: pick(products),
      quantityKg: int(1, 40),
      availableFrom: day(from),
      availableTo: day(from + int(0, 5)),
      certifications: certs.filter(() => r() < 0.5),
      askVndPerKg: int(5000, 6500),
      lat: 10 + r() * 1.5,
      lng: 105 + r() * 1.5,
      zone: pick(zones),
      greenLane: r() < 0.4,
    };
  });
  const requests: InstanceRequest[] = Array.from({ length: int(1, 6) }, (_, k) => {
    const from = int(0, 12);
    return {
      id: `R${k}`,
      buyerId: `B${int(1, 3)}`,
      product: pick(products),
      quantityKg: int(1, 50),
      deliverFrom: day(from),
      deliverTo: day(from + int(0, 6)),
      requiredCertifications: certs.filter(() => r() < 0.25),
      bidVndPerKg: int(6000, 7000),
      lat: 10 + r() * 1.5,
      lng: 105 + r() * 1.5,
      zone: pick(zones),
      maxDistanceKm: r() < 0.3 ? int(20, 150) : null,
    };
  });
  const contracts = Array.from({ length: int(0, 4) }, () => ({
    cooperativeId: `C${int(1, 3)}`,
    buyerId: `B${int(1, 3)}`,
    bonusVndPerKg: int(0, 400),
  }));
  return parseInstance({
    version: 1,
    params: {
      objective: r() < 0.5 ? 'volume-then-score' : 'score',
      kmPerDay: pick([60, 100, 400]),
      scenario: r() < 0.5 ? 1 : 2,
      restrictedZones: ['HCM'],
      maxDistanceKm: r() < 0.2 ? 120 : null,
    },
    products: [
      { code: 'rice', shelfLifeDays: 3 },
      { code: 'shrimp', shelfLifeDays: 1 },
    ],
    lots,
    requests,
    contracts,
  });
}

// ---------- tests ----------
describe('solveMatchingSync on hand-made cases', () => {
  it('prefers volume over score for volume-then-score, and score alone for score', () => {
    // L1 can serve R1 (score 900) or R2 (score 100); L2 can serve only R1 (score 200).
    const l1 = lot({ id: 'L1', quantityKg: 100 });
    const l2 = lot({ id: 'L2', quantityKg: 100, askVndPerKg: 6700 });
    const r1 = req({ id: 'R1', quantityKg: 100, bidVndPerKg: 7000 });
    const r2 = req({ id: 'R2', quantityKg: 100, bidVndPerKg: 6200, product: 'rice' });
    const vol = solveMatchingSync(instance([l1, l2], [r1, r2]));
    const tByPair = new Map(vol.allocations.map((a) => [`${a.lotId}>${a.requestId}`, a]));
    expect(vol.objective.matchedKg).toBe(200);
    expect(tByPair.has('L1>R2') && tByPair.has('L2>R1')).toBe(true);
    const sc = solveMatchingSync(instance([l1, l2], [r1, r2], 'score'));
    expect(sc.objective.matchedKg).toBe(100 + 0); // L1→R1 only: any other plan earns less
    expect(sc.allocations.map((a) => `${a.lotId}>${a.requestId}`)).toEqual(['L1>R1']);
    expect(sc.objective.scoreVnd).toBeGreaterThan(vol.objective.scoreVnd);
  });

  it('returns an empty plan when no pair is feasible', () => {
    const sut = solveMatchingSync(instance([lot({ product: 'rice' })], [req({ product: 'shrimp' })]));
    expect(sut.allocations).toEqual([]);
    expect(sut.objective).toEqual({ matchedKg: 0, scoreVnd: 0 });
    expect(sut.stats.feasiblePairs).toBe(0);
  });

  it('spreads one lot over many requests, best score first', () => {
    const l = lot({ id: 'L1', quantityKg: 250 });
    const rs = [6900, 7000, 7100].map((bid, k) => req({ id: `R${k}`, quantityKg: 100, bidVndPerKg: bid }));
    const sut = solveMatchingSync(instance([l], rs));
    expect(sut.objective.matchedKg).toBe(250);
    const q = new Map(sut.allocations.map((a) => [a.requestId, a.quantityKg]));
    expect(q.get('R2')).toBe(100);
    expect(q.get('R1')).toBe(100);
    expect(q.get('R0')).toBe(50);
  });

  it('breaks ties the same way whatever the input order', () => {
    const lots = [lot({ id: 'A' }), lot({ id: 'B' }), lot({ id: 'C' })];
    const reqs = [req({ id: 'X', quantityKg: 150 }), req({ id: 'Y', quantityKg: 50 })];
    const a = solveMatchingSync(instance(lots, reqs));
    const b = solveMatchingSync(instance([...lots].reverse(), [...reqs].reverse()));
    expect(b.allocations).toEqual(a.allocations);
    expect(a.objective.matchedKg).toBe(200);
  });

  it('explains an allocation with a contract bonus, certification and same zone', () => {
    const l = lot({ id: 'L1', cooperativeId: 'C7', certifications: ['VIETGAP'], zone: 'KG' });
    const r = req({ id: 'R1', buyerId: 'B7', requiredCertifications: ['VIETGAP'], zone: 'KG' });
    const sut = solveMatchingSync(
      instance([l], [r], 'volume-then-score', {
        contracts: [{ cooperativeId: 'C7', buyerId: 'B7', bonusVndPerKg: 150 }],
      }),
    );
    const codes = sut.allocations[0].reasons.map((x) => x.code);
    expect(codes).toEqual(
      expect.arrayContaining(['CONTRACT_BONUS', 'CERTIFICATION_MATCH', 'SAME_ZONE', 'NEAREST', 'BEST_MARGIN']),
    );
    const bonus = sut.allocations[0].reasons.find((x) => x.code === 'CONTRACT_BONUS')!;
    expect(bonus.vi).toBe('Có hợp đồng liên kết (+150 đ/kg)');
    expect(bonus.en).toMatch(/\+150 VND\/kg/);
  });

  it('explains a green-lane crossing in scenario 2', () => {
    const l = lot({ id: 'L1', zone: 'KG', greenLane: true });
    const r = req({ id: 'R1', zone: 'HCM' });
    const sut = solveMatchingSync(
      parseInstance({ params: { scenario: 2, restrictedZones: ['HCM'] }, lots: [l], requests: [r] }),
    );
    expect(sut.allocations[0].reasons.map((x) => x.code)).toContain('GREEN_LANE');
  });

  it('reports progress up to 1', async () => {
    const seen: number[] = [];
    await solveMatching(instance([lot(), lot({ product: 'shrimp' })], [req(), req({ product: 'shrimp' })]), {
      onProgress: (f) => seen.push(f),
    });
    expect(seen[seen.length - 1]).toBe(1);
  });
});

describe('solveMatching on seeded random instances', () => {
  const seeds = Array.from({ length: 300 }, (_, k) => 1000 + k);

  it.each(seeds.map((s) => [s]))('seed %p: equals the reference optimum, never worse than greedy', (seed) => {
    const inst = randomInstance(seed);
    const plan = solveMatchingSync(inst);
    checkPlan(inst, plan);
    const ref = referenceOptimum(inst);
    expect(plan.stats.feasiblePairs).toBe(ref.pairs);
    if (inst.params.objective === 'volume-then-score') expect(plan.objective.matchedKg).toBe(ref.V);
    expect(plan.objective.scoreVnd).toBe(ref.S);
    const greedy = greedyMatching(inst);
    if (inst.params.objective === 'volume-then-score') {
      expect(plan.objective.matchedKg).toBeGreaterThanOrEqual(greedy.objective.matchedKg);
      if (plan.objective.matchedKg === greedy.objective.matchedKg) {
        expect(plan.objective.scoreVnd).toBeGreaterThanOrEqual(greedy.objective.scoreVnd);
      }
    } else {
      expect(plan.objective.scoreVnd).toBeGreaterThanOrEqual(greedy.objective.scoreVnd);
    }
  });
});

describe('samples', () => {
  const files = existsSync(SAMPLES)
    ? readdirSync(SAMPLES).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'))
    : [];
  // The 20 000 × 5 000 sample takes a few seconds in one thread: it stays in the benchmark.
  const small = files.filter((f) => !f.startsWith('kg-20000x5000'));

  it.each(small.map((f) => [f]))('%s reaches the expected optimum', (file) => {
    const inst = parseInstance(JSON.parse(readFileSync(resolve(SAMPLES, file), 'utf8')));
    const expected = JSON.parse(readFileSync(resolve(SAMPLES, file.replace(/\.json$/, '.expected.json')), 'utf8'));
    const plan = solveMatchingSync(inst);
    expect(plan.stats.feasiblePairs).toBe(expected.feasiblePairs);
    expect(plan.objective.matchedKg).toBe(expected.matchedKg);
    expect(Math.abs(plan.objective.scoreVnd - expected.scoreVnd)).toBeLessThanOrEqual(
      1e-6 * Math.abs(expected.scoreVnd),
    );
    checkPlan(inst, plan);
  });
});
