/** Everything done for one component, in whichever thread runs it. */
import { solveComponentFlows, type ComponentFlows, type LocalAllocations } from './component-solver';
import type { ComponentInput } from './model';
import { generatePairs } from './pairs';

export interface ComponentResult extends ComponentFlows {
  index: number;
  pairCount: number;
  reqBestScore: Float64Array;
  reqMinKm: Float64Array;
  lotBestScore: Float64Array;
  pairsMs: number;
  solveMs: number;
}

export function runComponent(c: ComponentInput, clock: () => number, warmStart?: LocalAllocations): ComponentResult {
  const t0 = clock();
  const pairs = generatePairs(c);
  const t1 = clock();
  const flows = solveComponentFlows(c, pairs, { warmStart });
  const t2 = clock();
  return {
    ...flows,
    index: c.index,
    pairCount: pairs.count,
    reqBestScore: pairs.reqBestScore,
    reqMinKm: pairs.reqMinKm,
    lotBestScore: pairs.lotBestScore,
    pairsMs: t1 - t0,
    solveMs: t2 - t1,
  };
}
