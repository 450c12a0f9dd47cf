import { DomainError } from './domain-error';

/** Quality standards buyers ask for; stored as upper-case codes the matching engine compares exactly. */
export const CERTIFICATIONS = ['VIETGAP', 'GLOBALGAP', 'ORGANIC', 'OCOP', 'HACCP', 'ASC', 'BAP', 'RAINFOREST'] as const;
export type Certification = (typeof CERTIFICATIONS)[number];

export function normalizeCertifications(values: string[] | undefined | null, field: string): string[] {
  if (!values) return [];
  const out = new Set<string>();
  for (const v of values) {
    const code = String(v).trim().toUpperCase().replace(/[\s-]/g, '');
    if (!(CERTIFICATIONS as readonly string[]).includes(code)) {
      throw DomainError.invalid(
        'CERTIFICATION.UNKNOWN',
        field,
        `${field}: "${v}" is not a known certification (${CERTIFICATIONS.join(', ')})`,
      );
    }
    out.add(code);
  }
  return [...out].sort();
}
