import { currentProvinceCodeOf, isCurrentProvinceCode } from '../../administrative-units/province-codes';
import type { Actor } from '../actor';
import { DomainError } from '../domain-error';

/**
 * Provinces as tenants: the one place that says which provinces a signed-in user acts for.
 * A staff user with `provinceCodes` (a provincial Sở Công Thương) works in those provinces only;
 * staff without them and every admin are national (the ministry). Other roles are bound by
 * their organisation (owner rules), not by province, so for them the scope is national too.
 *
 * A row is inside the scope when any of its provinces is one of the actor's: a deal between a
 * lot in one province and a buyer in another belongs to both. A row with no province at all is
 * national only. Lists are filtered; a single row outside answers 403 `<ENTITY>.OUTSIDE_PROVINCES`,
 * as the owner rules answer `<ENTITY>.FORBIDDEN` for another organisation's row.
 */

/** The actor's provinces, or null when the actor is national. */
export function provincesOf(actor: Actor | null | undefined): string[] | null {
  if (actor?.role !== 'staff' || !actor.provinceCodes?.length) return null;
  return actor.provinceCodes;
}

export function isProvinceBound(actor: Actor | null | undefined): boolean {
  return provincesOf(actor) !== null;
}

/** True when the actor is national or one of the row's provinces is the actor's. */
export function coversAnyProvince(
  actor: Actor | null | undefined,
  rowProvinces: ReadonlyArray<string | null | undefined>,
): boolean {
  const mine = provincesOf(actor);
  if (!mine) return true;
  return rowProvinces.some((p) => !!p && mine.includes(p));
}

/** True when the actor is national or every one of `provinces` is the actor's (an empty list is national: no). */
export function coversAllProvinces(
  actor: Actor | null | undefined,
  provinces: ReadonlyArray<string | null | undefined>,
): boolean {
  const mine = provincesOf(actor);
  if (!mine) return true;
  return provinces.length > 0 && provinces.every((p) => !!p && mine.includes(p));
}

export function outsideProvinces(
  actor: Actor,
  entity: string,
  rowProvinces: ReadonlyArray<string | null | undefined>,
): DomainError {
  return new DomainError(
    'forbidden',
    `${entity}.OUTSIDE_PROVINCES`,
    `this ${entity.toLowerCase().replace(/_/g, ' ')} lies outside your provinces (${(provincesOf(actor) ?? []).join(', ')})`,
    {
      provinceCodes: provincesOf(actor),
      rowProvinceCodes: [...new Set(rowProvinces.filter((p): p is string => !!p))].sort(),
    },
  );
}

/** A setting of the whole service (one reminder schedule for all agencies): national staff and admins only. */
export function assertNational(actor: Actor, entity: string, what: string): void {
  if (provincesOf(actor))
    throw new DomainError(
      'forbidden',
      `${entity}.OUTSIDE_PROVINCES`,
      `${what} is national: province staff may not change it`,
      { provinceCodes: provincesOf(actor) },
    );
}

/** A single row: staff of other provinces are refused (403). */
export function assertCoversAnyProvince(
  actor: Actor,
  rowProvinces: ReadonlyArray<string | null | undefined>,
  entity: string,
): void {
  if (!coversAnyProvince(actor, rowProvinces)) throw outsideProvinces(actor, entity, rowProvinces);
}

/** A row the actor changes as a whole (a zone, a permit, a run's scope): all its provinces must be the actor's. */
export function assertCoversAllProvinces(
  actor: Actor,
  rowProvinces: ReadonlyArray<string | null | undefined>,
  entity: string,
): void {
  if (!coversAllProvinces(actor, rowProvinces)) throw outsideProvinces(actor, entity, rowProvinces);
}

/**
 * The provinces a scoped request (a matching run, a transport plan, a report) covers: what the
 * caller asked, which must be among theirs (403 otherwise), or, when they asked none, theirs.
 * A national caller gets what they asked (null: the whole country).
 */
export function scopedProvinceCodes(
  actor: Actor,
  requested: string[] | null | undefined,
  entity: string,
  field = 'provinceCodes',
): string[] | null {
  const mine = provincesOf(actor);
  const asked = requested?.length ? requested : null;
  if (!mine) return asked;
  if (!asked) return [...mine].sort();
  const outside = asked.filter((p) => !mine.includes(p));
  if (outside.length) {
    throw new DomainError(
      'forbidden',
      `${entity}.OUTSIDE_PROVINCES`,
      `${field}: ${outside.join(', ')} not among your provinces (${mine.join(', ')})`,
      {
        field,
        provinceCodes: mine,
        outside,
      },
    );
  }
  return asked;
}

/**
 * The one province a report covers (`?province=`): what the caller asked (a pre-2025 code counts
 * as its successor), which must be theirs (403 otherwise); a province staff member who asks none
 * gets their province, or, working for several, is asked to name one (422 `<entity>.PROVINCE_REQUIRED`).
 * National callers get what they asked (none: the whole country).
 */
export function scopedReportProvince(
  actor: Actor | null | undefined,
  requested: string | null | undefined,
  entity: string,
  field = 'province',
): string | null {
  const asked = requested?.trim() || null;
  const mine = provincesOf(actor);
  if (!mine) return asked;
  if (!asked) {
    if (mine.length === 1) return mine[0];
    throw DomainError.invalid(
      `${entity}.PROVINCE_REQUIRED`,
      field,
      `${field}: name one of your provinces (${mine.join(', ')})`,
    );
  }
  if (!mine.includes(currentProvinceCodeOf(asked))) {
    throw new DomainError(
      'forbidden',
      `${entity}.OUTSIDE_PROVINCES`,
      `${field}: ${asked} is not among your provinces (${mine.join(', ')})`,
      { field, provinceCodes: mine, outside: [asked] },
    );
  }
  return asked;
}

/** Where a row a province staff member creates lies when they do not say: their one province, if they have one. */
export function defaultProvinceOf(actor: Actor): string | null {
  const mine = provincesOf(actor);
  return mine?.length === 1 ? mine[0] : null;
}

let paramSeq = 0;

/**
 * A WHERE condition keeping rows of the actor's provinces: any of `columns` (SQL expressions
 * holding a current province code, e.g. `l.province_code`, or text[] with `&&` given as
 * `{ array: 'g.province_codes' }`) among them. Null when the actor is national (no condition).
 * For TypeORM query builders: `const c = provinceCondition(actor, [...]); if (c) qb.andWhere(c.sql, c.params)`.
 */
export function provinceCondition(
  actor: Actor | null | undefined,
  columns: ProvinceColumn[],
): { sql: string; params: Record<string, string[]> } | null {
  const mine = provincesOf(actor);
  if (!mine) return null;
  const name = `scopeProvinces${++paramSeq % 1_000_000}`;
  return {
    sql: `(${columns.map((c) => columnSql(c, `CAST(:${name} AS text[])`)).join(' OR ')})`,
    params: { [name]: mine },
  };
}

/**
 * A WHERE condition keeping rows whose whole scope (`arrayExpr`, a text[] of province codes,
 * empty or null meaning the whole country) lies in the actor's provinces: a matching run or a
 * plan over other provinces, or over the country, holds their data. Null when the actor is national.
 */
export function provinceSubsetCondition(
  actor: Actor | null | undefined,
  arrayExpr: string,
): { sql: string; params: Record<string, string[]> } | null {
  const mine = provincesOf(actor);
  if (!mine) return null;
  const name = `scopeProvinces${++paramSeq % 1_000_000}`;
  return {
    sql: `(COALESCE(cardinality(${arrayExpr}), 0) > 0 AND ${arrayExpr} <@ CAST(:${name} AS text[]))`,
    params: { [name]: mine },
  };
}

/** The same condition for raw SQL: appends the actor's provinces to `params` and returns the SQL, or 'true' when national. */
export function provinceConditionSql(
  actor: Actor | null | undefined,
  columns: ProvinceColumn[],
  params: unknown[],
): string {
  const mine = provincesOf(actor);
  if (!mine) return 'true';
  params.push(mine);
  const p = `$${params.length}::text[]`;
  return `(${columns.map((c) => columnSql(c, p)).join(' OR ')})`;
}

export type ProvinceColumn = string | { array: string };

function columnSql(c: ProvinceColumn, arrayParam: string): string {
  if (typeof c === 'string') return `${c} = ANY(${arrayParam})`;
  return `${c.array} && ${arrayParam}`;
}

/** Known current province codes, each once, sorted; 422 `<code>` naming the field otherwise. */
export function checkedProvinceCodes(raw: unknown, code: string, field = 'provinceCodes'): string[] {
  if (!Array.isArray(raw) || raw.some((p) => typeof p !== 'string'))
    throw DomainError.invalid(code, field, `${field} must be a list of current province codes such as "91"`);
  const clean = [...new Set((raw as string[]).map((p) => p.trim()))].sort();
  const unknown = clean.filter((p) => !isCurrentProvinceCode(p));
  if (unknown.length) {
    throw new DomainError('validation', code, `${field}: not current province codes: ${unknown.join(', ')}`, [
      { field, message: `not current province codes: ${unknown.join(', ')}`, unknown },
    ]);
  }
  return clean;
}
