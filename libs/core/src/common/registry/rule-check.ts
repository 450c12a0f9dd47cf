import { DomainError, DomainErrorKind } from '../domain-error';

/** A broken rule, named by its field as the API spells it, in English (API) and Vietnamese (import row errors). */
export interface RuleProblem {
  code: string;
  field: string;
  message: string;
  messageVi: string;
  /** How the API answers it: 422 unless the rule says otherwise (a conflict with deals is 409). */
  kind?: DomainErrorKind;
  details?: Record<string, unknown>;
}

/**
 * Collects what a resource's rules find wrong with an input. The API answers the first
 * problem (one code, 422, as before); an import reports each one against its cell.
 */
export class RuleCheck {
  readonly problems: RuleProblem[] = [];

  fail(
    code: string,
    field: string,
    message: string,
    messageVi: string,
    answer?: { kind: DomainErrorKind; details?: Record<string, unknown> },
  ): null {
    this.problems.push({ code, field, message, messageVi, ...answer });
    return null;
  }

  get ok(): boolean {
    return this.problems.length === 0;
  }

  /** For the API path: the first problem as the domain error the edge maps. */
  throwFirst(): void {
    const p = this.problems.at(0);
    if (!p) return;
    if (p.kind && p.kind !== 'validation')
      throw new DomainError(p.kind, p.code, p.message, { field: p.field, ...p.details });
    throw DomainError.invalid(p.code, p.field, p.message);
  }
}

/** Runs rules whose problems should stop an API call at once. */
export function checked<T>(rules: (check: RuleCheck) => T): T {
  const check = new RuleCheck();
  const out = rules(check);
  check.throwFirst();
  return out;
}
