import {
  normalizeOrganizationFields,
  ORGANIZATION_AUDITED,
  OrganizationFieldsPatch,
  RuleCheck,
} from '../common/registry';
import { COOPERATIVE_KINDS, CooperativeKind } from './cooperative.entity';

/** What a cooperative is written from, by the API or a spreadsheet row. */
export interface CooperativeInput extends OrganizationFieldsPatch {
  kind: CooperativeKind;
  name: string;
  certifications?: string[] | null;
  products?: string[] | null;
  members?: number | null;
}

export type CooperativePatch = Partial<CooperativeInput>;

/** The fields an audit entry of a cooperative records. */
export const COOPERATIVE_AUDITED = [
  'kind',
  'name',
  ...ORGANIZATION_AUDITED,
  'certifications',
  'products',
  'members',
] as const;

export const COOPERATIVE_NAME_MAX = 300;
export const COOPERATIVE_MEMBERS_MAX = 10_000_000;

/**
 * A cooperative's rules, whatever the transport: the input normalised (fields left
 * out stay out), every problem in `check`. Catalogue look-ups (administrative unit,
 * products) are the caller's, which knows how it resolves them.
 */
export function normalizeCooperative<T extends CooperativePatch>(input: T, check: RuleCheck): T {
  const out = normalizeOrganizationFields('COOPERATIVE', input, check);
  if (input.kind !== undefined && !(COOPERATIVE_KINDS as readonly string[]).includes(input.kind)) {
    check.fail(
      'COOPERATIVE.INVALID_KIND',
      'kind',
      `kind must be one of ${COOPERATIVE_KINDS.join(', ')}`,
      `Loại hình "${input.kind}" không hợp lệ`,
    );
  }
  if (input.name !== undefined) {
    out.name = input.name.trim();
    if (!out.name) check.fail('COOPERATIVE.INVALID_NAME', 'name', 'name must not be empty', 'Thiếu tên HTX');
    else if (out.name.length > COOPERATIVE_NAME_MAX) {
      check.fail(
        'COOPERATIVE.INVALID_NAME',
        'name',
        `name must be at most ${COOPERATIVE_NAME_MAX} characters`,
        `Tên HTX dài quá ${COOPERATIVE_NAME_MAX} ký tự`,
      );
    }
  }
  if (
    input.members !== undefined &&
    input.members !== null &&
    (!Number.isInteger(input.members) || input.members < 0 || input.members > COOPERATIVE_MEMBERS_MAX)
  ) {
    check.fail(
      'COOPERATIVE.INVALID_MEMBERS',
      'members',
      `members must be a whole number from 0 to ${COOPERATIVE_MEMBERS_MAX}`,
      `Số thành viên phải là số nguyên từ 0 đến ${COOPERATIVE_MEMBERS_MAX}`,
    );
  }
  return out;
}
