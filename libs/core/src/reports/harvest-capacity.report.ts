import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { scopedReportProvince } from '../common/territory/province-scope';
import { overlapDays, windowDays } from '../reference-data/harvest-calendar';
import { period } from './harvest-forecast.report';
import { HarvestForecastRepository, HarvestResourceRow } from './harvest-forecast.repository';
import { round2 } from './harvest-spread';

export const HARVEST_CAPACITY_DEFINITIONS: Record<string, string> = {
  dueHa:
    "Hectares to harvest: each schedule season's areaHa spread evenly over the days of its window, summed over the days of the week",
  capacityHa:
    'Hectares the combine harvesters and harvest teams serving the commune can cut in the week: capacityHaPerDay on each day the resource is available; a resource serving several communes is shared among them each day in proportion to their hectares due that day (evenly on a day none is due)',
  shortageHa:
    'Sum over the days of the week of (hectares due that day − capacity there that day), where positive: work that has no machine or team',
  shortage: 'shortageHa ≥ 0.01',
  serviceArea:
    "A resource serves the communes in its serviceCommuneIds, the communes of areas within serviceRadiusKm of its location, or, when it declares neither, its cooperative's commune",
};

export interface HarvestCapacityRow {
  week: string;
  weekStart: string;
  weekEnd: string;
  provinceCode: string | null;
  provinceName: string | null;
  communeId: string | null;
  communeName: string | null;
  dueHa: number;
  capacityHa: number;
  shortageHa: number;
  shortage: boolean;
  /** The busiest day's hectares due, and the capacity there that day. */
  peakDueHaPerDay: number;
  peakDayCapacityHa: number;
  /** Resources serving the commune that are available some day of the week. */
  resources: number;
  combineHarvesters: number;
  harvestTeams: number;
}

export interface HarvestCapacity {
  from: string;
  to: string;
  province: string | null;
  units: { area: 'ha' };
  definitions: Record<string, string>;
  weeks: Array<{ week: string; from: string; to: string }>;
  rows: HarvestCapacityRow[];
  shortages: Array<{ week: string; communeId: string | null; communeName: string | null; shortageHa: number }>;
  totalsByWeek: Array<{ week: string; dueHa: number; capacityHa: number; shortageHa: number }>;
  generatedAt: string;
}

const NO_COMMUNE = '∅';

/** Harvest capacity against hectares due (KH 308 §II.1.2.b, §IV.2): where machines and teams will be short. */
@Injectable()
export class HarvestCapacityReport {
  constructor(private readonly repo: HarvestForecastRepository) {}

  async capacity(
    query: { from?: string; to?: string; province?: string | null },
    actor?: Actor,
  ): Promise<HarvestCapacity> {
    const q = { ...query, province: scopedReportProvince(actor, query.province, 'REPORT') };
    const { from, to, weeks } = period(q.from, q.to);
    const start = weeks[0].start;
    const end = weeks[weeks.length - 1].end;
    const days = windowDays(start, end);
    const seasons = await this.repo.scheduledHarvests({ from: start, to: end, province: q.province || null });
    const resources = await this.repo.harvestResources(start, end);

    // Hectares due per commune per day of the period.
    const due = new Map<string, Float64Array>();
    const provinceOf = new Map<string, string | null>();
    const communeOfArea = new Map<string, string>();
    for (const s of seasons) {
      const commune = s.communeId ?? NO_COMMUNE;
      communeOfArea.set(s.areaId, commune);
      if (!provinceOf.has(commune) || provinceOf.get(commune) === null) provinceOf.set(commune, s.provinceCode);
      const perDay = s.areaHa / windowDays(s.harvestFrom, s.harvestTo);
      const d = due.get(commune) ?? new Float64Array(days);
      due.set(commune, d);
      for (let i = dayIndex(start, maxDate(s.harvestFrom, start)); i <= dayIndex(start, minDate(s.harvestTo, end)); i++)
        d[i] += perDay;
    }

    const radius = await this.repo.areasWithinServiceRadius(
      resources.filter((r) => r.serviceRadiusKm !== null).map((r) => r.id),
      [...communeOfArea.keys()],
    );
    const served = new Map<string, Set<string>>(resources.map((r) => [r.id, serviceCommunes(r)]));
    for (const { resourceId, areaId } of radius) {
      const commune = communeOfArea.get(areaId);
      if (commune !== undefined) served.get(resourceId)?.add(commune);
    }
    // Only communes in the report: a resource serving elsewhere is not counted here.
    const inReport = (c: string) => due.has(c);
    const dueOn = (c: string, day: number) => due.get(c)?.[day] ?? 0;

    const capacity = new Map<string, Float64Array>();
    const capOf = (c: string) => {
      let a = capacity.get(c);
      if (!a) capacity.set(c, (a = new Float64Array(days)));
      return a;
    };
    const serving = new Map<string, Map<number, HarvestResourceRow[]>>(); // commune → week → resources
    for (const r of resources) {
      const communes = [...(served.get(r.id) ?? [])].filter(inReport);
      if (!communes.length) continue;
      const firstDay = Math.max(0, r.availableFrom ? dayIndex(start, r.availableFrom) : 0);
      const lastDay = Math.min(days - 1, r.availableTo ? dayIndex(start, r.availableTo) : days - 1);
      for (let i = firstDay; i <= lastDay; i++) {
        const total = communes.reduce((t, c) => t + dueOn(c, i), 0);
        for (const c of communes)
          capOf(c)[i] += total > 0 ? (r.capacityHaPerDay * dueOn(c, i)) / total : r.capacityHaPerDay / communes.length;
      }
      weeks.forEach((w, wi) => {
        if (overlapDays(w.start, w.end, r.availableFrom ?? start, r.availableTo ?? end) <= 0) return;
        for (const c of communes) {
          const byWeek = serving.get(c) ?? new Map<number, HarvestResourceRow[]>();
          serving.set(c, byWeek);
          byWeek.set(wi, [...(byWeek.get(wi) ?? []), r]);
        }
      });
    }

    const names = await this.repo.names(
      [...due.keys()].filter((c) => c !== NO_COMMUNE),
      [...new Set([...provinceOf.values()].filter(Boolean))] as string[],
      [],
    );
    const rows: HarvestCapacityRow[] = [];
    for (const [commune, d] of due) {
      const cap = capacity.get(commune) ?? new Float64Array(days);
      weeks.forEach((w, wi) => {
        let dueHa = 0;
        let capacityHa = 0;
        let shortageHa = 0;
        let peakDue = 0;
        let peakCap = 0;
        for (let i = wi * 7; i < wi * 7 + 7; i++) {
          dueHa += d[i];
          capacityHa += cap[i];
          shortageHa += Math.max(0, d[i] - cap[i]);
          if (d[i] > peakDue) {
            peakDue = d[i];
            peakCap = cap[i];
          }
        }
        const here = serving.get(commune)?.get(wi) ?? [];
        if (dueHa < 0.005 && !here.length) return;
        const provinceCode = provinceOf.get(commune) ?? null;
        const communeId = commune === NO_COMMUNE ? null : commune;
        rows.push({
          week: w.label,
          weekStart: w.start,
          weekEnd: w.end,
          provinceCode,
          provinceName: provinceCode ? (names.provinces.get(provinceCode) ?? null) : null,
          communeId,
          communeName: communeId ? (names.communes.get(communeId) ?? null) : null,
          dueHa: round2(dueHa),
          capacityHa: round2(capacityHa),
          shortageHa: round2(shortageHa),
          shortage: round2(shortageHa) >= 0.01,
          peakDueHaPerDay: round2(peakDue),
          peakDayCapacityHa: round2(peakCap),
          resources: here.length,
          combineHarvesters: here.filter((r) => r.kind === 'combine_harvester').reduce((t, r) => t + r.unitCount, 0),
          harvestTeams: here.filter((r) => r.kind === 'harvest_team').reduce((t, r) => t + r.unitCount, 0),
        });
      });
    }
    rows.sort(
      (x, y) =>
        x.week.localeCompare(y.week) ||
        (x.provinceCode ?? '').localeCompare(y.provinceCode ?? '') ||
        (x.communeName ?? '').localeCompare(y.communeName ?? '', 'vi'),
    );
    return {
      from,
      to,
      province: q.province || null,
      units: { area: 'ha' },
      definitions: HARVEST_CAPACITY_DEFINITIONS,
      weeks: weeks.map((w) => ({ week: w.label, from: w.start, to: w.end })),
      rows,
      shortages: rows
        .filter((r) => r.shortage)
        .map((r) => ({ week: r.week, communeId: r.communeId, communeName: r.communeName, shortageHa: r.shortageHa })),
      totalsByWeek: weeks.map((w) => {
        const list = rows.filter((r) => r.week === w.label);
        return {
          week: w.label,
          dueHa: round2(list.reduce((t, r) => t + r.dueHa, 0)),
          capacityHa: round2(list.reduce((t, r) => t + r.capacityHa, 0)),
          shortageHa: round2(list.reduce((t, r) => t + r.shortageHa, 0)),
        };
      }),
      generatedAt: new Date().toISOString(),
    };
  }
}

function serviceCommunes(r: HarvestResourceRow): Set<string> {
  const out = new Set(r.serviceCommuneIds);
  if (!out.size && r.serviceRadiusKm === null && r.homeCommuneId) out.add(r.homeCommuneId);
  return out;
}

const dayIndex = (start: string, day: string) => windowDays(start, day) - 1;
const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);
