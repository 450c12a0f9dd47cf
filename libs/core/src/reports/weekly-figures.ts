import { IsoWeek, shiftWeek } from './iso-week';
import type { ReportNames } from './report-names.query';
import { ReportPlaces } from './report-units';
import type { Change, WeeklyProductTotals, WeeklyReportRow, WeeklyTotals } from './weekly-report.types';

/** One place and product's running figures while the week's sections are read. */
export interface WeeklyAcc {
  provinceCode: string | null;
  communeId: string | null;
  product: string;
  /** Kilograms harvested in the week (index 0) and each of the following weeks. */
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

/**
 * The rows of one week, keyed by place and product. A section adds to the row of the place it
 * reads (`at`); rows of another old province (pre-2025 map, filtered) go to a scratch store that
 * is never returned.
 */
export class WeeklyFigures {
  readonly rows = new Map<string, WeeklyAcc>();
  /** Buyers with demand in the week count as active in the totals and per product, not per place. */
  readonly requestBuyers = new Map<string, Set<string>>();
  private readonly scratch = new Map<string, WeeklyAcc>();

  constructor(
    readonly weeks: IsoWeek[],
    private readonly places: ReportPlaces,
    private readonly pre2025Province: string | null,
  ) {}

  at(rowProvince: string | null, rowCommune: string | null, product: string, hint: string | null = null): WeeklyAcc {
    const { provinceCode, communeId } = this.places.place(rowProvince, rowCommune, hint);
    const store = this.pre2025Province && provinceCode !== this.pre2025Province ? this.scratch : this.rows;
    const k = `${String(provinceCode)}|${String(communeId)}|${product}`;
    let a = store.get(k);
    if (!a) {
      a = {
        provinceCode,
        communeId,
        product,
        harvested: this.weeks.map(() => 0),
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
  }

  addRequestBuyers(product: string, buyers: string[]): void {
    const set = this.requestBuyers.get(product) ?? new Set<string>();
    for (const b of buyers) set.add(b);
    this.requestBuyers.set(product, set);
  }

  values(): WeeklyAcc[] {
    return [...this.rows.values()];
  }
}

export function weeklyRow(a: WeeklyAcc, week: IsoWeek, names: ReportNames): WeeklyReportRow {
  return {
    provinceCode: a.provinceCode,
    provinceName: a.provinceCode ? (names.provinces.get(a.provinceCode) ?? null) : null,
    communeId: a.communeId,
    communeName: a.communeId ? (names.units.get(a.communeId) ?? null) : null,
    product: a.product,
    productName: names.products.get(a.product) ?? null,
    ...weeklyTotals([a], new Map([[a.product, a.buyers]]), week),
    activeBuyers: a.buyers.size,
  };
}

export function weeklyByProduct(
  accs: WeeklyAcc[],
  requestBuyers: Map<string, Set<string>>,
  week: IsoWeek,
  names: ReportNames,
): WeeklyProductTotals[] {
  const products = [...new Set(accs.map((a) => a.product))].sort();
  return products.map((product) => ({
    product,
    productName: names.products.get(product) ?? null,
    ...weeklyTotals(
      accs.filter((a) => a.product === product),
      new Map([[product, requestBuyers.get(product) ?? new Set<string>()]]),
      week,
    ),
  }));
}

/** Figures over a set of rows; each row's kg is rounded first, so a total is the sum of the rows it prints. */
export function weeklyTotals(accs: WeeklyAcc[], requestBuyers: Map<string, Set<string>>, week: IsoWeek): WeeklyTotals {
  const sum = (f: (a: WeeklyAcc) => number) => accs.reduce((t, a) => t + f(a), 0);
  const askKg = sum((a) => a.askKg);
  const connectedKg = sum((a) => a.connectedKg);
  const backlogKg = sum((a) => a.backlogKg);
  const harvestedKg = sum((a) => Math.round(a.harvested[0] ?? 0));
  const expectedKg = [1, 2, 3, 4].map((i) => ({
    week: shiftWeek(week, i).label,
    kg: sum((a) => Math.round(a.harvested[i] ?? 0)),
  }));
  const oldest = accs.map((a) => a.backlogOldestDays).filter((d): d is number => d !== null);
  const coops = new Set(accs.flatMap((a) => [...a.coops]));
  const buyers = new Set([
    ...accs.flatMap((a) => [...a.buyers]),
    ...[...requestBuyers.values()].flatMap((s) => [...s]),
  ]);
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

export function changeOf(previous: number | null, current: number | null): Change {
  const delta = previous !== null && current !== null ? current - previous : null;
  const percent = delta !== null && previous ? Math.round((delta / previous) * 100 * 10) / 10 : null;
  return { previous, current, delta, percent };
}
