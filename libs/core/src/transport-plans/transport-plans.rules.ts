import { isDateOnly } from '../common/dates';
import { DomainError } from '../common/domain-error';
import type { TransportPlanParams } from './transport-plan-view';

/** What staff ask for, whatever the transport (API, tests). */
export interface TransportPlanInput {
  /** The day the trucks run (YYYY-MM-DD, Việt Nam time). */
  date: unknown;
  /** Loads picked up or dropped in these provinces, trucks of operators serving them; all when absent. */
  provinceCodes?: unknown;
  /** Whole VND per km by vehicle kind, over the planner's defaults. */
  vndPerKmByKind?: unknown;
}

export interface CleanTransportPlanInput {
  date: string;
  provinceCodes: string[] | null;
  params: TransportPlanParams;
}

const MAX_PROVINCES = 100;
const MAX_VND_PER_KM = 10_000_000;

export function normalizeTransportPlanInput(raw: TransportPlanInput): CleanTransportPlanInput {
  if (!isDateOnly(raw.date))
    throw DomainError.invalid('TRANSPORT_PLAN.INVALID_DATE', 'date', 'date must be a calendar day YYYY-MM-DD');
  const year = Number(raw.date.slice(0, 4));
  if (year < 2000 || year > 2100)
    throw DomainError.invalid('TRANSPORT_PLAN.INVALID_DATE', 'date', 'date must fall between 2000 and 2100');
  let provinceCodes: string[] | null = null;
  if (raw.provinceCodes !== undefined && raw.provinceCodes !== null) {
    if (
      !Array.isArray(raw.provinceCodes) ||
      raw.provinceCodes.length > MAX_PROVINCES ||
      raw.provinceCodes.some((p) => typeof p !== 'string' || !/^\d{2,3}$/.test(p.trim()))
    ) {
      throw DomainError.invalid(
        'TRANSPORT_PLAN.INVALID_PROVINCES',
        'provinceCodes',
        `provinceCodes must be at most ${MAX_PROVINCES} province codes such as "91"`,
      );
    }
    provinceCodes = [...new Set((raw.provinceCodes as string[]).map((p) => p.trim()))].sort();
    if (!provinceCodes.length) provinceCodes = null;
  }
  const params: TransportPlanParams = {};
  if (raw.vndPerKmByKind !== undefined && raw.vndPerKmByKind !== null) {
    const rates = raw.vndPerKmByKind;
    if (typeof rates !== 'object' || Array.isArray(rates))
      throw DomainError.invalid(
        'TRANSPORT_PLAN.INVALID_RATE',
        'vndPerKmByKind',
        'vndPerKmByKind must map vehicle kinds to whole VND per km',
      );
    const clean: Record<string, number> = {};
    for (const [kind, vnd] of Object.entries(rates as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (
        !/^[a-z_]{1,20}$/.test(kind) ||
        typeof vnd !== 'number' ||
        !Number.isInteger(vnd) ||
        vnd < 0 ||
        vnd > MAX_VND_PER_KM
      ) {
        throw DomainError.invalid(
          'TRANSPORT_PLAN.INVALID_RATE',
          `vndPerKmByKind.${kind.slice(0, 20)}`,
          `each rate must be a whole number of VND per km from 0 to ${MAX_VND_PER_KM}`,
        );
      }
      clean[kind] = vnd;
    }
    params.vndPerKmByKind = clean;
  }
  return { date: raw.date, provinceCodes, params };
}

/**
 * A trip's cost shared over its parts by kilograms, in whole VND, the remainders going to the
 * largest fractions (ties: earlier part), so the parts' prices add up to the trip's cost.
 */
export function splitTripCost(costVnd: number, kgs: number[]): number[] {
  const total = kgs.reduce((a, b) => a + b, 0);
  if (total <= 0) return kgs.map(() => 0);
  const exact = kgs.map((kg) => (costVnd * kg) / total);
  const out = exact.map(Math.floor);
  let left = costVnd - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k].i]++;
  return out;
}

/** The two ends of a load lie in different restricted-zone sets: the route leaves or enters one. */
export function crossesRestrictedZone(atPickup: string[], atDrop: string[]): boolean {
  const a = new Set(atPickup);
  const b = new Set(atDrop);
  return atPickup.some((z) => !b.has(z)) || atDrop.some((z) => !a.has(z));
}
