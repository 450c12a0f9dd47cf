import type { DataSource } from 'typeorm';
import { currentProvinceCodeOf } from '../administrative-units/province-codes';
import { todayInVietnam } from '../common/dates';
import { placeNames } from './report-names.query';
import { lotCommuneSql, ReportPlaces, ReportUnits } from './report-units';

export interface BacklogByCommuneItem {
  provinceCode: string | null;
  provinceName: string | null;
  communeId: string | null;
  communeCode: string | null;
  communeName: string | null;
  backlogKg: number;
  backlogTonnes: number;
  lots: number;
  cooperatives: number;
  /** The kg-weighted centre of the lots. */
  location: { lat: number; lng: number } | null;
  products: Array<{ product: string; backlogKg: number }>;
}

export interface BacklogByCommune {
  date: string;
  province: string | null;
  administrativeUnits: ReportUnits;
  totalBacklogKg: number;
  items: BacklogByCommuneItem[];
}

interface BacklogRow {
  province_code: string | null;
  unit: string | null;
  hint: string | null;
  kg: string;
  lots: number;
  coops: string[];
  lat_kg: string;
  lng_kg: string;
  products: Array<{ product: string; kg: number | string }>;
}

interface BacklogGroup {
  provinceCode: string | null;
  communeId: string | null;
  kg: number;
  lots: number;
  coops: Set<string>;
  latKg: number;
  lngKg: number;
  byProduct: Map<string, number>;
}

/**
 * Unsold backlog by the commune where the lots lie (report-units.ts), for the map and the report
 * (point: the kg-weighted centre of the lots); `units=pre2025` places it on the old map.
 */
export async function backlogByCommune(
  db: DataSource,
  province: string | null | undefined,
  date: string | undefined,
  units: ReportUnits,
): Promise<BacklogByCommune> {
  const day = date ?? todayInVietnam();
  const asked = province?.trim() || null;
  const places = await ReportPlaces.load(db, units);
  const rows: BacklogRow[] = await db.query(
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
  const groups = new Map<string, BacklogGroup>();
  for (const r of rows) {
    const where = places.place(r.province_code, r.unit, r.hint);
    if (units === 'pre2025' && asked && where.provinceCode !== asked) continue;
    const k = `${String(where.provinceCode)}|${String(where.communeId)}`;
    let g = groups.get(k);
    if (!g)
      groups.set(k, (g = { ...where, kg: 0, lots: 0, coops: new Set(), latKg: 0, lngKg: 0, byProduct: new Map() }));
    g.kg += Number(r.kg);
    g.lots += r.lots;
    for (const c of r.coops) g.coops.add(c);
    g.latKg += Number(r.lat_kg);
    g.lngKg += Number(r.lng_kg);
    for (const p of r.products) g.byProduct.set(p.product, (g.byProduct.get(p.product) ?? 0) + Number(p.kg));
  }
  const names = await placeNames(
    db,
    [...groups.values()].map((g) => g.communeId),
    [...groups.values()].map((g) => g.provinceCode),
    places.era,
  );
  const items: BacklogByCommuneItem[] = [...groups.values()]
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
      products: [...g.byProduct.entries()]
        .map(([product, kg]) => ({ product, backlogKg: kg }))
        .sort((a, b) => b.backlogKg - a.backlogKg),
    }))
    .sort((a, b) => b.backlogKg - a.backlogKg || (a.communeId ?? '').localeCompare(b.communeId ?? ''));
  return {
    date: day,
    province: units === 'pre2025' ? asked : (currentProvinceCodeOf(asked) ?? null),
    administrativeUnits: units,
    totalBacklogKg: items.reduce((t, i) => t + i.backlogKg, 0),
    items,
  };
}
