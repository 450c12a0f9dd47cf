import type { DataSource } from 'typeorm';
import { IsoWeek } from './iso-week';
import { lotCommuneSql } from './report-units';
import { WeeklyFigures } from './weekly-figures';

/**
 * The weekly report's sections, one query each, read into the week's figures (see the
 * definitions in weekly-report.types.ts). Every row carries its place (province, commune and the
 * cooperative's or buyer's pre-2025 unit as a hint) and product; numbers come back as text.
 */
interface PlacedRow {
  province_code: string | null;
  unit: string | null;
  product_code: string;
  hint: string | null;
}

/** Harvested and expected kilograms, pro-rated over each lot's harvest window, and the asking price of the first week. */
export async function readHarvestSection(db: DataSource, fig: WeeklyFigures, province: string | null): Promise<void> {
  const rows: Array<PlacedRow & { i: string; kg: string; ask_value: string; ask_kg: string; coops: string[] }> =
    await db.query(
      `WITH w AS (SELECT ws, we, i FROM unnest($1::date[], $2::date[]) WITH ORDINALITY AS w(ws, we, i))
     SELECT l.province_code, ${lotCommuneSql('l', 'c')} AS unit, l.product_code, w.i, c.pre2025_administrative_unit_id AS hint,
            SUM(l.quantity_kg::numeric * (LEAST(l.harvest_to, w.we) - GREATEST(l.harvest_from, w.ws) + 1) / (l.harvest_to - l.harvest_from + 1)) AS kg,
            SUM(l.ask_vnd_per_kg::numeric * l.quantity_kg) AS ask_value, SUM(l.quantity_kg) AS ask_kg,
            array_agg(DISTINCT l.cooperative_id) AS coops
       FROM supply_lots l JOIN cooperatives c ON c.id = l.cooperative_id
       JOIN w ON l.harvest_from <= w.we AND l.harvest_to >= w.ws
      WHERE l.status <> 'withdrawn' AND ($3::text IS NULL OR l.province_code = $3)
      GROUP BY 1, 2, 3, 4, 5`,
      [fig.weeks.map((w) => w.start), fig.weeks.map((w) => w.end), province],
    );
  for (const r of rows) {
    const a = fig.at(r.province_code, r.unit, r.product_code, r.hint);
    const i = Number(r.i) - 1;
    a.harvested[i] += Number(r.kg);
    if (i === 0) {
      a.askValue += Number(r.ask_value);
      a.askKg += Number(r.ask_kg);
      for (const c of r.coops) a.coops.add(c);
    }
  }
}

/** Deals made in the week (confirmed, partly or fully delivered), placed where their lots lie. */
export async function readDealsSection(
  db: DataSource,
  fig: WeeklyFigures,
  week: IsoWeek,
  province: string | null,
): Promise<void> {
  const [{ ok }]: Array<{ ok: boolean }> = await db.query(`SELECT to_regclass('deals') IS NOT NULL AS ok`);
  if (!ok) return;
  const rows: Array<
    PlacedRow & { kg: string; value: string; delivered: string | null; coops: string[]; buyers: string[] }
  > = await db.query(
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
  for (const r of rows) {
    const a = fig.at(r.province_code, r.unit, r.product_code, r.hint);
    a.connectedKg += Number(r.kg);
    a.dealValue += Number(r.value);
    a.deliveredKg += Number(r.delivered ?? 0);
    for (const c of r.coops) a.coops.add(c);
    for (const b of r.buyers) a.buyers.add(b);
  }
}

/** Open lots whose harvest ended by the week's Sunday, with their age. */
export async function readBacklogSection(
  db: DataSource,
  fig: WeeklyFigures,
  week: IsoWeek,
  province: string | null,
): Promise<void> {
  const rows: Array<PlacedRow & { kg: string; kg_days: string; oldest: number }> = await db.query(
    `SELECT l.province_code, ${lotCommuneSql('l', 'c')} AS unit, l.product_code, c.pre2025_administrative_unit_id AS hint, SUM(l.remaining_kg) AS kg,
            SUM(l.remaining_kg::numeric * ($1::date - l.harvest_to)) AS kg_days, MAX($1::date - l.harvest_to) AS oldest
       FROM supply_lots l JOIN cooperatives c ON c.id = l.cooperative_id
      WHERE l.status = 'open' AND l.remaining_kg > 0 AND l.harvest_to <= $1::date AND ($2::text IS NULL OR l.province_code = $2)
      GROUP BY 1, 2, 3, 4`,
    [week.end, province],
  );
  for (const r of rows) {
    const a = fig.at(r.province_code, r.unit, r.product_code, r.hint);
    a.backlogKg += Number(r.kg);
    a.backlogKgDays += Number(r.kg_days);
    a.backlogOldestDays = Math.max(a.backlogOldestDays ?? 0, r.oldest);
  }
}

/** Each buyer's latest inventory report per product up to the week's end, at the buyer's commune. */
export async function readInventorySection(
  db: DataSource,
  fig: WeeklyFigures,
  week: IsoWeek,
  province: string | null,
): Promise<void> {
  const rows: Array<PlacedRow & { kg: string }> = await db.query(
    `SELECT b.province_code, b.administrative_unit_id AS unit, x.product_code, b.pre2025_administrative_unit_id AS hint, SUM(x.quantity_kg) AS kg
       FROM (SELECT DISTINCT ON (buyer_id, product_code) buyer_id, product_code, quantity_kg
               FROM inventory_reports WHERE reported_at <= $1::date ORDER BY buyer_id, product_code, reported_at DESC) x
       JOIN buyers b ON b.id = x.buyer_id
      WHERE ($2::text IS NULL OR b.province_code = $2)
      GROUP BY 1, 2, 3, 4`,
    [week.end, province],
  );
  for (const r of rows) fig.at(r.province_code, r.unit, r.product_code, r.hint).inventoryKg += Number(r.kg);
}

/** Purchase requests delivering in the week and what is still unmet, at the buyer's commune. */
export async function readDemandSection(
  db: DataSource,
  fig: WeeklyFigures,
  week: IsoWeek,
  province: string | null,
): Promise<void> {
  const rows: Array<PlacedRow & { requested: string; unmet: string; buyers: string[] }> = await db.query(
    `SELECT r.province_code, b.administrative_unit_id AS unit, r.product_code, b.pre2025_administrative_unit_id AS hint,
            SUM(r.quantity_kg) AS requested, SUM(r.quantity_kg - r.committed_kg) AS unmet, array_agg(DISTINCT r.buyer_id) AS buyers
       FROM purchase_requests r JOIN buyers b ON b.id = r.buyer_id
      WHERE r.status <> 'withdrawn' AND r.deliver_from <= $2::date AND r.deliver_to >= $1::date AND ($3::text IS NULL OR r.province_code = $3)
      GROUP BY 1, 2, 3, 4`,
    [week.start, week.end, province],
  );
  for (const r of rows) {
    const a = fig.at(r.province_code, r.unit, r.product_code, r.hint);
    a.requestedKg += Number(r.requested);
    a.unmetDemandKg += Number(r.unmet);
    fig.addRequestBuyers(r.product_code, r.buyers);
  }
}
