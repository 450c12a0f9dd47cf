import type { MatchingInstance, MatchingPlan, PlanAllocation } from '@agrilink/matching-engine';
import type { LotRow, RequestRow } from './matching-instance.builder';

/** One independent part of a run: a product's lots and requests, as the engine's instance and as the registry's rows. */
export interface MatchingPart {
  product: string;
  instance: MatchingInstance;
  /** The rows the writer copies onto each proposal of this part. */
  snapshot: { lots: LotRow[]; requests: RequestRow[] };
}

/**
 * Splits a run's instance into independent parts, one per product that has both lots and requests.
 * Exact: a pair always has one product (rule 1), so lots and requests of different products share
 * no pair and no constraint, and the optimum of the whole (volume first, then score; or score) is
 * the sum of the parts' optima. A contract goes into every part that holds both its parties: a
 * pair's bonus depends on its two parties only. Products on one side only carry no pair and make
 * no part.
 */
export function splitByProduct(
  instance: MatchingInstance,
  rows: { lots: LotRow[]; requests: RequestRow[] },
): MatchingPart[] {
  const withRequests = new Set(instance.requests.map((r) => r.product));
  const products = [...new Set(instance.lots.map((l) => l.product))].filter((p) => withRequests.has(p)).sort();
  return products.map((product) => {
    const lots = instance.lots.filter((l) => l.product === product);
    const requests = instance.requests.filter((r) => r.product === product);
    const sellers = new Set(lots.map((l) => l.cooperativeId));
    const buyers = new Set(requests.map((r) => r.buyerId));
    return {
      product,
      instance: {
        version: instance.version,
        params: instance.params,
        products: instance.products.filter((p) => p.code === product),
        lots,
        requests,
        contracts: instance.contracts.filter((c) => sellers.has(c.cooperativeId) && buyers.has(c.buyerId)),
      },
      snapshot: {
        lots: rows.lots.filter((l) => l.productCode === product),
        requests: rows.requests.filter((r) => r.productCode === product),
      },
    };
  });
}

// The engine's canonical order (ids compared as strings), so a merged plan lists its allocations
// exactly as one solve of the whole instance does.
const byIds = (a: PlanAllocation, b: PlanAllocation) =>
  a.lotId < b.lotId ? -1 : a.lotId > b.lotId ? 1 : a.requestId < b.requestId ? -1 : a.requestId > b.requestId ? 1 : 0;

/** The plan of the whole run from its parts' plans: objectives and counts add up, allocations in the engine's order. */
export function mergePartPlans(plans: MatchingPlan[], whole: { lots: number; requests: number }): MatchingPlan {
  const sum = (f: (p: MatchingPlan) => number) => plans.reduce((s, p) => s + f(p), 0);
  const max = (f: (p: MatchingPlan) => number) => plans.reduce((m, p) => Math.max(m, f(p)), 0);
  return {
    version: 1,
    objective: { matchedKg: sum((p) => p.objective.matchedKg), scoreVnd: sum((p) => p.objective.scoreVnd) },
    allocations: plans.flatMap((p) => p.allocations).sort(byIds),
    stats: {
      lots: whole.lots,
      requests: whole.requests,
      feasiblePairs: sum((p) => p.stats.feasiblePairs),
      pairsMs: round(sum((p) => p.stats.pairsMs)),
      solveMs: round(sum((p) => p.stats.solveMs)),
      totalMs: round(max((p) => p.stats.totalMs)),
      components: sum((p) => p.stats.components),
      threads: max((p) => p.stats.threads),
      candidateArcs: sum((p) => p.stats.candidateArcs),
      pricingRounds: max((p) => p.stats.pricingRounds),
      pivots: sum((p) => p.stats.pivots ?? 0),
      // Present when any part started warm, as the engine says it of one solve.
      ...(plans.some((p) => p.stats.warmPairs !== undefined) ? { warmPairs: sum((p) => p.stats.warmPairs ?? 0) } : {}),
    },
  };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
