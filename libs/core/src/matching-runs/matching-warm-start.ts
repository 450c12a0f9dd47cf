import type { MatchingParams } from '@agrilink/matching-engine';
import { matchingScopeKey, type MatchingRunOptions } from './matching-run.entity';

/**
 * The warm-start scope of a run: what makes two runs' instances the same problem over changed data,
 * so that the earlier optimum is a good start for the later one. It is
 * - the products and provinces the run covers (`matchingScopeKey`: sorted, '*' for all), and
 * - the engine's parameters as the engine reads them (defaults filled by `parseInstance`): objective,
 *   scenario, transport cost, km per day, distance cap, scenario-2 multiplier.
 * Left out on purpose: the run day, the restricted zones of that day, contracts, lots and requests.
 * They are the data that changes between runs; the warm start copes with any change (pairs no longer
 * feasible and lots gone drop out), so leaving them out only decides which run is the start, never
 * the optimum. Parameters are in because under another objective or another transport price the
 * earlier basis says little about the new optimum.
 */
export function warmStartScope(
  options: Pick<MatchingRunOptions, 'products' | 'provinceCodes'>,
  params: MatchingParams,
): string {
  const engine = {
    objective: params.objective,
    scenario: params.scenario,
    transportVndPerKgKm: params.transportVndPerKgKm,
    kmPerDay: params.kmPerDay,
    maxDistanceKm: params.maxDistanceKm ?? null,
    scenario2TransportMultiplier: params.scenario2TransportMultiplier,
  };
  return `${matchingScopeKey(options)}|${JSON.stringify(engine)}`;
}

/** Whether a run looks for an earlier plan to start from: yes unless staff forced a cold run. */
export function wantsWarmStart(options: Pick<MatchingRunOptions, 'warmStart'>): boolean {
  return options.warmStart !== false;
}

/** An earlier plan's allocations as PostgreSQL returns them (kilograms may come back as text). */
export interface WarmStartRow {
  lotId: string;
  requestId: string;
  quantityKg: string | number;
}

/** The engine's warm start from the earlier run's proposals of one part; null when there is none to start from. */
export function toWarmStart(
  rows: WarmStartRow[],
): { allocations: Array<{ lotId: string; requestId: string; quantityKg: number }> } | null {
  const allocations = rows
    .map((r) => ({ lotId: r.lotId, requestId: r.requestId, quantityKg: Number(r.quantityKg) }))
    .filter((a) => a.quantityKg > 0);
  return allocations.length ? { allocations } : null;
}
