/**
 * Incremental re-matching: a run started from the previous plan (warm start) reaches the same
 * exact optimum as a cold run, on random changes of lots and requests (a property test over
 * seeds), and when nothing changed it starts from an optimum.
 */
import { changeInstance, generateInstance, mulberry32, type RawInstance } from '../bench/instance-generator';
import { evaluatePair } from './rules';
import { solveMatchingSync } from './solve';
import type { MatchingInstance, MatchingObjective, MatchingPlan } from './types';
import { parseInstance } from './validation';

const parse = (raw: RawInstance): MatchingInstance => parseInstance(raw);

/** Each allocation feasible, no lot or request over-used. */
function expectValid(inst: MatchingInstance, plan: MatchingPlan): void {
  const lots = new Map(inst.lots.map((l) => [l.id, l]));
  const reqs = new Map(inst.requests.map((r) => [r.id, r]));
  const used = new Map<string, number>();
  for (const a of plan.allocations) {
    const lot = lots.get(a.lotId);
    const req = reqs.get(a.requestId);
    expect(lot && req).toBeTruthy();
    if (!lot || !req) return;
    expect(evaluatePair(inst, lot, req).feasible).toBe(true);
    used.set(a.lotId, (used.get(a.lotId) ?? 0) + a.quantityKg);
    used.set(a.requestId, (used.get(a.requestId) ?? 0) + a.quantityKg);
  }
  for (const l of inst.lots) expect(used.get(l.id) ?? 0).toBeLessThanOrEqual(l.quantityKg);
  for (const r of inst.requests) expect(used.get(r.id) ?? 0).toBeLessThanOrEqual(r.quantityKg);
}

describe('warm start (incremental re-matching)', () => {
  it('starts from the previous plan when nothing changed and ends at the same optimum', () => {
    const inst = parse(generateInstance({ lots: 600, requests: 200, seed: 7 }));
    const cold = solveMatchingSync(inst);
    const warm = solveMatchingSync(inst, { warmStart: cold });
    expect(warm.objective).toEqual(cold.objective);
    expect(warm.stats.warmPairs).toBe(cold.allocations.length);
    expect(warm.stats.pivots ?? 0).toBeLessThan(Math.max(1, (cold.stats.pivots ?? 0) / 10));
    expectValid(inst, warm);
  });

  const cases: Array<[number, number, MatchingObjective]> = [];
  for (let seed = 1; seed <= 12; seed++)
    cases.push([seed, [0.01, 0.1, 0.3][seed % 3], seed % 4 === 0 ? 'score' : 'volume-then-score']);

  it.each(cases)(
    'seed %i, %f of lots and requests changed, %s: the warm run equals the cold optimum',
    (seed, share, objective) => {
      const r = mulberry32(seed * 7919);
      const lots = 150 + Math.floor(r() * 500);
      const requests = 40 + Math.floor(r() * 200);
      const raw = generateInstance({ lots, requests, seed, objective, scenario: seed % 5 === 0 ? 2 : 1 });
      const before = solveMatchingSync(parse(raw));
      const after = parse(changeInstance(raw, share, seed + 1000));
      const cold = solveMatchingSync(after);
      const warm = solveMatchingSync(after, { warmStart: before });
      expect(warm.objective.matchedKg).toBe(cold.objective.matchedKg);
      expect(warm.objective.scoreVnd).toBe(cold.objective.scoreVnd);
      expectValid(after, warm);
    },
  );

  it('ignores allocations of lots and requests that are gone or now in another product', () => {
    const raw = generateInstance({ lots: 200, requests: 60, seed: 3 });
    const inst = parse(raw);
    const cold = solveMatchingSync(inst);
    const stale = [
      ...cold.allocations,
      { lotId: 'gone', requestId: cold.allocations[0]?.requestId ?? 'x', quantityKg: 10 },
      { lotId: inst.lots[0].id, requestId: 'gone', quantityKg: 10 },
      {
        lotId: inst.lots[0].id,
        requestId: inst.requests.find((q) => q.product !== inst.lots[0].product)?.id ?? 'x',
        quantityKg: 10,
      },
      { lotId: inst.lots[1].id, requestId: inst.requests[0].id, quantityKg: 10 ** 9 },
    ];
    const warm = solveMatchingSync(inst, { warmStart: { allocations: stale } });
    expect(warm.objective).toEqual(cold.objective);
    expectValid(inst, warm);
  });
});
