import type { MatchingInstance, MatchingPlan, PlanAllocation } from '@agrilink/matching-engine';
import { buildMatchingInstance, byContractParties, type LotRow, type RequestRow } from './matching-instance.builder';
import type { MatchingRunOptions } from './matching-run.entity';
import { forEachYielding } from './matching-json';
import type { MatchingRegistryRead } from './matching-snapshot.query';

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

/** A run's registry read by product, each in ids' order; the products with both lots and requests are its parts. */
export interface RegistryByProduct {
  groups: Map<string, { lots: LotRow[]; requests: RequestRow[] }>;
  /** Products with both lots and requests, sorted: one part each. */
  parts: string[];
}

/** Groups the read by product in one pass, a slice at a time (a national read is a million rows). */
export async function groupByProduct(
  read: Pick<MatchingRegistryRead, 'lots' | 'requests'>,
): Promise<RegistryByProduct> {
  const groups = new Map<string, { lots: LotRow[]; requests: RequestRow[] }>();
  const group = (code: string) => {
    let g = groups.get(code);
    if (!g) groups.set(code, (g = { lots: [], requests: [] }));
    return g;
  };
  await forEachYielding(read.lots, (l) => group(l.productCode).lots.push(l));
  await forEachYielding(read.requests, (r) => group(r.productCode).requests.push(r));
  const parts = [...groups.entries()]
    .filter(([, g]) => g.lots.length && g.requests.length)
    .map(([code]) => code)
    .sort();
  return { groups, parts };
}

type BuildInput = Omit<MatchingRegistryRead, 'lots' | 'requests' | 'heldOutKg'> & { options: MatchingRunOptions };

/**
 * One product's part, built from its rows alone: the same instance as `splitByProduct` cuts from the
 * whole (a contract's parties carry the product, so only this product's contracts survive), without
 * ever building the whole on the worker's event loop.
 */
export function buildPart(product: string, byProduct: RegistryByProduct, input: BuildInput): MatchingPart {
  const g = byProduct.groups.get(product);
  if (!g) throw new Error(`no rows of product ${product} in the run's read`);
  return {
    product,
    instance: buildMatchingInstance({ ...input, lots: g.lots, requests: g.requests }),
    snapshot: { lots: g.lots, requests: g.requests },
  };
}

/**
 * What the parts of a run do not hold, kept on the run: its params, every product, every contract
 * (few, kept whole so their order needs no rebuilding) and the lots and requests of products
 * without a part. With the parts' instances, `mergeInstanceOfParts` gives the whole instance back.
 */
export function instanceOutsideParts(
  byProduct: RegistryByProduct,
  partContracts: MatchingInstance['contracts'],
  input: BuildInput,
): MatchingInstance {
  const inPart = new Set(byProduct.parts);
  const rest = [...byProduct.groups.entries()].filter(([code]) => !inPart.has(code));
  const frame = buildMatchingInstance({
    ...input,
    lots: rest.flatMap(([, g]) => g.lots),
    requests: rest.flatMap(([, g]) => g.requests),
    contracts: [],
  });
  const present = [...byProduct.groups.keys()].sort();
  return {
    ...frame,
    products: present.flatMap((code) => {
      const shelfLifeDays = input.shelfLifeDays.get(code);
      return shelfLifeDays == null ? [] : [{ code, shelfLifeDays }];
    }),
    contracts: [...partContracts].sort(byContractParties),
  };
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The whole instance of a run from what it kept outside its parts and its parts' instances, exactly as
 * `buildMatchingInstance` made it from the whole read: lots and requests back in ids' order (the
 * snapshot reads them ORDER BY id; a uuid sorts as its text does), the rest as kept.
 */
export function mergeInstanceOfParts(outside: MatchingInstance, parts: MatchingInstance[]): MatchingInstance {
  return {
    version: outside.version,
    params: outside.params,
    products: outside.products,
    lots: [...outside.lots, ...parts.flatMap((p) => p.lots)].sort(byId),
    requests: [...outside.requests, ...parts.flatMap((p) => p.requests)].sort(byId),
    contracts: outside.contracts,
  };
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

/**
 * BullMQ priorities (1 first) for a run's parts, largest first. The run ends when its last part
 * does, so the largest must not start last: started in product order, the national season's rice
 * part began eighth and shared a core with the others for its whole solve (244 s against 132 s
 * alone). Taken largest first, every worker's parts end close together (longest processing time first).
 */
export function partsLargestFirst(parts: Array<{ id: string; product: string; size: number }>): Map<string, number> {
  const order = [...parts].sort((a, b) => b.size - a.size || a.product.localeCompare(b.product));
  return new Map(order.map((p, i) => [p.id, i + 1]));
}
