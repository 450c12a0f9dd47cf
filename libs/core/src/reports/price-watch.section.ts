import type { DataSource, EntityManager } from 'typeorm';
import { todayInVietnam } from '../common/dates';
import { isoWeekOf, shiftWeek } from './iso-week';

/** Default move, week on week, that raises the flag (and notifies staff when an observation trips it). */
export const PRICE_WATCH_THRESHOLD_PERCENT = 10;

export const PRICE_WATCH_DEFINITIONS: Record<string, string> = {
  priceVndPerKg: "The week's figure: the median of the week's observations, so one stray value cannot move it",
  avgPriceVndPerKg: 'The mean of the same observations, for reference only',
  changePercent: "priceVndPerKg against the previous week's, in percent (1 decimal)",
  flagged: '|changePercent| above thresholdPercent',
};

export interface PriceWatchPoint {
  week: string;
  weekStart: string;
  weekEnd: string;
  /** Median of the week. */
  priceVndPerKg: number | null;
  avgPriceVndPerKg: number | null;
  minPriceVndPerKg: number | null;
  maxPriceVndPerKg: number | null;
  observations: number;
  previousPriceVndPerKg: number | null;
  previousAvgPriceVndPerKg: number | null;
  changePercent: number | null;
  flagged: boolean;
}

export interface PriceWatchSeries {
  product: string;
  productName: string | null;
  category: string | null;
  flagged: boolean;
  points: PriceWatchPoint[];
}

export interface PriceWatch {
  thresholdPercent: number;
  definitions: Record<string, string>;
  weeks: Array<{ week: string; from: string; to: string }>;
  series: PriceWatchSeries[];
  items: Array<{ product: string; productName: string | null } & PriceWatchPoint>;
  flagged: Array<{ product: string; week: string; changePercent: number | null }>;
}

export interface PriceWatchQuery {
  product?: string;
  weeks: number;
  thresholdPercent: number;
  to?: string;
  provinceCode?: string;
}

/** Weekly median observed price per product, flagged when it moved more than thresholdPercent since the week before. */
export async function priceWatch(db: DataSource | EntityManager, opts: PriceWatchQuery): Promise<PriceWatch> {
  const last = isoWeekOf(opts.to ?? todayInVietnam());
  // One extra week before the window so the first week has a week-on-week change.
  const list = Array.from({ length: opts.weeks + 1 }, (_, i) => shiftWeek(last, i - opts.weeks));
  const rows: Array<{
    product: string;
    name_vi: string | null;
    category: string | null;
    i: string;
    median: string;
    avg: string;
    n: string;
    min: number;
    max: number;
  }> = await db.query(
    `WITH w AS (SELECT ws, we, i FROM unnest($1::date[], $2::date[]) WITH ORDINALITY AS w(ws, we, i))
     SELECT o.product_code AS product, p.name_vi, p.category, w.i,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY o.price_vnd_per_kg) AS median,
            AVG(o.price_vnd_per_kg) AS avg, COUNT(*) AS n, MIN(o.price_vnd_per_kg) AS min, MAX(o.price_vnd_per_kg) AS max
       FROM price_observations o JOIN w ON o.observed_on BETWEEN w.ws AND w.we
       LEFT JOIN products p ON p.code = o.product_code
      WHERE ($3::text IS NULL OR o.product_code = $3) AND ($4::text IS NULL OR o.province_code = $4)
      GROUP BY 1, 2, 3, 4`,
    [list.map((w) => w.start), list.map((w) => w.end), opts.product || null, opts.provinceCode || null],
  );
  interface Week {
    median: number;
    avg: number;
    n: number;
    min: number;
    max: number;
  }
  const byProduct = new Map<
    string,
    { productName: string | null; category: string | null; weeks: Map<number, Week> }
  >();
  for (const r of rows) {
    const e = byProduct.get(r.product) ?? { productName: r.name_vi, category: r.category, weeks: new Map() };
    e.weeks.set(Number(r.i) - 1, {
      median: Math.round(Number(r.median)),
      avg: Math.round(Number(r.avg)),
      n: Number(r.n),
      min: r.min,
      max: r.max,
    });
    byProduct.set(r.product, e);
  }
  const series = [...byProduct.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([product, e]): PriceWatchSeries => {
      const points = list.slice(1).map((w, j): PriceWatchPoint => {
        const cur = e.weeks.get(j + 1);
        const prev = e.weeks.get(j);
        const changePercent =
          cur && prev && prev.median > 0 ? Math.round(((cur.median - prev.median) / prev.median) * 1000) / 10 : null;
        return {
          week: w.label,
          weekStart: w.start,
          weekEnd: w.end,
          priceVndPerKg: cur?.median ?? null,
          avgPriceVndPerKg: cur?.avg ?? null,
          minPriceVndPerKg: cur?.min ?? null,
          maxPriceVndPerKg: cur?.max ?? null,
          observations: cur?.n ?? 0,
          previousPriceVndPerKg: prev?.median ?? null,
          previousAvgPriceVndPerKg: prev?.avg ?? null,
          changePercent,
          flagged: changePercent !== null && Math.abs(changePercent) > opts.thresholdPercent,
        };
      });
      return {
        product,
        productName: e.productName,
        category: e.category,
        flagged: points.some((p) => p.flagged),
        points,
      };
    });
  return {
    thresholdPercent: opts.thresholdPercent,
    definitions: PRICE_WATCH_DEFINITIONS,
    weeks: list.slice(1).map((w) => ({ week: w.label, from: w.start, to: w.end })),
    series,
    items: series.flatMap((s) => s.points.map((p) => ({ product: s.product, productName: s.productName, ...p }))),
    flagged: series.flatMap((s) =>
      s.points
        .filter((p) => p.flagged)
        .map((p) => ({ product: s.product, week: p.week, changePercent: p.changePercent })),
    ),
  };
}
