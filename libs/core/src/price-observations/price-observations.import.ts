import { foldVietnamese } from '../common/vietnamese-text';
import {
  ImportKindDefinition,
  ImportKindSpec,
  latLng,
  naturalKeyRef,
  ref,
  refShown,
  unitOf,
} from '../imports/import-rows';
import { KeyedTable, writeKeyedRows } from '../imports/keyed-rows';
import { NotificationsService } from '../notifications/notifications.service';
import { isFarOutsideBand } from './price-observation.rules';
import { tripPriceWatchFlags } from './price-watch-alerts';

const SPEC: ImportKindSpec = {
  kind: 'price-observations',
  title: 'Giá thị trường quan sát',
  columns: [
    { key: 'marketName', header: 'Chợ / nơi quan sát', required: true, example: 'Chợ đầu mối nông sản Thủ Đức' },
    {
      key: 'product',
      header: 'Mã sản phẩm',
      required: true,
      example: 'LUA_TUOI_CLC',
      hint: 'Mã hoặc tên sản phẩm trong danh mục, cả vật tư nông nghiệp (PHAN_URE, PHAN_DAP, GIONG_LUA, THUC_AN_CA…)',
    },
    { key: 'priceVndPerKg', header: 'Giá (đồng/kg)', required: true, example: '7.200' },
    { key: 'observedOn', header: 'Ngày quan sát', required: true, example: '04/03/2026', hint: 'dd/mm/yyyy' },
    { key: 'source', header: 'Nguồn tin', required: true, example: 'Phòng Kinh tế xã' },
    { key: 'provinceCode', header: 'Mã tỉnh', example: '91' },
    ...latLng,
    {
      key: 'confirmOutlier',
      header: 'Xác nhận giá bất thường',
      example: '',
      hint: 'Ghi "có" khi giá nằm xa ngoài khoảng thường gặp (dưới một nửa giá thấp hoặc trên gấp đôi giá cao) mà vẫn đúng',
    },
    ref,
  ],
};

const TABLE: KeyedTable = {
  table: 'price_observations',
  entityType: 'price_observation',
  spec: SPEC,
  located: true,
  // Value keys as the service's audit entries name them.
  fields: [
    { key: 'productCode', column: 'product_code', type: 'text', files: ['product'] },
    { key: 'marketName', column: 'market_name', type: 'text', files: ['marketName'] },
    { key: 'provinceCode', column: 'province_code', type: 'text', files: ['provinceCode'] },
    { key: 'pre2025ProvinceCode', column: 'pre2025_province_code', type: 'text', files: ['provinceCode'] },
    { key: 'observedOn', column: 'observed_on', type: 'date', files: ['observedOn'] },
    { key: 'priceVndPerKg', column: 'price_vnd_per_kg', type: 'int', files: ['priceVndPerKg'] },
    { key: 'source', column: 'source', type: 'text', files: ['source'] },
    { key: 'outsideBand', column: 'outside_band', type: 'bool', files: ['priceVndPerKg'] },
  ],
  match: {
    columns: [{ name: 'ref', type: 'text', value: (row) => row.values.externalRef }],
    on: 'c.external_ref = t.ref',
  },
  insertedKey: { row: 'external_ref', input: 't.ref', value: (row) => String(row.values.externalRef) },
  what: (row) => {
    const ref = refShown(row);
    return ref
      ? `Mã tham chiếu "${ref}": giá này`
      : `Giá ${row.values.productCode as string} tại ${row.values.marketName as string} ngày ${row.values.observedOn as string} (${row.values.source as string})`;
  },
  // A price that trips the watch notifies staff, as when it is entered in the app. The import
  // machinery has no injected services; NotificationsService.notify writes through `em` only.
  afterWrite: (em, written) =>
    tripPriceWatchFlags(
      em,
      (m, items) => new NotificationsService(m.connection).notify(m, items),
      written.map((r) => ({ product: String(r.values.productCode), observedOn: String(r.values.observedOn) })),
    ),
};

/** Market prices from a spreadsheet; a corrected price corrects the observation its reference names. */
export const PRICE_OBSERVATIONS_IMPORT: ImportKindDefinition = {
  spec: SPEC,
  check(r, refs) {
    const marketName = r.text('marketName', { required: true, max: 300 });
    const product = r.product(refs);
    const priceVndPerKg = r.whole('priceVndPerKg', { required: true, min: 1, max: 100_000_000 });
    const observedOn = r.date('observedOn');
    const source = r.text('source', { required: true, max: 300 });
    // A pre-2025 province code (89 An Giang) is stored as the current one (91), the old one kept beside it.
    const provinceText = r.text('provinceCode');
    const province = provinceText ? unitOf(r, refs, 'provinceCode', provinceText, ['province'], null) : null;
    const provinceCode = province?.code ?? null;
    const pre2025ProvinceCode = province?.pre2025UnitId ? province.pre2025UnitId.split(':')[2] : null;
    const point = r.point(false);
    const confirmText = r.text('confirmOutlier');
    const confirmed = !!confirmText && ['co', 'x', 'yes', 'true', '1', 'dung'].includes(foldVietnamese(confirmText));
    const externalRef = r.text('externalRef', { max: 80 });
    const band = product ? refs.priceBands.get(product) : undefined;
    const outsideBand = !!band && priceVndPerKg !== null && isFarOutsideBand(priceVndPerKg, band);
    // The same rule as POST /api/price-observations (price-observation.rules.ts).
    if (outsideBand && !confirmed) {
      r.fail(
        'priceVndPerKg',
        `Giá ${priceVndPerKg} đ/kg nằm xa ngoài khoảng giá thường gặp của ${product ?? ''} (${band.min ?? '?'}–${band.max ?? '?'} đ/kg); ghi "có" ở cột Xác nhận giá bất thường nếu giá đúng`,
      );
    }
    if (!r.ok || !marketName || !product || priceVndPerKg === null || !observedOn || !source || point === undefined)
      return null;
    const key =
      externalRef ??
      naturalKeyRef(
        'price-observations',
        `${product}|${foldVietnamese(marketName)}|${observedOn}|${foldVietnamese(source)}`,
      );
    return {
      keys: [key],
      keyColumn: externalRef ? 'externalRef' : 'marketName',
      values: {
        marketName,
        productCode: product,
        priceVndPerKg,
        observedOn,
        source,
        provinceCode,
        pre2025ProvinceCode,
        lat: point?.lat ?? null,
        lng: point?.lng ?? null,
        outsideBand,
        externalRef: key,
      },
    };
  },
  write: (em, rows, context) => writeKeyedRows(em, TABLE, rows, context),
};
