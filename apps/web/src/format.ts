import { getLang, tr } from './i18n';

const locale = () => (getLang() === 'vi' ? 'vi-VN' : 'en-GB');

// Making an Intl.NumberFormat costs far more than using one (on a slow phone the map's cluster
// labels alone took 100 ms): one per language and number of decimals.
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(digits?: number): Intl.NumberFormat {
  const key = `${locale()} ${digits ?? ''}`;
  let f = numberFormats.get(key);
  if (!f)
    numberFormats.set(
      key,
      (f = new Intl.NumberFormat(locale(), digits === undefined ? undefined : { maximumFractionDigits: digits })),
    );
  return f;
}

/** Quantities are stored in kg and shown in tấn (tonnes), as traders speak. */
export function formatTons(kg: number): string {
  const tons = kg / 1000;
  const digits = tons >= 100 ? 0 : tons >= 1 ? 1 : 3;
  return `${numberFormat(digits).format(tons)} ${getLang() === 'vi' ? 'tấn' : 't'}`;
}

export function formatVndPerKg(vnd: number | null | undefined): string {
  if (vnd === null || vnd === undefined) return '—';
  // Vietnamese writes 7.200 đ/kg; English 7,200 VND/kg.
  return `${numberFormat().format(vnd)} ${getLang() === 'vi' ? 'đ/kg' : 'VND/kg'}`;
}

/** Whole đồng: 88.800.000 đ in Vietnamese, 88,800,000 VND in English. */
export function formatVnd(vnd: number | null | undefined): string {
  if (vnd === null || vnd === undefined) return '—';
  return `${numberFormat().format(vnd)} ${getLang() === 'vi' ? 'đ' : 'VND'}`;
}

export function formatNumber(n: number, digits = 0): string {
  return numberFormat(digits).format(n);
}

/** 'YYYY-MM-DD' → dd/mm/yyyy, read as a calendar day (no time zone shift). */
export function formatDate(day: string | null | undefined): string {
  if (!day) return '—';
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

export function formatWindow(from: string | null | undefined, to: string | null | undefined): string {
  return `${formatDate(from)} – ${formatDate(to)}`;
}

export function statusLabel(prefix: string, value: string): string {
  return tr(`${prefix}_${value}`, value);
}
