/** Objective of a matching run: see SPEC.md "Optimum". */
export type MatchingObjective = 'volume-then-score' | 'score';

/** Run parameters, with the spec's defaults applied by `parseInstance`. */
export interface MatchingParams {
  objective: MatchingObjective;
  transportVndPerKgKm: number;
  kmPerDay: number;
  /** Global distance cap in km; null = no cap. */
  maxDistanceKm: number | null;
  /** 1 = normal, 2 = lockdown (restricted zones, green lanes). */
  scenario: 1 | 2;
  restrictedZones: string[];
  scenario2TransportMultiplier: number;
}

/** A product with its shelf life (hạn sử dụng). */
export interface InstanceProduct {
  code: string;
  shelfLifeDays: number;
}

/** A supply lot (lô hàng) offered by a cooperative (HTX). */
export interface InstanceLot {
  id: string;
  cooperativeId: string;
  product: string;
  quantityKg: number;
  /** YYYY-MM-DD */
  availableFrom: string;
  /** YYYY-MM-DD */
  availableTo: string;
  certifications: string[];
  askVndPerKg: number;
  lat: number;
  lng: number;
  zone: string | null;
  greenLane: boolean;
}

/** A purchase request (đơn đặt mua) from a buyer. */
export interface InstanceRequest {
  id: string;
  buyerId: string;
  product: string;
  quantityKg: number;
  /** YYYY-MM-DD */
  deliverFrom: string;
  /** YYYY-MM-DD */
  deliverTo: string;
  requiredCertifications: string[];
  bidVndPerKg: number;
  lat: number;
  lng: number;
  zone: string | null;
  maxDistanceKm: number | null;
}

/** A linkage contract (hợp đồng liên kết) between a cooperative and a buyer. */
export interface InstanceContract {
  cooperativeId: string;
  buyerId: string;
  bonusVndPerKg: number;
}

/** A validated instance with every default filled in. */
export interface MatchingInstance {
  version: 1;
  params: MatchingParams;
  products: InstanceProduct[];
  lots: InstanceLot[];
  requests: InstanceRequest[];
  contracts: InstanceContract[];
}

/** One reason an allocation was made, in Vietnamese and English. */
export interface AllocationReason {
  code: string;
  vi: string;
  en: string;
}

/** Goods of one lot sent to one request. */
export interface PlanAllocation {
  lotId: string;
  requestId: string;
  quantityKg: number;
  distanceKm: number;
  transportVndPerKg: number;
  scoreVndPerKg: number;
  reasons: AllocationReason[];
}

export interface PlanStats {
  lots: number;
  requests: number;
  feasiblePairs: number;
  /** Milliseconds spent generating feasible pairs (all components, summed wall time). */
  pairsMs: number;
  solveMs: number;
  totalMs: number;
  /** Number of independent parts (products) solved. */
  components: number;
  /** Worker threads used (0 = solved in the calling thread). */
  threads: number;
  /** Pair arcs the exact solver ever looked at (candidate set + priced-in arcs). */
  candidateArcs: number;
  /** Rounds of pricing over all feasible pairs (the last one proves optimality). */
  pricingRounds: number;
  /** Simplex pivots, all components summed. */
  pivots?: number;
  /** Pairs of the warm start's plan the simplex started from (absent: a cold start). */
  warmPairs?: number;
}

/** The plan: see SPEC.md "Plan (JSON)". */
export interface MatchingPlan {
  version: 1;
  objective: { matchedKg: number; scoreVnd: number };
  allocations: PlanAllocation[];
  stats: PlanStats;
}

export interface SolveOptions {
  /** Worker threads; 0 or 1 = in the calling thread. Default: available cores when the compiled worker exists. */
  threads?: number;
  /**
   * Solve in a worker thread even when one thread is enough (one component), so the caller's event
   * loop stays free meanwhile (a queue worker renewing its job's lock). Ignored with threads 0 or
   * when the compiled worker is absent.
   */
  offThread?: boolean;
  /** Called with a fraction in [0, 1] as components finish. */
  onProgress?: (fraction: number) => void;
  /** Milliseconds clock for stats; default performance.now. */
  clock?: () => number;
  /**
   * A previous plan of the same scope to start from (incremental re-matching): the plan is the
   * same exact optimum as a cold start; only the pivots differ. Allocations whose lot or request
   * is gone, or whose pair is no longer feasible, are ignored.
   */
  warmStart?: WarmStart;
}

/** The allocations of an earlier plan, by lot and request id (its `allocations` will do). */
export interface WarmStart {
  allocations: ReadonlyArray<Pick<PlanAllocation, 'lotId' | 'requestId' | 'quantityKg'>>;
}
