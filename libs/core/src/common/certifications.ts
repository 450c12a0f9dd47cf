import { DomainError } from './domain-error';
import type { RuleCheck } from './registry/rule-check';

/** Quality standards buyers ask for; stored as upper-case codes the matching engine compares exactly. */
export const CERTIFICATIONS = ['VIETGAP', 'GLOBALGAP', 'ORGANIC', 'OCOP', 'HACCP', 'ASC', 'BAP', 'RAINFOREST'] as const;
export type Certification = (typeof CERTIFICATIONS)[number];

/** Upper-case codes, sorted, once each; an unknown one throws, or is recorded in `check` when given (an import row). */
export function normalizeCertifications(
  values: string[] | undefined | null,
  field: string,
  check?: RuleCheck,
): string[] {
  if (!values) return [];
  const out = new Set<string>();
  for (const v of values) {
    const code = v.trim().toUpperCase().replace(/[\s-]/g, '');
    if (!(CERTIFICATIONS as readonly string[]).includes(code)) {
      const message = `${field}: "${v}" is not a known certification (${CERTIFICATIONS.join(', ')})`;
      if (!check) throw DomainError.invalid('CERTIFICATION.UNKNOWN', field, message);
      check.fail(
        'CERTIFICATION.UNKNOWN',
        field,
        message,
        `Chứng nhận "${v}" không hợp lệ (${CERTIFICATIONS.join(', ')})`,
      );
      continue;
    }
    out.add(code);
  }
  return [...out].sort();
}
