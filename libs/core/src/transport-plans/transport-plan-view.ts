// What a transport plan answers. Types only, so the web app imports them as they are
// (`import type`); no import from an entity: the web app type-checks this file without TypeORM's decorators.

export const TRANSPORT_PLAN_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type TransportPlanStatus = (typeof TRANSPORT_PLAN_STATUSES)[number];

/** Cost parameters a plan was made with (whole VND per km by vehicle kind); the rest are the planner's defaults. */
export interface TransportPlanParams {
  vndPerKmByKind?: Record<string, number>;
}

export interface TransportPlanStop {
  kind: 'depot-out' | 'pickup' | 'drop' | 'depot-back';
  location: { lat: number; lng: number };
  loadIds: string[];
  /** Minutes from the plan day's 00:00 (Việt Nam time). */
  arriveMin: number;
  departMin: number;
}

/** One proposed trip, as planned: the vehicle as it was on file then, the parts it carries in pickup order. */
export interface TransportPlanTrip {
  vehicleId: string;
  plate: string;
  operatorId: string;
  operatorName: string;
  kind: string;
  capacityKg: number;
  refrigerated: boolean;
  buyerId: string;
  parts: Array<{ loadId: string; kg: number; priceVnd: number }>;
  kg: number;
  distanceKm: number;
  costVnd: number;
  startMin: number;
  endMin: number;
  stops: TransportPlanStop[];
}

export interface TransportPlanUnplanned {
  loadId: string;
  kg: number;
  reason: 'NO_ELIGIBLE_VEHICLE' | 'WINDOW_TOO_SHORT' | 'NO_VEHICLE_TIME';
}

export interface TransportPlanStats {
  loads: number;
  vehicles: number;
  /** Vehicles left out of planning: their operator has no location on file to start from. */
  vehiclesWithoutDepot: number;
  vehiclesUsed: number;
  trips: number;
  sharedTrips: number;
  baselineTrips: number;
  baselinePlannedKg: number;
  unplannedKg: number;
  solveMs: number;
  totalMs: number;
}

export interface TransportPlanSummary {
  id: string;
  status: TransportPlanStatus;
  date: string;
  provinceCodes: string[] | null;
  progress: number;
  attempts: number;
  method: 'shared' | 'one-truck-per-load' | null;
  costVnd: number | null;
  /** Every load on a truck of its own, planned by the same scheduler; the plan never costs more for the same kilograms. */
  baselineCostVnd: number | null;
  /** No plan of the same loads can cost less (see libs/transport-planner/src/lower-bound.ts). */
  lowerBoundVnd: number | null;
  plannedKg: number | null;
  /** Kilograms one truck per load carries: less than plannedKg when trucks are short (then the plan may cost more, for more). */
  baselinePlannedKg: number | null;
  tripsCount: number | null;
  unplannedCount: number | null;
  offersMadeAt: Date | null;
  offersCount: number | null;
  error: string | null;
  requestedByUserId: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  createdAt: Date;
}

export interface TransportPlanView extends TransportPlanSummary {
  params: TransportPlanParams;
  trips: TransportPlanTrip[];
  unplanned: TransportPlanUnplanned[];
  stats: TransportPlanStats | null;
}
