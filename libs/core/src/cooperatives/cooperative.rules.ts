import { normalizeCertifications } from '../common/certifications';
import {
  auditedFields,
  normalizeOrganizationFields,
  organizationField as org,
  OrganizationFieldsPatch,
  RegistryField,
  RuleCheck,
  writeKnownProducts,
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

export const COOPERATIVE_NAME_MAX = 300;
export const COOPERATIVE_MEMBERS_MAX = 10_000_000;

/** How district spreadsheets write the kind (folded), beside the API's own values. */
const KIND_LABELS: Partial<Record<string, CooperativeKind>> = {
  htx: 'cooperative',
  'hop tac xa': 'cooperative',
  'to hop tac': 'cooperative_group',
  tht: 'cooperative_group',
  'doanh nghiep': 'enterprise',
  dn: 'enterprise',
  'ho gia dinh': 'household',
  'ho san xuat': 'household',
};

/**
 * A cooperative's fields, once (registry-fields.ts): the view CooperativesService answers, what
 * POST and PATCH write, the audit trail and the import's columns (in this order in its template) follow.
 */
export const COOPERATIVE_FIELDS = [
  org.id,
  {
    name: 'name',
    column: 'name',
    patchable: true,
    required: true,
    stored: 'text',
    sheet: {
      columns: [{ key: 'name', header: 'Tên HTX', required: true, example: 'HTX Nông nghiệp Thạnh Lợi' }],
      read: { as: 'text', required: true, max: COOPERATIVE_NAME_MAX },
    },
  },
  {
    name: 'kind',
    column: 'kind',
    patchable: true,
    required: true,
    stored: 'text',
    sheet: {
      columns: [
        { key: 'kind', header: 'Loại hình', example: 'HTX', hint: 'HTX, Tổ hợp tác, Doanh nghiệp, Hộ gia đình' },
      ],
      // A district's list of HTX often leaves the kind out.
      read: { as: 'choice', values: COOPERATIVE_KINDS, labels: KIND_LABELS, fallback: 'cooperative' },
    },
  },
  org.taxCode('1701234567'),
  ...org.place({
    provinceCode: '91',
    communeHint: 'Mã xã hiện hành, hoặc mã xã/huyện trước 1/7/2025 (tự chuyển sang xã mới)',
  }),
  org.address('Ấp Thạnh Lợi, xã Thạnh Lộc'),
  org.location,
  org.contactName('Nguyễn Văn A'),
  org.contactPhone('0912345678'),
  org.contactEmail(''),
  {
    name: 'products',
    column: 'products',
    patchable: true,
    stored: 'list',
    write: writeKnownProducts,
    sheet: {
      columns: [
        { key: 'products', header: 'Sản phẩm', example: 'LUA_ST', hint: 'Mã sản phẩm, cách nhau bởi dấu phẩy' },
      ],
      read: { as: 'products' },
    },
  },
  {
    name: 'certifications',
    column: 'certifications',
    patchable: true,
    stored: 'list',
    write: (_em: unknown, codes: unknown, field: string) => normalizeCertifications(codes as string[] | null, field),
    sheet: {
      columns: [{ key: 'certifications', header: 'Chứng nhận', example: 'VIETGAP' }],
      read: { as: 'certifications' },
    },
  },
  {
    name: 'members',
    column: 'members',
    patchable: true,
    stored: 'int',
    sheet: {
      columns: [{ key: 'members', header: 'Số thành viên', example: '45' }],
      read: { as: 'whole', min: 0, max: COOPERATIVE_MEMBERS_MAX },
    },
  },
  ...org.record,
] as const satisfies readonly RegistryField[];

/** The fields an audit entry of a cooperative records. */
export const COOPERATIVE_AUDITED = auditedFields(COOPERATIVE_FIELDS);

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
