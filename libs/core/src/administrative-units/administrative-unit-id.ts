import type { AdministrativeEra, AdministrativeLevel } from './administrative-unit.entity';

export const ADMINISTRATIVE_ERAS: readonly AdministrativeEra[] = ['current', 'pre2025'];
export const ADMINISTRATIVE_LEVELS: readonly AdministrativeLevel[] = ['province', 'district', 'commune'];

/** Codes repeat across eras (Kiên Giang's 91 is now An Giang's), hence `<era>:<level>:<code>`. */
export function administrativeUnitId(era: AdministrativeEra, level: AdministrativeLevel, code: string): string {
  return `${era}:${level}:${code}`;
}

export function parseAdministrativeUnitId(
  id: string,
): { era: AdministrativeEra; level: AdministrativeLevel; code: string } | null {
  const m = /^(current|pre2025):(province|district|commune):([0-9A-Za-z]{1,10})$/.exec(id);
  if (!m) return null;
  return { era: m[1] as AdministrativeEra, level: m[2] as AdministrativeLevel, code: m[3] };
}
