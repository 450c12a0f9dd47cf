import { RuleCheck } from '../common/registry';
import {
  failRuleProblems,
  ImportKindDefinition,
  ImportKindSpec,
  naturalKeyRef,
  org,
  ref,
  refShown,
} from '../imports/import-rows';
import { KeyedTable, writeKeyedRows } from '../imports/keyed-rows';
import { ownerReferenceKey } from '../imports/owner-reference-key';
import { normalizeProductionArea } from './production-area.rules';

const SPEC: ImportKindSpec = {
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
};

const OWNER_FILES = ['cooperativeTaxCode', 'cooperativeName'];
const POINT_SQL = 'ST_SetSRID(ST_MakePoint(t.lng, t.lat), 4326)';

const TABLE: KeyedTable = {
  table: 'production_areas',
  entityType: 'production_area',
  spec: SPEC,
  located: false,
  // Value keys as the service's audit entries name them.
  fields: [
    { key: 'cooperativeId', column: 'cooperative_id', type: 'uuid', files: OWNER_FILES, insertOnly: true },
    { key: 'productCode', column: 'product_code', type: 'text', files: ['product'] },
    { key: 'name', column: 'name', type: 'text', files: ['name'] },
    { key: 'areaHa', column: 'area_ha', type: 'numeric', files: ['areaHa'] },
    { key: 'growingAreaCode', column: 'growing_area_code', type: 'text', files: ['growingAreaCode'] },
    { key: 'certifications', column: 'certifications', type: 'list', files: ['certifications'] },
    { key: 'provinceCode', column: 'province_code', type: 'text', files: OWNER_FILES, insertOnly: true },
  ],
  // A spreadsheet carries a point and an area, not a polygon: a new area's boundary is the circle of
  // that area around the point, to be redrawn on the map. A file never moves an existing area's
  // boundary (it may have been drawn there since); it corrects the area's other fields.
  insertExtra: [
    {
      column: 'boundary',
      value: `ST_Multi(ST_Buffer(${POINT_SQL}::geography, sqrt(t.area_ha * 10000 / pi()))::geometry)`,
    },
    { column: 'centroid', value: POINT_SQL },
  ],
  ...ownerReferenceKey('cooperativeId', 'cooperative_id'),
  what: (row) =>
    refShown(row)
      ? `Mã tham chiếu "${refShown(row)}": vùng này của HTX`
      : `Vùng ${String(row.values.name ?? row.values.growingAreaCode ?? row.values.productCode)} của HTX`,
};

/** Production areas from a spreadsheet: cells read the Vietnamese way, then the same rules as the API; a corrected row corrects the area its key names. */
export const PRODUCTION_AREAS_IMPORT: ImportKindDefinition = {
  spec: SPEC,
  check(r, refs) {
    const coop = r.organization(refs.cooperatives, 'cooperative');
    const productCode = r.product(refs);
    const areaHa = r.decimal('areaHa', { required: true, exclusiveMin: 0, max: 1_000_000 });
    const point = r.point(true);
    const externalRef = r.text('externalRef', { max: 80 });
    const check = new RuleCheck();
    const terms = normalizeProductionArea(
      {
        name: r.text('name', { max: 300 }),
        ...(areaHa !== null ? { areaHa } : {}),
        growingAreaCode: r.text('growingAreaCode', { max: 60 }),
        certifications: r.list('certifications'),
      },
      check,
    );
    failRuleProblems(r, check);
    if (!r.ok || !coop || !productCode || terms.areaHa === undefined || !point) return null;
    const { name, growingAreaCode } = terms;
    const key =
      externalRef ??
      naturalKeyRef(
        'production-areas',
        `${coop.id}|${productCode}|${growingAreaCode ?? name ?? `${point.lat},${point.lng}`}`,
      );
    return {
      keys: [`${coop.id}|${key}`],
      keyColumn: externalRef ? 'externalRef' : growingAreaCode ? 'growingAreaCode' : name ? 'name' : 'product',
      values: {
        cooperativeId: coop.id,
        productCode,
        name,
        // A spreadsheet's float (12.499999…) as the two decimals the rule allowed.
        areaHa: Math.round(terms.areaHa * 100) / 100,
        lat: point.lat,
        lng: point.lng,
        growingAreaCode,
        certifications: terms.certifications,
        provinceCode: coop.provinceCode,
        externalRef: key,
      },
    };
  },
  write: (em, rows, context) => writeKeyedRows(em, TABLE, rows, context),
};
