import {
  auditedFields,
  normalizeOrganizationFields,
  organizationField as org,
  OrganizationFieldsPatch,
  RegistryField,
  RuleCheck,
  writeKnownProducts,
} from '../common/registry';
import { BUYER_TYPES, BuyerType } from './buyer.entity';

/** What a buyer is written from, by the API or a spreadsheet row. */
export interface BuyerInput extends OrganizationFieldsPatch {
  type: BuyerType;
  name: string;
  productsWanted?: string[] | null;
  warehouseAreaM2?: number | null;
}

export type BuyerPatch = Partial<BuyerInput>;

export const BUYER_NAME_MAX = 300;
/** The int column's bound. */
export const BUYER_WAREHOUSE_AREA_M2_MAX = 2_147_483_647;

/** How spreadsheets write the type (folded), beside the API's own values. */
const TYPE_LABELS: Partial<Record<string, BuyerType>> = {
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

/**
 * A buyer's fields, once (registry-fields.ts): the view BuyersService answers, what POST and
 * PATCH write, the audit trail and the import's columns (in this order in its template) follow.
 */
export const BUYER_FIELDS = [
  org.id,
  {
    name: 'name',
    column: 'name',
    patchable: true,
    required: true,
    stored: 'text',
    sheet: {
      columns: [
        { key: 'name', header: 'Tên đơn vị', required: true, example: 'Công ty TNHH Chế biến Nông sản An Giang' },
      ],
      read: { as: 'text', required: true, max: BUYER_NAME_MAX },
    },
  },
  {
    name: 'type',
    column: 'type',
    patchable: true,
    required: true,
    stored: 'text',
    sheet: {
      columns: [
        {
          key: 'type',
          header: 'Loại hình',
          required: true,
          example: 'Cơ sở chế biến',
          hint: 'Chợ đầu mối, Nhà phân phối, Siêu thị, Xuất khẩu, Cơ sở chế biến, Thương lái, Thương mại điện tử',
        },
      ],
      read: { as: 'choice', values: BUYER_TYPES, labels: TYPE_LABELS, required: true },
    },
  },
  org.taxCode('1601234567'),
  ...org.place({ provinceCode: '89' }),
  org.address(''),
  org.location,
  {
    name: 'productsWanted',
    column: 'products_wanted',
    patchable: true,
    stored: 'list',
    write: writeKnownProducts,
    sheet: {
      columns: [{ key: 'productsWanted', header: 'Sản phẩm cần mua', example: 'LUA_ST' }],
      read: { as: 'products' },
    },
  },
  org.contactName(''),
  org.contactPhone(''),
  org.contactEmail(''),
  // Set by the demo season, not by the API.
  { name: 'demandIsIllustrative', column: 'demand_is_illustrative' },
  {
    name: 'warehouseAreaM2', // kho bãi
    column: 'warehouse_area_m2',
    patchable: true,
    stored: 'int',
    sheet: {
      columns: [
        {
          key: 'warehouseAreaM2',
          header: 'Diện tích kho bãi (m²)',
          aliases: ['Diện tích kho bãi (m2)', 'Diện tích kho (m2)'],
          example: '1.200',
          hint: 'Số mét vuông nguyên, không âm',
        },
      ],
      read: { as: 'number' },
    },
  },
  ...org.record,
] as const satisfies readonly RegistryField[];

/** The fields an audit entry of a buyer records. */
export const BUYER_AUDITED = auditedFields(BUYER_FIELDS);

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
  const area = input.warehouseAreaM2;
  if (
    area !== undefined &&
    area !== null &&
    (!Number.isInteger(area) || area < 0 || area > BUYER_WAREHOUSE_AREA_M2_MAX)
  ) {
    check.fail(
      'BUYER.INVALID_WAREHOUSE_AREA',
      'warehouseAreaM2',
      `warehouseAreaM2 must be a whole number of square metres from 0 to ${BUYER_WAREHOUSE_AREA_M2_MAX}`,
      `Diện tích kho bãi phải là số mét vuông nguyên từ 0 đến ${BUYER_WAREHOUSE_AREA_M2_MAX} (nhận được ${area})`,
    );
  }
  return out;
}
