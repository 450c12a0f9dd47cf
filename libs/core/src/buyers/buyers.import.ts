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
import { BUYER_TYPES, BuyerType } from './buyer.entity';
import { BUYER_NAME_MAX, normalizeBuyer } from './buyer.rules';

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

const SPEC: ImportKindSpec = {
  kind: 'buyers',
  title: 'Đơn vị thu mua',
  columns: [
    { key: 'name', header: 'Tên đơn vị', required: true, example: 'Công ty TNHH Chế biến Nông sản An Giang' },
    {
      key: 'type',
      header: 'Loại hình',
      required: true,
      example: 'Cơ sở chế biến',
      hint: 'Chợ đầu mối, Nhà phân phối, Siêu thị, Xuất khẩu, Cơ sở chế biến, Thương lái, Thương mại điện tử',
    },
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
};

const TABLE = organizationTable({
  table: 'buyers',
  entityType: 'buyer',
  spec: SPEC,
  fields: [
    { key: 'type', column: 'type', type: 'text', files: ['type'] },
    ...ORGANIZATION_FIELDS,
    { key: 'productsWanted', column: 'products_wanted', type: 'list', files: ['productsWanted'] },
  ],
  label: 'Đơn vị thu mua',
});

/** Buyers from a spreadsheet: cells read the Vietnamese way, then the same rules as POST /api/buyers. */
export const BUYERS_IMPORT: ImportKindDefinition = {
  spec: SPEC,
  check(r, refs) {
    const name = r.text('name', { required: true, max: BUYER_NAME_MAX });
    const typeText = r.text('type', { required: true });
    let type: BuyerType | null = null;
    if (typeText) {
      type =
        TYPE_LABELS[foldVietnamese(typeText)] ??
        ((BUYER_TYPES as readonly string[]).includes(typeText.toLowerCase())
          ? (typeText.toLowerCase() as BuyerType)
          : null);
      if (!type)
        r.fail(
          'type',
          `Loại hình "${typeText}" không hợp lệ (Chợ đầu mối, Nhà phân phối, Siêu thị, Xuất khẩu, Cơ sở chế biến, Thương lái, Thương mại điện tử)`,
        );
    }
    const point = r.point(false);
    const where = place(r, refs, point);
    const productsWanted = r.products(refs, 'productsWanted');
    const externalRef = r.text('externalRef', { max: 60 });
    const check = new RuleCheck();
    const input = normalizeBuyer(
      {
        name: name ?? '',
        taxCode: r.text('taxCode'),
        address: r.text('address', { max: 500 }),
        contactName: r.text('contactName', { max: 200 }),
        contactPhone: r.text('contactPhone'),
        contactEmail: r.text('contactEmail', { max: 200 }),
      },
      check,
    );
    failRuleProblems(r, check);
    if (!r.ok || !name || !type || !where || point === undefined) return null;
    const taxCode = input.taxCode ?? null;
    const key =
      externalRef ??
      naturalKeyRef(
        'buyers',
        taxCode ?? `${foldVietnamese(input.name)}|${where.administrativeUnitId ?? where.provinceCode ?? ''}`,
      );
    return {
      ...registryKeys(key, taxCode, externalRef),
      values: {
        ...input,
        type,
        taxCode,
        ...where,
        lat: point?.lat ?? null,
        lng: point?.lng ?? null,
        productsWanted,
        externalRef: key,
      },
    };
  },
  write: (em, rows, context) => writeKeyedRows(em, TABLE, rows, context),
};
