/**
 * Naive baseline for the benchmark only: take feasible pairs by best score first
 * (ties: request, then lot, in id order) and ship as much as both sides still allow.
 */
import { pairReqIndex, pairsByScore } from './component-solver';
import { compileInstance } from './model';
import { generatePairs } from './pairs';
import type { MatchingInstance } from './types';

export interface GreedyAllocation {
  lotId: string;
  requestId: string;
  quantityKg: number;
  scoreVndPerKg: number;
}

export interface GreedyResult {
  objective: { matchedKg: number; scoreVnd: number };
  allocations: GreedyAllocation[];
  feasiblePairs: number;
}

export function greedyMatching(instance: MatchingInstance): GreedyResult {
  const compiled = compileInstance(instance);
  const allocations: GreedyAllocation[] = [];
  let matchedKg = 0;
  let scoreVnd = 0;
  let feasiblePairs = 0;
  for (const c of compiled.components) {
    const pairs = generatePairs(c);
    const nR = c.reqQty.length;
    feasiblePairs += pairs.count;
    const reqOf = pairReqIndex(pairs, nR);
    const { order, lot, req } = pairsByScore(pairs, reqOf);
    const lotLeft = Float64Array.from(c.lotQty);
    const reqLeft = Float64Array.from(c.reqQty);
    for (let k = 0; k < order.length; k++) {
      const p = order[k];
      const i = lot[k];
      const j = req[k];
      const q = Math.min(lotLeft[i], reqLeft[j]);
      if (q <= 0) continue;
      lotLeft[i] -= q;
      reqLeft[j] -= q;
      matchedKg += q;
      scoreVnd += q * pairs.pairScore[p];
      allocations.push({
        lotId: compiled.lots[c.lotGlobal[i]].id,
        requestId: compiled.requests[c.reqGlobal[j]].id,
        quantityKg: q,
        scoreVndPerKg: pairs.pairScore[p],
      });
    }
  }
  return { objective: { matchedKg, scoreVnd }, allocations, feasiblePairs };
}
