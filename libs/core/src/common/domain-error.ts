/**
 * Services throw these, never HTTP exceptions: the worker runs the same
 * services. The api maps `kind` to a status in one filter.
 */
export type DomainErrorKind =
  | 'validation' // 422
  | 'bad_request' // 400
  | 'unauthorized' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409
  | 'too_large' // 413
  | 'rate_limited' // 429, with details.retryAfterSeconds as Retry-After
  | 'unavailable'; // 503: a part of the service is not configured or not reachable

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** Stable code, e.g. `SUPPLY_LOT.NOT_FOUND`; clients may branch on it. */
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown> | Array<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(entity: string, id: string, field = 'id'): DomainError {
    return new DomainError('not_found', `${entity}.NOT_FOUND`, `${entity.toLowerCase()} ${id} not found`, {
      field,
      value: id,
    });
  }

  static invalid(code: string, field: string, message: string): DomainError {
    return new DomainError('validation', code, message, [{ field, message }]);
  }
}

/** What to print for a caught value: anything can be thrown, an Error's message is what a log line wants. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
