import { DomainError } from './domain-error';

/**
 * PATCH bodies pass `null` through optional validators; for a column that
 * cannot be empty that is the client's field error, not a NOT NULL failure.
 */
export function rejectNullFields(patch: object, fields: string[], entity: string): void {
  for (const f of fields) {
    if ((patch as any)[f] === null) throw DomainError.invalid(`${entity}.FIELD_REQUIRED`, f, `${f} cannot be null`);
  }
}

/** The audited fields of a row, for create/delete audit entries. */
export function pickFields(o: object, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = (o as any)[f];
  return out;
}
