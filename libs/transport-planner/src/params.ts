import type { PlannerParams } from './types';

export const DEFAULT_PLANNER_PARAMS: PlannerParams = {
  vndPerKmByKind: { pickup: 9_000, 'light-truck': 12_000, truck: 16_000, 'heavy-truck': 22_000, 'refrigerated-truck': 20_000, container: 26_000 },
  defaultVndPerKm: 15_000,
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

export function vndPerKm(params: PlannerParams, kind: string): number {
  return params.vndPerKmByKind[kind] ?? params.defaultVndPerKm;
}
