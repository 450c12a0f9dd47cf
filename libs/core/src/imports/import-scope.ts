import type { Actor } from '../common/actor';
import { coversAnyProvince, provincesOf } from '../common/territory/province-scope';
import type { ValidRow } from './import-rows';

/**
 * Provinces as tenants for spreadsheets: what province staff import lies in their provinces,
 * row by row, by the one scope rule (common/territory/province-scope.ts). Every kind goes
 * through here: a row names its provinces (`ValidRow.provinceCodes`, else the province it
 * writes, `values.provinceCode`); a row outside is a row error, never a write.
 */
export function rowProvinceCodes(row: Pick<ValidRow, 'provinceCodes' | 'values'>): Array<string | null> {
  if (row.provinceCodes) return row.provinceCodes;
  const p = row.values.provinceCode;
  return [typeof p === 'string' ? p : null];
}

/** The row error for a row (or the record it would change) outside the importer's provinces; null when inside. */
export function outsideProvincesMessage(
  actor: Actor | null,
  provinces: ReadonlyArray<string | null | undefined>,
  what = 'Dòng này',
): string | null {
  const mine = provincesOf(actor);
  if (!mine || coversAnyProvince(actor, provinces)) return null;
  const where = provinces.filter((p): p is string => !!p);
  return `${what} thuộc ${where.length ? `tỉnh ${[...new Set(where)].join(', ')}` : 'cấp quốc gia (không có tỉnh)'}, ngoài địa bàn bạn phụ trách (${mine.join(', ')}): không được ghi`;
}

/** The column a province error is reported in: the file's province column if the kind has one, else its first (the owner). */
export function provinceColumnOf(columns: ReadonlyArray<{ key: string }>): string {
  return columns.find((c) => c.key === 'provinceCode')?.key ?? columns[0].key;
}
