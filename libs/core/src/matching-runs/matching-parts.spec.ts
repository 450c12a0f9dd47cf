import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseInstance, solveMatchingSync, type MatchingInstance } from '@agrilink/matching-engine';
import { buildMatchingInstance, type ContractRow, type LotRow, type RequestRow } from './matching-instance.builder';
import { stringifyYielding } from './matching-json';
import {
  buildPart,
  groupByProduct,
  instanceOutsideParts,
  mergeInstanceOfParts,
  mergePartPlans,
  partsLargestFirst,
  splitByProduct,
} from './matching-parts';

const SAMPLES = resolve(__dirname, '../../../../..', 'shared/matching/samples');
const sample = (name: string): MatchingInstance =>
  parseInstance(JSON.parse(readFileSync(resolve(SAMPLES, name), 'utf8')));
const noRows = { lots: [], requests: [] };

describe('a run split into parts by product', () => {
  it.each([
    'kg-200x50-s1.json',
    'kg-200x50-scenario2.json',
    'kg-2000x500-score.json',
    'edge-cases.json',
    'edge-cases-scenario2.json',
  ])('reaches, part by part, the plan of one solve of the whole instance (%s)', (name) => {
    const whole = sample(name);
    const sut = splitByProduct(whole, noRows);
    const merged = mergePartPlans(
      sut.map((p) => solveMatchingSync(parseInstance(p.instance))),
      { lots: whole.lots.length, requests: whole.requests.length },
    );
    const reference = solveMatchingSync(whole);
    expect(merged.objective).toEqual(reference.objective);
    expect(merged.allocations).toEqual(reference.allocations);
    expect(merged.stats.feasiblePairs).toBe(reference.stats.feasiblePairs);
  });

  it('makes one part per product with both lots and requests, each with only its own lots, requests and contracts', () => {
    const whole = sample('kg-200x50-s1.json');
    const sut = splitByProduct(whole, noRows);
    const both = new Set(whole.lots.map((l) => l.product).filter((p) => whole.requests.some((r) => r.product === p)));
    expect(sut.map((p) => p.product)).toEqual([...both].sort());
    for (const part of sut) {
      expect(part.instance.lots.every((l) => l.product === part.product)).toBe(true);
      expect(part.instance.requests.every((r) => r.product === part.product)).toBe(true);
      const sellers = new Set(part.instance.lots.map((l) => l.cooperativeId));
      expect(part.instance.contracts.every((c) => sellers.has(c.cooperativeId))).toBe(true);
    }
    expect(sut.reduce((s, p) => s + p.instance.lots.length, 0)).toBe(
      whole.lots.filter((l) => both.has(l.product)).length,
    );
  });
});

describe('parts built from the registry by product', () => {
  const products = ['LUA', 'XOAI', 'TOM', 'ONLY_LOTS', 'ONLY_REQUESTS'];
  const id = (p: string, k: number) => `${k.toString(16).padStart(8, '0')}-${p}`;
  // Rows in ids' order, as the snapshot reads them; products and parties interleaved.
  const lots: LotRow[] = Array.from({ length: 240 }, (_, k) => ({
    id: id('l', k),
    cooperativeId: `C${k % 7}`,
    productCode: products[k % 4],
    remainingKg: 100 + k,
    harvestFrom: '2026-12-01',
    harvestTo: '2026-12-10',
    availableFrom: '2026-12-01',
    availableUntil: '2026-12-10',
    certifications: [],
    askVndPerKg: 6000 + k,
    lat: 10 + k / 1000,
    lng: 105,
    zone: null,
    greenLane: k % 5 === 0,
    version: 1,
  }));
  const requests: RequestRow[] = Array.from({ length: 90 }, (_, k) => ({
    id: id('r', k),
    buyerId: `B${k % 5}`,
    productCode: [products[0], products[1], products[2], products[4]][k % 4],
    remainingKg: 300 + k,
    deliverFrom: '2026-12-01',
    deliverTo: '2026-12-31',
    requiredCertifications: [],
    bidVndPerKg: 9000,
    lat: 10.05,
    lng: 105.05,
    zone: null,
    maxDistanceKm: null,
    version: 1,
  }));
  const contracts: ContractRow[] = [
    { cooperativeId: 'C1', buyerId: 'B2', productCode: null, bonusVndPerKg: 100 },
    { cooperativeId: 'C3', buyerId: 'B1', productCode: 'XOAI', bonusVndPerKg: 50 },
    { cooperativeId: 'C3', buyerId: 'B1', productCode: null, bonusVndPerKg: 20 },
    { cooperativeId: 'C6', buyerId: 'B4', productCode: 'ONLY_LOTS', bonusVndPerKg: 70 },
  ];
  const input = {
    options: {},
    contracts,
    shelfLifeDays: new Map<string, number | null>(products.map((p, k) => [p, k === 2 ? null : 30])),
    restrictedZones: [],
  };

  it('cuts the same parts as splitting the whole instance, and merges back to the whole exactly', async () => {
    const whole = buildMatchingInstance({ ...input, lots, requests });
    const byProduct = await groupByProduct({ lots, requests });
    expect(byProduct.parts).toEqual(['LUA', 'TOM', 'XOAI']);
    const sut = byProduct.parts.map((p) => buildPart(p, byProduct, input));
    const reference = splitByProduct(whole, { lots, requests });
    expect(sut).toEqual(reference);
    const outside = instanceOutsideParts(
      byProduct,
      sut.flatMap((p) => p.instance.contracts),
      input,
    );
    expect(outside.lots.every((l) => l.product === 'ONLY_LOTS')).toBe(true);
    const merged = mergeInstanceOfParts(
      JSON.parse(await stringifyYielding(outside)),
      sut.map((p) => p.instance),
    );
    expect(JSON.stringify(merged)).toBe(JSON.stringify(whole));
  });

  it('stringifies in slices to exactly what JSON.stringify writes', async () => {
    const value = { a: [1, undefined, 'x'], big: lots, nested: { requests, none: undefined }, n: null };
    expect(await stringifyYielding(value)).toBe(JSON.stringify(value));
  });
});

describe('partsLargestFirst', () => {
  it('gives priority 1 to the part with the most lots × requests, ties by product', () => {
    const rank = partsLargestFirst([
      { id: 'a', product: 'CA', size: 10 },
      { id: 'b', product: 'GAO', size: 900 },
      { id: 'c', product: 'AB', size: 10 },
      { id: 'd', product: 'LUA', size: 400 },
    ]);
    expect([...rank.entries()]).toEqual([
      ['b', 1],
      ['d', 2],
      ['c', 3],
      ['a', 4],
    ]);
  });
});
