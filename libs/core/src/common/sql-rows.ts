/**
 * Anything that runs raw SQL: the DataSource, a transaction's EntityManager, a QueryRunner.
 * TypeORM types every raw result as `any`; these helpers are where a query's rows get the type
 * its SQL selects, so that a renamed column fails the type check instead of reading `undefined`.
 */
export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** The rows of a SELECT (or INSERT … RETURNING), typed as the columns the SQL names. */
export async function queryRows<T extends object>(db: SqlRunner, sql: string, parameters?: unknown[]): Promise<T[]> {
  return (await db.query(sql, parameters)) as T[];
}

/** The first row of a query, or undefined when it found none (a lookup by id, an aggregate). */
export async function queryRow<T extends object>(
  db: SqlRunner,
  sql: string,
  parameters?: unknown[],
): Promise<T | undefined> {
  const rows = await queryRows<T>(db, sql, parameters);
  return rows[0];
}
