import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { todayInVietnam } from '../common/dates';
import { DomainError } from '../common/domain-error';
import { IsoWeek, isoWeekOf, parseIsoWeek, shiftWeek } from './iso-week';
import { AGENCY_WEEKLY_TEXTS, AgencyWeeklySection, AgencyWeeklyTexts, NO_AGENCY_TEXTS } from './agency-texts';
import { HarvestForecast, HarvestForecastReport } from './harvest-forecast.report';
import { currentProvinceCodeOf } from '../administrative-units/province-codes';
import { lotCommuneSql, ReportPlaces, ReportUnits } from './report-units';
import { priceWatch, PRICE_WATCH_DEFINITIONS, PRICE_WATCH_THRESHOLD_PERCENT, PriceWatch, PriceWatchPoint, PriceWatchQuery } from './price-watch.section';

/**
 * Figures of the KH 308 weekly report, by province/commune and product.
 *
 * Definitions (also returned in `definitions`):
 * - harvested in a week: each lot's quantity spread evenly over the days of its
 *   harvest window, counting the days that fall in the week (withdrawn lots excluded);
 * - expected: the same for each of the next four weeks;
 * - connected: deals confirmed, partly or fully delivered, made (created) during the week;
 * - backlog: open lots whose harvest window ended on or before the week's last day
 *   and still have remainingKg > 0 (remaining as of now), with its age in days
 *   from the end of the harvest window to the week's last day;
 * - demand: purchase requests (not withdrawn) whose delivery window overlaps the
 *   week, requested kg and what is still unmet (remainingKg, as of now);
 * - inventory: each buyer's latest inventory report per product up to the week's end;
 * - asking price: average of lots overlapping the week, weighted by their kg;
 *   deal price: average of the week's deals, weighted by their kg;
 * - active cooperatives: with a lot overlapping the week or a deal in it; active
 *   buyers: with a purchase request whose delivery window overlaps the week or a deal in it.
 * A row's place is where the lot lies (lots, deals: report-units.ts) or the buyer's commune
 * (inventory, demand), on the current map or, with units=pre2025, on the pre-2025 one.
 * Prices are averaged per product only (rows and `byProduct`); `totals` keeps the
 * all-product figures the dashboard shows, which the documents do not print.
 */
export interface WeeklyReportRow {
  provinceCode: string | null;
  provinceName: string | null;
  communeId: string | null;
  communeName: string | null;
  product: string;
  productName: string | null;
  harvestedKg: number;
  harvestedTonnes: number;
  expectedKg: Array<{ week: string; kg: number }>;
  expectedNext4WeeksKg: number;
  /** Nhu cầu thu mua: purchase requests delivering in the week. */
  requestedKg: number;
  /** Of those, not yet committed to a deal (as of now). */
  unmetDemandKg: number;
  connectedKg: number;
  deliveredKg: number;
  backlogKg: number;
  /** Days from the end of the oldest backlog lot's harvest window to the week's Sunday; null without backlog. */
  backlogOldestDays: number | null;
  /** The same, weighted by each lot's remaining kg (whole days). */
  backlogAvgAgeDays: number | null;
  inventoryKg: number;
  avgAskVndPerKg: number | null;
  avgDealVndPerKg: number | null;
  activeCooperatives: number;
  activeBuyers: number;
}

/** One product's figures over every place: the level at which an average price means something. */
export type WeeklyProductTotals = { product: string; productName: string | null } & WeeklyTotals;

export type WeeklyTotals = Omit<WeeklyReportRow, 'provinceCode' | 'provinceName' | 'communeId' | 'communeName' | 'product' | 'productName'>;

export interface Change {
  previous: number | null;
  current: number | null;
  delta: number | null;
  /** null when the previous week had none. */
  percent: number | null;
}

export interface WeeklyReport {
  week: string;
  period: { from: string; to: string };
  province: string | null;
  provinceName: string | null;
  /** The map rows are placed on: current (default) or pre2025 (for comparison with older reports); always set by weekly(). */
  administrativeUnits?: ReportUnits;
  units: { volume: 'kg'; price: 'VND/kg' };
  definitions: Record<string, string>;
  rows: WeeklyReportRow[];
  /** Per product, over every place (sorted by product code). */
  byProduct: WeeklyProductTotals[];
  totals: WeeklyTotals;
  previousWeek: { week: string; period: { from: string; to: string }; totals: WeeklyTotals; byProduct: WeeklyProductTotals[] };
  change: Record<ChangeKey, Change>;
  /** Giá thị trường: each product's observed price in the week (median) against the week before (price-watch.section.ts). */
  prices: WeeklyPriceSection;
  /** Sản lượng dự kiến from the production areas' schedules, this week and the next four (harvest-forecast.report.ts). */
  harvestForecast: WeeklyForecastSection;
  /** The agencies' weekly texts (situation, difficulties, proposals) and who has not sent one. */
  agencyReports: AgencyWeeklySection;
  generatedAt: string;
}

export const WEEKLY_CHANGE_KEYS = ['harvestedKg', 'requestedKg', 'unmetDemandKg', 'connectedKg', 'backlogKg', 'inventoryKg', 'avgAskVndPerKg', 'avgDealVndPerKg', 'activeCooperatives', 'activeBuyers'] as const;
export type ChangeKey = (typeof WEEKLY_CHANGE_KEYS)[number];

export type WeeklyForecastSection = Pick<HarvestForecast, 'from' | 'to' | 'weeks' | 'rows' | 'totalsByWeek' | 'totals' | 'definitions'>;

export interface WeeklyPriceSection {
  thresholdPercent: number;
  definitions: Record<string, string>;
  items: Array<{ product: string; productName: string | null; category: string | null } & PriceWatchPoint>;
}

interface Acc {
  provinceCode: string | null;
  communeId: string | null;
  product: string;
  harvested: number[];
  connectedKg: number;
  deliveredKg: number;
  dealValue: number;
  requestedKg: number;
  unmetDemandKg: number;
  backlogKg: number;
  /** Sum of remainingKg × age in days, for the weighted age. */
  backlogKgDays: number;
  backlogOldestDays: number | null;
  inventoryKg: number;
  askValue: number;
  askKg: number;
  coops: Set<string>;
  buyers: Set<string>;
}

export const WEEKLY_DEFINITIONS: Record<string, string> = {
  harvestedKg: "Sum over lots (not withdrawn) of quantityKg × (days of the harvest window inside the week) / (days of the window), rounded to whole kg per row",
  expectedKg: 'The same pro-rating for each of the next four ISO weeks',
  connectedKg: 'Sum of quantityKg of deals with status confirmed, partially_delivered or delivered created during the week (Asia/Ho_Chi_Minh)',
  deliveredKg: 'Of those, the kilograms delivered so far (deliveredKg, or quantityKg for a delivered deal without parts)',
  requestedKg: "Sum of quantityKg of purchase requests (not withdrawn) whose delivery window overlaps the week; placed at the buyer's commune",
  unmetDemandKg: 'Of those, remainingKg (quantityKg − committedKg, as of now)',
  backlogKg: "Sum of remainingKg of open lots whose harvestTo is on or before the week's Sunday (remaining as of now)",
  backlogOldestDays: "Days from the oldest backlog lot's harvestTo to the week's Sunday",
  backlogAvgAgeDays: 'The same age, weighted by remainingKg, rounded to whole days',
  inventoryKg: "Sum over buyers of each buyer's latest inventory report per product reported on or before the week's Sunday",
  avgAskVndPerKg: 'Average askVndPerKg of lots overlapping the week, weighted by quantityKg (in totals over all products: a dashboard figure, not printed)',
  avgDealVndPerKg: "Average priceVndPerKg of the week's deals, weighted by quantityKg",
  activeCooperatives: 'Distinct cooperatives with a lot overlapping the week or a deal in it',
  activeBuyers: 'Distinct buyers with a purchase request whose delivery window overlaps the week or a deal in it (per row: deals only)',
};

@Injectable()
export class ReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly forecast: HarvestForecastReport,
    @Optional() @Inject(AGENCY_WEEKLY_TEXTS) private readonly agencyTexts: AgencyWeeklyTexts = NO_AGENCY_TEXTS,
  ) {}

  async weekly(weekLabel: string, province?: string | null, units: ReportUnits = 'current'): Promise<WeeklyReport> {
    const week = parseIsoWeek(weekLabel);
    // An old province code filters by its successor (89 → 91); on the pre-2025 map, by itself.
    const asked = province?.trim() || null;
    const prov = currentProvinceCodeOf(asked) ?? null;
    const shown = units === 'pre2025' ? asked : prov;
    const places = await ReportPlaces.load(this.dataSource, units);
    const oldProvince = units === 'pre2025' ? asked : null;
    const current = await this.compute(week, prov, 5, places, oldProvince);
    const prevWeek = shiftWeek(week, -1);
    const previous = await this.compute(prevWeek, prov, 5, places, oldProvince);
    const names = await this.names([...current.rows.values(), ...previous.rows.values()], shown, places.era);
    const rows = [...current.rows.values()]
      .map((a) => this.toRow(a, week, names))
      .sort((x, y) => (x.provinceCode ?? '').localeCompare(y.provinceCode ?? '') || (x.communeName ?? '').localeCompare(y.communeName ?? '', 'vi') || x.product.localeCompare(y.product));
    const totals = this.totals([...current.rows.values()], current.requestBuyers, week);
    const prevTotals = this.totals([...previous.rows.values()], previous.requestBuyers, prevWeek);
    const change = {} as WeeklyReport['change'];
    for (const k of WEEKLY_CHANGE_KEYS) change[k] = changeOf(prevTotals[k] as number | null, totals[k] as number | null);
    const watch = await priceWatch(this.dataSource, { weeks: 1, thresholdPercent: PRICE_WATCH_THRESHOLD_PERCENT, to: week.start, provinceCode: prov ?? undefined });
    const prices: WeeklyPriceSection = {
      thresholdPercent: watch.thresholdPercent,
      definitions: PRICE_WATCH_DEFINITIONS,
      items: watch.series.filter((x) => x.points[0].observations > 0).map((x) => ({ product: x.product, productName: x.productName, category: x.category, ...x.points[0] })),
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
      byProduct: this.byProduct([...current.rows.values()], current.requestBuyers, week, names),
      totals,
      previousWeek: {
        week: prevWeek.label,
        period: { from: prevWeek.start, to: prevWeek.end },
        totals: prevTotals,
        byProduct: this.byProduct([...previous.rows.values()], previous.requestBuyers, prevWeek, names),
      },
      change,
      prices,
      harvestForecast: { from: f.from, to: f.to, weeks: f.weeks, rows: f.rows, totalsByWeek: f.totalsByWeek, totals: f.totals, definitions: f.definitions },
      agencyReports,
      generatedAt: new Date().toISOString(),
    };
  }

  /** Volume expected by ISO week and product (harvest calendar), pro-rated as in the weekly report. */
  async harvestCalendar(from: string | undefined, weeks: number, province?: string | null) {
    const first = isoWeekOf(from ?? todayInVietnam());
    const list = Array.from({ length: weeks }, (_, i) => shiftWeek(first, i));
    const rows: Array<{ product: string; name_vi: string | null; i: string; kg: string }> = await this.dataSource.query(
      `WITH w AS (SELECT ws, we, i FROM unnest($1::date[], $2::date[]) WITH ORDINALITY AS w(ws, we, i))
       SELECT l.product_code AS product, p.name_vi, w.i,
              SUM(l.quantity_kg::numeric * (LEAST(l.harvest_to, w.we) - GREATEST(l.harvest_from, w.ws) + 1) / (l.harvest_to - l.harvest_from + 1)) AS kg
         FROM supply_lots l JOIN w ON l.harvest_from <= w.we AND l.harvest_to >= w.ws
         LEFT JOIN products p ON p.code = l.product_code
        WHERE l.status <> 'withdrawn' AND ($3::text IS NULL OR l.province_code = $3)
        GROUP BY 1, 2, 3`,
      [list.map((w) => w.start), list.map((w) => w.end), province || null],
    );
    const byProduct = new Map<string, { product: string; productName: string | null; kgByWeek: number[] }>();
    for (const r of rows) {
      const s = byProduct.get(r.product) ?? { product: r.product, productName: r.name_vi, kgByWeek: list.map(() => 0) };
      s.kgByWeek[Number(r.i) - 1] = Math.round(Number(r.kg));
      byProduct.set(r.product, s);
    }
    const series = [...byProduct.values()].sort((a, b) => a.product.localeCompare(b.product));
    return {
      from: first.start,
      weeks: list.map((w) => ({ week: w.label, from: w.start, to: w.end })),
      province: province || null,
      series,
      items: series.flatMap((s) => list.map((w, i) => ({ week: w.label, weekStart: w.start, product: s.product, productName: s.productName, expectedKg: s.kgByWeek[i] }))),
      totalsByWeek: list.map((w, i) => ({ week: w.label, expectedKg: series.reduce((t, s) => t + s.kgByWeek[i], 0) })),
    };
  }

  /** Weekly median observed price per product, flagged when it moved more than thresholdPercent (price-watch.section.ts). */
  priceWatch(opts: PriceWatchQuery): Promise<PriceWatch> {
    return priceWatch(this.dataSource, opts);
  }

  /**
   * Unsold backlog by the commune where the lots lie (report-units.ts), for the map and the report
   * (point: the kg-weighted centre of the lots); `units=pre2025` places it on the old map.
   */
  async backlogByCommune(province?: string | null, date?: string, units: ReportUnits = 'current') {
    const day = date ?? todayInVietnam();
    const asked = province?.trim() || null;
    const places = await ReportPlaces.load(this.dataSource, units);
    const rows = await this.dataSource.query(
      `WITH lots AS (
         SELECT l.*, ${lotCommuneSql('l', 'c')} AS unit, c.pre2025_administrative_unit_id AS hint
           FROM supply_lots l JOIN cooperatives c ON c.id = l.cooperative_id
          WHERE l.status = 'open' AND l.remaining_kg > 0 AND l.harvest_to < $1::date AND ($2::text IS NULL OR l.province_code = $2))
       SELECT l.province_code, l.unit, l.hint,
              SUM(l.remaining_kg)::bigint AS kg, COUNT(*)::int AS lots, array_agg(DISTINCT l.cooperative_id) AS coops,
              SUM(ST_Y(l.location::geometry) * l.remaining_kg) AS lat_kg, SUM(ST_X(l.location::geometry) * l.remaining_kg) AS lng_kg,
              json_agg(json_build_object('product', l.product_code, 'kg', l.remaining_kg)) AS products
         FROM lots l GROUP BY 1, 2, 3`,
      [day, currentProvinceCodeOf(asked)],
    );
    const groups = new Map<string, { provinceCode: string | null; communeId: string | null; kg: number; lots: number; coops: Set<string>; latKg: number; lngKg: number; byProduct: Map<string, number> }>();
    for (const r of rows) {
      const where = places.place(r.province_code, r.unit, r.hint);
      if (units === 'pre2025' && asked && where.provinceCode !== asked) continue;
      const k = `${where.provinceCode}|${where.communeId}`;
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { ...where, kg: 0, lots: 0, coops: new Set(), latKg: 0, lngKg: 0, byProduct: new Map() }));
      g.kg += Number(r.kg);
      g.lots += r.lots;
      for (const c of r.coops) g.coops.add(c);
      g.latKg += Number(r.lat_kg);
      g.lngKg += Number(r.lng_kg);
      for (const p of r.products) g.byProduct.set(p.product, (g.byProduct.get(p.product) ?? 0) + Number(p.kg));
    }
    const names = await this.unitNames([...groups.values()].map((g) => g.communeId), [...groups.values()].map((g) => g.provinceCode), places.era);
    const items = [...groups.values()]
      .map((g) => ({
        provinceCode: g.provinceCode,
        provinceName: g.provinceCode ? (names.provinces.get(g.provinceCode) ?? null) : null,
        communeId: g.communeId,
        communeCode: g.communeId ? g.communeId.split(':')[2] : null,
        communeName: g.communeId ? (names.units.get(g.communeId) ?? null) : null,
        backlogKg: g.kg,
        backlogTonnes: g.kg / 1000,
        lots: g.lots,
        cooperatives: g.coops.size,
        location: g.kg > 0 ? { lat: g.latKg / g.kg, lng: g.lngKg / g.kg } : null,
        products: [...g.byProduct.entries()].map(([product, kg]) => ({ product, backlogKg: kg })).sort((a, b) => b.backlogKg - a.backlogKg),
      }))
      .sort((a, b) => b.backlogKg - a.backlogKg || (a.communeId ?? '').localeCompare(b.communeId ?? ''));
    return {
      date: day,
      province: units === 'pre2025' ? asked : currentProvinceCodeOf(asked),
      administrativeUnits: units,
      totalBacklogKg: items.reduce((t: number, i: any) => t + i.backlogKg, 0),
      items,
    };
  }

  private async compute(week: IsoWeek, province: string | null, weeks: number, places: ReportPlaces, pre2025Province: string | null) {
    const list = Array.from({ length: weeks }, (_, i) => shiftWeek(week, i));
    const rows = new Map<string, Acc>();
    // Rows of another old province (pre-2025 map, filtered) go to a scratch row that is never returned.
    const scratch = new Map<string, Acc>();
    const acc = (rowProvince: string | null, rowCommune: string | null, product: string, hint: string | null = null): Acc => {
      const { provinceCode, communeId } = places.place(rowProvince, rowCommune, hint);
      const store = pre2025Province && provinceCode !== pre2025Province ? scratch : rows;
      const k = `${provinceCode}|${communeId}|${product}`;
      let a = store.get(k);
      if (!a) {
        a = {
          provinceCode,
          communeId,
          product,
          harvested: list.map(() => 0),
          connectedKg: 0,
          deliveredKg: 0,
          dealValue: 0,
          requestedKg: 0,
          unmetDemandKg: 0,
          backlogKg: 0,
          backlogKgDays: 0,
          backlogOldestDays: null,
          inventoryKg: 0,
          askValue: 0,
          askKg: 0,
          coops: new Set(),
          buyers: new Set(),
        };
        store.set(k, a);
      }
      return a;
    };
    const q = this.dataSource;
    const harvest = await q.query(
      `WITH w AS (SELECT ws, we, i FROM unnest($1::date[], $2::date[]) WITH ORDINALITY AS w(ws, we, i))
       SELECT l.province_code, ${lotCommuneSql('l', 'c')} AS unit, l.product_code, w.i, c.pre2025_administrative_unit_id AS hint,
              SUM(l.quantity_kg::numeric * (LEAST(l.harvest_to, w.we) - GREATEST(l.harvest_from, w.ws) + 1) / (l.harvest_to - l.harvest_from + 1)) AS kg,
              SUM(l.ask_vnd_per_kg::numeric * l.quantity_kg) AS ask_value, SUM(l.quantity_kg) AS ask_kg,
              array_agg(DISTINCT l.cooperative_id) AS coops
         FROM supply_lots l JOIN cooperatives c ON c.id = l.cooperative_id
         JOIN w ON l.harvest_from <= w.we AND l.harvest_to >= w.ws
        WHERE l.status <> 'withdrawn' AND ($3::text IS NULL OR l.province_code = $3)
        GROUP BY 1, 2, 3, 4, 5`,
      [list.map((w) => w.start), list.map((w) => w.end), province],
    );
    for (const r of harvest) {
      const a = acc(r.province_code, r.unit, r.product_code, r.hint);
      const i = Number(r.i) - 1;
      a.harvested[i] += Number(r.kg);
      if (i === 0) {
        a.askValue += Number(r.ask_value);
        a.askKg += Number(r.ask_kg);
        for (const c of r.coops) a.coops.add(c);
      }
    }
    const dealsExist = (await q.query(`SELECT to_regclass('deals') IS NOT NULL AS ok`))[0].ok;
    if (dealsExist) {
      const deals = await q.query(
        `SELECT l.province_code, ${lotCommuneSql('l', 'c')} AS unit, d.product_code, c.pre2025_administrative_unit_id AS hint,
                SUM(d.quantity_kg) AS kg, SUM(d.quantity_kg::numeric * d.price_vnd_per_kg) AS value,
                COALESCE(SUM(COALESCE(d.delivered_kg, d.quantity_kg)) FILTER (WHERE d.status = 'delivered'), 0) + COALESCE(SUM(d.delivered_kg) FILTER (WHERE d.status = 'partially_delivered'), 0) AS delivered,
                array_agg(DISTINCT d.cooperative_id) AS coops, array_agg(DISTINCT d.buyer_id) AS buyers
           FROM deals d JOIN supply_lots l ON l.id = d.supply_lot_id JOIN cooperatives c ON c.id = l.cooperative_id
          WHERE d.status IN ('confirmed', 'partially_delivered', 'delivered')
            AND d.created_at >= ($1::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AND d.created_at < (($2::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
            AND ($3::text IS NULL OR l.province_code = $3)
          GROUP BY 1, 2, 3, 4`,
        [week.start, week.end, province],
      );
      for (const r of deals) {
        const a = acc(r.province_code, r.unit, r.product_code, r.hint);
        a.connectedKg += Number(r.kg);
        a.dealValue += Number(r.value);
        a.deliveredKg += Number(r.delivered ?? 0);
        for (const c of r.coops) a.coops.add(c);
        for (const b of r.buyers) a.buyers.add(b);
      }
    }
    const backlog = await q.query(
      `SELECT l.province_code, ${lotCommuneSql('l', 'c')} AS unit, l.product_code, c.pre2025_administrative_unit_id AS hint, SUM(l.remaining_kg) AS kg,
              SUM(l.remaining_kg::numeric * ($1::date - l.harvest_to)) AS kg_days, MAX($1::date - l.harvest_to) AS oldest
         FROM supply_lots l JOIN cooperatives c ON c.id = l.cooperative_id
        WHERE l.status = 'open' AND l.remaining_kg > 0 AND l.harvest_to <= $1::date AND ($2::text IS NULL OR l.province_code = $2)
        GROUP BY 1, 2, 3, 4`,
      [week.end, province],
    );
    for (const r of backlog) {
      const a = acc(r.province_code, r.unit, r.product_code, r.hint);
      a.backlogKg += Number(r.kg);
      a.backlogKgDays += Number(r.kg_days);
      a.backlogOldestDays = Math.max(a.backlogOldestDays ?? 0, Number(r.oldest));
    }
    const inventory = await q.query(
      `SELECT b.province_code, b.administrative_unit_id AS unit, x.product_code, b.pre2025_administrative_unit_id AS hint, SUM(x.quantity_kg) AS kg
         FROM (SELECT DISTINCT ON (buyer_id, product_code) buyer_id, product_code, quantity_kg
                 FROM inventory_reports WHERE reported_at <= $1::date ORDER BY buyer_id, product_code, reported_at DESC) x
         JOIN buyers b ON b.id = x.buyer_id
        WHERE ($2::text IS NULL OR b.province_code = $2)
        GROUP BY 1, 2, 3, 4`,
      [week.end, province],
    );
    for (const r of inventory) acc(r.province_code, r.unit, r.product_code, r.hint).inventoryKg += Number(r.kg);
    const demand: Array<{ province_code: string | null; unit: string | null; product_code: string; hint: string | null; requested: string; unmet: string; buyers: string[] }> = await q.query(
      `SELECT r.province_code, b.administrative_unit_id AS unit, r.product_code, b.pre2025_administrative_unit_id AS hint,
              SUM(r.quantity_kg) AS requested, SUM(r.quantity_kg - r.committed_kg) AS unmet, array_agg(DISTINCT r.buyer_id) AS buyers
         FROM purchase_requests r JOIN buyers b ON b.id = r.buyer_id
        WHERE r.status <> 'withdrawn' AND r.deliver_from <= $2::date AND r.deliver_to >= $1::date AND ($3::text IS NULL OR r.province_code = $3)
        GROUP BY 1, 2, 3, 4`,
      [week.start, week.end, province],
    );
    // Buyers with demand in the week count as active in the totals and per product, not per place.
    const requestBuyers = new Map<string, Set<string>>();
    for (const r of demand) {
      const a = acc(r.province_code, r.unit, r.product_code, r.hint);
      a.requestedKg += Number(r.requested);
      a.unmetDemandKg += Number(r.unmet);
      const set = requestBuyers.get(r.product_code) ?? new Set<string>();
      for (const b of r.buyers) set.add(b);
      requestBuyers.set(r.product_code, set);
    }
    return { rows, requestBuyers };
  }

  private toRow(a: Acc, week: IsoWeek, names: Names): WeeklyReportRow {
    return {
      provinceCode: a.provinceCode,
      provinceName: a.provinceCode ? (names.provinces.get(a.provinceCode) ?? null) : null,
      communeId: a.communeId,
      communeName: a.communeId ? (names.units.get(a.communeId) ?? null) : null,
      product: a.product,
      productName: names.products.get(a.product) ?? null,
      ...this.totals([a], new Map([[a.product, a.buyers]]), week),
      activeBuyers: a.buyers.size,
    };
  }

  private byProduct(accs: Acc[], requestBuyers: Map<string, Set<string>>, week: IsoWeek, names: Names): WeeklyProductTotals[] {
    const products = [...new Set(accs.map((a) => a.product))].sort();
    return products.map((product) => ({
      product,
      productName: names.products.get(product) ?? null,
      ...this.totals(
        accs.filter((a) => a.product === product),
        new Map([[product, requestBuyers.get(product) ?? new Set<string>()]]),
        week,
      ),
    }));
  }

  /** Figures over a set of rows; each row's kg is rounded first, so a total is the sum of the rows it prints. */
  private totals(accs: Acc[], requestBuyers: Map<string, Set<string>>, week: IsoWeek): WeeklyTotals {
    const sum = (f: (a: Acc) => number) => accs.reduce((t, a) => t + f(a), 0);
    const askKg = sum((a) => a.askKg);
    const connectedKg = sum((a) => a.connectedKg);
    const backlogKg = sum((a) => a.backlogKg);
    const harvestedKg = sum((a) => Math.round(a.harvested[0] ?? 0));
    const expectedKg = [1, 2, 3, 4].map((i) => ({ week: shiftWeek(week, i).label, kg: sum((a) => Math.round(a.harvested[i] ?? 0)) }));
    const oldest = accs.map((a) => a.backlogOldestDays).filter((d): d is number => d !== null);
    const coops = new Set(accs.flatMap((a) => [...a.coops]));
    const buyers = new Set([...accs.flatMap((a) => [...a.buyers]), ...[...requestBuyers.values()].flatMap((s) => [...s])]);
    return {
      harvestedKg,
      harvestedTonnes: harvestedKg / 1000,
      expectedKg,
      expectedNext4WeeksKg: expectedKg.reduce((t, e) => t + e.kg, 0),
      requestedKg: sum((a) => a.requestedKg),
      unmetDemandKg: sum((a) => a.unmetDemandKg),
      connectedKg,
      deliveredKg: sum((a) => a.deliveredKg),
      backlogKg,
      backlogOldestDays: oldest.length ? Math.max(...oldest) : null,
      backlogAvgAgeDays: backlogKg > 0 ? Math.round(sum((a) => a.backlogKgDays) / backlogKg) : null,
      inventoryKg: sum((a) => a.inventoryKg),
      avgAskVndPerKg: askKg > 0 ? Math.round(sum((a) => a.askValue) / askKg) : null,
      avgDealVndPerKg: connectedKg > 0 ? Math.round(sum((a) => a.dealValue) / connectedKg) : null,
      activeCooperatives: coops.size,
      activeBuyers: buyers.size,
    };
  }

  private async names(accs: Acc[], province: string | null, era: 'current' | 'pre2025' = 'current'): Promise<Names> {
    const products = [...new Set(accs.map((a) => a.product))];
    const [places, pr] = await Promise.all([
      this.unitNames(accs.map((a) => a.communeId), [province, ...accs.map((a) => a.provinceCode)], era),
      this.dataSource.query(`SELECT code, name_vi FROM products WHERE code = ANY($1::text[])`, [products]),
    ]);
    return { ...places, products: new Map(pr.map((r: any) => [r.code, r.name_vi])) };
  }

  /** Names of units (any era, by id) and of provinces on the map the report is on. */
  private async unitNames(unitIds: Array<string | null>, provinceCodes: Array<string | null>, era: 'current' | 'pre2025'): Promise<Omit<Names, 'products'>> {
    const units = [...new Set(unitIds.filter(Boolean))] as string[];
    const provinces = [...new Set(provinceCodes.filter(Boolean))] as string[];
    const [u, p] = await Promise.all([
      this.dataSource.query(`SELECT id, name FROM administrative_units WHERE id = ANY($1::text[])`, [units]),
      this.dataSource.query(`SELECT code, name FROM administrative_units WHERE era = $2 AND level = 'province' AND code = ANY($1::text[])`, [provinces, era]),
    ]);
    return { units: new Map(u.map((r: any) => [r.id, r.name])), provinces: new Map(p.map((r: any) => [r.code, r.name])) };
  }
}

interface Names {
  units: Map<string, string>;
  provinces: Map<string, string>;
  products: Map<string, string>;
}

function changeOf(previous: number | null, current: number | null): Change {
  const delta = previous !== null && current !== null ? current - previous : null;
  const percent = delta !== null && previous ? round1((delta / previous) * 100) : null;
  return { previous, current, delta, percent };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

export function assertWeeks(n: number, field: string, max: number): void {
  if (!Number.isInteger(n) || n < 1 || n > max) throw new DomainError('bad_request', 'VALIDATION.FAILED', `${field} must be between 1 and ${max}`, [{ field, message: `${field} must be between 1 and ${max}` }]);
}
