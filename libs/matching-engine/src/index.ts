export type {
  AllocationReason,
  InstanceContract,
  InstanceLot,
  InstanceProduct,
  InstanceRequest,
  MatchingInstance,
  MatchingObjective,
  MatchingParams,
  MatchingPlan,
  PlanAllocation,
  PlanStats,
  SolveOptions,
  WarmStart,
} from './types';
export { InstanceValidationError, parseInstance } from './validation';
export { solveMatching, solveMatchingSync, workersAvailable } from './solve';
export { greedyMatching, type GreedyAllocation, type GreedyResult } from './greedy';
export { EARTH_RADIUS_KM, haversineKm } from './geo';
export {
  contractBonus,
  evaluatePair,
  pairScore,
  ruleDistance,
  ruleLockdown,
  rulePrice,
  ruleQuality,
  ruleSameProduct,
  ruleShelfLife,
  ruleTiming,
  transitDays,
  transportMultiplier,
  transportVndPerKg,
  type PairEvaluation,
} from './rules';
export { parseDay } from './dates';
