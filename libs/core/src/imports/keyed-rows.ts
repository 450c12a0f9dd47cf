import { EntityManager } from 'typeorm';
import type { Point } from 'geojson';
import { isDataRejection, pgConstraint } from '../common/registry';
import { outsideProvincesMessage, provinceColumnOf } from './import-scope';
import {
  ChunkOutcome,
  ImportKindSpec,
  ImportWriteContext,
  POINT,
  POINT_OUT,
  refShown,
  sameValue,
  ValidRow,
} from './import-rows';

/**
 * Writing a kind's rows by their natural key, set-based: each row is matched to the record
 * its key names (locked), then one INSERT for the new rows and one UPDATE for the changed
 * ones, each with its audit entries in the same statement. A corrected spreadsheet corrects
 * the data; the same file again writes nothing. Only the columns the file has are compared
 * and written.
 */
export interface KeyedField {
  /** The value key of ValidRow.values, named as the API names the field. */
  key: string;
  column: string;
  type: keyof typeof PG_TYPE;
  /** The file columns that carry it: absent from the file, the field is neither compared nor written. */
  files: string[];
  /** Written when the record is created, never compared or changed by a file (the owner, a province the record took from it). */
  insertOnly?: boolean;
}

/** A row the file may not write as it is: the row error, with the code the API answers for the same change. */
export interface Refusal {
  column: string;
  message: string;
  code?: string;
}

export type Existing = Record<string, unknown> & { id: string };

export interface KeyedTable {
  table: string;
  /** audit_logs.entity_type, as the service writes it. */
  entityType: string;
  spec: ImportKindSpec;
  fields: KeyedField[];
  /** A `location` geography written from the row's lat/lng. */
  located: boolean;
  /** How a row names its record: unnest columns of `t`, and the join condition on `c`. */
  match: {
    columns: Array<{ name: string; type: string; value: (row: ValidRow) => unknown }>;
    on: string;
    order?: string;
  };
  /** The inserted row's key (SQL over the new row) and the same over `t`, to join the audit entries. */
  insertedKey: { row: string; input: string; value: (row: ValidRow) => string };
  /** More of the record for `vet`, as SQL over `c` (`… AS "name"`). */
  lookupExtra?: string;
  /** A row error instead of an update (two records named, a record the file may not change). */
  vet?: (row: ValidRow, hits: Existing[]) => Refusal | null;
  /** More columns of a new record, as SQL over `t` (its fields by column name, `lat`, `lng`). */
  insertExtra?: Array<{ column: string; value: string }>;
  /** More SET clauses of an update, as SQL over `c` (the record before) and `t` (the file's columns). */
  updateExtra?: string[];
  what: (row: ValidRow) => string;
  /** Work that follows the rows inserted or updated, in the same transaction. */
  afterWrite?: (em: EntityManager, rows: ValidRow[]) => Promise<unknown>;
  /** Work that follows the records updated (their ids), in the same transaction. */
  afterUpdate?: (em: EntityManager, ids: string[]) => Promise<unknown>;
}

const LOCATION_FILES = ['lat', 'lng'];
const PG_TYPE = {
  text: 'text',
  int: 'int',
  bigint: 'bigint',
  numeric: 'numeric',
  date: 'date',
  uuid: 'uuid',
  bool: 'boolean',
  list: 'text',
} as const;

export async function writeKeyedRows(
  em: EntityManager,
  t: KeyedTable,
  rows: ValidRow[],
  { actor, columnsInFile }: ImportWriteContext,
): Promise<ChunkOutcome> {
  const outcome: ChunkOutcome = { inserted: 0, updated: 0, unchanged: 0, changedFields: {}, conflicts: [] };
  if (!rows.length) return outcome;
  const inFile = (f: { files: string[] }) => f.files.some((c) => columnsInFile.has(c));
  const written = t.fields.filter((f) => inFile(f) && !f.insertOnly);
  // Kinds keyed by a reference keep it in external_ref; the others (inventory reports) have none.
  const hasRef = t.spec.columns.some((c) => c.key === 'externalRef');
  const locationInFile = t.located && LOCATION_FILES.some((c) => columnsInFile.has(c));
  const who = [actor?.userId ?? null, actor?.role ?? null];

  // 1. The record each row names, locked until the chunk commits.
  const m = t.match.columns;
  const found: Array<Existing & { i: number }> = await em.query<Array<Existing & { i: number }>>(
    `SELECT t.i, c.id, ${hasRef ? 'c.external_ref AS "externalRef", ' : ''}${t.fields.map((f) => `c.${f.column}${f.type === 'date' ? '::text' : ''} AS "${f.key}"`).join(', ')}${t.located ? `, ${POINT_OUT('c')}` : ''}${t.lookupExtra ? `, ${t.lookupExtra}` : ''}
       FROM unnest($1::int[], ${m.map((c, i) => `$${i + 2}::${c.type}[]`).join(', ')}) AS t(i, ${m.map((c) => c.name).join(', ')})
       JOIN ${t.table} c ON ${t.match.on}
      ORDER BY t.i${t.match.order ? `, ${t.match.order}` : ''}
        FOR UPDATE OF c`,
    [rows.map((_, i) => i + 1), ...m.map((c) => rows.map(c.value))],
  );
  // pg answers bigint and numeric as text; the audit entries record numbers, as the services do.
  const numeric = t.fields.filter((f) => f.type === 'bigint' || f.type === 'numeric');
  for (const f of found)
    for (const n of numeric) if (f[n.key] !== null && f[n.key] !== undefined) f[n.key] = Number(f[n.key]);
  const matches = new Map<number, Existing[]>();
  for (const f of found) matches.set(Number(f.i), [...(matches.get(Number(f.i)) ?? []), f]);

  const fresh: ValidRow[] = [];
  const changed: Array<{ row: ValidRow; id: string; changes: Record<string, [unknown, unknown]> }> = [];
  rows.forEach((row, n) => {
    const hits = matches.get(n + 1) ?? [];
    if (!hits.length) return void fresh.push(row);
    const refused = t.vet?.(row, hits) ?? outsideRecord(t, actor, hits[0]);
    if (refused) return void outcome.conflicts.push({ row, ...refused });
    const [existing] = hits;
    const ref = refShown(row);
    const changes: Record<string, [unknown, unknown]> = {};
    for (const f of written)
      if (!sameValue(row.values[f.key], existing[f.key]))
        changes[f.key] = [existing[f.key] ?? null, row.values[f.key] ?? null];
    if (locationInFile && !(sameValue(row.values.lat, existing.lat) && sameValue(row.values.lng, existing.lng))) {
      changes.location = [pointOf(existing.lat, existing.lng), pointOf(row.values.lat, row.values.lng)];
    }
    if (ref && !existing.externalRef) changes.externalRef = [null, ref];
    if (Object.keys(changes).length) changed.push({ row, id: existing.id, changes });
    else outcome.unchanged++;
  });

  // 2. New records, with their 'create' audit entries.
  const values = (f: KeyedField, list: ValidRow[]) =>
    list.map((r) =>
      f.type === 'list' ? ((r.values[f.key] as string[] | null) ?? []).join(',') : (r.values[f.key] ?? null),
    );
  const expr = (f: KeyedField) =>
    f.type === 'list' ? `COALESCE(string_to_array(NULLIF(t.${f.column}, ''), ','), '{}')` : `t.${f.column}`;
  const insert = async (list: ValidRow[]) => {
    const params = [
      ...t.fields.map((f) => values(f, list)),
      list.map((r) => r.values.lat ?? null),
      list.map((r) => r.values.lng ?? null),
      list.map((r) => r.values.externalRef ?? null),
    ];
    const extra = t.insertExtra ?? [];
    const created = list.map((r) =>
      JSON.stringify({
        ...Object.fromEntries(t.fields.map((f) => [f.key, r.values[f.key] ?? null])),
        ...(t.located ? { location: pointOf(r.values.lat, r.values.lng) } : {}),
      }),
    );
    const n = params.length;
    const res = await em.query<Array<{ k: string }>>(
      `WITH t AS (
         SELECT * FROM unnest(${t.fields.map((f, i) => `$${i + 1}::${PG_TYPE[f.type]}[]`).join(', ')}, $${n - 2}::float8[], $${n - 1}::float8[], $${n}::text[], $${n + 1}::text[])
           AS t(${t.fields.map((f) => f.column).join(', ')}, lat, lng, ref, changes)),
       ins AS (
         INSERT INTO ${t.table} (${t.fields.map((f) => f.column).join(', ')}${t.located ? ', location' : ''}${hasRef ? ', external_ref' : ''}${extra.map((x) => `, ${x.column}`).join('')})
         SELECT ${t.fields.map(expr).join(', ')}${t.located ? `, ${POINT('t.lat', 't.lng')}` : ''}${hasRef ? ', t.ref' : ''}${extra.map((x) => `, ${x.value}`).join('')} FROM t
         ON CONFLICT DO NOTHING RETURNING id, ${t.insertedKey.row} AS k),
       logged AS (
         INSERT INTO audit_logs (actor_user_id, actor_role, action, entity_type, entity_id, changes)
         SELECT $${n + 2}::uuid, $${n + 3}, 'create', '${t.entityType}', ins.id::text, t.changes::jsonb FROM ins JOIN t ON ${t.insertedKey.input} = ins.k)
       SELECT k FROM ins`,
      [...params, created, ...who],
    );
    const made = new Set(res.map((x) => x.k));
    outcome.inserted += made.size;
    for (const row of list) {
      // Another writer took the key between the look-up and the insert: nothing to lock then, so say so.
      if (!made.has(t.insertedKey.value(row)))
        outcome.conflicts.push({
          row,
          column: row.keyColumn,
          message: `${t.what(row)} vừa được ghi bởi người khác cùng lúc; hãy nhập lại tệp`,
        });
    }
    await t.afterWrite?.(
      em,
      list.filter((row) => made.has(t.insertedKey.value(row))),
    );
  };

  // 3. Changed records: the file's columns written, with their 'update' audit entries (before, after).
  const update = async (list: typeof changed) => {
    const params = [
      list.map((c) => c.id),
      ...written.map((f) =>
        values(
          f,
          list.map((c) => c.row),
        ),
      ),
      list.map((c) => c.row.values.lat ?? null),
      list.map((c) => c.row.values.lng ?? null),
      list.map((c) => (refShown(c.row) ? c.row.values.externalRef : null)),
      list.map((c) => JSON.stringify(c.changes)),
    ];
    const n = params.length;
    const sets = [
      ...written.map((f) => `${f.column} = ${expr(f)}`),
      ...(locationInFile ? [`location = ${POINT('t.lat', 't.lng')}`] : []),
      ...(hasRef ? ['external_ref = COALESCE(c.external_ref, t.ref)'] : []),
      ...(t.updateExtra ?? []),
      'updated_at = now()',
    ];
    const [{ updated }] = await em.query<Array<{ updated: number }>>(
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
    await t.afterWrite?.(
      em,
      list.map((c) => c.row),
    );
    await t.afterUpdate?.(
      em,
      list.map((c) => c.id),
    );
    outcome.updated += updated;
    for (const c of list)
      for (const field of Object.keys(c.changes))
        outcome.changedFields[field] = (outcome.changedFields[field] ?? 0) + 1;
  };

  await allOrEachRow(em, fresh, insert, (row) => row, outcome);
  await allOrEachRow(em, changed, update, (c) => c.row, outcome);
  return outcome;
}

/** A record of another province is not the importer's to change, whatever province the row gives it. */
function outsideRecord(
  t: KeyedTable,
  actor: ImportWriteContext['actor'],
  existing: Existing,
): { column: string; message: string } | null {
  if (!t.fields.some((f) => f.key === 'provinceCode')) return null;
  const message = outsideProvincesMessage(
    actor,
    [existing.provinceCode as string | null],
    'Bản ghi mà dòng này cập nhật',
  );
  return message ? { column: provinceColumnOf(t.spec.columns), message } : null;
}

/**
 * Runs `write` on the whole list; when the database refuses a row the rules let through (a
 * constraint they do not know, a tax code another record took), once per row, so each
 * refused row is a row error and the others are written.
 */
async function allOrEachRow<T>(
  em: EntityManager,
  list: T[],
  write: (list: T[]) => Promise<void>,
  rowOf: (x: T) => ValidRow,
  outcome: ChunkOutcome,
): Promise<void> {
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
        outcome.conflicts.push({
          row,
          column: row.keyColumn,
          message: `Cơ sở dữ liệu từ chối dòng này${constraint ? ` (ràng buộc ${constraint})` : ''}: ${(err as Error).message}`,
        });
      }
    }
  }
}

/** A location as the service's audit entries record it (GeoJSON). */
function pointOf(lat: unknown, lng: unknown): Point | null {
  return lat === null || lat === undefined || lng === null || lng === undefined
    ? null
    : { type: 'Point', coordinates: [Number(lng), Number(lat)] };
}
