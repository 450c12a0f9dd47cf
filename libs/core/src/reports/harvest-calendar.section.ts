import type { DataSource } from 'typeorm';
import { todayInVietnam } from '../common/dates';
import { isoWeekOf, shiftWeek } from './iso-week';

export interface HarvestCalendarSeries {
  product: string;
  productName: string | null;
  kgByWeek: number[];
}

export interface HarvestCalendar {
  from: string;
  weeks: Array<{ week: string; from: string; to: string }>;
  province: string | null;
  series: HarvestCalendarSeries[];
  items: Array<{ week: string; weekStart: string; product: string; productName: string | null; expectedKg: number }>;
  totalsByWeek: Array<{ week: string; expectedKg: number }>;
}

/** Volume expected by ISO week and product (harvest calendar), pro-rated as in the weekly report. */
export async function harvestCalendar(
  db: DataSource,
  from: string | undefined,
  weeks: number,
  province?: string | null,
): Promise<HarvestCalendar> {
  const first = isoWeekOf(from ?? todayInVietnam());
  const list = Array.from({ length: weeks }, (_, i) => shiftWeek(first, i));
  const rows: Array<{ product: string; name_vi: string | null; i: string; kg: string }> = await db.query(
    `WITH w AS (SELECT ws, we, i FROM unnest($1::date[], $2::date[]) WITH ORDINALITY AS w(ws, we, i))
     SELECT l.product_code AS product, p.name_vi, w.i,
            SUM(l.quantity_kg::numeric * (LEAST(l.harvest_to, w.we) - GREATEST(l.harvest_from, w.ws) + 1) / (l.harvest_to - l.harvest_from + 1)) AS kg
       FROM supply_lots l JOIN w ON l.harvest_from <= w.we AND l.harvest_to >= w.ws
       LEFT JOIN products p ON p.code = l.product_code
      WHERE l.status <> 'withdrawn' AND ($3::text IS NULL OR l.province_code = $3)
      GROUP BY 1, 2, 3`,
    [list.map((w) => w.start), list.map((w) => w.end), province || null],
  );
  const byProduct = new Map<string, HarvestCalendarSeries>();
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
    items: series.flatMap((s) =>
      list.map((w, i) => ({
        week: w.label,
        weekStart: w.start,
        product: s.product,
        productName: s.productName,
        expectedKg: s.kgByWeek[i],
      })),
    ),
    totalsByWeek: list.map((w, i) => ({ week: w.label, expectedKg: series.reduce((t, s) => t + s.kgByWeek[i], 0) })),
  };
}
