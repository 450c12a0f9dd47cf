import { normalizeCertifications } from '../common/certifications';
import { RuleCheck } from '../common/registry';

/** What an area is written from, by the API or a spreadsheet row (catalogue, owner and geometry checks are the caller's). */
export interface ProductionAreaTerms {
  name?: string | null;
  areaHa?: number;
  certifications?: string[] | null;
  growingAreaCode?: string | null;
}

/**
 * An area's own rules, whatever the transport: the input normalised (fields left out stay
 * out), every problem in `check`. Hectares are declared, two decimals at most (what a land
 * certificate gives); the drawn boundary's own measure is reported beside them.
 */
export function normalizeProductionArea<T extends ProductionAreaTerms>(input: T, check: RuleCheck): T {
  const out = { ...input };
  if (input.name !== undefined) out.name = input.name?.trim() || null;
  if (input.growingAreaCode !== undefined) out.growingAreaCode = input.growingAreaCode?.trim() || null;
  const { areaHa } = input;
  if (
    areaHa !== undefined &&
    (typeof areaHa !== 'number' ||
      !Number.isFinite(areaHa) ||
      areaHa <= 0 ||
      Math.abs(areaHa * 100 - Math.round(areaHa * 100)) > 1e-6)
  ) {
    check.fail(
      'PRODUCTION_AREA.INVALID_AREA',
      'areaHa',
      'areaHa must be a number of hectares above 0 with at most 2 decimals',
      'Diện tích phải là số héc-ta lớn hơn 0, nhiều nhất 2 chữ số thập phân',
    );
  }
  if (input.certifications !== undefined)
    out.certifications = normalizeCertifications(input.certifications, 'certifications', check);
  return out;
}
