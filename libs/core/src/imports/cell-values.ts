import { isDateOnly } from '../common/dates';

/**
 * Cell values as district spreadsheets write them: Vietnamese numbers
 * (1.234,5 — dot for thousands, comma for decimals), dd/mm/yyyy dates, and
 * the ISO forms. Each parser answers the value or an error message in Vietnamese.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** A raw cell after formula screening: text, number, boolean or Date (xlsx date cells). */
export type CellValue = string | number | boolean | Date | null;

export function isBlank(v: CellValue): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

/** "1.234,5" → 1234.5; "50.000" → 50000; "7,5" → 7.5; "1,234.5" → 1234.5; "7.5" → 7.5. */
export function parseVietnameseNumber(v: CellValue): Parsed<number> {
  if (typeof v === 'number') return Number.isFinite(v) ? ok(v) : bad('không phải là số');
  if (typeof v !== 'string') return bad('không phải là số');
  let s = v.replace(/[\s\u00a0]/g, '').replace(/(đ|đồng|vnd|kg)$/i, '');
  if (!/^[+-]?[\d.,]+$/.test(s) || !/\d/.test(s)) return bad(`"${v}" không phải là số`);
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastComma > lastDot ? ',' : '.';
    const thousands = decimal === ',' ? '.' : ',';
    const [intPart, frac, ...rest] = s.split(decimal);
    if (rest.length || !thousandsGrouped(intPart, thousands)) return bad(`"${v}" không phải là số hợp lệ`);
    s = `${intPart.split(thousands).join('')}.${frac}`;
  } else if (lastComma >= 0) {
    const parts = s.split(',');
    // One comma is the Vietnamese decimal mark; several are thousands groups.
    if (parts.length === 2) s = `${parts[0]}.${parts[1]}`;
    else if (thousandsGrouped(s, ',')) s = parts.join('');
    else return bad(`"${v}" không phải là số hợp lệ`);
  } else if (lastDot >= 0) {
    const parts = s.split('.');
    // "50.000" and "1.234.567" are thousands; "7.5" and "7.50" are decimals.
    if (parts.length > 2) {
      if (!thousandsGrouped(s, '.')) return bad(`"${v}" không phải là số hợp lệ`);
      s = parts.join('');
    } else if (
      parts[1].length === 3 &&
      parts[0].replace(/^[+-]/, '').length > 0 &&
      parts[0].replace(/^[+-]/, '') !== '0'
    ) {
      s = parts.join('');
    }
  }
  const n = Number(s);
  return Number.isFinite(n) ? ok(n) : bad(`"${v}" không phải là số`);
}

function thousandsGrouped(s: string, sep: string): boolean {
  return new RegExp(`^[+-]?\\d{1,3}(\\${sep}\\d{3})*$`).test(s);
}

export function parseWholeNumber(v: CellValue, opts: { min?: number; max?: number } = {}): Parsed<number> {
  const n = parseVietnameseNumber(v);
  if (!n.ok) return n;
  if (!Number.isInteger(n.value)) return bad(`phải là số nguyên (nhận được ${cellText(v)})`);
  if (opts.min !== undefined && n.value < opts.min) return bad(`phải lớn hơn hoặc bằng ${opts.min}`);
  if (opts.max !== undefined && n.value > opts.max) return bad(`phải nhỏ hơn hoặc bằng ${opts.max}`);
  return n;
}

export function parseDecimal(
  v: CellValue,
  opts: { min?: number; max?: number; exclusiveMin?: number } = {},
): Parsed<number> {
  const n = parseVietnameseNumber(v);
  if (!n.ok) return n;
  if (opts.exclusiveMin !== undefined && n.value <= opts.exclusiveMin) return bad(`phải lớn hơn ${opts.exclusiveMin}`);
  if (opts.min !== undefined && n.value < opts.min) return bad(`phải lớn hơn hoặc bằng ${opts.min}`);
  if (opts.max !== undefined && n.value > opts.max) return bad(`phải nhỏ hơn hoặc bằng ${opts.max}`);
  return n;
}

/** dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd, an xlsx date cell or an Excel serial day. */
export function parseVietnameseDate(v: CellValue): Parsed<string> {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return bad('ngày không hợp lệ');
    // exceljs gives date cells as UTC midnight of the written day.
    return ok(v.toISOString().slice(0, 10));
  }
  if (typeof v === 'number') {
    // Excel serial day (1900 system): 25569 is 1970-01-01.
    if (Number.isInteger(v) && v > 20000 && v < 80000)
      return ok(new Date((v - 25569) * 86400_000).toISOString().slice(0, 10));
    return bad(`"${v}" không phải là ngày (dd/mm/yyyy)`);
  }
  const s = cellText(v);
  let iso: string | null = null;
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  if (m) iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  if (!iso) return bad(`"${s}" không phải là ngày (dd/mm/yyyy)`);
  if (!isDateOnly(iso)) return bad(`ngày "${s}" không tồn tại`);
  return ok(iso);
}

/** "VIETGAP, GLOBALGAP; HUU_CO" → ['VIETGAP', 'GLOBALGAP', 'HUU_CO']. */
export function parseList(v: CellValue): string[] {
  const s = cellText(v);
  if (!s) return [];
  return s
    .split(/[,;\n]/)
    .map((x) => x.trim())
    .filter(Boolean);
}

export function formatVietnameseDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}
