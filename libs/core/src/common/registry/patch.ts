import { DomainError } from '../domain-error';

/**
 * PATCH bodies pass `null` through optional validators; for a column that
 * cannot be empty that is a malformed request (400, same shape as the DTO
 * pipe's), not a NOT NULL failure.
 */
export function rejectNullFields(patch: object, fields: readonly string[]): void {
  const values = patch as Record<string, unknown>;
  const bad = fields.filter((f) => values[f] === null);
  if (bad.length) {
    const details = bad.map((f) => ({ field: f, message: `${f} cannot be null` }));
    throw new DomainError('bad_request', 'VALIDATION.FAILED', details.map((d) => d.message).join('; '), details);
  }
}

/** The audited fields of a row, for create/delete audit entries. */
export function pickFields(o: object, fields: readonly string[]): Record<string, unknown> {
  const values = o as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = values[f];
  return out;
}
