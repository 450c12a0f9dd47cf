import type { PlannerParams } from './types';

export const DEFAULT_PLANNER_PARAMS: PlannerParams = {
  // Kinds as vehicles are registered (issue 14 item 1); rough 2026 hire rates per km.
  vndPerKmByKind: { pickup: 9_000, van: 11_000, truck: 16_000, container_truck: 24_000, tractor_trailer: 28_000 },
  defaultVndPerKm: 16_000,
  refrigeratedFactor: 1.15,
  roadFactor: 1.3,
  speedKmh: 40,
  stopMinutes: 30,
  dayStartMin: 0,
  dayEndMin: 24 * 60,
  shareRadiusKm: 60,
  maxPickupsPerTrip: 8,
  candidateVehiclesPerTrip: 40,
  improvementPasses: 3,
};

export function resolveParams(over: Partial<PlannerParams> | undefined): PlannerParams {
  const p = { ...DEFAULT_PLANNER_PARAMS, ...(over ?? {}) };
  p.vndPerKmByKind = { ...DEFAULT_PLANNER_PARAMS.vndPerKmByKind, ...(over?.vndPerKmByKind ?? {}) };
  return p;
}

export function vndPerKm(params: PlannerParams, kind: string, refrigerated = false): number {
  return (params.vndPerKmByKind[kind] ?? params.defaultVndPerKm) * (refrigerated ? params.refrigeratedFactor : 1);
}
