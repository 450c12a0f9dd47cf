import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { currentProvinceCodeOf } from '../administrative-units/province-codes';
import type { Actor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { scopedReportProvince } from '../common/territory/province-scope';
import { AGENCY_WEEKLY_TEXTS, AgencyWeeklyTexts, NO_AGENCY_TEXTS } from './agency-texts';
import { BacklogByCommune, backlogByCommune } from './backlog-by-commune.section';
import { HarvestCalendar, harvestCalendar } from './harvest-calendar.section';
import { HarvestForecastReport } from './harvest-forecast.report';
import { IsoWeek, parseIsoWeek, shiftWeek } from './iso-week';
import {
  priceWatch,
  PRICE_WATCH_DEFINITIONS,
  PRICE_WATCH_THRESHOLD_PERCENT,
  PriceWatch,
  PriceWatchQuery,
} from './price-watch.section';
import { reportNames } from './report-names.query';
import { ReportPlaces, ReportUnits } from './report-units';
import { changeOf, WeeklyFigures, weeklyByProduct, weeklyRow, weeklyTotals } from './weekly-figures';
import { WEEKLY_CHANGE_KEYS, WEEKLY_DEFINITIONS, WeeklyPriceSection, WeeklyReport } from './weekly-report.types';
import {
  readBacklogSection,
  readDealsSection,
  readDemandSection,
  readHarvestSection,
  readInventorySection,
} from './weekly-sections.query';

export * from './weekly-report.types';
export type { BacklogByCommune, BacklogByCommuneItem } from './backlog-by-commune.section';
export type { HarvestCalendar, HarvestCalendarSeries } from './harvest-calendar.section';

/**
 * The reports staff read: the KH 308 weekly report (its sections in weekly-sections.query.ts,
 * folded by weekly-figures.ts; prices, forecast and agencies' texts from their own sections), the
 * harvest calendar, the price watch and the backlog by commune.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly forecast: HarvestForecastReport,
    @Optional() @Inject(AGENCY_WEEKLY_TEXTS) private readonly agencyTexts: AgencyWeeklyTexts = NO_AGENCY_TEXTS,
  ) {}

  async weekly(
    weekLabel: string,
    requestedProvince?: string | null,
    units: ReportUnits = 'current',
    actor?: Actor,
  ): Promise<WeeklyReport> {
    const province = scopedReportProvince(actor, requestedProvince, 'REPORT');
    const week = parseIsoWeek(weekLabel);
    // An old province code filters by its successor (89 → 91); on the pre-2025 map, by itself.
    const asked = province?.trim() || null;
    const prov = currentProvinceCodeOf(asked) ?? null;
    const shown = units === 'pre2025' ? asked : prov;
    const places = await ReportPlaces.load(this.dataSource, units);
    const oldProvince = units === 'pre2025' ? asked : null;
    const current = await this.figures(week, prov, places, oldProvince);
    const prevWeek = shiftWeek(week, -1);
    const previous = await this.figures(prevWeek, prov, places, oldProvince);
    const names = await reportNames(this.dataSource, [...current.values(), ...previous.values()], shown, places.era);
    const rows = current
      .values()
      .map((a) => weeklyRow(a, week, names))
      .sort(
        (x, y) =>
          (x.provinceCode ?? '').localeCompare(y.provinceCode ?? '') ||
          (x.communeName ?? '').localeCompare(y.communeName ?? '', 'vi') ||
          x.product.localeCompare(y.product),
      );
    const totals = weeklyTotals(current.values(), current.requestBuyers, week);
    const prevTotals = weeklyTotals(previous.values(), previous.requestBuyers, prevWeek);
    const change = {} as WeeklyReport['change'];
    for (const k of WEEKLY_CHANGE_KEYS) change[k] = changeOf(prevTotals[k], totals[k]);
    const watch = await priceWatch(this.dataSource, {
      weeks: 1,
      thresholdPercent: PRICE_WATCH_THRESHOLD_PERCENT,
      to: week.start,
      provinceCode: prov ?? undefined,
    });
    const prices: WeeklyPriceSection = {
      thresholdPercent: watch.thresholdPercent,
      definitions: PRICE_WATCH_DEFINITIONS,
      items: watch.series
        .filter((x) => x.points[0].observations > 0)
        .map((x) => ({ product: x.product, productName: x.productName, category: x.category, ...x.points[0] })),
    };
    const f = await this.forecast.forecast({ from: week.start, to: shiftWeek(week, 4).end, province: prov });
    const agencyReports = await this.agencyTexts.forWeek(week.label);
    return {
      week: week.label,
      period: { from: week.start, to: week.end },
      province: shown,
      provinceName: shown ? (names.provinces.get(shown) ?? null) : null,
      administrativeUnits: units,
      units: { volume: 'kg', price: 'VND/kg' },
      definitions: WEEKLY_DEFINITIONS,
      rows,
      byProduct: weeklyByProduct(current.values(), current.requestBuyers, week, names),
      totals,
      previousWeek: {
        week: prevWeek.label,
        period: { from: prevWeek.start, to: prevWeek.end },
        totals: prevTotals,
        byProduct: weeklyByProduct(previous.values(), previous.requestBuyers, prevWeek, names),
      },
      change,
      prices,
      harvestForecast: {
        from: f.from,
        to: f.to,
        weeks: f.weeks,
        rows: f.rows,
        totalsByWeek: f.totalsByWeek,
        totals: f.totals,
        definitions: f.definitions,
      },
      agencyReports,
      generatedAt: new Date().toISOString(),
    };
  }

  /** Volume expected by ISO week and product (harvest calendar), pro-rated as in the weekly report. */
  async harvestCalendar(
    from: string | undefined,
    weeks: number,
    province?: string | null,
    actor?: Actor,
  ): Promise<HarvestCalendar> {
    return harvestCalendar(this.dataSource, from, weeks, scopedReportProvince(actor, province, 'REPORT'));
  }

  /** Weekly median observed price per product, flagged when it moved more than thresholdPercent (price-watch.section.ts). */
  async priceWatch(opts: PriceWatchQuery, actor?: Actor): Promise<PriceWatch> {
    return priceWatch(this.dataSource, {
      ...opts,
      provinceCode: scopedReportProvince(actor, opts.provinceCode, 'REPORT', 'provinceCode') ?? undefined,
    });
  }

  /**
   * Unsold backlog by the commune where the lots lie (report-units.ts), for the map and the report
   * (point: the kg-weighted centre of the lots); `units=pre2025` places it on the old map.
   */
  async backlogByCommune(
    province?: string | null,
    date?: string,
    units: ReportUnits = 'current',
    actor?: Actor,
  ): Promise<BacklogByCommune> {
    return backlogByCommune(this.dataSource, scopedReportProvince(actor, province, 'REPORT'), date, units);
  }

  /** A week and the four after it, section by section, in the order the sections were always read. */
  private async figures(
    week: IsoWeek,
    province: string | null,
    places: ReportPlaces,
    pre2025Province: string | null,
  ): Promise<WeeklyFigures> {
    const fig = new WeeklyFigures(
      Array.from({ length: 5 }, (_, i) => shiftWeek(week, i)),
      places,
      pre2025Province,
    );
    await readHarvestSection(this.dataSource, fig, province);
    await readDealsSection(this.dataSource, fig, week, province);
    await readBacklogSection(this.dataSource, fig, week, province);
    await readInventorySection(this.dataSource, fig, week, province);
    await readDemandSection(this.dataSource, fig, week, province);
    return fig;
  }
}

export function assertWeeks(n: number, field: string, max: number): void {
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new DomainError('bad_request', 'VALIDATION.FAILED', `${field} must be between 1 and ${max}`, [
      { field, message: `${field} must be between 1 and ${max}` },
    ]);
}
