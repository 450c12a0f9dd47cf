import { ImportKindDefinition, ImportKindSpec, org } from '../imports/import-rows';
import { KeyedTable, writeKeyedRows } from '../imports/keyed-rows';

const SPEC: ImportKindSpec = {
  kind: 'inventory-reports',
  title: 'Tồn kho của cơ sở chế biến, thương lái',
  oneOf: [['buyerTaxCode', 'buyerName']],
  columns: [
    ...org('bên mua', 'buyer'),
    { key: 'product', header: 'Mã sản phẩm', required: true, example: 'LUA_ST' },
    { key: 'quantityKg', header: 'Tồn kho (kg)', required: true, example: '250.000' },
    { key: 'reportedAt', header: 'Ngày báo cáo', required: true, example: '07/12/2026' },
    { key: 'note', header: 'Ghi chú', example: '' },
  ],
};

const BUYER_FILES = ['buyerTaxCode', 'buyerName'];
const TABLE: KeyedTable = {
  table: 'inventory_reports',
  entityType: 'inventory_report',
  spec: SPEC,
  located: false,
  // Value keys as the service's audit entries name them.
  fields: [
    { key: 'buyerId', column: 'buyer_id', type: 'uuid', files: BUYER_FILES },
    { key: 'productCode', column: 'product_code', type: 'text', files: ['product'] },
    { key: 'reportedAt', column: 'reported_at', type: 'date', files: ['reportedAt'] },
    { key: 'quantityKg', column: 'quantity_kg', type: 'bigint', files: ['quantityKg'] },
    { key: 'note', column: 'note', type: 'text', files: ['note'] },
  ],
  match: {
    columns: [
      { name: 'bid', type: 'uuid', value: (row) => row.values.buyerId },
      { name: 'product', type: 'text', value: (row) => row.values.productCode },
      { name: 'd', type: 'date', value: (row) => row.values.reportedAt },
    ],
    on: 'c.buyer_id = t.bid AND c.product_code = t.product AND c.reported_at = t.d',
  },
  insertedKey: {
    row: `buyer_id::text || '|' || product_code || '|' || reported_at::text`,
    input: `t.buyer_id::text || '|' || t.product_code || '|' || t.reported_at::text`,
    value: (row) =>
      `${row.values.buyerId as string}|${row.values.productCode as string}|${row.values.reportedAt as string}`,
  },
  // Stock on offer is a supply lot kept in step by the app (sold kg, status, proposals): the file does not change it.
  lookupExtra: `EXISTS (SELECT 1 FROM supply_lots l WHERE l.inventory_report_id = c.id) AS "offered"`,
  vet: (_row, [existing]) =>
    existing.offered
      ? {
          column: 'quantityKg',
          message: 'Báo cáo tồn kho này đang được chào bán: sửa trên ứng dụng (màn hình Tồn kho), không qua tệp',
        }
      : null,
  what: (row) =>
    `Báo cáo tồn kho ${row.values.productCode as string} ngày ${row.values.reportedAt as string} của bên mua`,
};

/** Stock reports from a spreadsheet, one per buyer, product and day; a corrected figure corrects that day's report. */
export const INVENTORY_REPORTS_IMPORT: ImportKindDefinition = {
  spec: SPEC,
  check(r, refs) {
    const buyer = r.organization(refs.buyers, 'buyer');
    const product = r.product(refs);
    const quantityKg = r.whole('quantityKg', { required: true, min: 0, max: 1_000_000_000_000 });
    const reportedAt = r.date('reportedAt');
    const note = r.text('note', { max: 2000 });
    if (!r.ok || !buyer || !product || quantityKg === null || !reportedAt) return null;
    return {
      keys: [`${buyer.id}|${product}|${reportedAt}`],
      keyColumn: 'reportedAt',
      values: { buyerId: buyer.id, productCode: product, quantityKg, reportedAt, note },
      provinceCodes: [buyer.provinceCode],
    };
  },
  write: (em, rows, context) => writeKeyedRows(em, TABLE, rows, context),
};
