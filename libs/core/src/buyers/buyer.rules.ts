import {
  normalizeOrganizationFields,
  ORGANIZATION_AUDITED,
  OrganizationFieldsPatch,
  RuleCheck,
} from '../common/registry';
import { BUYER_TYPES, BuyerType } from './buyer.entity';

/** What a buyer is written from, by the API or a spreadsheet row. */
export interface BuyerInput extends OrganizationFieldsPatch {
  type: BuyerType;
  name: string;
  productsWanted?: string[] | null;
}

export type BuyerPatch = Partial<BuyerInput>;

/** The fields an audit entry of a buyer records. */
export const BUYER_AUDITED = ['type', 'name', ...ORGANIZATION_AUDITED, 'productsWanted'] as const;

export const BUYER_NAME_MAX = 300;

/**
 * A buyer's rules, whatever the transport: the input normalised (fields left out
 * stay out), every problem in `check`. Catalogue look-ups are the caller's.
 */
export function normalizeBuyer<T extends BuyerPatch>(input: T, check: RuleCheck): T {
  const out = normalizeOrganizationFields('BUYER', input, check);
  if (input.type !== undefined && !(BUYER_TYPES as readonly string[]).includes(input.type)) {
    check.fail(
      'BUYER.INVALID_TYPE',
      'type',
      `type must be one of ${BUYER_TYPES.join(', ')}`,
      `Loại hình "${input.type}" không hợp lệ`,
    );
  }
  if (input.name !== undefined) {
    out.name = input.name.trim();
    if (!out.name) check.fail('BUYER.INVALID_NAME', 'name', 'name must not be empty', 'Thiếu tên bên mua');
    else if (out.name.length > BUYER_NAME_MAX)
      check.fail(
        'BUYER.INVALID_NAME',
        'name',
        `name must be at most ${BUYER_NAME_MAX} characters`,
        `Tên bên mua dài quá ${BUYER_NAME_MAX} ký tự`,
      );
  }
  return out;
}
