import type { AgencyWeeklySection } from './agency-texts';
import type { HarvestForecast } from './harvest-forecast.report';
import type { PriceWatchPoint } from './price-watch.section';
import type { ReportUnits } from './report-units';

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

export type WeeklyTotals = Omit<
  WeeklyReportRow,
  'provinceCode' | 'provinceName' | 'communeId' | 'communeName' | 'product' | 'productName'
>;

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
  previousWeek: {
    week: string;
    period: { from: string; to: string };
    totals: WeeklyTotals;
    byProduct: WeeklyProductTotals[];
  };
  change: Record<ChangeKey, Change>;
  /** Giá thị trường: each product's observed price in the week (median) against the week before (price-watch.section.ts). */
  prices: WeeklyPriceSection;
  /** Sản lượng dự kiến from the production areas' schedules, this week and the next four (harvest-forecast.report.ts). */
  harvestForecast: WeeklyForecastSection;
  /** The agencies' weekly texts (situation, difficulties, proposals) and who has not sent one. */
  agencyReports: AgencyWeeklySection;
  generatedAt: string;
}

export const WEEKLY_CHANGE_KEYS = [
  'harvestedKg',
  'requestedKg',
  'unmetDemandKg',
  'connectedKg',
  'backlogKg',
  'inventoryKg',
  'avgAskVndPerKg',
  'avgDealVndPerKg',
  'activeCooperatives',
  'activeBuyers',
] as const;
export type ChangeKey = (typeof WEEKLY_CHANGE_KEYS)[number];

export type WeeklyForecastSection = Pick<
  HarvestForecast,
  'from' | 'to' | 'weeks' | 'rows' | 'totalsByWeek' | 'totals' | 'definitions'
>;

export interface WeeklyPriceSection {
  thresholdPercent: number;
  definitions: Record<string, string>;
  items: Array<{ product: string; productName: string | null; category: string | null } & PriceWatchPoint>;
}

export const WEEKLY_DEFINITIONS: Record<string, string> = {
  harvestedKg:
    'Sum over lots (not withdrawn) of quantityKg × (days of the harvest window inside the week) / (days of the window), rounded to whole kg per row',
  expectedKg: 'The same pro-rating for each of the next four ISO weeks',
  connectedKg:
    'Sum of quantityKg of deals with status confirmed, partially_delivered or delivered created during the week (Asia/Ho_Chi_Minh)',
  deliveredKg:
    'Of those, the kilograms delivered so far (deliveredKg, or quantityKg for a delivered deal without parts)',
  requestedKg:
    "Sum of quantityKg of purchase requests (not withdrawn) whose delivery window overlaps the week; placed at the buyer's commune",
  unmetDemandKg: 'Of those, remainingKg (quantityKg − committedKg, as of now)',
  backlogKg: "Sum of remainingKg of open lots whose harvestTo is on or before the week's Sunday (remaining as of now)",
  backlogOldestDays: "Days from the oldest backlog lot's harvestTo to the week's Sunday",
  backlogAvgAgeDays: 'The same age, weighted by remainingKg, rounded to whole days',
  inventoryKg:
    "Sum over buyers of each buyer's latest inventory report per product reported on or before the week's Sunday",
  avgAskVndPerKg:
    'Average askVndPerKg of lots overlapping the week, weighted by quantityKg (in totals over all products: a dashboard figure, not printed)',
  avgDealVndPerKg: "Average priceVndPerKg of the week's deals, weighted by quantityKg",
  activeCooperatives: 'Distinct cooperatives with a lot overlapping the week or a deal in it',
  activeBuyers:
    'Distinct buyers with a purchase request whose delivery window overlaps the week or a deal in it (per row: deals only)',
};
