import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  AdministrativeUnitMappingRow,
  AdministrativeUnitReference,
  AdministrativeUnitRow,
  communeSeats,
  loadAdministrativeUnitReference,
} from './administrative-units.source';
import { ensureCommuneSeats, StoredUnitsReport, translateStoredUnits } from './stored-units.translation';
import { ProductRow, productRows } from './product-catalogue';

/**
 * Reference data present in every database, loaded at every start-up. Each set is
 * compared with the database by row count and content checksum first, so a
 * start-up on a loaded database only reads two aggregates per table; a
 * mismatch (new database, new package version) upserts the set in batches.
 */

export interface ReferenceSetReport {
  /** False when the checksum showed the database already held exactly this set. */
  loaded: boolean;
  rows: number;
}

export interface ReferenceDataReport {
  products: ReferenceSetReport;
  administrativeUnits: ReferenceSetReport;
  administrativeUnitMappings: ReferenceSetReport & { unresolvedSourceRows: number };
  /** Seats set, and stored pre-2025 units translated to the current map. */
  storedUnits: StoredUnitsReport;
  ms: number;
}

// One writer at a time when the api and the worker start together.
const LOCK_KEY = 7_308_202_5; // KH 308, reform 2025
const BATCH = 5000;

let cachedUnits: Promise<AdministrativeUnitReference> | null = null;
/** The reshaped packages never change within a process: load them once. */
export function administrativeUnitReference(): Promise<AdministrativeUnitReference> {
  cachedUnits ??= loadAdministrativeUnitReference().catch((e) => {
    cachedUnits = null;
    throw e;
  });
  return cachedUnits;
}

export async function ensureReferenceData(dataSource: DataSource): Promise<ReferenceDataReport> {
  const started = Date.now();
  const products = productRows();
  const units = await administrativeUnitReference();
  return dataSource.transaction(async (em) => {
    await em.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    const productReport = await ensureProducts(em, products);
    const unitReport = await ensureUnits(em, units.units);
    const mappingReport = await ensureMappings(em, units.mappings);
    const seats = await ensureCommuneSeats(em, communeSeats());
    const translated = await translateStoredUnits(em);
    return {
      products: productReport,
      administrativeUnits: unitReport,
      administrativeUnitMappings: { ...mappingReport, unresolvedSourceRows: units.unresolvedMappings },
      storedUnits: { seats, ...translated },
      ms: Date.now() - started,
    };
  });
}

// ---------- checksums: the same text on both sides, md5 of the UTF-8 bytes ----------

export function checksum(lines: string[]): string {
  return createHash('md5').update(lines.join('\n'), 'utf8').digest('hex');
}

const s = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

function productLine(p: ProductRow): string {
  return [
    p.code,
    p.nameVi,
    p.nameEn,
    p.category,
    p.unit,
    s(p.shelfLifeDays),
    s(p.storageDays),
    s(p.storageSource),
    s(p.typicalPriceMinVnd),
    s(p.typicalPriceMaxVnd),
    p.searchText,
  ].join('|');
}
function unitLine(u: AdministrativeUnitRow): string {
  return [u.id, u.era, u.level, u.code, u.name, s(u.parentId), s(u.provinceCode), u.searchText].join('|');
}
function mappingLine(m: AdministrativeUnitMappingRow): string {
  return `${m.pre2025UnitId}|${m.currentUnitId}`;
}

async function dbChecksum(em: EntityManager, sql: string, params: unknown[] = []): Promise<{ n: number; sum: string }> {
  const [row] = await em.query(sql, params);
  return { n: Number(row.n), sum: row.sum ?? checksum([]) };
}

// ---------- products ----------

async function ensureProducts(em: EntityManager, rows: ProductRow[]): Promise<ReferenceSetReport> {
  // Only the catalogue's codes: products added later by staff are theirs to keep.
  const have = await dbChecksum(
    em,
    `SELECT count(*) AS n, md5(string_agg(concat_ws('|', code, name_vi, name_en, category, unit,
            coalesce(shelf_life_days::text, ''), coalesce(storage_days::text, ''), coalesce(storage_source, ''), coalesce(typical_price_min_vnd::text, ''),
            coalesce(typical_price_max_vnd::text, ''), search_text), E'\\n' ORDER BY code COLLATE "C")) AS sum
       FROM products WHERE code = ANY($1::varchar[])`,
    [rows.map((r) => r.code)],
  );
  if (have.n === rows.length && have.sum === checksum(rows.map(productLine)))
    return { loaded: false, rows: rows.length };
  await em.query(
    `INSERT INTO products (code, name_vi, name_en, category, unit, shelf_life_days, storage_days, storage_source, typical_price_min_vnd, typical_price_max_vnd, search_text)
     SELECT code, name_vi, name_en, category, unit, shelf_life_days, storage_days, storage_source, typical_price_min_vnd, typical_price_max_vnd, search_text
       FROM json_to_recordset($1::json) AS r(code varchar, name_vi text, name_en text, category varchar, unit varchar,
            shelf_life_days int, storage_days int, storage_source text, typical_price_min_vnd int, typical_price_max_vnd int, search_text text)
     ON CONFLICT (code) DO UPDATE SET
       name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en, category = EXCLUDED.category, unit = EXCLUDED.unit,
       shelf_life_days = EXCLUDED.shelf_life_days, storage_days = EXCLUDED.storage_days, storage_source = EXCLUDED.storage_source, typical_price_min_vnd = EXCLUDED.typical_price_min_vnd,
       typical_price_max_vnd = EXCLUDED.typical_price_max_vnd, search_text = EXCLUDED.search_text`,
    [
      JSON.stringify(
        rows.map((p) => ({
          code: p.code,
          name_vi: p.nameVi,
          name_en: p.nameEn,
          category: p.category,
          unit: p.unit,
          shelf_life_days: p.shelfLifeDays,
          storage_days: p.storageDays,
          storage_source: p.storageSource,
          typical_price_min_vnd: p.typicalPriceMinVnd,
          typical_price_max_vnd: p.typicalPriceMaxVnd,
          search_text: p.searchText,
        })),
      ),
    ],
  );
  return { loaded: true, rows: rows.length };
}

// ---------- administrative units ----------

async function ensureUnits(em: EntityManager, rows: AdministrativeUnitRow[]): Promise<ReferenceSetReport> {
  const have = await dbChecksum(
    em,
    `SELECT count(*) AS n, md5(string_agg(concat_ws('|', id, era, level, code, name, coalesce(parent_id, ''),
            coalesce(province_code, ''), search_text), E'\\n' ORDER BY id COLLATE "C")) AS sum
       FROM administrative_units`,
  );
  if (have.n === rows.length && have.sum === checksum(rows.map(unitLine))) return { loaded: false, rows: rows.length };
  for (const batch of chunks(rows, BATCH)) {
    await em.query(
      `INSERT INTO administrative_units (id, era, level, code, name, parent_id, province_code, search_text)
       SELECT id, era, level, code, name, parent_id, province_code, search_text
         FROM json_to_recordset($1::json) AS r(id varchar, era varchar, level varchar, code varchar, name text,
              parent_id varchar, province_code varchar, search_text text)
       ON CONFLICT (id) DO UPDATE SET
         name = EXCLUDED.name, parent_id = EXCLUDED.parent_id, province_code = EXCLUDED.province_code,
         search_text = EXCLUDED.search_text
       WHERE (administrative_units.name, administrative_units.parent_id, administrative_units.province_code, administrative_units.search_text)
             IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.parent_id, EXCLUDED.province_code, EXCLUDED.search_text)`,
      [
        JSON.stringify(
          batch.map((u) => ({
            id: u.id,
            era: u.era,
            level: u.level,
            code: u.code,
            name: u.name,
            parent_id: u.parentId,
            province_code: u.provinceCode,
            search_text: u.searchText,
          })),
        ),
      ],
    );
  }
  // Units a newer package dropped; rows pointing at them keep working (FK: SET NULL).
  await em.query(`DELETE FROM administrative_units WHERE NOT (id = ANY($1::varchar[]))`, [rows.map((u) => u.id)]);
  return { loaded: true, rows: rows.length };
}

async function ensureMappings(em: EntityManager, rows: AdministrativeUnitMappingRow[]): Promise<ReferenceSetReport> {
  const have = await dbChecksum(
    em,
    `SELECT count(*) AS n, md5(string_agg(pre2025_unit_id || '|' || current_unit_id, E'\\n'
            ORDER BY pre2025_unit_id COLLATE "C", current_unit_id COLLATE "C")) AS sum
       FROM administrative_unit_mappings`,
  );
  if (have.n === rows.length && have.sum === checksum(rows.map(mappingLine)))
    return { loaded: false, rows: rows.length };
  // Nothing references mapping rows: replace the set inside the transaction.
  await em.query('DELETE FROM administrative_unit_mappings');
  for (const batch of chunks(rows, BATCH)) {
    await em.query(
      `INSERT INTO administrative_unit_mappings (pre2025_unit_id, current_unit_id)
       SELECT p, c FROM json_to_recordset($1::json) AS r(p varchar, c varchar)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(batch.map((m) => ({ p: m.pre2025UnitId, c: m.currentUnitId })))],
    );
  }
  return { loaded: true, rows: rows.length };
}

function* chunks<T>(rows: T[], size: number): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}
