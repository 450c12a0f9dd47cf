import calendarFile from './data/harvest-calendar.json';

/** The usual harvest of a product in a region (harvest-calendar.json), offered as defaults for an area's schedule. */
export interface CalendarSeason {
  season_vi: string;
  season_en: string;
  sow_months?: number[];
  regional_harvest_months: number[];
  /** MM-DD */
  harvest_from: string;
  /** MM-DD; before harvest_from when the window runs into the next year. */
  harvest_to: string;
  yield_kg_per_ha: number | null;
  source: string;
}

interface CalendarFile {
  regions: Record<string, { name_vi: string; name_en: string; province_codes: string[] }>;
  calendars: Array<{ product: string; region: string; seasons: CalendarSeason[] }>;
}

const FILE = calendarFile as CalendarFile;

export interface DefaultHarvestEntry {
  season: string;
  seasonEn: string;
  harvestFrom: string;
  harvestTo: string;
  /** Null where no regional figure was gathered: the cooperative enters its own. */
  expectedYieldKgPerHa: number | null;
  regionalHarvestMonths: number[];
  source: string;
}

export interface DefaultHarvestCalendar {
  product: string;
  region: string | null;
  regionNameVi: string | null;
  regionNameEn: string | null;
  seasons: DefaultHarvestEntry[];
}

export function regionOfProvince(provinceCode: string | null | undefined): string | null {
  if (!provinceCode) return null;
  return Object.entries(FILE.regions).find(([, r]) => r.province_codes.includes(provinceCode))?.[0] ?? null;
}

/**
 * The product's seasons in the province's region, each dated at its next
 * window that has not ended by `from` (YYYY-MM-DD), earliest first.
 */
export function defaultHarvestCalendar(
  product: string,
  provinceCode: string | null | undefined,
  from: string,
): DefaultHarvestCalendar {
  const region = regionOfProvince(provinceCode);
  const meta = region ? FILE.regions[region] : null;
  const entry = region ? FILE.calendars.find((c) => c.product === product && c.region === region) : undefined;
  const seasons = (entry?.seasons ?? [])
    .map((s) => ({ s, window: nextWindow(s, from) }))
    .sort((a, b) => a.window[0].localeCompare(b.window[0]))
    .map(({ s, window }) => ({
      season: s.season_vi,
      seasonEn: s.season_en,
      harvestFrom: window[0],
      harvestTo: window[1],
      expectedYieldKgPerHa: s.yield_kg_per_ha,
      regionalHarvestMonths: s.regional_harvest_months,
      source: s.source,
    }));
  return { product, region, regionNameVi: meta?.name_vi ?? null, regionNameEn: meta?.name_en ?? null, seasons };
}

/**
 * The usual yield for a window: that of the season whose dated window overlaps
 * it most (same year, the year before or after), or null when none overlaps or
 * the season has no figure.
 */
export function defaultYieldFor(
  product: string,
  provinceCode: string | null | undefined,
  harvestFrom: string,
  harvestTo: string,
): { yieldKgPerHa: number; season: string } | null {
  const region = regionOfProvince(provinceCode);
  const entry = region ? FILE.calendars.find((c) => c.product === product && c.region === region) : undefined;
  let best: { yieldKgPerHa: number; season: string; days: number } | null = null;
  const year = Number(harvestFrom.slice(0, 4));
  for (const s of entry?.seasons ?? []) {
    if (s.yield_kg_per_ha === null) continue;
    for (const y of [year - 1, year, year + 1]) {
      const [wf, wt] = datedWindow(s, y);
      const days = overlapDays(harvestFrom, harvestTo, wf, wt);
      if (days > 0 && (!best || days > best.days))
        best = { yieldKgPerHa: s.yield_kg_per_ha, season: s.season_vi, days };
    }
  }
  return best && { yieldKgPerHa: best.yieldKgPerHa, season: best.season };
}

function datedWindow(s: CalendarSeason, year: number): [string, string] {
  const from = `${year}-${s.harvest_from}`;
  const to = `${s.harvest_to < s.harvest_from ? year + 1 : year}-${s.harvest_to}`;
  return [from, to];
}

function nextWindow(s: CalendarSeason, from: string): [string, string] {
  const year = Number(from.slice(0, 4));
  for (const y of [year - 1, year, year + 1]) {
    const w = datedWindow(s, y);
    if (w[1] >= from) return w;
  }
  return datedWindow(s, year + 1);
}

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/** Days of [from, to] inside [ws, we], both ends included. */
export function overlapDays(from: string, to: string, ws: string, we: string): number {
  return Math.max(0, Math.min(dayNumber(to), dayNumber(we)) - Math.max(dayNumber(from), dayNumber(ws)) + 1);
}

export function windowDays(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from) + 1;
}
