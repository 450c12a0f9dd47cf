/**
 * PostgreSQL error codes (SQLSTATE) as the services meet them. TypeORM's
 * QueryFailedError copies the driver's fields onto itself, but a raw pg error
 * or one wrapped by a transaction runner carries them only on `driverError`:
 * read both, here, once.
 */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';
export const PG_CHECK_VIOLATION = '23514';

interface PgErrorFields {
  code?: unknown;
  constraint?: unknown;
  column?: unknown;
  driverError?: { code?: unknown; constraint?: unknown; column?: unknown };
}

export function pgErrorCode(e: unknown): string | undefined {
  const err = e as PgErrorFields | null | undefined;
  const code = err?.code ?? err?.driverError?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The constraint a violation names (unique index, CHECK or foreign key), if any. */
export function pgConstraint(e: unknown): string | undefined {
  const err = e as PgErrorFields | null | undefined;
  const c = err?.constraint ?? err?.driverError?.constraint;
  return typeof c === 'string' ? c : undefined;
}

export function pgColumn(e: unknown): string | undefined {
  const err = e as PgErrorFields | null | undefined;
  const c = err?.column ?? err?.driverError?.column;
  return typeof c === 'string' ? c : undefined;
}

/** A unique key the service checked and a concurrent writer still took: 23505 on that index. */
export function isUniqueViolation(e: unknown): boolean {
  return pgErrorCode(e) === PG_UNIQUE_VIOLATION;
}

export function isForeignKeyViolation(e: unknown): boolean {
  return pgErrorCode(e) === PG_FOREIGN_KEY_VIOLATION;
}

export function isCheckViolation(e: unknown): boolean {
  return pgErrorCode(e) === PG_CHECK_VIOLATION;
}

/** Integrity and data errors (SQLSTATE classes 22 and 23): the row's doing, not the infrastructure's. */
export function isDataRejection(e: unknown): boolean {
  const code = pgErrorCode(e);
  return !!code && (code.startsWith('22') || code.startsWith('23'));
}
