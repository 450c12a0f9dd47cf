import provincesFile from './pre2025-provinces.json';

/**
 * The 63 pre-2025 provinces and the current province each became (Nghị quyết 202/2025/QH15).
 * Provinces merged whole, so the answer is one code; kept in code because filters read it
 * synchronously (`?provinceCode=89` lists An Giang's rows, now under 91).
 */
const SUCCESSOR = new Map<string, string>(
  (provincesFile as { provinces: Array<{ pre2025: string; current: string }> }).provinces.map((p) => [
    p.pre2025,
    p.current,
  ]),
);
const CURRENT = new Set(SUCCESSOR.values());

/** A province code as a filter takes it: current codes as they are, pre-2025 ones translated, others untouched (they match nothing). */
export function currentProvinceCodeOf(code: string): string;
export function currentProvinceCodeOf(code: string | null | undefined): string | null | undefined;
export function currentProvinceCodeOf(code: string | null | undefined): string | null | undefined {
  if (!code) return code;
  const c = code.trim();
  if (CURRENT.has(c)) return c;
  return SUCCESSOR.get(c) ?? c;
}

/** Pre-2025 province codes that became this current one (91 → 89 An Giang, 91 Kiên Giang). */
export function pre2025ProvinceCodesOf(current: string): string[] {
  return [...SUCCESSOR.entries()]
    .filter(([, now]) => now === current)
    .map(([old]) => old)
    .sort();
}

export function pre2025ProvinceTable(): ReadonlyMap<string, string> {
  return SUCCESSOR;
}

/** True for one of the 34 current (post-2025) province codes. */
export function isCurrentProvinceCode(code: string): boolean {
  return CURRENT.has(code);
}
