import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseInstance, solveMatchingSync, type MatchingInstance } from '@agrilink/matching-engine';
import { mergePartPlans, splitByProduct } from './matching-parts';

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
