import { LatLng } from '../common/geo';
import { normalizeOrganizationFields, RuleCheck } from '../common/registry';
import { BUYER_TYPES, BuyerType } from './buyer.entity';

/** What a buyer is written from, by the API or a spreadsheet row. */
export interface BuyerInput {
  type: BuyerType;
  name: string;
  taxCode?: string | null;
  administrativeUnitId?: string | null;
  provinceCode?: string | null;
  address?: string | null;
  location?: LatLng | null;
  productsWanted?: string[] | null;
  contactName?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
}

export type BuyerPatch = Partial<BuyerInput>;

/** The fields an audit entry of a buyer records. */
export const BUYER_AUDITED = [
  'type',
  'name',
  'taxCode',
  'administrativeUnitId',
  'provinceCode',
  'address',
  'location',
  'productsWanted',
  'contactName',
  'contactPhone',
  'contactEmail',
] as const;

export const BUYER_NAME_MAX = 300;

/**
 * A buyer's rules, whatever the transport: the input normalised (fields left out
 * stay out), every problem in `check`. Catalogue look-ups are the caller's.
 */
export function normalizeBuyer<T extends BuyerPatch>(input: T, check: RuleCheck): T {
  const out = normalizeOrganizationFields('BUYER', input, check);
  if (input.type !== undefined && !(BUYER_TYPES as readonly string[]).includes(input.type)) {
    check.fail('BUYER.INVALID_TYPE', 'type', `type must be one of ${BUYER_TYPES.join(', ')}`, `Loại hình "${input.type}" không hợp lệ`);
  }
  if (input.name !== undefined) {
    out.name = input.name.trim();
    if (!out.name) check.fail('BUYER.INVALID_NAME', 'name', 'name must not be empty', 'Thiếu tên bên mua');
    else if (out.name.length > BUYER_NAME_MAX) check.fail('BUYER.INVALID_NAME', 'name', `name must be at most ${BUYER_NAME_MAX} characters`, `Tên bên mua dài quá ${BUYER_NAME_MAX} ký tự`);
  }
  return out;
}
