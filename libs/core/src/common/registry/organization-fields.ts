import type { Point } from 'geojson';
import { EntityManager, EntityTarget, In } from 'typeorm';
import { AdministrativeUnit } from '../../administrative-units/administrative-unit.entity';
import { AdministrativeUnitResolver } from '../../administrative-units/administrative-unit-resolver';
import { Product } from '../../products/product.entity';
import { DomainError } from '../domain-error';
import { fromPoint, LatLng, toPoint } from '../geo';
import { checked, RuleCheck } from './rule-check';
import type { SheetColumn } from './registry-fields';

/**
 * Fields that sellers and buyers share (tax code, contact, administrative unit,
 * product lists), checked the same way for both.
 */

/** Mã số thuế: 10 digits, or 13 for a branch written `0123456789-001`. */
export function normalizeTaxCode(value: string): string | null {
  const v = value.trim().replace(/\s+/g, '');
  if (/^\d{10}$/.test(v) || /^\d{10}-\d{3}$/.test(v)) return v;
  if (/^\d{13}$/.test(v)) return `${v.slice(0, 10)}-${v.slice(10)}`;
  return null;
}

/**
 * Vietnamese phone numbers: mobile 0[35789]x xxx xxxx, landline 02xx xxx xxxx,
 * hotlines 1800/1900…; +84/84 is folded to 0 and separators dropped, so one
 * number has one stored form.
 */
export function normalizeVietnamesePhone(value: string): string | null {
  let v = value.trim().replace(/[\s.\-()]/g, '');
  if (v.startsWith('+84')) v = `0${v.slice(3)}`;
  else if (/^84\d{9,10}$/.test(v)) v = `0${v.slice(2)}`;
  if (/^0[35789]\d{8}$/.test(v) || /^02\d{9}$/.test(v) || /^1[89]00\d{4,6}$/.test(v)) return v;
  return null;
}

export async function requireAdministrativeUnit(
  em: EntityManager,
  id: string,
  field = 'administrativeUnitId',
): Promise<AdministrativeUnit> {
  const unit = await em.findOneBy(AdministrativeUnit, { id });
  if (!unit)
    throw DomainError.invalid('ADMINISTRATIVE_UNIT.UNKNOWN', field, `${field}: no administrative unit "${id}"`);
  return unit;
}

/** Every code must be in the catalogue; answers them upper-cased, unique and sorted. */
export async function requireKnownProducts(
  em: EntityManager,
  codes: string[] | null | undefined,
  field: string,
): Promise<string[]> {
  if (!codes?.length) return [];
  const wanted = [...new Set(codes.map((c) => c.trim().toUpperCase()))].sort();
  const found = await em.find(Product, { select: { code: true }, where: { code: In(wanted) } });
  const known = new Set(found.map((p) => p.code));
  const unknown = wanted.filter((c) => !known.has(c));
  if (unknown.length) {
    throw DomainError.invalid(
      'PRODUCT.UNKNOWN',
      field,
      `${field}: unknown product code${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')}`,
    );
  }
  return wanted;
}

/** A field's `write` (registry-fields.ts) for a list of product codes: each one in the catalogue. */
export const writeKnownProducts = (em: EntityManager, codes: unknown, field: string): Promise<string[]> =>
  requireKnownProducts(em, codes as string[] | null | undefined, field);

/** The columns a cooperative and a buyer both have. */
export interface OrganizationRow {
  id?: string;
  taxCode: string | null;
  administrativeUnitId: string | null;
  pre2025AdministrativeUnitId: string | null;
  provinceCode: string | null;
  pre2025ProvinceCode: string | null;
  address: string | null;
  location: Point | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
}

/** The fields every organisation has, as the API and the import write them. */
export interface OrganizationFieldsPatch {
  taxCode?: string | null;
  administrativeUnitId?: string | null;
  provinceCode?: string | null;
  address?: string | null;
  location?: LatLng | null;
  contactName?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const blankToNull = (v: string | null | undefined) => (v === undefined ? undefined : v?.trim() || null);

/**
 * The rules of the fields every organisation has, whatever the transport (API body,
 * spreadsheet row): trimmed, tax code and phone in their one stored form, email in
 * lower case. Fields left out stay out (a PATCH); problems go to `check`.
 */
export function normalizeOrganizationFields<T extends OrganizationFieldsPatch>(
  entity: 'COOPERATIVE' | 'BUYER',
  input: T,
  check: RuleCheck,
): T {
  const out: T = { ...input };
  if (input.taxCode !== undefined && input.taxCode !== null) {
    const raw = input.taxCode.trim();
    out.taxCode = raw
      ? (normalizeTaxCode(raw) ??
        check.fail(
          `${entity}.INVALID_TAX_CODE`,
          'taxCode',
          'taxCode must be 10 digits or 10-3 digits (0123456789 or 0123456789-001)',
          `Mã số thuế "${raw}" không hợp lệ (10 hoặc 13 chữ số)`,
        ))
      : null;
  }
  if (input.contactPhone !== undefined && input.contactPhone !== null) {
    const raw = input.contactPhone.trim();
    out.contactPhone = raw
      ? (normalizeVietnamesePhone(raw) ??
        check.fail(
          `${entity}.INVALID_PHONE`,
          'contactPhone',
          'contactPhone must be a Vietnamese phone number',
          `Số điện thoại "${raw}" không hợp lệ`,
        ))
      : null;
  }
  if (input.contactEmail !== undefined && input.contactEmail !== null) {
    const email = input.contactEmail.trim().toLowerCase() || null;
    if (email && !EMAIL.test(email))
      check.fail(
        `${entity}.INVALID_EMAIL`,
        'contactEmail',
        'contactEmail must be an email address',
        `Email "${input.contactEmail.trim()}" không hợp lệ`,
      );
    out.contactEmail = email;
  }
  out.provinceCode = blankToNull(input.provinceCode);
  out.address = blankToNull(input.address);
  out.contactName = blankToNull(input.contactName);
  return out;
}

/**
 * Applies and checks the shared organisation fields. `entity` names the table
 * for the tax-code clash check and the error codes (COOPERATIVE, BUYER).
 */
export async function applyOrganizationFields(
  em: EntityManager,
  entityClass: EntityTarget<OrganizationRow>,
  entity: 'COOPERATIVE' | 'BUYER',
  row: OrganizationRow,
  patch: OrganizationFieldsPatch,
): Promise<void> {
  const input = checked((check) => normalizeOrganizationFields(entity, patch, check));
  if (input.taxCode !== undefined) row.taxCode = input.taxCode;
  if (input.administrativeUnitId !== undefined) {
    if (input.administrativeUnitId === null) {
      row.administrativeUnitId = null;
      row.pre2025AdministrativeUnitId = null;
    } else {
      // A pre-2025 unit is stored as its current successor; where it was split, the location decides.
      const where = input.location !== undefined ? input.location : fromPoint(row.location);
      const unit = await AdministrativeUnitResolver.resolve(em, input.administrativeUnitId, {
        field: 'administrativeUnitId',
        location: where,
      });
      row.administrativeUnitId = unit.unitId;
      row.pre2025AdministrativeUnitId = unit.pre2025UnitId;
      // The unit names the province unless the client says otherwise.
      if (input.provinceCode === undefined && unit.provinceCode) {
        row.provinceCode = unit.provinceCode;
        row.pre2025ProvinceCode = null;
      }
    }
  }
  if (input.provinceCode !== undefined) {
    const code = input.provinceCode?.trim() || null;
    if (!code) {
      row.provinceCode = null;
      row.pre2025ProvinceCode = null;
    } else {
      const p = await AdministrativeUnitResolver.resolveProvinceCode(em, code);
      row.provinceCode = p.provinceCode;
      row.pre2025ProvinceCode = p.pre2025ProvinceCode;
    }
  }
  if (input.address !== undefined) row.address = input.address;
  if (input.location !== undefined) row.location = input.location ? toPoint(input.location) : null;
  if (input.contactName !== undefined) row.contactName = input.contactName;
  if (input.contactPhone !== undefined) row.contactPhone = input.contactPhone;
  if (input.contactEmail !== undefined) row.contactEmail = input.contactEmail;
  if (row.taxCode) {
    const clash = await em
      .createQueryBuilder(entityClass, 'x')
      .where('x.tax_code = :tax', { tax: row.taxCode })
      .andWhere(row.id ? 'x.id <> :id' : 'TRUE', { id: row.id })
      .getExists();
    if (clash) throw taxCodeTaken(entity, row.taxCode);
  }
}

export function taxCodeTaken(entity: 'COOPERATIVE' | 'BUYER', taxCode: string | null): DomainError {
  const label = entity === 'COOPERATIVE' ? 'cooperative' : 'buyer';
  return new DomainError(
    'conflict',
    `${entity}.TAX_CODE_TAKEN`,
    `another ${label} already has tax code ${taxCode ?? ''}`.trim(),
    [{ field: 'taxCode', message: `taxCode is already registered to another ${label}` }],
  );
}

/** The two spreadsheet columns of a location, in every kind that has one. */
export const LAT_LNG_COLUMNS: SheetColumn[] = [
  { key: 'lat', header: 'Vĩ độ', example: '10,0125', hint: 'Độ thập phân, ví dụ 10,0125' },
  { key: 'lng', header: 'Kinh độ', example: '105,0809' },
];

/** The import's reference of a registry row (external_ref), the last column of its sheet. */
export const REF_COLUMN: SheetColumn = {
  key: 'externalRef',
  header: 'Mã tham chiếu',
  example: '',
  hint: 'Không bắt buộc: mã của dòng trong hệ thống của huyện',
};

const sheetColumn = (key: string, header: string, example: string, hint?: string) =>
  [{ key, header, example, ...(hint ? { hint } : {}) }] as const;

/**
 * The declarations (registry-fields.ts) of the fields every organisation has, for a resource's
 * field list; each takes its sheet's example (and hint), which differ between sellers and buyers.
 */
export const organizationField = {
  id: { name: 'id', column: 'id' },
  taxCode: (example: string) =>
    ({
      name: 'taxCode',
      column: 'tax_code',
      patchable: true,
      organization: true,
      stored: 'text',
      sheet: { columns: sheetColumn('taxCode', 'Mã số thuế', example), read: { as: 'text' } },
    }) as const,
  /** Commune and province as the caller gave them, and the current ones they were translated to. */
  place: (example: { provinceCode: string; communeHint?: string }) =>
    [
      {
        name: 'administrativeUnitId',
        column: 'administrative_unit_id',
        patchable: true,
        organization: true,
        stored: 'text',
        sheet: { columns: sheetColumn('communeCode', 'Mã xã/phường', '', example.communeHint) },
      },
      // The pre-2025 unit a district spreadsheet gave, kept beside the current one.
      {
        name: 'pre2025AdministrativeUnitId',
        column: 'pre2025_administrative_unit_id',
        stored: 'text',
        carriedBy: ['communeCode'],
      },
      {
        name: 'provinceCode',
        column: 'province_code',
        patchable: true,
        organization: true,
        stored: 'text',
        sheet: { columns: sheetColumn('provinceCode', 'Mã tỉnh', example.provinceCode) },
        // A commune names its province.
        carriedBy: ['provinceCode', 'communeCode'],
      },
      {
        name: 'pre2025ProvinceCode',
        column: 'pre2025_province_code',
        stored: 'text',
        carriedBy: ['provinceCode', 'communeCode'],
      },
    ] as const,
  address: (example: string) =>
    ({
      name: 'address',
      column: 'address',
      patchable: true,
      organization: true,
      stored: 'text',
      sheet: { columns: sheetColumn('address', 'Địa chỉ', example), read: { as: 'text', max: 500 } },
    }) as const,
  /** Stored as a geography point, answered as {lat, lng}; the sheet's coordinates also decide a split commune. */
  location: {
    name: 'location',
    column: 'location',
    patchable: true,
    organization: true,
    view: (value: unknown) => fromPoint(value as Point | null),
    sheet: { columns: LAT_LNG_COLUMNS, read: { as: 'place' } },
  },
  contactName: (example: string) =>
    ({
      name: 'contactName',
      column: 'contact_name',
      patchable: true,
      organization: true,
      stored: 'text',
      sheet: { columns: sheetColumn('contactName', 'Người liên hệ', example), read: { as: 'text', max: 200 } },
    }) as const,
  contactPhone: (example: string) =>
    ({
      name: 'contactPhone',
      column: 'contact_phone',
      patchable: true,
      organization: true,
      stored: 'text',
      sheet: { columns: sheetColumn('contactPhone', 'Số điện thoại', example), read: { as: 'text' } },
    }) as const,
  contactEmail: (example: string) =>
    ({
      name: 'contactEmail',
      column: 'contact_email',
      patchable: true,
      organization: true,
      stored: 'text',
      sheet: { columns: sheetColumn('contactEmail', 'Email', example), read: { as: 'text', max: 200 } },
    }) as const,
  /** The import's natural key (hidden from the view) and the row's times, last in a field list. */
  record: [
    {
      name: 'externalRef',
      column: 'external_ref',
      private: true,
      sheet: { columns: [REF_COLUMN], read: { as: 'text', max: 60 } },
    },
    { name: 'createdAt', column: 'created_at' },
    { name: 'updatedAt', column: 'updated_at' },
  ],
} as const;
