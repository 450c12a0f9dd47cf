import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';
import { normalizeCertifications } from '../common/certifications';
import { isOnVietnamTerritory } from '../common/geo';
import { AdministrativeUnitResolver, UnitResolution } from '../administrative-units/administrative-unit-resolver';
import { DomainError } from '../common/domain-error';
import { LAT_LNG_COLUMNS, normalizeTaxCode, REF_COLUMN, RuleCheck, SheetColumn } from '../common/registry';
import { foldVietnamese } from '../common/vietnamese-text';
import {
  CellValue,
  cellText,
  isBlank,
  parseDecimal,
  parseList,
  parseVietnameseDate,
  parseWholeNumber,
} from './cell-values';
import type { ImportKind, ImportRowError } from './import.entity';
import { columnLetter, type SheetRow } from './sheet';

/**
 * What every import kind shares: its column spec, a row read through it (cells parsed
 * the Vietnamese way, errors per cell), the registry rows a file refers to, and the
 * set-based writing helpers. Each kind (`<resource>/<resource>.import.ts`) says
 * what its rows mean.
 */
export type ImportColumn = SheetColumn;

export interface ImportKindSpec {
  kind: ImportKind;
  title: string;
  columns: ImportColumn[];
  /** Header groups of which at least one must be present (e.g. tax code or name). */
  oneOf?: string[][];
}

export const org = (who: 'HTX' | 'bên mua', prefix: string): ImportColumn[] => [
  {
    key: `${prefix}TaxCode`,
    header: who === 'HTX' ? 'Mã số thuế HTX' : 'Mã số thuế bên mua',
    example: '1701234567',
    hint: 'Mã số thuế hoặc tên (một trong hai)',
  },
  {
    key: `${prefix}Name`,
    header: who === 'HTX' ? 'Tên HTX' : 'Tên bên mua',
    example: who === 'HTX' ? 'HTX Nông nghiệp Thạnh Lợi' : 'Công ty TNHH Chế biến Nông sản An Giang',
  },
];
export const latLng: ImportColumn[] = LAT_LNG_COLUMNS;
export const ref: ImportColumn = REF_COLUMN;

export function normalizeHeader(h: string): string {
  return foldVietnamese(String(h ?? '').replace(/\*/g, '')).replace(/\s*\/\s*/g, '/');
}

/** Maps each spec column to its index in the sheet; answers the missing required headers. */
export function matchHeaders(
  spec: ImportKindSpec,
  headers: string[],
): { index: Map<string, number>; missing: string[]; unknown: string[] } {
  const byName = new Map<string, number>();
  headers.forEach((h, i) => {
    if (h) byName.set(normalizeHeader(h), i);
  });
  const index = new Map<string, number>();
  for (const c of spec.columns) {
    const i = [c.header, ...(c.aliases ?? []), c.key]
      .map((h) => byName.get(normalizeHeader(h)))
      .find((x) => x !== undefined);
    if (i !== undefined) index.set(c.key, i);
  }
  const missing = spec.columns.filter((c) => c.required && !index.has(c.key)).map((c) => c.header);
  for (const group of spec.oneOf ?? []) {
    if (!group.some((k) => index.has(k)))
      missing.push(group.map((k) => spec.columns.find((c) => c.key === k)!.header).join(' hoặc '));
  }
  const known = new Set(index.values());
  const unknown = headers.filter((h, i) => h && !known.has(i));
  return { index, missing, unknown };
}

// ---------------------------------------------------------------- references

export interface OrgRef {
  id: string;
  name: string;
  taxCode: string | null;
  provinceCode: string | null;
  lat: number | null;
  lng: number | null;
}

/** The registry rows a file refers to, loaded in a few set queries, not one per row. */
export class ImportReferences {
  products = new Map<string, string>();
  priceBands = new Map<string, { min: number | null; max: number | null }>();
  cooperatives = new OrgIndex();
  buyers = new OrgIndex();
  /** Communes and provinces the file names, current or pre-2025 (district spreadsheets use the old codes). */
  units: AdministrativeUnitResolver | null = null;

  static async load(em: EntityManager, spec: ImportKindSpec, rows: RowReader[]): Promise<ImportReferences> {
    const refs = new ImportReferences();
    const products = await em.query<ProductRefRow[]>(
      `SELECT code, name_vi, typical_price_min_vnd, typical_price_max_vnd FROM products`,
    );
    for (const p of products) {
      refs.products.set(p.code, p.code);
      refs.priceBands.set(p.code, { min: p.typical_price_min_vnd, max: p.typical_price_max_vnd });
      refs.products.set(foldVietnamese(p.name_vi), p.code);
    }
    const keys = new Set(spec.columns.map((c) => c.key));
    for (const [prefix, table, index] of [
      ['cooperative', 'cooperatives', refs.cooperatives],
      ['buyer', 'buyers', refs.buyers],
    ] as const) {
      if (!keys.has(`${prefix}TaxCode`)) continue;
      const taxCodes = new Set<string>();
      const names = new Set<string>();
      for (const r of rows) {
        const t = cellText(r.value(`${prefix}TaxCode`));
        const n = cellText(r.value(`${prefix}Name`));
        const tc = t ? normalizeTaxCode(t) : null;
        if (tc) taxCodes.add(tc);
        if (n) names.add(`${foldVietnamese(n).replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      }
      if (!taxCodes.size && !names.size) continue;
      const found = await em.query<OrganizationRefRow[]>(
        `SELECT id, name, tax_code, province_code, ST_Y(location::geometry) AS lat, ST_X(location::geometry) AS lng
           FROM ${table} WHERE tax_code = ANY($1::text[]) OR search_text LIKE ANY($2::text[])`,
        [[...taxCodes], [...names]],
      );
      for (const o of found)
        index.add({
          id: o.id,
          name: o.name,
          taxCode: o.tax_code,
          provinceCode: o.province_code,
          lat: o.lat,
          lng: o.lng,
        });
    }
    if (keys.has('communeCode') || keys.has('provinceCode')) {
      const communes = new Set<string>();
      const provinces = new Set<string>();
      for (const r of rows) {
        const c = cellText(r.value('communeCode'));
        const p = cellText(r.value('provinceCode'));
        if (c) communes.add(c);
        if (p) provinces.add(p);
      }
      refs.units = await AdministrativeUnitResolver.load(em, [...communes, ...provinces]);
    }
    return refs;
  }
}

/** A product as the references read it (int columns: pg answers numbers). */
interface ProductRefRow {
  code: string;
  name_vi: string;
  typical_price_min_vnd: number | null;
  typical_price_max_vnd: number | null;
}

/** A cooperative or buyer a file names (float8 coordinates: pg answers numbers). */
interface OrganizationRefRow {
  id: string;
  name: string;
  tax_code: string | null;
  province_code: string | null;
  lat: number | null;
  lng: number | null;
}

export class OrgIndex {
  private readonly byTax = new Map<string, OrgRef>();
  private readonly byName = new Map<string, OrgRef[]>();
  add(o: OrgRef) {
    if (o.taxCode) this.byTax.set(o.taxCode, o);
    const k = foldVietnamese(o.name);
    this.byName.set(k, [...(this.byName.get(k) ?? []), o]);
  }
  resolve(taxCode: string | null, name: string | null): OrgRef | string {
    if (taxCode) return this.byTax.get(taxCode) ?? `không có đơn vị nào với mã số thuế ${taxCode}`;
    const hits = this.byName.get(foldVietnamese(name ?? '')) ?? [];
    if (hits.length === 1) return hits[0];
    return hits.length
      ? `có ${hits.length} đơn vị cùng tên "${name}": hãy ghi mã số thuế`
      : `không có đơn vị nào tên "${name}"`;
  }
}

// ---------------------------------------------------------------- row checks

/** One sheet row seen through the spec's columns; collects its errors. */
export class RowReader {
  readonly errors: ImportRowError[] = [];
  constructor(
    readonly row: SheetRow,
    private readonly spec: ImportKindSpec,
    private readonly index: Map<string, number>,
  ) {
    for (const f of row.formulaCells) {
      const col = [...index.entries()].find(([, i]) => i === f.column)?.[0];
      this.errors.push({
        row: row.rowNumber,
        column: col ? this.header(col) : f.address.replace(/\d+$/, ''),
        cell: f.address,
        message: `Ô ${f.address} chứa công thức (=${f.formula}); hãy dán giá trị thay cho công thức`,
      });
    }
  }
  get rowNumber() {
    return this.row.rowNumber;
  }
  value(key: string): CellValue {
    const i = this.index.get(key);
    return i === undefined ? null : (this.row.cells[i] ?? null);
  }
  header(key: string): string {
    return this.spec.columns.find((c) => c.key === key)?.header ?? key;
  }
  /** `code`: the rule's code, the one the API answers for the same input. */
  fail(key: string, message: string, code?: string): null {
    const i = this.index.get(key);
    // One error per cell: a formula cell is reported as such, not also as missing.
    if (i !== undefined && this.errors.some((e) => e.cell === `${columnLetter(i)}${this.row.rowNumber}`)) return null;
    this.errors.push({
      row: this.row.rowNumber,
      column: this.header(key),
      ...(i !== undefined ? { cell: `${columnLetter(i)}${this.row.rowNumber}` } : {}),
      message,
      ...(code ? { code } : {}),
    });
    return null;
  }
  get ok() {
    return this.errors.length === 0;
  }

  text(key: string, opts: { required?: boolean; max?: number } = {}): string | null {
    const v = this.value(key);
    if (isBlank(v)) return opts.required ? this.fail(key, `Thiếu ${this.header(key)}`) : null;
    const s = cellText(v);
    if (opts.max && s.length > opts.max) return this.fail(key, `${this.header(key)} dài quá ${opts.max} ký tự`);
    return s;
  }
  whole(key: string, opts: { required?: boolean; min?: number; max?: number } = {}): number | null {
    const v = this.value(key);
    if (isBlank(v)) return opts.required ? this.fail(key, `Thiếu ${this.header(key)}`) : null;
    const p = parseWholeNumber(v, opts);
    return p.ok ? p.value : this.fail(key, `${this.header(key)} ${p.message}`);
  }
  decimal(
    key: string,
    opts: { required?: boolean; min?: number; max?: number; exclusiveMin?: number } = {},
  ): number | null {
    const v = this.value(key);
    if (isBlank(v)) return opts.required ? this.fail(key, `Thiếu ${this.header(key)}`) : null;
    const p = parseDecimal(v, opts);
    return p.ok ? p.value : this.fail(key, `${this.header(key)} ${p.message}`);
  }
  date(key: string, required = true): string | null {
    const v = this.value(key);
    if (isBlank(v)) return required ? this.fail(key, `Thiếu ${this.header(key)}`) : null;
    const p = parseVietnameseDate(v);
    return p.ok ? p.value : this.fail(key, `${this.header(key)}: ${p.message}`);
  }
  product(refs: ImportReferences, key = 'product'): string | null {
    const s = this.text(key, { required: true });
    if (s === null) return null;
    const code = refs.products.get(s.toUpperCase()) ?? refs.products.get(foldVietnamese(s));
    return code ?? this.fail(key, `Mã sản phẩm "${s}" không có trong danh mục`);
  }
  products(refs: ImportReferences, key: string): string[] | null {
    const out = new Set<string>();
    for (const s of parseList(this.value(key))) {
      const code = refs.products.get(s.toUpperCase()) ?? refs.products.get(foldVietnamese(s));
      if (!code) return this.fail(key, `Mã sản phẩm "${s}" không có trong danh mục`);
      out.add(code);
    }
    return [...out].sort();
  }
  /** The cell as a list, for a rules function to check (certifications and the like). */
  list(key: string): string[] {
    return parseList(this.value(key));
  }
  certifications(key: string): string[] | null {
    const check = new RuleCheck();
    const out = normalizeCertifications(this.list(key), key, check);
    failRuleProblems(this, check, () => key);
    return check.ok ? out : null;
  }
  organization(index: OrgIndex, prefix: string): OrgRef | null {
    const t = this.text(`${prefix}TaxCode`);
    const n = this.text(`${prefix}Name`);
    if (!t && !n)
      return this.fail(
        `${prefix}TaxCode`,
        `Thiếu ${this.header(`${prefix}TaxCode`)} hoặc ${this.header(`${prefix}Name`)}`,
      );
    let tax: string | null = null;
    if (t) {
      tax = normalizeTaxCode(t);
      if (!tax) return this.fail(`${prefix}TaxCode`, `Mã số thuế "${t}" không hợp lệ (10 hoặc 13 chữ số)`);
    }
    const r = index.resolve(tax, n);
    return typeof r === 'string'
      ? this.fail(tax ? `${prefix}TaxCode` : `${prefix}Name`, r[0].toUpperCase() + r.slice(1))
      : r;
  }
  point(required: boolean): { lat: number; lng: number } | null | undefined {
    const lat = this.decimal('lat', { required, min: -90, max: 90 });
    const lng = this.decimal('lng', { required, min: -180, max: 180 });
    if (lat === null && lng === null) return required ? undefined : null;
    if (lat === null || lng === null) {
      if (this.ok) this.fail(lat === null ? 'lat' : 'lng', 'Cần ghi cả vĩ độ và kinh độ');
      return undefined;
    }
    if (!isOnVietnamTerritory({ lat, lng }))
      return this.fail('lat', `Tọa độ (${lat}; ${lng}) nằm ngoài lãnh thổ Việt Nam (đất liền và hải đảo)`) ?? undefined;
    return { lat, lng };
  }
  window(fromKey: string, toKey: string): [string, string] | null {
    const from = this.date(fromKey);
    const to = this.date(toKey);
    if (!from || !to) return null;
    if (from > to)
      return this.fail(toKey, `${this.header(toKey)} phải từ ${this.header(fromKey).toLowerCase()} trở đi`);
    return [from, to];
  }
}

export { columnLetter } from './sheet';

export function naturalKeyRef(kind: ImportKind, key: string): string {
  return `imp:${createHash('sha256').update(`${kind}|${key}`).digest('hex').slice(0, 48)}`;
}

/** A checked row, ready for the set-based insert of its kind. */
export interface ValidRow {
  rowNumber: number;
  /**
   * The values of every unique key the row's table holds, owner included (the first is
   * what the insert returns): two rows of one file sharing one are one row written twice.
   */
  keys: string[];
  /** The column that carries the natural key, for a duplicate's row error. */
  keyColumn: string;
  values: Record<string, unknown>;
  /** Where the row lies for the province scope (import-scope.ts) when `values.provinceCode` does not say it. */
  provinceCodes?: Array<string | null>;
}

export type Checked = {
  keys: string[];
  keyColumn: string;
  values: Record<string, unknown>;
  provinceCodes?: Array<string | null>;
} | null;

/** Cooperatives and buyers: the province registry owns them, so reference and tax code are registry-wide. */
export function registryKeys(
  ref: string,
  taxCode: string | null,
  externalRef: string | null,
): { keys: string[]; keyColumn: string } {
  return {
    keys: [`ref|${ref}`, ...(taxCode ? [`tax|${taxCode}`] : [])],
    keyColumn: externalRef ? 'externalRef' : taxCode ? 'taxCode' : 'name',
  };
}

export interface Place {
  administrativeUnitId: string | null;
  pre2025AdministrativeUnitId: string | null;
  provinceCode: string | null;
  pre2025ProvinceCode: string | null;
}

/**
 * Commune and province columns: current codes, or the pre-2025 ones district spreadsheets still
 * use (a commune, a district or an old province), stored as the current unit with the old one
 * beside it. The row's coordinates decide where an old commune was split.
 */
export function place(
  r: RowReader,
  refs: ImportReferences,
  point: { lat: number; lng: number } | null | undefined,
): Place | null {
  const commune = r.text('communeCode');
  const province = r.text('provinceCode');
  let unit: UnitResolution | null = null;
  let prov: UnitResolution | null = null;
  if (commune) {
    unit = unitOf(r, refs, 'communeCode', commune, ['commune', 'district'], point ?? null);
    if (!unit) return null;
  }
  if (province) {
    prov = unitOf(r, refs, 'provinceCode', province, ['province'], null);
    if (!prov) return null;
  }
  if (prov && unit?.provinceCode && unit.provinceCode !== prov.code)
    return r.fail('communeCode', `Xã/phường ${commune} không thuộc tỉnh ${province}`);
  return {
    administrativeUnitId: unit?.unitId ?? null,
    pre2025AdministrativeUnitId: unit?.pre2025UnitId ?? null,
    provinceCode: prov?.code ?? unit?.provinceCode ?? null,
    pre2025ProvinceCode: prov?.pre2025UnitId ? prov.pre2025UnitId.split(':')[2] : null,
  };
}

/** One unit cell through the resolver every entry point uses; its refusals as row errors in Vietnamese. */
export function unitOf(
  r: RowReader,
  refs: ImportReferences,
  key: 'communeCode' | 'provinceCode',
  value: string,
  levels: Array<'commune' | 'district' | 'province'>,
  location: { lat: number; lng: number } | null,
): UnitResolution | null {
  try {
    if (!refs.units) throw DomainError.invalid('ADMINISTRATIVE_UNIT.UNKNOWN', key, value);
    return refs.units.resolve(value, { field: key, levels, location });
  } catch (e) {
    const code = (e as DomainError).code;
    const details = (e as DomainError).details;
    const detail = Array.isArray(details)
      ? (details[0] as { candidates?: Array<{ name: string; code: string }> } | undefined)
      : undefined;
    const what = key === 'communeCode' ? 'Mã xã/phường' : 'Mã tỉnh';
    if (code === 'ADMINISTRATIVE_UNIT.AMBIGUOUS') {
      const list = (detail?.candidates ?? []).map((c) => `${c.name} (${c.code})`).join(', ');
      return r.fail(
        key,
        `${what} "${value}" là đơn vị cũ đã được chia cho ${list}; ghi ${location ? 'tọa độ nằm trong một trong các đơn vị đó' : 'tọa độ (vĩ độ, kinh độ)'} hoặc mã đơn vị mới`,
      );
    }
    if (code === 'ADMINISTRATIVE_UNIT.NO_SUCCESSOR')
      return r.fail(key, `${what} "${value}" là đơn vị cũ chưa xác định được đơn vị mới thay thế`);
    if (code === 'ADMINISTRATIVE_UNIT.UNKNOWN')
      return r.fail(key, `${what} "${value}" không có trong danh mục hành chính (hiện hành hoặc trước 1/7/2025)`);
    throw e;
  }
}

// ---------------------------------------------------------------- writing helpers

export const POINT = (lat: string, lng: string) =>
  `CASE WHEN ${lat} IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)::geography END`;
export const POINT_OUT = (t: string) => `ST_Y(${t}.location::geometry) AS lat, ST_X(${t}.location::geometry) AS lng`;
/** The reference the file wrote, or null where the import made one up from the natural key. */
export const refShown = (row: ValidRow) => {
  const ref = String(row.values.externalRef ?? '');
  return ref.startsWith('imp:') ? null : ref;
};
export const headerOf = (spec: ImportKindSpec) => (column: string) =>
  spec.columns.find((c) => c.key === column)?.header ?? column;

/** What became of a chunk: rows inserted, rows updated (and how many changed each field), rows already there as they are, rows refused. */
export interface ChunkOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
  changedFields: Record<string, number>;
  conflicts: Array<{ row: ValidRow; column: string; message: string; code?: string }>;
}

export function norm(v: unknown): string | number | null {
  if (v === null || v === undefined || v === '') return null;
  if (Array.isArray(v)) return v.length ? [...v].map(String).sort().join(',') : null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return v;
  const s = String(v);
  // Leading zeros (tax codes, phones) keep the text.
  return /^-?(0|[1-9]\d*)(\.\d+)?$/.test(s) ? Number(s) : s;
}

export function sameValue(a: unknown, b: unknown): boolean {
  const x = norm(a);
  const y = norm(b);
  if (typeof x === 'number' && typeof y === 'number') return Math.abs(x - y) <= 1e-7 * Math.max(1, Math.abs(x));
  return x === y;
}

export function shown(v: unknown): string {
  const n = norm(v);
  return n === null ? '(trống)' : `"${n}"`;
}

/** A resource's rule problems as the row's cell errors (`columnOf` maps an API field to its column). */
export function failRuleProblems(r: RowReader, check: RuleCheck, columnOf: (field: string) => string = (f) => f): void {
  for (const p of check.problems) r.fail(columnOf(p.field), p.messageVi, p.code);
}

/** A kind that lives with its resource: its columns, its row check (the resource's rules) and its writer. */
export interface ImportKindDefinition {
  spec: ImportKindSpec;
  check(r: RowReader, refs: ImportReferences, organizationId: string | null): Checked;
  write(em: EntityManager, rows: ValidRow[], context: ImportWriteContext): Promise<ChunkOutcome>;
}

export interface ImportWriteContext {
  actor: Actor | null;
  /** Spec keys of the columns the file has: a column left out changes nothing. */
  columnsInFile: Set<string>;
}
