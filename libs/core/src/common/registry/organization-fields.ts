import type { Point } from 'geojson';
import { EntityManager, EntityTarget, In } from 'typeorm';
import { AdministrativeUnit } from '../../administrative-units/administrative-unit.entity';
import { AdministrativeUnitResolver } from '../../administrative-units/administrative-unit-resolver';
import { Product } from '../../products/product.entity';
import { DomainError } from '../domain-error';
import { fromPoint, LatLng, toPoint } from '../geo';
import { checked, RuleCheck } from './rule-check';

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

/** The audit entries' names of those fields. */
export const ORGANIZATION_AUDITED = [
  'taxCode',
  'administrativeUnitId',
  'provinceCode',
  'address',
  'location',
  'contactName',
  'contactPhone',
  'contactEmail',
] as const;

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
