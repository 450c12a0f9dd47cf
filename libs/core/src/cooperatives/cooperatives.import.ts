import { RuleCheck } from '../common/registry';
import { foldVietnamese } from '../common/vietnamese-text';
import {
  failRuleProblems,
  ImportKindDefinition,
  ImportKindSpec,
  latLng,
  naturalKeyRef,
  place,
  ref,
  registryKeys,
} from '../imports/import-rows';
import { writeKeyedRows } from '../imports/keyed-rows';
import { ORGANIZATION_FIELDS, organizationTable } from '../imports/organization-rows';
import { COOPERATIVE_KINDS, CooperativeKind } from './cooperative.entity';
import { COOPERATIVE_NAME_MAX, normalizeCooperative } from './cooperative.rules';

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

const SPEC: ImportKindSpec = {
  kind: 'cooperatives',
  title: 'Hợp tác xã, tổ hợp tác',
  columns: [
    { key: 'name', header: 'Tên HTX', required: true, example: 'HTX Nông nghiệp Thạnh Lợi' },
    { key: 'kind', header: 'Loại hình', example: 'HTX', hint: 'HTX, Tổ hợp tác, Doanh nghiệp, Hộ gia đình' },
    { key: 'taxCode', header: 'Mã số thuế', example: '1701234567' },
    {
      key: 'communeCode',
      header: 'Mã xã/phường',
      example: '',
      hint: 'Mã xã hiện hành, hoặc mã xã/huyện trước 1/7/2025 (tự chuyển sang xã mới)',
    },
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
};

const TABLE = organizationTable({
  table: 'cooperatives',
  entityType: 'cooperative',
  spec: SPEC,
  fields: [
    { key: 'kind', column: 'kind', type: 'text', files: ['kind'] },
    ...ORGANIZATION_FIELDS,
    { key: 'products', column: 'products', type: 'list', files: ['products'] },
    { key: 'certifications', column: 'certifications', type: 'list', files: ['certifications'] },
    { key: 'members', column: 'members', type: 'int', files: ['members'] },
  ],
  label: 'HTX',
});

/** Cooperatives from a spreadsheet: cells read the Vietnamese way, then the same rules as POST /api/cooperatives. */
export const COOPERATIVES_IMPORT: ImportKindDefinition = {
  spec: SPEC,
  check(r, refs) {
    const name = r.text('name', { required: true, max: COOPERATIVE_NAME_MAX });
    const kindText = r.text('kind');
    let kind: CooperativeKind = 'cooperative';
    if (kindText) {
      const k =
        KIND_LABELS[foldVietnamese(kindText)] ??
        ((COOPERATIVE_KINDS as readonly string[]).find((x) => x === kindText.toLowerCase()) as
          CooperativeKind | undefined);
      if (!k) r.fail('kind', `Loại hình "${kindText}" không hợp lệ (HTX, Tổ hợp tác, Doanh nghiệp, Hộ gia đình)`);
      else kind = k;
    }
    const point = r.point(false);
    const where = place(r, refs, point);
    const products = r.products(refs, 'products');
    const certifications = r.certifications('certifications');
    const members = r.whole('members', { min: 0, max: 10_000_000 });
    const externalRef = r.text('externalRef', { max: 60 });
    const check = new RuleCheck();
    const input = normalizeCooperative(
      {
        kind,
        name: name ?? '',
        taxCode: r.text('taxCode'),
        address: r.text('address', { max: 500 }),
        contactName: r.text('contactName', { max: 200 }),
        contactPhone: r.text('contactPhone'),
        contactEmail: r.text('contactEmail', { max: 200 }),
        members,
      },
      check,
    );
    failRuleProblems(r, check);
    if (!r.ok || !name || !where || point === undefined) return null;
    const taxCode = input.taxCode ?? null;
    const key =
      externalRef ??
      naturalKeyRef(
        'cooperatives',
        taxCode ?? `${foldVietnamese(input.name)}|${where.administrativeUnitId ?? where.provinceCode ?? ''}`,
      );
    return {
      ...registryKeys(key, taxCode, externalRef),
      values: {
        ...input,
        taxCode,
        ...where,
        lat: point?.lat ?? null,
        lng: point?.lng ?? null,
        products,
        certifications,
        externalRef: key,
      },
    };
  },
  write: (em, rows, context) => writeKeyedRows(em, TABLE, rows, context),
};
