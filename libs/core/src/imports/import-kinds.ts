import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { CERTIFICATIONS } from '../common/certifications';
import { isInVietnam } from '../common/geo';
import { foldVietnamese } from '../common/vietnamese-text';
import { BUYER_TYPES, BuyerType } from '../buyers/buyer.entity';
import { COOPERATIVE_KINDS, CooperativeKind } from '../cooperatives/cooperative.entity';
import { isDataRejection, normalizeTaxCode, normalizeVietnamesePhone } from '../common/registry';
import { NotificationsService } from '../notifications/notifications.service';
import { isFarOutsideBand } from '../price-observations/price-observation.rules';
import { tripPriceWatchFlags } from '../price-observations/price-watch-alerts';
import { CellValue, cellText, isBlank, parseDecimal, parseList, parseVietnameseDate, parseWholeNumber } from './cell-values';
import type { ImportKind, ImportRowError } from './import.entity';
import { columnLetter, type SheetRow } from './sheet';

/**
 * What each import kind reads (Vietnamese headers, as in the templates), how a
 * row is checked against the registry, and how the good rows are written:
 * set-based INSERT … ON CONFLICT DO NOTHING on a natural key, so a file
 * uploaded twice writes once.
 */
export interface ImportColumn {
  key: string;
  header: string;
  required?: boolean;
  example: string | number;
  hint?: string;
}

export interface ImportKindSpec {
  kind: ImportKind;
  title: string;
  columns: ImportColumn[];
  /** Header groups of which at least one must be present (e.g. tax code or name). */
  oneOf?: string[][];
}

const org = (who: 'HTX' | 'bên mua', prefix: string): ImportColumn[] => [
  { key: `${prefix}TaxCode`, header: who === 'HTX' ? 'Mã số thuế HTX' : 'Mã số thuế bên mua', example: '1701234567', hint: 'Mã số thuế hoặc tên (một trong hai)' },
  { key: `${prefix}Name`, header: who === 'HTX' ? 'Tên HTX' : 'Tên bên mua', example: who === 'HTX' ? 'HTX Nông nghiệp Thạnh Lợi' : 'Công ty TNHH Chế biến Nông sản An Giang' },
];
const latLng: ImportColumn[] = [
  { key: 'lat', header: 'Vĩ độ', example: '10,0125', hint: 'Độ thập phân, ví dụ 10,0125' },
  { key: 'lng', header: 'Kinh độ', example: '105,0809' },
];
const ref: ImportColumn = { key: 'externalRef', header: 'Mã tham chiếu', example: '', hint: 'Không bắt buộc: mã của dòng trong hệ thống của huyện' };

export const IMPORT_KIND_SPECS: Record<ImportKind, ImportKindSpec> = {
  'supply-lots': {
    kind: 'supply-lots',
    title: 'Sản lượng chào bán',
    oneOf: [['cooperativeTaxCode', 'cooperativeName']],
    columns: [
      ...org('HTX', 'cooperative'),
      { key: 'product', header: 'Mã sản phẩm', required: true, example: 'LUA_ST', hint: 'Mã hoặc tên sản phẩm trong danh mục' },
      { key: 'quantityKg', header: 'Sản lượng (kg)', required: true, example: '50.000' },
      { key: 'harvestFrom', header: 'Thu hoạch từ ngày', required: true, example: '01/12/2026', hint: 'dd/mm/yyyy' },
      { key: 'harvestTo', header: 'Thu hoạch đến ngày', required: true, example: '15/12/2026' },
      { key: 'askVndPerKg', header: 'Giá chào bán (đồng/kg)', required: true, example: '7.200' },
      ...latLng,
      { key: 'certifications', header: 'Chứng nhận', example: 'VIETGAP', hint: CERTIFICATIONS.join(', ') },
      { key: 'note', header: 'Ghi chú', example: '' },
      ref,
    ],
  },
  cooperatives: {
    kind: 'cooperatives',
    title: 'Hợp tác xã, tổ hợp tác',
    columns: [
      { key: 'name', header: 'Tên HTX', required: true, example: 'HTX Nông nghiệp Thạnh Lợi' },
      { key: 'kind', header: 'Loại hình', example: 'HTX', hint: 'HTX, Tổ hợp tác, Doanh nghiệp, Hộ gia đình' },
      { key: 'taxCode', header: 'Mã số thuế', example: '1701234567' },
      { key: 'communeCode', header: 'Mã xã/phường', example: '', hint: 'Mã xã theo danh mục hành chính hiện hành' },
      { key: 'provinceCode', header: 'Mã tỉnh', example: '91' },
      { key: 'address', header: 'Địa chỉ', example: 'Ấp Thạnh Lợi, xã Thạnh Lộc' },
      ...latLng,
      { key: 'contactName', header: 'Người liên hệ', example: 'Nguyễn Văn A' },
      { key: 'contactPhone', header: 'Số điện thoại', example: '0912345678' },
      { key: 'contactEmail', header: 'Email', example: '' },
      { key: 'products', header: 'Sản phẩm', example: 'LUA_ST', hint: 'Mã sản phẩm, cách nhau bởi dấu phẩy' },
      { key: 'certifications', header: 'Chứng nhận', example: 'VIETGAP' },
      { key: 'members', header: 'Số thành viên', example: '45' },
      ref,
    ],
  },
  buyers: {
    kind: 'buyers',
    title: 'Đơn vị thu mua',
    columns: [
      { key: 'name', header: 'Tên đơn vị', required: true, example: 'Công ty TNHH Chế biến Nông sản An Giang' },
      { key: 'type', header: 'Loại hình', required: true, example: 'Cơ sở chế biến', hint: 'Chợ đầu mối, Nhà phân phối, Siêu thị, Xuất khẩu, Cơ sở chế biến, Thương lái, Thương mại điện tử' },
      { key: 'taxCode', header: 'Mã số thuế', example: '1601234567' },
      { key: 'communeCode', header: 'Mã xã/phường', example: '' },
      { key: 'provinceCode', header: 'Mã tỉnh', example: '89' },
      { key: 'address', header: 'Địa chỉ', example: '' },
      ...latLng,
      { key: 'productsWanted', header: 'Sản phẩm cần mua', example: 'LUA_ST' },
      { key: 'contactName', header: 'Người liên hệ', example: '' },
      { key: 'contactPhone', header: 'Số điện thoại', example: '' },
      { key: 'contactEmail', header: 'Email', example: '' },
      ref,
    ],
  },
  'purchase-requests': {
    kind: 'purchase-requests',
    title: 'Nhu cầu thu mua',
    oneOf: [['buyerTaxCode', 'buyerName']],
    columns: [
      ...org('bên mua', 'buyer'),
      { key: 'product', header: 'Mã sản phẩm', required: true, example: 'LUA_ST' },
      { key: 'quantityKg', header: 'Khối lượng cần mua (kg)', required: true, example: '100.000' },
      { key: 'deliverFrom', header: 'Giao từ ngày', required: true, example: '01/12/2026' },
      { key: 'deliverTo', header: 'Giao đến ngày', required: true, example: '31/12/2026' },
      { key: 'bidVndPerKg', header: 'Giá mua (đồng/kg)', required: true, example: '7.500' },
      ...latLng,
      { key: 'requiredCertifications', header: 'Chứng nhận yêu cầu', example: '' },
      { key: 'maxDistanceKm', header: 'Cự ly tối đa (km)', example: '' },
      { key: 'note', header: 'Ghi chú', example: '' },
      ref,
    ],
  },
  'production-areas': {
    kind: 'production-areas',
    title: 'Vùng sản xuất',
    oneOf: [['cooperativeTaxCode', 'cooperativeName']],
    columns: [
      ...org('HTX', 'cooperative'),
      { key: 'product', header: 'Mã sản phẩm', required: true, example: 'LUA_ST' },
      { key: 'name', header: 'Tên vùng', example: 'Cánh đồng lớn ấp 3' },
      { key: 'areaHa', header: 'Diện tích (ha)', required: true, example: '12,5' },
      { key: 'lat', header: 'Vĩ độ', required: true, example: '10,0125' },
      { key: 'lng', header: 'Kinh độ', required: true, example: '105,0809' },
      { key: 'growingAreaCode', header: 'Mã số vùng trồng', example: '' },
      { key: 'certifications', header: 'Chứng nhận', example: '' },
      ref,
    ],
  },
  'price-observations': {
    kind: 'price-observations',
    title: 'Giá thị trường quan sát',
    columns: [
      { key: 'marketName', header: 'Chợ / nơi quan sát', required: true, example: 'Chợ đầu mối nông sản Thủ Đức' },
      { key: 'product', header: 'Mã sản phẩm', required: true, example: 'LUA_TUOI_CLC', hint: 'Mã hoặc tên sản phẩm trong danh mục, cả vật tư nông nghiệp (PHAN_URE, PHAN_DAP, GIONG_LUA, THUC_AN_CA…)' },
      { key: 'priceVndPerKg', header: 'Giá (đồng/kg)', required: true, example: '7.200' },
      { key: 'observedOn', header: 'Ngày quan sát', required: true, example: '04/03/2026', hint: 'dd/mm/yyyy' },
      { key: 'source', header: 'Nguồn tin', required: true, example: 'Phòng Kinh tế xã' },
      { key: 'provinceCode', header: 'Mã tỉnh', example: '91' },
      ...latLng,
      { key: 'confirmOutlier', header: 'Xác nhận giá bất thường', example: '', hint: 'Ghi "có" khi giá nằm xa ngoài khoảng thường gặp (dưới một nửa giá thấp hoặc trên gấp đôi giá cao) mà vẫn đúng' },
      ref,
    ],
  },
  'inventory-reports': {
    kind: 'inventory-reports',
    title: 'Tồn kho của cơ sở chế biến, thương lái',
    oneOf: [['buyerTaxCode', 'buyerName']],
    columns: [
      ...org('bên mua', 'buyer'),
      { key: 'product', header: 'Mã sản phẩm', required: true, example: 'LUA_ST' },
      { key: 'quantityKg', header: 'Tồn kho (kg)', required: true, example: '250.000' },
      { key: 'reportedAt', header: 'Ngày báo cáo', required: true, example: '07/12/2026' },
      { key: 'note', header: 'Ghi chú', example: '' },
    ],
  },
};

export function normalizeHeader(h: string): string {
  return foldVietnamese(String(h ?? '').replace(/\*/g, '')).replace(/\s*\/\s*/g, '/');
}

/** Maps each spec column to its index in the sheet; answers the missing required headers. */
export function matchHeaders(spec: ImportKindSpec, headers: string[]): { index: Map<string, number>; missing: string[]; unknown: string[] } {
  const byName = new Map<string, number>();
  headers.forEach((h, i) => {
    if (h) byName.set(normalizeHeader(h), i);
  });
  const index = new Map<string, number>();
  for (const c of spec.columns) {
    const i = byName.get(normalizeHeader(c.header)) ?? byName.get(normalizeHeader(c.key));
    if (i !== undefined) index.set(c.key, i);
  }
  const missing = spec.columns.filter((c) => c.required && !index.has(c.key)).map((c) => c.header);
  for (const group of spec.oneOf ?? []) {
    if (!group.some((k) => index.has(k))) missing.push(group.map((k) => spec.columns.find((c) => c.key === k)!.header).join(' hoặc '));
  }
  const known = new Set(index.values());
  const unknown = headers.filter((h, i) => h && !known.has(i));
  return { index, missing, unknown };
}

// ---------------------------------------------------------------- references

interface OrgRef {
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
  communes = new Map<string, { id: string; provinceCode: string | null }>();
  provinces = new Set<string>();

  static async load(em: EntityManager, spec: ImportKindSpec, rows: RowReader[]): Promise<ImportReferences> {
    const refs = new ImportReferences();
    for (const p of await em.query(`SELECT code, name_vi, typical_price_min_vnd, typical_price_max_vnd FROM products`)) {
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
      const found = await em.query(
        `SELECT id, name, tax_code, province_code, ST_Y(location::geometry) AS lat, ST_X(location::geometry) AS lng
           FROM ${table} WHERE tax_code = ANY($1::text[]) OR search_text LIKE ANY($2::text[])`,
        [[...taxCodes], [...names]],
      );
      for (const o of found) index.add({ id: o.id, name: o.name, taxCode: o.tax_code, provinceCode: o.province_code, lat: o.lat, lng: o.lng });
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
      const units = await em.query(
        `SELECT id, code, level, province_code FROM administrative_units
          WHERE era = 'current' AND ((level = 'commune' AND code = ANY($1::text[])) OR (level = 'province' AND code = ANY($2::text[])))`,
        [[...communes], [...provinces]],
      );
      for (const u of units) {
        if (u.level === 'commune') refs.communes.set(u.code, { id: u.id, provinceCode: u.province_code });
        else refs.provinces.add(u.code);
      }
    }
    return refs;
  }
}

class OrgIndex {
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
    return hits.length ? `có ${hits.length} đơn vị cùng tên "${name}": hãy ghi mã số thuế` : `không có đơn vị nào tên "${name}"`;
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
  fail(key: string, message: string): null {
    const i = this.index.get(key);
    // One error per cell: a formula cell is reported as such, not also as missing.
    if (i !== undefined && this.errors.some((e) => e.cell === `${columnLetter(i)}${this.row.rowNumber}`)) return null;
    this.errors.push({ row: this.row.rowNumber, column: this.header(key), ...(i !== undefined ? { cell: `${columnLetter(i)}${this.row.rowNumber}` } : {}), message });
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
  decimal(key: string, opts: { required?: boolean; min?: number; max?: number; exclusiveMin?: number } = {}): number | null {
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
  certifications(key: string): string[] | null {
    const out = new Set<string>();
    for (const s of parseList(this.value(key))) {
      const code = s.toUpperCase().replace(/[\s-]/g, '');
      if (!(CERTIFICATIONS as readonly string[]).includes(code)) {
        return this.fail(key, `Chứng nhận "${s}" không hợp lệ (${CERTIFICATIONS.join(', ')})`);
      }
      out.add(code);
    }
    return [...out].sort();
  }
  organization(index: OrgIndex, prefix: string): OrgRef | null {
    const t = this.text(`${prefix}TaxCode`);
    const n = this.text(`${prefix}Name`);
    if (!t && !n) return this.fail(`${prefix}TaxCode`, `Thiếu ${this.header(`${prefix}TaxCode`)} hoặc ${this.header(`${prefix}Name`)}`);
    let tax: string | null = null;
    if (t) {
      tax = normalizeTaxCode(t);
      if (!tax) return this.fail(`${prefix}TaxCode`, `Mã số thuế "${t}" không hợp lệ (10 hoặc 13 chữ số)`);
    }
    const r = index.resolve(tax, n);
    return typeof r === 'string' ? this.fail(tax ? `${prefix}TaxCode` : `${prefix}Name`, r[0].toUpperCase() + r.slice(1)) : r;
  }
  point(required: boolean): { lat: number; lng: number } | null | undefined {
    const lat = this.decimal('lat', { required, min: -90, max: 90 });
    const lng = this.decimal('lng', { required, min: -180, max: 180 });
    if (lat === null && lng === null) return required ? undefined : null;
    if (lat === null || lng === null) {
      if (this.ok) this.fail(lat === null ? 'lat' : 'lng', 'Cần ghi cả vĩ độ và kinh độ');
      return undefined;
    }
    if (!isInVietnam({ lat, lng })) return this.fail('lat', `Tọa độ (${lat}; ${lng}) nằm ngoài lãnh thổ Việt Nam`) ?? undefined;
    return { lat, lng };
  }
  window(fromKey: string, toKey: string): [string, string] | null {
    const from = this.date(fromKey);
    const to = this.date(toKey);
    if (!from || !to) return null;
    if (from > to) return this.fail(toKey, `${this.header(toKey)} phải từ ${this.header(fromKey).toLowerCase()} trở đi`);
    return [from, to];
  }
}

export { columnLetter } from './sheet';

export function naturalKeyRef(kind: ImportKind, key: string): string {
  return `imp:${createHash('sha256').update(`${kind}|${key}`).digest('hex').slice(0, 48)}`;
}

const COOPERATIVE_KIND_LABELS: Record<string, CooperativeKind> = {
  htx: 'cooperative',
  'hop tac xa': 'cooperative',
  'to hop tac': 'cooperative_group',
  tht: 'cooperative_group',
  'doanh nghiep': 'enterprise',
  dn: 'enterprise',
  'ho gia dinh': 'household',
  'ho san xuat': 'household',
};
const BUYER_TYPE_LABELS: Record<string, BuyerType> = {
  'cho dau moi': 'wholesale_market',
  'nha phan phoi': 'distributor',
  'phan phoi': 'distributor',
  'sieu thi': 'supermarket',
  'xuat khau': 'exporter',
  'doanh nghiep xuat khau': 'exporter',
  'co so che bien': 'processor',
  'che bien': 'processor',
  'nha may che bien': 'processor',
  'thuong lai': 'trader',
  'thuong mai dien tu': 'ecommerce',
};

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
}

export function validateRow(kind: ImportKind, r: RowReader, refs: ImportReferences, organizationId: string | null): ValidRow | null {
  const v = ROW_CHECKS[kind](r, refs, organizationId);
  return r.ok && v ? { rowNumber: r.rowNumber, ...v } : null;
}

type Checked = { keys: string[]; keyColumn: string; values: Record<string, unknown> } | null;

/** Cooperatives and buyers: the province registry owns them, so reference and tax code are registry-wide. */
function registryKeys(ref: string, taxCode: string | null, externalRef: string | null): { keys: string[]; keyColumn: string } {
  return { keys: [`ref|${ref}`, ...(taxCode ? [`tax|${taxCode}`] : [])], keyColumn: externalRef ? 'externalRef' : taxCode ? 'taxCode' : 'name' };
}

function place(r: RowReader, refs: ImportReferences): { administrativeUnitId: string | null; provinceCode: string | null } | null {
  const commune = r.text('communeCode');
  const province = r.text('provinceCode');
  let unit: { id: string; provinceCode: string | null } | undefined;
  if (commune) {
    unit = refs.communes.get(commune);
    if (!unit) return r.fail('communeCode', `Mã xã/phường "${commune}" không có trong danh mục hành chính hiện hành`);
  }
  if (province && !refs.provinces.has(province)) return r.fail('provinceCode', `Mã tỉnh "${province}" không có trong danh mục`);
  if (province && unit?.provinceCode && unit.provinceCode !== province) return r.fail('communeCode', `Xã/phường ${commune} không thuộc tỉnh ${province}`);
  return { administrativeUnitId: unit?.id ?? null, provinceCode: province ?? unit?.provinceCode ?? null };
}

function contact(r: RowReader): { contactName: string | null; contactPhone: string | null; contactEmail: string | null } | null {
  const contactName = r.text('contactName', { max: 200 });
  const phone = r.text('contactPhone');
  const contactPhone = phone ? normalizeVietnamesePhone(phone) : null;
  if (phone && !contactPhone) return r.fail('contactPhone', `Số điện thoại "${phone}" không hợp lệ`);
  const contactEmail = r.text('contactEmail', { max: 200 });
  if (contactEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contactEmail)) return r.fail('contactEmail', `Email "${contactEmail}" không hợp lệ`);
  return { contactName, contactPhone, contactEmail };
}

function taxCodeOf(r: RowReader): string | null | undefined {
  const t = r.text('taxCode');
  if (!t) return null;
  return normalizeTaxCode(t) ?? (r.fail('taxCode', `Mã số thuế "${t}" không hợp lệ (10 hoặc 13 chữ số)`) as unknown as undefined);
}

const ROW_CHECKS: Record<ImportKind, (r: RowReader, refs: ImportReferences, organizationId: string | null) => Checked> = {
  'supply-lots': (r, refs, organizationId) => {
    const coop = r.organization(refs.cooperatives, 'cooperative');
    if (coop && organizationId && coop.id !== organizationId) r.fail('cooperativeTaxCode', 'Chỉ được nhập sản lượng của chính HTX mình');
    const product = r.product(refs);
    const quantityKg = r.whole('quantityKg', { required: true, min: 1, max: 1_000_000_000_000 });
    const window = r.window('harvestFrom', 'harvestTo');
    const askVndPerKg = r.whole('askVndPerKg', { required: true, min: 0, max: 100_000_000 });
    let point = r.point(false);
    const certifications = r.certifications('certifications');
    const note = r.text('note', { max: 2000 });
    const externalRef = r.text('externalRef', { max: 120 });
    if (point === null && coop) {
      if (coop.lat === null || coop.lng === null) r.fail('lat', 'Thiếu tọa độ: HTX chưa có vị trí trên bản đồ');
      else point = { lat: Number(coop.lat), lng: Number(coop.lng) };
    }
    if (!r.ok || !coop || !product || !window || !point) return null;
    // The reference is the cooperative's own (issue 11): another cooperative may use it too.
    const ref = externalRef ?? naturalKeyRef('supply-lots', `${coop.id}|${product}|${window[0]}|${window[1]}`);
    return {
      keys: [`${coop.id}|${ref}`],
      keyColumn: externalRef ? 'externalRef' : 'product',
      values: {
        cooperativeId: coop.id, product, quantityKg, harvestFrom: window[0], harvestTo: window[1], askVndPerKg,
        lat: point.lat, lng: point.lng, certifications, note, provinceCode: coop.provinceCode, externalRef: ref,
      },
    };
  },
  cooperatives: (r, refs) => {
    const name = r.text('name', { required: true, max: 300 });
    const kindText = r.text('kind');
    let kind: CooperativeKind = 'cooperative';
    if (kindText) {
      const k = COOPERATIVE_KIND_LABELS[foldVietnamese(kindText)] ?? (COOPERATIVE_KINDS as readonly string[]).find((x) => x === kindText.toLowerCase());
      if (!k) r.fail('kind', `Loại hình "${kindText}" không hợp lệ (HTX, Tổ hợp tác, Doanh nghiệp, Hộ gia đình)`);
      else kind = k as CooperativeKind;
    }
    const taxCode = taxCodeOf(r);
    const where = place(r, refs);
    const point = r.point(false);
    const who = contact(r);
    const address = r.text('address', { max: 500 });
    const products = r.products(refs, 'products');
    const certifications = r.certifications('certifications');
    const members = r.whole('members', { min: 0, max: 10_000_000 });
    const externalRef = r.text('externalRef', { max: 60 });
    if (!r.ok || !name || taxCode === undefined || !where || point === undefined || !who) return null;
    const ref = externalRef ?? naturalKeyRef('cooperatives', taxCode ?? `${foldVietnamese(name)}|${where.administrativeUnitId ?? where.provinceCode ?? ''}`);
    return {
      ...registryKeys(ref, taxCode, externalRef),
      values: {
        kind, name, taxCode, ...where, address, lat: point?.lat ?? null, lng: point?.lng ?? null, ...who, products, certifications, members,
        externalRef: ref,
      },
    };
  },
  buyers: (r, refs) => {
    const name = r.text('name', { required: true, max: 300 });
    const typeText = r.text('type', { required: true });
    let type: BuyerType | null = null;
    if (typeText) {
      type = BUYER_TYPE_LABELS[foldVietnamese(typeText)] ?? ((BUYER_TYPES as readonly string[]).includes(typeText.toLowerCase()) ? (typeText.toLowerCase() as BuyerType) : null);
      if (!type) r.fail('type', `Loại hình "${typeText}" không hợp lệ (Chợ đầu mối, Nhà phân phối, Siêu thị, Xuất khẩu, Cơ sở chế biến, Thương lái, Thương mại điện tử)`);
    }
    const taxCode = taxCodeOf(r);
    const where = place(r, refs);
    const point = r.point(false);
    const who = contact(r);
    const address = r.text('address', { max: 500 });
    const productsWanted = r.products(refs, 'productsWanted');
    const externalRef = r.text('externalRef', { max: 60 });
    if (!r.ok || !name || !type || taxCode === undefined || !where || point === undefined || !who) return null;
    const ref = externalRef ?? naturalKeyRef('buyers', taxCode ?? `${foldVietnamese(name)}|${where.administrativeUnitId ?? where.provinceCode ?? ''}`);
    return {
      ...registryKeys(ref, taxCode, externalRef),
      values: {
        type, name, taxCode, ...where, address, lat: point?.lat ?? null, lng: point?.lng ?? null, ...who, productsWanted,
        externalRef: ref,
      },
    };
  },
  'purchase-requests': (r, refs) => {
    const buyer = r.organization(refs.buyers, 'buyer');
    const product = r.product(refs);
    const quantityKg = r.whole('quantityKg', { required: true, min: 1, max: 1_000_000_000_000 });
    const window = r.window('deliverFrom', 'deliverTo');
    const bidVndPerKg = r.whole('bidVndPerKg', { required: true, min: 0, max: 100_000_000 });
    let point = r.point(false);
    const requiredCertifications = r.certifications('requiredCertifications');
    const maxDistanceKm = r.decimal('maxDistanceKm', { exclusiveMin: 0, max: 5000 });
    const note = r.text('note', { max: 2000 });
    const externalRef = r.text('externalRef', { max: 120 });
    if (point === null && buyer) {
      if (buyer.lat === null || buyer.lng === null) r.fail('lat', 'Thiếu tọa độ: bên mua chưa có vị trí trên bản đồ');
      else point = { lat: Number(buyer.lat), lng: Number(buyer.lng) };
    }
    if (!r.ok || !buyer || !product || !window || !point) return null;
    const ref = externalRef ?? naturalKeyRef('purchase-requests', `${buyer.id}|${product}|${window[0]}|${window[1]}`);
    return {
      keys: [`${buyer.id}|${ref}`],
      keyColumn: externalRef ? 'externalRef' : 'product',
      values: {
        buyerId: buyer.id, product, quantityKg, deliverFrom: window[0], deliverTo: window[1], bidVndPerKg, lat: point.lat, lng: point.lng,
        requiredCertifications, maxDistanceKm: maxDistanceKm === null ? null : Math.round(maxDistanceKm * 10) / 10, note,
        provinceCode: buyer.provinceCode, externalRef: ref,
      },
    };
  },
  'production-areas': (r, refs) => {
    const coop = r.organization(refs.cooperatives, 'cooperative');
    const product = r.product(refs);
    const name = r.text('name', { max: 300 });
    const areaHa = r.decimal('areaHa', { required: true, exclusiveMin: 0, max: 1_000_000 });
    const point = r.point(true);
    const growingAreaCode = r.text('growingAreaCode', { max: 60 });
    const certifications = r.certifications('certifications');
    const externalRef = r.text('externalRef', { max: 80 });
    if (!r.ok || !coop || !product || areaHa === null || !point) return null;
    const ref = externalRef ?? naturalKeyRef('production-areas', `${coop.id}|${product}|${growingAreaCode ?? name ?? `${point.lat},${point.lng}`}`);
    return {
      keys: [`${coop.id}|${ref}`],
      keyColumn: externalRef ? 'externalRef' : growingAreaCode ? 'growingAreaCode' : name ? 'name' : 'product',
      values: {
        cooperativeId: coop.id, product, name, areaHa: Math.round(areaHa * 100) / 100, lat: point.lat, lng: point.lng, growingAreaCode,
        certifications, provinceCode: coop.provinceCode, externalRef: ref,
      },
    };
  },
  'price-observations': (r, refs) => {
    const marketName = r.text('marketName', { required: true, max: 300 });
    const product = r.product(refs);
    const priceVndPerKg = r.whole('priceVndPerKg', { required: true, min: 1, max: 100_000_000 });
    const observedOn = r.date('observedOn');
    const source = r.text('source', { required: true, max: 300 });
    const provinceCode = r.text('provinceCode');
    if (provinceCode && !refs.provinces.has(provinceCode)) r.fail('provinceCode', `Mã tỉnh "${provinceCode}" không có trong danh mục`);
    const point = r.point(false);
    const confirmText = r.text('confirmOutlier');
    const confirmed = !!confirmText && ['co', 'x', 'yes', 'true', '1', 'dung'].includes(foldVietnamese(confirmText));
    const externalRef = r.text('externalRef', { max: 80 });
    const band = product ? refs.priceBands.get(product) : undefined;
    const outsideBand = !!band && priceVndPerKg !== null && isFarOutsideBand(priceVndPerKg, band);
    // The same rule as POST /api/price-observations (price-observation.rules.ts).
    if (outsideBand && !confirmed) {
      r.fail('priceVndPerKg', `Giá ${priceVndPerKg} đ/kg nằm xa ngoài khoảng giá thường gặp của ${product} (${band!.min ?? '?'}–${band!.max ?? '?'} đ/kg); ghi "có" ở cột Xác nhận giá bất thường nếu giá đúng`);
    }
    if (!r.ok || !marketName || !product || priceVndPerKg === null || !observedOn || !source || point === undefined) return null;
    const ref = externalRef ?? naturalKeyRef('price-observations', `${product}|${foldVietnamese(marketName)}|${observedOn}|${foldVietnamese(source)}`);
    return {
      keys: [ref],
      keyColumn: externalRef ? 'externalRef' : 'marketName',
      values: { marketName, product, priceVndPerKg, observedOn, source, provinceCode, lat: point?.lat ?? null, lng: point?.lng ?? null, outsideBand, externalRef: ref },
    };
  },
  'inventory-reports': (r, refs) => {
    const buyer = r.organization(refs.buyers, 'buyer');
    const product = r.product(refs);
    const quantityKg = r.whole('quantityKg', { required: true, min: 0, max: 1_000_000_000_000 });
    const reportedAt = r.date('reportedAt');
    const note = r.text('note', { max: 2000 });
    if (!r.ok || !buyer || !product || quantityKg === null || !reportedAt) return null;
    return { keys: [`${buyer.id}|${product}|${reportedAt}`], keyColumn: 'reportedAt', values: { buyerId: buyer.id, product, quantityKg, reportedAt, note } };
  },
};

// ---------------------------------------------------------------- writers

const col = (rows: ValidRow[], k: string) => rows.map((r) => r.values[k] ?? null);
const list = (rows: ValidRow[], k: string) => rows.map((r) => ((r.values[k] as string[] | null) ?? []).join(','));
const POINT = (lat: string, lng: string) => `CASE WHEN ${lat} IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)::geography END`;

/** What became of a chunk: rows written, rows already there as they are, rows that clash with a different record. */
export interface ChunkOutcome {
  written: number;
  unchanged: number;
  conflicts: Array<{ row: ValidRow; column: string; message: string }>;
}

/**
 * Inserts one chunk (ON CONFLICT DO NOTHING, returning each new row's first key), then
 * looks up the record each remaining row collided with, in the same transaction: the
 * same values are "unchanged", anything else is a row error naming the differing cell.
 * Never a silent skip (issue 11). A concurrent writer's row is seen too: the lookup is a
 * new statement, and ON CONFLICT waited for that writer to commit.
 */
export async function writeRows(em: EntityManager, kind: ImportKind, rows: ValidRow[], columnsInFile: Set<string>): Promise<ChunkOutcome> {
  const outcome: ChunkOutcome = { written: 0, unchanged: 0, conflicts: [] };
  if (!rows.length) return outcome;
  const store = STORES[kind];
  const insert = async (chunk: ValidRow[]): Promise<Array<{ k: string }>> => {
    const [sql, params] = INSERTS[kind](chunk);
    await em.query('SAVEPOINT import_rows');
    try {
      const res = await em.query(`${sql} ON CONFLICT DO NOTHING RETURNING ${store.returning} AS k`, params);
      await em.query('RELEASE SAVEPOINT import_rows');
      return res;
    } catch (e) {
      await em.query('ROLLBACK TO SAVEPOINT import_rows');
      throw e;
    }
  };
  let inserted: Array<{ k: string }> = [];
  const rejected = new Set<ValidRow>();
  try {
    inserted = await insert(rows);
  } catch (e) {
    if (!isDataRejection(e)) throw e;
    // The database refused a row the checks let through (a constraint they do not know):
    // find which, one row at a time, and report each as a row error.
    for (const row of rows) {
      try {
        inserted.push(...(await insert([row])));
      } catch (err) {
        if (!isDataRejection(err)) throw err;
        rejected.add(row);
        const pgErr = err as { constraint?: string; column?: string; message: string };
        outcome.conflicts.push({
          row,
          column: columnOfRejection(kind, pgErr) ?? row.keyColumn,
          message: `Cơ sở dữ liệu từ chối dòng này${pgErr.constraint ? ` (ràng buộc ${pgErr.constraint})` : ''}: ${pgErr.message}`,
        });
      }
    }
  }
  outcome.written = inserted.length;
  const fresh = new Set(inserted.map((r) => r.k));
  await AFTER_WRITE[kind]?.(em, rows.filter((r) => fresh.has(r.keys[0])));
  if (inserted.length + rejected.size === rows.length) return outcome;
  const clashing = rows.filter((r) => !fresh.has(r.keys[0]) && !rejected.has(r));
  const [lookup, lookupParams] = store.existing(clashing);
  const found: Array<Record<string, unknown> & { i: number }> = await em.query(lookup, lookupParams);
  const byIndex = new Map<number, Record<string, unknown>>();
  for (const f of found) if (!byIndex.has(Number(f.i))) byIndex.set(Number(f.i), f);
  clashing.forEach((row, i) => {
    const existing = byIndex.get(i + 1);
    if (!existing) {
      // Not found again: the clash was with a constraint the lookup does not know of.
      outcome.conflicts.push({ row, column: row.keyColumn, message: `${store.what(row)} trùng khóa với một bản ghi đã có nhưng không tìm thấy bản ghi đó; hãy thử lại` });
      return;
    }
    const differing = store.compare.find(
      ([valueKey, column]) => columnsInFile.has(column) && !(valueKey === 'externalRef' && !refShown(row)) && !sameValue(row.values[valueKey], existing[valueKey]),
    );
    if (!differing) {
      outcome.unchanged++;
      return;
    }
    const [valueKey, column] = differing;
    outcome.conflicts.push({
      row,
      column,
      message: `${store.what(row, existing)} đã có, với ${store.label(column)} khác: đang là ${shown(existing[valueKey])}, tệp ghi ${shown(row.values[valueKey])}. Sửa tệp cho khớp, hoặc dùng mã tham chiếu khác cho bản ghi mới`,
    });
  });
  return outcome;
}

function columnOfRejection(kind: ImportKind, e: { constraint?: string; column?: string }): string | undefined {
  const dbColumn = e.column ?? /^ck_[a-z_]+?_(quantity|window|ask|bid|area)/.exec(e.constraint ?? '')?.[1];
  if (!dbColumn) return undefined;
  const camel = dbColumn.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  const alias: Record<string, string> = { quantity: 'quantityKg', window: kind === 'purchase-requests' ? 'deliverTo' : 'harvestTo', ask: 'askVndPerKg', bid: 'bidVndPerKg', area: 'areaHa', productCode: 'product' };
  const key = alias[camel] ?? camel;
  return IMPORT_KIND_SPECS[kind].columns.some((c) => c.key === key) ? key : undefined;
}

function norm(v: unknown): string | number | null {
  if (v === null || v === undefined || v === '') return null;
  if (Array.isArray(v)) return v.length ? [...v].map(String).sort().join(',') : null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return v;
  const s = String(v);
  // Leading zeros (tax codes, phones) keep the text.
  return /^-?(0|[1-9]\d*)(\.\d+)?$/.test(s) ? Number(s) : s;
}

function sameValue(a: unknown, b: unknown): boolean {
  const x = norm(a);
  const y = norm(b);
  if (typeof x === 'number' && typeof y === 'number') return Math.abs(x - y) <= 1e-7 * Math.max(1, Math.abs(x));
  return x === y;
}

function shown(v: unknown): string {
  const n = norm(v);
  return n === null ? '(trống)' : `"${n}"`;
}

interface KindStore {
  /** SQL expression over the inserted row giving ValidRow.keys[0]. */
  returning: string;
  /** Existing records the rows collide with: each answer row carries `i`, the 1-based row position. */
  existing: (rows: ValidRow[]) => [string, unknown[]];
  /** [value key, file column] compared to call a row unchanged; only columns the file has. */
  compare: Array<[string, string]>;
  what: (row: ValidRow, existing?: Record<string, unknown>) => string;
  label: (column: string) => string;
}

const pos = (rows: ValidRow[]) => rows.map((_, i) => i + 1);
const label = (kind: ImportKind) => (column: string) => IMPORT_KIND_SPECS[kind].columns.find((c) => c.key === column)?.header ?? column;
const refShown = (row: ValidRow) => {
  const ref = String(row.values.externalRef ?? '');
  return ref.startsWith('imp:') ? null : ref;
};
const LOT_FIELDS: Array<[string, string]> = [
  ['product', 'product'], ['quantityKg', 'quantityKg'], ['harvestFrom', 'harvestFrom'], ['harvestTo', 'harvestTo'], ['askVndPerKg', 'askVndPerKg'],
  ['lat', 'lat'], ['lng', 'lng'], ['certifications', 'certifications'], ['note', 'note'],
];
const ORG_FIELDS: Array<[string, string]> = [
  ['externalRef', 'externalRef'], ['taxCode', 'taxCode'], ['name', 'name'], ['administrativeUnitId', 'communeCode'], ['provinceCode', 'provinceCode'], ['address', 'address'],
  ['lat', 'lat'], ['lng', 'lng'], ['contactName', 'contactName'], ['contactPhone', 'contactPhone'], ['contactEmail', 'contactEmail'],
];
const POINT_OUT = (t: string) => `ST_Y(${t}.location::geometry) AS lat, ST_X(${t}.location::geometry) AS lng`;

const STORES: Record<ImportKind, KindStore> = {
  'supply-lots': {
    returning: `cooperative_id::text || '|' || external_ref`,
    existing: (rows) => [
      `SELECT t.i, s.product_code AS product, s.quantity_kg AS "quantityKg", s.harvest_from::text AS "harvestFrom", s.harvest_to::text AS "harvestTo",
              s.ask_vnd_per_kg AS "askVndPerKg", ${POINT_OUT('s')}, s.certifications, s.note
         FROM unnest($1::int[], $2::uuid[], $3::text[]) AS t(i, cid, ref) JOIN supply_lots s ON s.cooperative_id = t.cid AND s.external_ref = t.ref`,
      [pos(rows), col(rows, 'cooperativeId'), col(rows, 'externalRef')],
    ],
    compare: LOT_FIELDS,
    what: (row) =>
      refShown(row)
        ? `Mã tham chiếu "${refShown(row)}": lô này của HTX`
        : `Lô ${row.values.product} thu hoạch ${row.values.harvestFrom}–${row.values.harvestTo} của HTX`,
    label: label('supply-lots'),
  },
  'purchase-requests': {
    returning: `buyer_id::text || '|' || external_ref`,
    existing: (rows) => [
      `SELECT t.i, p.product_code AS product, p.quantity_kg AS "quantityKg", p.deliver_from::text AS "deliverFrom", p.deliver_to::text AS "deliverTo",
              p.bid_vnd_per_kg AS "bidVndPerKg", ${POINT_OUT('p')}, p.required_certifications AS "requiredCertifications", p.max_distance_km AS "maxDistanceKm", p.note
         FROM unnest($1::int[], $2::uuid[], $3::text[]) AS t(i, bid, ref) JOIN purchase_requests p ON p.buyer_id = t.bid AND p.external_ref = t.ref`,
      [pos(rows), col(rows, 'buyerId'), col(rows, 'externalRef')],
    ],
    compare: [
      ['product', 'product'], ['quantityKg', 'quantityKg'], ['deliverFrom', 'deliverFrom'], ['deliverTo', 'deliverTo'], ['bidVndPerKg', 'bidVndPerKg'],
      ['lat', 'lat'], ['lng', 'lng'], ['requiredCertifications', 'requiredCertifications'], ['maxDistanceKm', 'maxDistanceKm'], ['note', 'note'],
    ],
    what: (row) =>
      refShown(row) ? `Mã tham chiếu "${refShown(row)}": nhu cầu này của bên mua` : `Nhu cầu ${row.values.product} giao ${row.values.deliverFrom}–${row.values.deliverTo} của bên mua`,
    label: label('purchase-requests'),
  },
  'production-areas': {
    returning: `cooperative_id::text || '|' || external_ref`,
    existing: (rows) => [
      `SELECT t.i, a.product_code AS product, a.name, a.area_ha AS "areaHa", ST_Y(a.centroid) AS lat, ST_X(a.centroid) AS lng,
              a.growing_area_code AS "growingAreaCode", a.certifications
         FROM unnest($1::int[], $2::uuid[], $3::text[]) AS t(i, cid, ref) JOIN production_areas a ON a.cooperative_id = t.cid AND a.external_ref = t.ref`,
      [pos(rows), col(rows, 'cooperativeId'), col(rows, 'externalRef')],
    ],
    compare: [['product', 'product'], ['name', 'name'], ['areaHa', 'areaHa'], ['lat', 'lat'], ['lng', 'lng'], ['growingAreaCode', 'growingAreaCode'], ['certifications', 'certifications']],
    what: (row) => (refShown(row) ? `Mã tham chiếu "${refShown(row)}": vùng này của HTX` : `Vùng ${row.values.name ?? row.values.growingAreaCode ?? row.values.product} của HTX`),
    label: label('production-areas'),
  },
  cooperatives: {
    returning: `'ref|' || external_ref`,
    existing: (rows) => [
      `SELECT t.i, c.external_ref AS "externalRef", c.tax_code AS "taxCode", c.name, c.kind, c.administrative_unit_id AS "administrativeUnitId", c.province_code AS "provinceCode",
              c.address, ${POINT_OUT('c')}, c.contact_name AS "contactName", c.contact_phone AS "contactPhone", c.contact_email AS "contactEmail", c.products, c.certifications, c.members
         FROM unnest($1::int[], $2::text[], $3::text[]) AS t(i, ref, tax)
         JOIN cooperatives c ON c.external_ref = t.ref OR (t.tax IS NOT NULL AND c.tax_code = t.tax)
        ORDER BY t.i, (c.external_ref = t.ref) DESC`,
      [pos(rows), col(rows, 'externalRef'), col(rows, 'taxCode')],
    ],
    compare: [...ORG_FIELDS, ['kind', 'kind'], ['products', 'products'], ['certifications', 'certifications'], ['members', 'members']],
    what: (row, e) => `HTX ${e?.name ? `"${e.name}"` : `"${row.values.name}"`} (cùng ${refShown(row) ? 'mã tham chiếu' : row.values.taxCode ? 'mã số thuế' : 'tên và địa bàn'}) trong danh bạ`,
    label: label('cooperatives'),
  },
  buyers: {
    returning: `'ref|' || external_ref`,
    existing: (rows) => [
      `SELECT t.i, b.external_ref AS "externalRef", b.tax_code AS "taxCode", b.name, b.type, b.administrative_unit_id AS "administrativeUnitId", b.province_code AS "provinceCode",
              b.address, ${POINT_OUT('b')}, b.contact_name AS "contactName", b.contact_phone AS "contactPhone", b.contact_email AS "contactEmail", b.products_wanted AS "productsWanted"
         FROM unnest($1::int[], $2::text[], $3::text[]) AS t(i, ref, tax)
         JOIN buyers b ON b.external_ref = t.ref OR (t.tax IS NOT NULL AND b.tax_code = t.tax)
        ORDER BY t.i, (b.external_ref = t.ref) DESC`,
      [pos(rows), col(rows, 'externalRef'), col(rows, 'taxCode')],
    ],
    compare: [...ORG_FIELDS, ['type', 'type'], ['productsWanted', 'productsWanted']],
    what: (row, e) => `Đơn vị thu mua ${e?.name ? `"${e.name}"` : `"${row.values.name}"`} (cùng ${refShown(row) ? 'mã tham chiếu' : row.values.taxCode ? 'mã số thuế' : 'tên và địa bàn'}) trong danh bạ`,
    label: label('buyers'),
  },
  'price-observations': {
    returning: `external_ref`,
    existing: (rows) => [
      `SELECT t.i, o.market_name AS "marketName", o.product_code AS product, o.price_vnd_per_kg AS "priceVndPerKg", o.observed_on::text AS "observedOn",
              o.source, o.province_code AS "provinceCode", ${POINT_OUT('o')}
         FROM unnest($1::int[], $2::text[]) AS t(i, ref) JOIN price_observations o ON o.external_ref = t.ref`,
      [pos(rows), col(rows, 'externalRef')],
    ],
    compare: [
      ['marketName', 'marketName'], ['product', 'product'], ['priceVndPerKg', 'priceVndPerKg'], ['observedOn', 'observedOn'], ['source', 'source'],
      ['provinceCode', 'provinceCode'], ['lat', 'lat'], ['lng', 'lng'],
    ],
    what: (row) => (refShown(row) ? `Mã tham chiếu "${refShown(row)}": giá này` : `Giá ${row.values.product} tại ${row.values.marketName} ngày ${row.values.observedOn} (${row.values.source})`),
    label: label('price-observations'),
  },
  'inventory-reports': {
    returning: `buyer_id::text || '|' || product_code || '|' || reported_at::text`,
    existing: (rows) => [
      `SELECT t.i, r.quantity_kg AS "quantityKg", r.note
         FROM unnest($1::int[], $2::uuid[], $3::text[], $4::date[]) AS t(i, bid, product, d)
         JOIN inventory_reports r ON r.buyer_id = t.bid AND r.product_code = t.product AND r.reported_at = t.d`,
      [pos(rows), col(rows, 'buyerId'), col(rows, 'product'), col(rows, 'reportedAt')],
    ],
    compare: [['quantityKg', 'quantityKg'], ['note', 'note']],
    what: (row) => `Báo cáo tồn kho ${row.values.product} ngày ${row.values.reportedAt} của bên mua`,
    label: label('inventory-reports'),
  },
};

const INSERTS: Record<ImportKind, (rows: ValidRow[]) => [string, unknown[]]> = {
  'supply-lots': (rows) => [
    `INSERT INTO supply_lots (cooperative_id, product_code, quantity_kg, harvest_from, harvest_to, certifications, ask_vnd_per_kg, location, status, province_code, note, external_ref)
     SELECT t.cid, t.product, t.qty, t.hf, t.ht, COALESCE(string_to_array(NULLIF(t.certs, ''), ','), '{}'), t.ask, ${POINT('t.lat', 't.lng')}, 'open', t.province, t.note, t.ref
       FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::date[], $5::date[], $6::text[], $7::int[], $8::float8[], $9::float8[], $10::text[], $11::text[], $12::text[])
         AS t(cid, product, qty, hf, ht, certs, ask, lat, lng, province, note, ref)`,
    [col(rows, 'cooperativeId'), col(rows, 'product'), col(rows, 'quantityKg'), col(rows, 'harvestFrom'), col(rows, 'harvestTo'), list(rows, 'certifications'),
      col(rows, 'askVndPerKg'), col(rows, 'lat'), col(rows, 'lng'), col(rows, 'provinceCode'), col(rows, 'note'), col(rows, 'externalRef')],
  ],
  cooperatives: (rows) => [
    `INSERT INTO cooperatives (kind, name, tax_code, administrative_unit_id, province_code, address, location, contact_name, contact_phone, contact_email, products, certifications, members, external_ref)
     SELECT t.kind, t.name, t.tax, t.unit, t.province, t.address, ${POINT('t.lat', 't.lng')}, t.cn, t.cp, t.ce,
            COALESCE(string_to_array(NULLIF(t.products, ''), ','), '{}'), COALESCE(string_to_array(NULLIF(t.certs, ''), ','), '{}'), t.members, t.ref
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::float8[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::int[], $15::text[])
         AS t(kind, name, tax, unit, province, address, lat, lng, cn, cp, ce, products, certs, members, ref)`,
    [col(rows, 'kind'), col(rows, 'name'), col(rows, 'taxCode'), col(rows, 'administrativeUnitId'), col(rows, 'provinceCode'), col(rows, 'address'), col(rows, 'lat'), col(rows, 'lng'),
      col(rows, 'contactName'), col(rows, 'contactPhone'), col(rows, 'contactEmail'), list(rows, 'products'), list(rows, 'certifications'), col(rows, 'members'), col(rows, 'externalRef')],
  ],
  buyers: (rows) => [
    `INSERT INTO buyers (type, name, tax_code, administrative_unit_id, province_code, address, location, contact_name, contact_phone, contact_email, products_wanted, external_ref)
     SELECT t.type, t.name, t.tax, t.unit, t.province, t.address, ${POINT('t.lat', 't.lng')}, t.cn, t.cp, t.ce,
            COALESCE(string_to_array(NULLIF(t.products, ''), ','), '{}'), t.ref
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::float8[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
         AS t(type, name, tax, unit, province, address, lat, lng, cn, cp, ce, products, ref)`,
    [col(rows, 'type'), col(rows, 'name'), col(rows, 'taxCode'), col(rows, 'administrativeUnitId'), col(rows, 'provinceCode'), col(rows, 'address'), col(rows, 'lat'), col(rows, 'lng'),
      col(rows, 'contactName'), col(rows, 'contactPhone'), col(rows, 'contactEmail'), list(rows, 'productsWanted'), col(rows, 'externalRef')],
  ],
  'purchase-requests': (rows) => [
    `INSERT INTO purchase_requests (buyer_id, product_code, quantity_kg, deliver_from, deliver_to, required_certifications, bid_vnd_per_kg, location, max_distance_km, status, province_code, note, external_ref)
     SELECT t.bid_, t.product, t.qty, t.df, t.dt, COALESCE(string_to_array(NULLIF(t.certs, ''), ','), '{}'), t.bid, ${POINT('t.lat', 't.lng')}, t.maxkm, 'open', t.province, t.note, t.ref
       FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::date[], $5::date[], $6::text[], $7::int[], $8::float8[], $9::float8[], $10::numeric[], $11::text[], $12::text[], $13::text[])
         AS t(bid_, product, qty, df, dt, certs, bid, lat, lng, maxkm, province, note, ref)`,
    [col(rows, 'buyerId'), col(rows, 'product'), col(rows, 'quantityKg'), col(rows, 'deliverFrom'), col(rows, 'deliverTo'), list(rows, 'requiredCertifications'), col(rows, 'bidVndPerKg'),
      col(rows, 'lat'), col(rows, 'lng'), col(rows, 'maxDistanceKm'), col(rows, 'provinceCode'), col(rows, 'note'), col(rows, 'externalRef')],
  ],
  // A spreadsheet carries a point and an area, not a polygon: the boundary is
  // the circle of that area around the point, to be redrawn on the map later.
  'production-areas': (rows) => [
    `INSERT INTO production_areas (cooperative_id, product_code, name, area_ha, boundary, centroid, certifications, growing_area_code, province_code, external_ref)
     SELECT t.cid, t.product, t.name, t.ha,
            ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(t.lng, t.lat), 4326)::geography, sqrt(t.ha * 10000 / pi()))::geometry),
            ST_SetSRID(ST_MakePoint(t.lng, t.lat), 4326), COALESCE(string_to_array(NULLIF(t.certs, ''), ','), '{}'), t.gac, t.province, t.ref
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::numeric[], $5::float8[], $6::float8[], $7::text[], $8::text[], $9::text[], $10::text[])
         AS t(cid, product, name, ha, lat, lng, certs, gac, province, ref)`,
    [col(rows, 'cooperativeId'), col(rows, 'product'), col(rows, 'name'), col(rows, 'areaHa'), col(rows, 'lat'), col(rows, 'lng'), list(rows, 'certifications'),
      col(rows, 'growingAreaCode'), col(rows, 'provinceCode'), col(rows, 'externalRef')],
  ],
  'price-observations': (rows) => [
    `INSERT INTO price_observations (product_code, market_name, location, province_code, observed_on, price_vnd_per_kg, source, outside_band, external_ref)
     SELECT t.product, t.market, ${POINT('t.lat', 't.lng')}, t.province, t.d, t.price, t.source, t.outside, t.ref
       FROM unnest($1::text[], $2::text[], $3::float8[], $4::float8[], $5::text[], $6::date[], $7::int[], $8::text[], $9::boolean[], $10::text[])
         AS t(product, market, lat, lng, province, d, price, source, outside, ref)`,
    [col(rows, 'product'), col(rows, 'marketName'), col(rows, 'lat'), col(rows, 'lng'), col(rows, 'provinceCode'), col(rows, 'observedOn'), col(rows, 'priceVndPerKg'),
      col(rows, 'source'), col(rows, 'outsideBand'), col(rows, 'externalRef')],
  ],
  'inventory-reports': (rows) => [
    `INSERT INTO inventory_reports (buyer_id, product_code, quantity_kg, reported_at, note)
     SELECT t.bid, t.product, t.qty, t.d, t.note FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::date[], $5::text[]) AS t(bid, product, qty, d, note)`,
    [col(rows, 'buyerId'), col(rows, 'product'), col(rows, 'quantityKg'), col(rows, 'reportedAt'), col(rows, 'note')],
  ],
};

/** Work that follows the rows written, in the same transaction. */
const AFTER_WRITE: Partial<Record<ImportKind, (em: EntityManager, written: ValidRow[]) => Promise<unknown>>> = {
  // A price that trips the watch notifies staff, as when it is entered in the app. The import
  // machinery has no injected services; NotificationsService.notify writes through `em` only.
  'price-observations': (em, written) =>
    tripPriceWatchFlags(
      em,
      (m, items) => new NotificationsService(m.connection).notify(m, items),
      written.map((r) => ({ product: String(r.values.product), observedOn: String(r.values.observedOn) })),
    ),
};
