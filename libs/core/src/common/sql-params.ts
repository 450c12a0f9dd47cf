/**
 * The one way our raw SQL takes values: `sql.param(v)` keeps the value and gives its numbered
 * placeholder (`$n`), so a query built from optional filters never counts placeholders by hand.
 */
export class SqlParams {
  readonly values: unknown[];

  constructor(...initial: unknown[]) {
    this.values = initial;
  }

  param(value: unknown): string {
    return `$${this.values.push(value)}`;
  }
}

/** `WHERE a AND b …`, or nothing when there is no condition. */
export function whereAll(conditions: readonly string[]): string {
  return conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
}
