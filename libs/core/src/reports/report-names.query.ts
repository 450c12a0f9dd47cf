import type { DataSource } from 'typeorm';
import { queryRows } from '../common/sql-rows';

export interface ReportNames {
  units: Map<string, string>;
  provinces: Map<string, string>;
  products: Map<string, string>;
}

export type PlaceNames = Omit<ReportNames, 'products'>;

/** Names of units (any era, by id) and of provinces on the map the report is on. */
export async function placeNames(
  db: DataSource,
  unitIds: Array<string | null>,
  provinceCodes: Array<string | null>,
  era: 'current' | 'pre2025',
): Promise<PlaceNames> {
  const units = [...new Set(unitIds.filter((x): x is string => !!x))];
  const provinces = [...new Set(provinceCodes.filter((x): x is string => !!x))];
  const [u, p] = await Promise.all([
    queryRows<{ id: string; name: string }>(
      db,
      `SELECT id, name FROM administrative_units WHERE id = ANY($1::text[])`,
      [units],
    ),
    queryRows<{ code: string; name: string }>(
      db,
      `SELECT code, name FROM administrative_units WHERE era = $2 AND level = 'province' AND code = ANY($1::text[])`,
      [provinces, era],
    ),
  ]);
  return { units: new Map(u.map((r) => [r.id, r.name])), provinces: new Map(p.map((r) => [r.code, r.name])) };
}

/** Names of the places and products report rows name. */
export async function reportNames(
  db: DataSource,
  rows: Array<{ communeId: string | null; provinceCode: string | null; product: string }>,
  province: string | null,
  era: 'current' | 'pre2025',
): Promise<ReportNames> {
  const products = [...new Set(rows.map((a) => a.product))];
  const [places, pr] = await Promise.all([
    placeNames(
      db,
      rows.map((a) => a.communeId),
      [province, ...rows.map((a) => a.provinceCode)],
      era,
    ),
    queryRows<{ code: string; name_vi: string }>(
      db,
      `SELECT code, name_vi FROM products WHERE code = ANY($1::text[])`,
      [products],
    ),
  ]);
  return { ...places, products: new Map(pr.map((r) => [r.code, r.name_vi])) };
}
