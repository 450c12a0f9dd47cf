import type { DataSource } from 'typeorm';
import { Page, PageQuery } from '../common/page';
import { SqlParams, whereAll } from '../common/sql-params';
import { likePattern } from '../common/vietnamese-text';
import { round6 } from './map-layer';
import { readLotRows } from './supply-lot-rows.query';
import { SupplyLotSnapshot } from './supply-lot-snapshot';

export interface SupplyListFilter extends PageQuery {
  q?: string;
  product?: string;
}

export interface SupplyListItem {
  id: string;
  product: string;
  productNameVi: string;
  productNameEn: string;
  cooperativeId: string;
  cooperativeName: string;
  quantityKg: number;
  remainingKg: number;
  askVndPerKg: number;
  harvestFrom: string;
  harvestTo: string;
  certifications: string[];
  provinceCode: string | null;
  location: { lat: number; lng: number };
  note: string | null;
}

/** A page of the public list of open supply (no contacts), earliest harvest first. */
export async function supplyListPage(
  db: DataSource,
  snapshot: SupplyLotSnapshot,
  f: SupplyListFilter,
  limit: number,
  offset: number,
): Promise<Page<SupplyListItem>> {
  const sql = new SqlParams();
  const where = [`l.status = 'open'`, 'l.remaining_kg > 0'];
  if (f.product) where.push(`l.product_code = ${sql.param(f.product)}`);
  if (f.q) {
    const pattern = sql.param(likePattern(f.q));
    where.push(`(c.search_text LIKE ${pattern} ESCAPE '\\' OR p.search_text LIKE ${pattern} ESCAPE '\\')`);
  }
  const [total, rows] = await Promise.all([
    countOpenLots(db, snapshot, f),
    readLotRows(db, { where: whereAll(where), params: sql.values, limit, offset, orderBy: 'l.harvest_from, l.id' }),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      product: r.product_code,
      productNameVi: r.name_vi,
      productNameEn: r.name_en,
      cooperativeId: r.cooperative_id,
      cooperativeName: r.cooperative_name,
      quantityKg: Number(r.quantity_kg),
      remainingKg: Number(r.remaining_kg),
      askVndPerKg: r.ask_vnd_per_kg,
      harvestFrom: r.harvest_from,
      harvestTo: r.harvest_to,
      certifications: r.certifications ?? [],
      provinceCode: r.province_code,
      location: { lat: round6(r.lat), lng: round6(r.lng) },
      note: r.note,
    })),
    total,
    limit,
    offset,
  };
}

/** The list's exact total, counted over the snapshot of open lots instead of a scan per page. */
async function countOpenLots(db: DataSource, snapshot: SupplyLotSnapshot, f: SupplyListFilter): Promise<number> {
  let matches = (l: { productCode: string; cooperativeId: string }) => !f.product || l.productCode === f.product;
  if (f.q) {
    // The names searched live in two small tables: find the matching ones, then count their lots.
    const [m]: Array<{ coops: string[]; products: string[] }> = await db.query(
      `SELECT ARRAY(SELECT c.id::text FROM cooperatives c WHERE c.search_text LIKE $1 ESCAPE '\\') AS coops,
              ARRAY(SELECT p.code FROM products p WHERE p.search_text LIKE $1 ESCAPE '\\') AS products`,
      [likePattern(f.q)],
    );
    const coops = new Set(m.coops);
    const products = new Set(m.products);
    const byProduct = matches;
    matches = (l) => byProduct(l) && (coops.has(l.cooperativeId) || products.has(l.productCode));
  }
  let n = 0;
  for (const l of snapshot.values()) if (matches(l)) n++;
  return n;
}
