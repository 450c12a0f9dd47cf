export type {
  PlanPoint,
  PlannedTrip,
  PlannerLoad,
  PlannerParams,
  PlannerVehicle,
  StopKind,
  TransportInstance,
  TransportPlanResult,
  TripPart,
  TripStop,
  UnplannedLoad,
  UnplannedReason,
} from './types';
export { DEFAULT_PLANNER_PARAMS, resolveParams, vndPerKm } from './params';
export { haversineKm } from './geo';
export { minCostAssignment, buildArcs } from './assignment';
export { planTransport } from './planner';
