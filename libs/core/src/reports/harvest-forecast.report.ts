import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { scopedReportProvince } from '../common/territory/province-scope';
import { addDays, todayInVietnam } from '../common/dates';
import { DomainError } from '../common/domain-error';
import { overlapDays, windowDays } from '../reference-data/harvest-calendar';
import { HarvestForecastRepository, PostedLotRow, ScheduledHarvestRow } from './harvest-forecast.repository';
import { spreadOverWeeks, weeksBetween } from './harvest-spread';
import { IsoWeek } from './iso-week';

export const MAX_REPORT_WEEKS = 53;

export const HARVEST_FORECAST_DEFINITIONS: Record<string, string> = {
  forecastKg:
    "Sum over the production areas' harvest schedules of areaHa × expectedYieldKgPerHa, spread evenly over the days of each schedule window, the days inside the week",
  postedKg:
    "Sum over supply lots posted on those areas (productionAreaId, not withdrawn) of quantityKg spread evenly over the lot's harvest window, the days inside the week",
  unpostedKg:
    "Per area, product and week: forecastKg − postedKg, never below 0; then summed. A lot posted on one area does not cover another area's harvest",
  place:
    "The current commune the area lies in (its boundary holding the area's centre, else the nearest known commune seat within 40 km), else its cooperative's commune; rows without a known commune have communeId null",
};

export interface HarvestForecastRow {
  week: string;
  weekStart: string;
  weekEnd: string;
  provinceCode: string | null;
  provinceName: string | null;
  communeId: string | null;
  communeName: string | null;
  product: string;
  productName: string | null;
  /** Areas with a season harvesting in the week. */
  areas: number;
  forecastKg: number;
  postedKg: number;
  unpostedKg: number;
}

export interface ForecastFigures {
  forecastKg: number;
  postedKg: number;
  unpostedKg: number;
}

export interface HarvestForecast {
  from: string;
  to: string;
  province: string | null;
  product: string | null;
  units: { volume: 'kg' };
  definitions: Record<string, string>;
  weeks: Array<{ week: string; from: string; to: string }>;
  rows: HarvestForecastRow[];
  totalsByWeek: Array<{ week: string } & ForecastFigures>;
  totals: ForecastFigures;
  generatedAt: string;
}

export interface UnpostedArea {
  productionAreaId: string;
  areaName: string | null;
  cooperativeId: string;
  cooperativeName: string;
  contactName: string | null;
  contactPhone: string | null;
  provinceCode: string | null;
  communeId: string | null;
  communeName: string | null;
  product: string;
  productName: string | null;
  season: string | null;
  areaHa: number;
  harvestFrom: string;
  harvestTo: string;
  /** Days from the reference day to harvestFrom; 0 or less when the harvest has begun. */
  daysUntilHarvest: number;
  forecastKg: number;
  postedKg: number;
  unpostedKg: number;
}

export interface UnpostedAreas {
  date: string;
  within: number;
  province: string | null;
  product: string | null;
  total: number;
  items: UnpostedArea[];
}

export interface ForecastQuery {
  from?: string;
  to?: string;
  province?: string | null;
  product?: string | null;
}

/**
 * Sản lượng dự kiến thu hoạch theo từng thời điểm (KH 308 §II.1.2.b): what the
 * production areas' schedules say will be harvested, set against what has been
 * posted as lots, so staff can chase the harvest nobody has offered yet.
 */
@Injectable()
export class HarvestForecastReport {
  constructor(private readonly repo: HarvestForecastRepository) {}

  async forecast(query: ForecastQuery, actor?: Actor): Promise<HarvestForecast> {
    const q = { ...query, province: scopedReportProvince(actor, query.province, 'REPORT') };
    const { from, to, weeks } = period(q.from, q.to);
    const filter = {
      from: weeks[0].start,
      to: weeks[weeks.length - 1].end,
      province: q.province || null,
      product: q.product || null,
    };
    const seasons = await this.repo.scheduledHarvests({ ...filter, placeWhereItLies: true });
    const areaIds = [...new Set(seasons.map((s) => s.areaId))];
    const lots = (await this.repo.postedLots(areaIds, filter.from, filter.to)).filter(
      (l) => !filter.product || l.product === filter.product,
    );

    // Per area and product: forecast and posted kg by week.
    interface Cell {
      season: ScheduledHarvestRow;
      forecast: number[];
      posted: number[];
    }
    const cells = new Map<string, Cell>();
    const cellOf = (s: ScheduledHarvestRow, product: string) => {
      const k = `${s.areaId}|${product}`;
      let c = cells.get(k);
      if (!c)
        cells.set(k, (c = { season: { ...s, product }, forecast: weeks.map(() => 0), posted: weeks.map(() => 0) }));
      return c;
    };
    const areaOf = new Map(seasons.map((s) => [s.areaId, s]));
    for (const s of seasons) {
      const share = spreadOverWeeks(s.areaHa * s.expectedYieldKgPerHa, s.harvestFrom, s.harvestTo, weeks);
      const c = cellOf(s, s.product);
      share.forEach((kg, i) => (c.forecast[i] += kg));
    }
    for (const l of lots) {
      const share = spreadOverWeeks(l.quantityKg, l.harvestFrom, l.harvestTo, weeks);
      const area = areaOf.get(l.areaId);
      if (!area) continue; // postedLots was asked for these areas only
      const c = cellOf(area, l.product);
      share.forEach((kg, i) => (c.posted[i] += kg));
    }

    interface Acc {
      week: number;
      s: ScheduledHarvestRow;
      areas: Set<string>;
      forecast: number;
      posted: number;
      unposted: number;
    }
    const groups = new Map<string, Acc>();
    for (const c of cells.values()) {
      weeks.forEach((_, i) => {
        const f = c.forecast[i];
        const p = c.posted[i];
        if (f <= 0 && p <= 0) return;
        const k = `${i}|${String(c.season.provinceCode)}|${String(c.season.communeId)}|${c.season.product}`;
        let g = groups.get(k);
        if (!g) groups.set(k, (g = { week: i, s: c.season, areas: new Set(), forecast: 0, posted: 0, unposted: 0 }));
        if (f > 0) g.areas.add(c.season.areaId);
        g.forecast += f;
        g.posted += p;
        g.unposted += Math.max(0, f - p);
      });
    }
    const accs = [...groups.values()];
    const names = await this.repo.names(
      [...new Set(accs.map((a) => a.s.communeId).filter(Boolean))] as string[],
      [...new Set(accs.map((a) => a.s.provinceCode).filter(Boolean))] as string[],
      [...new Set(accs.map((a) => a.s.product))],
    );
    const rows: HarvestForecastRow[] = accs
      .map((a) => ({
        week: weeks[a.week].label,
        weekStart: weeks[a.week].start,
        weekEnd: weeks[a.week].end,
        provinceCode: a.s.provinceCode,
        provinceName: a.s.provinceCode ? (names.provinces.get(a.s.provinceCode) ?? null) : null,
        communeId: a.s.communeId,
        communeName: a.s.communeId ? (names.communes.get(a.s.communeId) ?? null) : null,
        product: a.s.product,
        productName: names.products.get(a.s.product) ?? null,
        areas: a.areas.size,
        forecastKg: Math.round(a.forecast),
        postedKg: Math.round(a.posted),
        unpostedKg: Math.round(a.unposted),
      }))
      .sort(
        (x, y) =>
          x.week.localeCompare(y.week) ||
          (x.provinceCode ?? '').localeCompare(y.provinceCode ?? '') ||
          (x.communeName ?? '').localeCompare(y.communeName ?? '', 'vi') ||
          x.product.localeCompare(y.product),
      );
    const sum = (list: HarvestForecastRow[]): ForecastFigures => ({
      forecastKg: list.reduce((t, r) => t + r.forecastKg, 0),
      postedKg: list.reduce((t, r) => t + r.postedKg, 0),
      unpostedKg: list.reduce((t, r) => t + r.unpostedKg, 0),
    });
    return {
      from,
      to,
      province: filter.province,
      product: filter.product,
      units: { volume: 'kg' },
      definitions: HARVEST_FORECAST_DEFINITIONS,
      weeks: weeks.map((w) => ({ week: w.label, from: w.start, to: w.end })),
      rows,
      totalsByWeek: weeks.map((w) => ({ week: w.label, ...sum(rows.filter((r) => r.week === w.label)) })),
      totals: sum(rows),
      generatedAt: new Date().toISOString(),
    };
  }

  /**
   * Seasons whose harvest starts within `within` days of `date` (or has begun and
   * not ended) and whose forecast is not yet covered by lots posted on the area:
   * the cooperatives staff should call.
   */
  async unpostedAreas(
    query: {
      within: number;
      date?: string;
      province?: string | null;
      product?: string | null;
      limit?: number;
      offset?: number;
    },
    actor?: Actor,
  ): Promise<UnpostedAreas> {
    const q = { ...query, province: scopedReportProvince(actor, query.province, 'REPORT') };
    const date = q.date ?? todayInVietnam();
    const horizon = addDays(date, q.within);
    const seasons = await this.repo.scheduledHarvests({
      from: date,
      to: horizon,
      province: q.province || null,
      product: q.product || null,
      placeWhereItLies: true,
    });
    const lots = await this.repo.postedLots(
      [...new Set(seasons.map((s) => s.areaId))],
      addDays(date, -366),
      addDays(horizon, 366),
    );
    const byArea = new Map<string, PostedLotRow[]>();
    for (const l of lots) byArea.set(l.areaId, [...(byArea.get(l.areaId) ?? []), l]);
    const items = seasons
      .map((s) => {
        const forecastKg = Math.round(s.areaHa * s.expectedYieldKgPerHa);
        // The part of each lot that falls inside this season's window counts for it.
        const postedKg = Math.round(
          (byArea.get(s.areaId) ?? [])
            .filter((l) => l.product === s.product)
            .reduce(
              (t, l) =>
                t +
                (l.quantityKg * overlapDays(l.harvestFrom, l.harvestTo, s.harvestFrom, s.harvestTo)) /
                  windowDays(l.harvestFrom, l.harvestTo),
              0,
            ),
        );
        return { s, forecastKg, postedKg, unpostedKg: Math.max(0, forecastKg - postedKg) };
      })
      .filter((x) => x.unpostedKg > 0)
      .sort(
        (a, b) =>
          a.s.harvestFrom.localeCompare(b.s.harvestFrom) ||
          b.unpostedKg - a.unpostedKg ||
          a.s.areaId.localeCompare(b.s.areaId),
      );
    const limit = Math.min(q.limit ?? 100, 500);
    const page = items.slice(q.offset ?? 0, (q.offset ?? 0) + limit);
    const names = await this.repo.names(
      [...new Set(page.map((x) => x.s.communeId).filter(Boolean))] as string[],
      [],
      [...new Set(page.map((x) => x.s.product))],
    );
    return {
      date,
      within: q.within,
      province: q.province || null,
      product: q.product || null,
      total: items.length,
      items: page.map(({ s, forecastKg, postedKg, unpostedKg }) => ({
        productionAreaId: s.areaId,
        areaName: s.areaName,
        cooperativeId: s.cooperativeId,
        cooperativeName: s.cooperativeName,
        contactName: s.contactName,
        contactPhone: s.contactPhone,
        provinceCode: s.provinceCode,
        communeId: s.communeId,
        communeName: s.communeId ? (names.communes.get(s.communeId) ?? null) : null,
        product: s.product,
        productName: names.products.get(s.product) ?? null,
        season: s.season,
        areaHa: s.areaHa,
        harvestFrom: s.harvestFrom,
        harvestTo: s.harvestTo,
        daysUntilHarvest: windowDays(date, s.harvestFrom) - 1,
        forecastKg,
        postedKg,
        unpostedKg,
      })),
    };
  }
}

/** Whole ISO weeks from the week of `from` (default today) to the week of `to` (default 12 weeks on). */
export function period(fromText?: string, toText?: string): { from: string; to: string; weeks: IsoWeek[] } {
  const from = fromText ?? todayInVietnam();
  const to = toText ?? addDays(from, 12 * 7 - 1);
  if (to < from)
    throw new DomainError('bad_request', 'VALIDATION.FAILED', 'to must be on or after from', [
      { field: 'to', message: 'to must be on or after from' },
    ]);
  const weeks = weeksBetween(from, to);
  if (weeks.length > MAX_REPORT_WEEKS) {
    throw new DomainError(
      'bad_request',
      'VALIDATION.FAILED',
      `from … to spans ${weeks.length} ISO weeks; at most ${MAX_REPORT_WEEKS}`,
      [{ field: 'to', message: `at most ${MAX_REPORT_WEEKS} weeks after from` }],
    );
  }
  return { from, to, weeks };
}
