import { EntityManager } from 'typeorm';
import type { Point } from 'geojson';
import { isDataRejection, pgConstraint } from '../common/registry';
import { ChunkOutcome, ImportKindSpec, ImportWriteContext, POINT, POINT_OUT, refShown, sameValue, shown, ValidRow, headerOf } from './import-rows';

/**
 * Writing organisation rows (cooperatives, buyers) from a spreadsheet, set-based: each row
 * is matched to the record with its reference or its tax code (locked), then one INSERT
 * for the new rows and one UPDATE for the changed ones, each with its audit entries in the
 * same statement. A corrected spreadsheet corrects the registry; the same file again
 * writes nothing. Only the columns the file has are compared and written.
 */
export interface OrganizationField {
  /** The value key of ValidRow.values, named as the API names the field. */
  key: string;
  column: string;
  type: 'text' | 'int' | 'list';
  /** The file columns that carry it: absent from the file, the field is neither compared nor written. */
  files: string[];
}

export interface OrganizationTable {
  table: 'cooperatives' | 'buyers';
  /** audit_logs.entity_type, as the service writes it. */
  entityType: 'cooperative' | 'buyer';
  spec: ImportKindSpec;
  fields: OrganizationField[];
  /** How a row error names the record: `HTX "…"`. */
  what: (name: string) => string;
}

const LOCATION_FILES = ['lat', 'lng'];
const PG_TYPE = { text: 'text', int: 'int', list: 'text' } as const;

export async function writeOrganizations(em: EntityManager, t: OrganizationTable, rows: ValidRow[], { actor, columnsInFile }: ImportWriteContext): Promise<ChunkOutcome> {
  const outcome: ChunkOutcome = { inserted: 0, updated: 0, unchanged: 0, conflicts: [] };
  if (!rows.length) return outcome;
  const inFile = (f: { files: string[] }) => f.files.some((c) => columnsInFile.has(c));
  const written = t.fields.filter(inFile);
  const locationInFile = LOCATION_FILES.some((c) => columnsInFile.has(c));
  const header = headerOf(t.spec);
  const who = [actor?.userId ?? null, actor?.role ?? null];

  // 1. The record each row names, locked until the chunk commits.
  const found: Array<Record<string, unknown> & { i: number; id: string }> = await em.query(
    `SELECT t.i, c.id, c.external_ref AS "externalRef", ${t.fields.map((f) => `c.${f.column} AS "${f.key}"`).join(', ')}, ${POINT_OUT('c')}
       FROM unnest($1::int[], $2::text[], $3::text[]) AS t(i, ref, tax)
       JOIN ${t.table} c ON c.external_ref = t.ref OR (t.tax IS NOT NULL AND c.tax_code = t.tax)
      ORDER BY t.i, COALESCE(c.external_ref = t.ref, false) DESC
        FOR UPDATE OF c`,
    [rows.map((_, i) => i + 1), rows.map((r) => r.values.externalRef), rows.map((r) => r.values.taxCode ?? null)],
  );
  const matches = new Map<number, Array<Record<string, unknown> & { id: string }>>();
  for (const f of found) matches.set(Number(f.i), [...(matches.get(Number(f.i)) ?? []), f]);

  const fresh: ValidRow[] = [];
  const changed: Array<{ row: ValidRow; id: string; changes: Record<string, [unknown, unknown]> }> = [];
  rows.forEach((row, n) => {
    const hits = matches.get(n + 1) ?? [];
    if (!hits.length) return void fresh.push(row);
    const [existing, other] = hits;
    if (other && other.id !== existing.id) {
      outcome.conflicts.push({ row, column: 'taxCode', message: `Mã tham chiếu thuộc ${t.what(String(existing.name))}, còn mã số thuế ${row.values.taxCode} thuộc ${t.what(String(other.name))}: một dòng không thể là hai bản ghi` });
      return;
    }
    const ref = refShown(row);
    if (ref && existing.externalRef && existing.externalRef !== ref) {
      outcome.conflicts.push({
        row,
        column: 'externalRef',
        message: `${t.what(String(existing.name))} (cùng mã số thuế) trong danh bạ có ${header('externalRef')} khác: đang là ${shown(existing.externalRef)}, tệp ghi ${shown(ref)}`,
      });
      return;
    }
    const changes: Record<string, [unknown, unknown]> = {};
    for (const f of written) if (!sameValue(row.values[f.key], existing[f.key])) changes[f.key] = [existing[f.key] ?? null, row.values[f.key] ?? null];
    if (locationInFile && !(sameValue(row.values.lat, existing.lat) && sameValue(row.values.lng, existing.lng))) {
      changes.location = [pointOf(existing.lat, existing.lng), pointOf(row.values.lat, row.values.lng)];
    }
    if (ref && !existing.externalRef) changes.externalRef = [null, ref];
    if (Object.keys(changes).length) changed.push({ row, id: existing.id, changes });
    else outcome.unchanged++;
  });

  // 2. New records, with their 'create' audit entries.
  const values = (f: OrganizationField, list: ValidRow[]) =>
    list.map((r) => (f.type === 'list' ? ((r.values[f.key] as string[] | null) ?? []).join(',') : (r.values[f.key] ?? null)));
  const expr = (f: OrganizationField) => (f.type === 'list' ? `COALESCE(string_to_array(NULLIF(t.${f.column}, ''), ','), '{}')` : `t.${f.column}`);
  const insert = async (list: ValidRow[]) => {
    const params = [...t.fields.map((f) => values(f, list)), list.map((r) => r.values.lat ?? null), list.map((r) => r.values.lng ?? null), list.map((r) => r.values.externalRef)];
    const created = list.map((r) => JSON.stringify({ ...Object.fromEntries(t.fields.map((f) => [f.key, r.values[f.key] ?? null])), location: pointOf(r.values.lat, r.values.lng) }));
    const n = params.length;
    const res: Array<{ ref: string }> = await em.query(
      `WITH t AS (
         SELECT * FROM unnest(${t.fields.map((f, i) => `$${i + 1}::${PG_TYPE[f.type]}[]`).join(', ')}, $${n - 2}::float8[], $${n - 1}::float8[], $${n}::text[], $${n + 1}::text[])
           AS t(${t.fields.map((f) => f.column).join(', ')}, lat, lng, ref, changes)),
       ins AS (
         INSERT INTO ${t.table} (${t.fields.map((f) => f.column).join(', ')}, location, external_ref)
         SELECT ${t.fields.map(expr).join(', ')}, ${POINT('t.lat', 't.lng')}, t.ref FROM t
         ON CONFLICT DO NOTHING RETURNING id, external_ref),
       logged AS (
         INSERT INTO audit_logs (actor_user_id, actor_role, action, entity_type, entity_id, changes)
         SELECT $${n + 2}::uuid, $${n + 3}, 'create', '${t.entityType}', ins.id::text, t.changes::jsonb FROM ins JOIN t ON t.ref = ins.external_ref)
       SELECT external_ref AS ref FROM ins`,
      [...params, created, ...who],
    );
    const made = new Set(res.map((x) => x.ref));
    outcome.inserted += made.size;
    for (const row of list) {
      // Another writer took the key between the look-up and the insert: nothing to lock then, so say so.
      if (!made.has(String(row.values.externalRef))) outcome.conflicts.push({ row, column: row.keyColumn, message: `${t.what(String(row.values.name))} vừa được ghi bởi người khác cùng lúc; hãy nhập lại tệp` });
    }
  };

  // 3. Changed records: the file's columns written, with their 'update' audit entries (before, after).
  const update = async (list: typeof changed) => {
    const params = [
      list.map((c) => c.id),
      ...written.map((f) => values(f, list.map((c) => c.row))),
      list.map((c) => c.row.values.lat ?? null),
      list.map((c) => c.row.values.lng ?? null),
      list.map((c) => (refShown(c.row) ? c.row.values.externalRef : null)),
      list.map((c) => JSON.stringify(c.changes)),
    ];
    const n = params.length;
    const sets = [
      ...written.map((f) => `${f.column} = ${expr(f)}`),
      ...(locationInFile ? [`location = ${POINT('t.lat', 't.lng')}`] : []),
      'external_ref = COALESCE(c.external_ref, t.ref)',
      'updated_at = now()',
    ];
    const [{ updated }] = await em.query(
      `WITH t AS (
         SELECT * FROM unnest($1::uuid[], ${written.map((f, i) => `$${i + 2}::${PG_TYPE[f.type]}[]`).join(', ')}${written.length ? ', ' : ''}$${n - 3}::float8[], $${n - 2}::float8[], $${n - 1}::text[], $${n}::text[])
           AS t(id, ${written.map((f) => `${f.column}, `).join('')}lat, lng, ref, changes)),
       upd AS (UPDATE ${t.table} c SET ${sets.join(', ')} FROM t WHERE c.id = t.id RETURNING c.id),
       logged AS (
         INSERT INTO audit_logs (actor_user_id, actor_role, action, entity_type, entity_id, changes)
         SELECT $${n + 1}::uuid, $${n + 2}, 'update', '${t.entityType}', upd.id::text, t.changes::jsonb FROM upd JOIN t ON t.id = upd.id)
       SELECT count(*)::int AS updated FROM upd`,
      [...params, ...who],
    );
    outcome.updated += updated;
  };

  await allOrEachRow(em, fresh, insert, (row) => row, outcome);
  await allOrEachRow(em, changed, update, (c) => c.row, outcome);
  return outcome;
}

/**
 * Runs `write` on the whole list; when the database refuses a row the rules let through (a
 * constraint they do not know, a tax code another record took), once per row, so each
 * refused row is a row error and the others are written.
 */
async function allOrEachRow<T>(em: EntityManager, list: T[], write: (list: T[]) => Promise<void>, rowOf: (x: T) => ValidRow, outcome: ChunkOutcome): Promise<void> {
  if (!list.length) return;
  const attempt = async (part: T[]) => {
    await em.query('SAVEPOINT import_rows');
    try {
      await write(part);
      await em.query('RELEASE SAVEPOINT import_rows');
    } catch (e) {
      await em.query('ROLLBACK TO SAVEPOINT import_rows');
      throw e;
    }
  };
  try {
    await attempt(list);
  } catch (e) {
    if (!isDataRejection(e)) throw e;
    for (const x of list) {
      try {
        await attempt([x]);
      } catch (err) {
        if (!isDataRejection(err)) throw err;
        const constraint = pgConstraint(err);
        const row = rowOf(x);
        outcome.conflicts.push({ row, column: row.keyColumn, message: `Cơ sở dữ liệu từ chối dòng này${constraint ? ` (ràng buộc ${constraint})` : ''}: ${(err as Error).message}` });
      }
    }
  }
}

/** A location as the service's audit entries record it (GeoJSON). */
function pointOf(lat: unknown, lng: unknown): Point | null {
  return lat === null || lat === undefined || lng === null || lng === undefined ? null : { type: 'Point', coordinates: [Number(lng), Number(lat)] };
}
