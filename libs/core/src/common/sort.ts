import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * The sort keys a list accepts: each field ascending, and `-field` descending. The web list
 * sends what the user clicked; the allow-list keeps a query string out of ORDER BY.
 */
export function sortKeysOf<K extends string>(fields: readonly K[]): Array<K | `-${K}`> {
  return fields.flatMap((f) => [f, `-${f}` as const]);
}

/** The sort keys of a list that sorts by the keys of its column map (the `columns` of applySort). */
export function sortKeysOfColumns<C extends Record<string, string>>(
  columns: C,
): Array<(keyof C & string) | `-${keyof C & string}`> {
  return sortKeysOf(Object.keys(columns) as Array<keyof C & string>);
}

/**
 * Orders a list by one allowed key (columns maps a key to its query-builder column), falling back
 * to the list's usual order; `tieBreak` last so pages never overlap when values tie.
 */
export function applySort<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  sort: string | undefined,
  columns: Record<string, string>,
  fallback: [string, 'ASC' | 'DESC'],
  tieBreak: string,
): SelectQueryBuilder<E> {
  const key = sort?.replace(/^-/, '');
  const column = key ? columns[key] : undefined;
  if (column)
    qb.orderBy(column, sort?.startsWith('-') ? 'DESC' : 'ASC', 'NULLS LAST').addOrderBy(fallback[0], fallback[1]);
  else qb.orderBy(fallback[0], fallback[1]);
  return qb.addOrderBy(tieBreak, 'ASC');
}
