import type { EntityManager } from 'typeorm';
import type { CommuneSeatRow } from './administrative-units.source';

/**
 * Start-up steps after the maps and the mapping are loaded:
 * - the known commune seats onto `administrative_units.seat`;
 * - stored pre-2025 units translated to current ones (a 2026 report must say Xã Thạnh Hưng, not
 *   Xã Thạnh Phước), the old unit kept beside the current one. Only units with exactly one
 *   successor are translated; a split one is left for a person (counted in the report).
 * Both are no-ops on a database that needs nothing (a few index probes).
 */

export interface StoredUnitsReport {
  seats: number;
  translatedUnits: number;
  translatedProvinceCodes: number;
  /** Rows whose stored pre-2025 unit was split: left as they are. */
  untranslatedSplitUnits: number;
}

/** Tables whose administrative_unit_id a caller set (with a pre2025_administrative_unit_id beside it). */
const UNIT_TABLES = ['cooperatives', 'buyers'];
/** Tables with a province code a caller or an import set; those with a record column keep the old one. */
const PROVINCE_TABLES: Array<{ table: string; keepsOld: boolean }> = [
  { table: 'cooperatives', keepsOld: true },
  { table: 'buyers', keepsOld: true },
  { table: 'production_areas', keepsOld: true },
  { table: 'harvest_resources', keepsOld: true },
  { table: 'price_observations', keepsOld: true },
  { table: 'supply_lots', keepsOld: false },
  { table: 'purchase_requests', keepsOld: false },
];

/** Successors of every pre-2025 unit: communes (mapping), districts (their communes' and direct rows), provinces. */
const SUCCESSORS_SQL = `
  SELECT m.pre2025_unit_id AS src, m.current_unit_id AS dst FROM administrative_unit_mappings m
  UNION
  SELECT c.parent_id, m.current_unit_id
    FROM administrative_units c JOIN administrative_unit_mappings m ON m.pre2025_unit_id = c.id
   WHERE c.era = 'pre2025' AND c.level = 'commune'
  UNION
  SELECT 'pre2025:province:' || c.province_code, n.parent_id
    FROM administrative_units c
    JOIN administrative_unit_mappings m ON m.pre2025_unit_id = c.id
    JOIN administrative_units n ON n.id = m.current_unit_id
   WHERE c.era = 'pre2025' AND c.level = 'commune' AND n.parent_id IS NOT NULL`;

export async function ensureCommuneSeats(em: EntityManager, seats: CommuneSeatRow[]): Promise<number> {
  const rows = await em.query(
    `UPDATE administrative_units u SET seat = ST_SetSRID(ST_MakePoint(r.lng, r.lat), 4326)::geography
       FROM json_to_recordset($1::json) AS r(unit varchar, lat float8, lng float8)
      WHERE u.id = r.unit AND (u.seat IS NULL OR NOT ST_Equals(u.seat::geometry, ST_SetSRID(ST_MakePoint(r.lng, r.lat), 4326)))
     RETURNING 1 AS n`,
    [JSON.stringify(seats.map((s) => ({ unit: s.unit, lat: s.lat, lng: s.lng })))],
  );
  return rowsOf(rows);
}

export async function translateStoredUnits(em: EntityManager): Promise<Omit<StoredUnitsReport, 'seats'>> {
  let translatedUnits = 0;
  let translatedProvinceCodes = 0;
  let untranslatedSplitUnits = 0;
  for (const table of UNIT_TABLES) {
    const [{ pending }] = await em.query(
      `SELECT EXISTS (SELECT 1 FROM ${table} WHERE administrative_unit_id LIKE 'pre2025:%') AS pending`,
    );
    if (!pending) continue;
    const updated = await em.query(
      `WITH succ AS (${SUCCESSORS_SQL}),
            one AS (SELECT src, min(dst) AS dst FROM succ GROUP BY src HAVING count(DISTINCT dst) = 1)
       UPDATE ${table} t
          SET pre2025_administrative_unit_id = t.administrative_unit_id,
              pre2025_province_code = COALESCE(t.pre2025_province_code, t.province_code),
              administrative_unit_id = one.dst,
              province_code = COALESCE(u.province_code, t.province_code)
         FROM one JOIN administrative_units u ON u.id = one.dst
        WHERE t.administrative_unit_id = one.src
       RETURNING t.id`,
    );
    translatedUnits += rowsOf(updated);
    const [{ n }] = await em.query(
      `SELECT count(*)::int AS n FROM ${table} WHERE administrative_unit_id LIKE 'pre2025:%'`,
    );
    untranslatedSplitUnits += n;
  }
  for (const { table, keepsOld } of PROVINCE_TABLES) {
    const [{ pending }] = await em.query(
      `SELECT EXISTS (
         SELECT 1 FROM ${table} t WHERE t.province_code IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM administrative_units p WHERE p.id = 'current:province:' || t.province_code)
            AND EXISTS (SELECT 1 FROM administrative_units p WHERE p.id = 'pre2025:province:' || t.province_code)) AS pending`,
    );
    if (!pending) continue;
    const updated = await em.query(
      `WITH succ AS (${SUCCESSORS_SQL}),
            one AS (SELECT src, min(dst) AS dst FROM succ WHERE src LIKE 'pre2025:province:%' GROUP BY src HAVING count(DISTINCT dst) = 1)
       UPDATE ${table} t
          SET ${keepsOld ? 'pre2025_province_code = t.province_code,' : ''} province_code = u.code
         FROM one JOIN administrative_units u ON u.id = one.dst
        WHERE one.src = 'pre2025:province:' || t.province_code
          AND NOT EXISTS (SELECT 1 FROM administrative_units p WHERE p.id = 'current:province:' || t.province_code)
       RETURNING 1`,
    );
    translatedProvinceCodes += rowsOf(updated);
  }
  return { translatedUnits, translatedProvinceCodes, untranslatedSplitUnits };
}

/** node-postgres answers UPDATE … RETURNING as [rows, count] through TypeORM, PGlite as rows. */
function rowsOf(result: unknown): number {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number')
    return result[1];
  return Array.isArray(result) ? result.length : 0;
}
