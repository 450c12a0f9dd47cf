/** A point as the REST API carries it. */
export interface PlanPoint {
  lat: number;
  lng: number;
}

/** One load to move on the plan's day (times in minutes from the day's 00:00, local time). */
export interface PlannerLoad {
  id: string;
  pickup: PlanPoint;
  drop: PlanPoint;
  /** Loads sharing a truck must go to the same buyer (same drop): this names it. */
  dropKey: string;
  kg: number;
  earliestPickupMin: number;
  latestDeliveryMin: number;
  refrigerated: boolean;
  /** The route leaves or enters a restricted zone: only a vehicle with a permit valid on the day may take it. */
  crossesRestrictedZone: boolean;
  /** Provinces of the pickup and the drop, for permits limited to some provinces. */
  provinceCodes?: string[];
}

export interface PlannerVehicle {
  id: string;
  /** Where the truck starts and ends its day (its operator's depot). */
  depot: PlanPoint;
  capacityKg: number;
  kind: string;
  refrigerated: boolean;
  /** A green-lane permit is valid on the plan's day. */
  permitValid: boolean;
  /** When the permit is limited to some provinces: a crossing load's provinces must all be among them. */
  permitProvinceCodes?: string[] | null;
}

export interface PlannerParams {
  /** Cost per km driven (loaded or empty) by vehicle kind, whole VND. */
  vndPerKmByKind: Record<string, number>;
  /** Used for a kind missing from vndPerKmByKind. */
  defaultVndPerKm: number;
  /** A refrigerated truck costs this much more per km (1.15 = 15 % more). */
  refrigeratedFactor: number;
  /** Road km = great-circle km × roadFactor (no road network). */
  roadFactor: number;
  speedKmh: number;
  /** Loading or unloading time at each stop. */
  stopMinutes: number;
  dayStartMin: number;
  dayEndMin: number;
  /** Pickups further apart than this never share a truck. */
  shareRadiusKm: number;
  maxPickupsPerTrip: number;
  /** Cheapest vehicles kept per trip for the assignment (bounds memory and time). */
  candidateVehiclesPerTrip: number;
  /** Relocation passes of the local improvement. */
  improvementPasses: number;
}

export interface TransportInstance {
  loads: PlannerLoad[];
  vehicles: PlannerVehicle[];
  params?: Partial<PlannerParams>;
}

export type StopKind = 'depot-out' | 'pickup' | 'drop' | 'depot-back';

export interface TripStop {
  kind: StopKind;
  point: PlanPoint;
  /** Load parts picked up (pickup) or delivered (drop) here. */
  loadIds: string[];
  arriveMin: number;
  departMin: number;
}

export interface TripPart {
  loadId: string;
  kg: number;
}

export interface PlannedTrip {
  vehicleId: string;
  /** Parts in pickup order; a load larger than every eligible truck is split into parts. */
  parts: TripPart[];
  dropKey: string;
  kg: number;
  distanceKm: number;
  costVnd: number;
  startMin: number;
  endMin: number;
  stops: TripStop[];
}

export type UnplannedReason = 'NO_ELIGIBLE_VEHICLE' | 'WINDOW_TOO_SHORT' | 'NO_VEHICLE_TIME';

export interface UnplannedLoad {
  loadId: string;
  kg: number;
  reason: UnplannedReason;
}

export interface TransportPlanResult {
  /** 'shared' when sharing won (more kg carried, or the same kg for no more); else 'one-truck-per-load', the fallback. */
  method: 'shared' | 'one-truck-per-load';
  trips: PlannedTrip[];
  unplanned: UnplannedLoad[];
  costVnd: number;
  /** Every load on a truck of its own (the same scheduler, no sharing). */
  baselineCostVnd: number;
  /** No plan of the loads planned can cost less (see lowerBound.ts for the argument). */
  lowerBoundVnd: number;
  stats: {
    loads: number;
    parts: number;
    vehicles: number;
    vehiclesUsed: number;
    plannedKg: number;
    /** Kg the one-truck-per-load plan carries (less than plannedKg when trucks are short). */
    baselinePlannedKg: number;
    unplannedKg: number;
    baselineTrips: number;
    sharedTrips: number;
    assignmentRounds: number;
    relocations: number;
    ms: number;
  };
}
