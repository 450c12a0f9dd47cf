import { EntityManager } from 'typeorm';
import { CERTIFICATIONS } from '../common/certifications';
import { isDataRejection, pgColumn, pgConstraint } from '../common/registry';
import { BUYERS_IMPORT } from '../buyers/buyers.import';
import { COOPERATIVES_IMPORT } from '../cooperatives/cooperatives.import';
import { INVENTORY_REPORTS_IMPORT } from '../inventory-reports/inventory-reports.import';
import { PRICE_OBSERVATIONS_IMPORT } from '../price-observations/price-observations.import';
import type { ImportKind } from './import.entity';
import {
  Checked,
  ChunkOutcome,
  col,
  headerOf,
  ImportKindDefinition,
  ImportWriteContext,
  ImportKindSpec,
  ImportReferences,
  latLng,
  list,
  naturalKeyRef,
  org,
  POINT,
  POINT_OUT,
  pos,
  ref,
  refShown,
  RowReader,
  sameValue,
  shown,
  ValidRow,
} from './import-rows';

export { columnLetter, matchHeaders, normalizeHeader, ImportReferences, RowReader } from './import-rows';
export type { ChunkOutcome, ImportColumn, ImportKindDefinition, ImportKindSpec, ImportWriteContext, ValidRow } from './import-rows';

/*
 * The import kinds. A kind moved to its resource (`<resource>/<resource>.import.ts`)
 * checks its rows with the resource's rules and writes them itself (insert, update
 * what changed, audit per row); the kinds below still insert ON CONFLICT DO NOTHING
 * and report a row that differs from the record there as a row error.
 */

/** Kinds that write through their resource's rules; the others are still written below. */
type OwnKind = 'cooperatives' | 'buyers' | 'price-observations' | 'inventory-reports';
type LegacyKind = Exclude<ImportKind, OwnKind>;

const OWN_KINDS: Partial<Record<ImportKind, ImportKindDefinition>> & Record<OwnKind, ImportKindDefinition> = {
  cooperatives: COOPERATIVES_IMPORT,
  buyers: BUYERS_IMPORT,
  'price-observations': PRICE_OBSERVATIONS_IMPORT,
  'inventory-reports': INVENTORY_REPORTS_IMPORT,
};

export const IMPORT_KIND_SPECS: Record<ImportKind, ImportKindSpec> = {
  'supply-lots': {
    kind: 'supply-lots',
    title: 'Sản lượng chào bán',
    oneOf: [['cooperativeTaxCode', 'cooperativeName']],
    columns: [
      ...org('HTX', 'cooperative'),
      { key: 'product', header: 'Mã sản phẩm', required: true, example: 'LUA_ST', hint: 'Mã hoặc tên sản phẩm trong danh mục' },
      { key: 'quantityKg', header: 'Sản lượng (kg)', required: true, example: '50.000' },
      { key: 'harvestFrom', header: 'Thu hoạch từ ngày', required: true, example: '01/12/2026', hint: 'dd/mm/yyyy' },
      { key: 'harvestTo', header: 'Thu hoạch đến ngày', required: true, example: '15/12/2026' },
      { key: 'askVndPerKg', header: 'Giá chào bán (đồng/kg)', required: true, example: '7.200' },
      ...latLng,
      { key: 'certifications', header: 'Chứng nhận', example: 'VIETGAP', hint: CERTIFICATIONS.join(', ') },
      { key: 'note', header: 'Ghi chú', example: '' },
      ref,
    ],
  },
  cooperatives: COOPERATIVES_IMPORT.spec,
  buyers: BUYERS_IMPORT.spec,
  'purchase-requests': {
    kind: 'purchase-requests',
    title: 'Nhu cầu thu mua',
    oneOf: [['buyerTaxCode', 'buyerName']],
    columns: [
      ...org('bên mua', 'buyer'),
      { key: 'product', header: 'Mã sản phẩm', required: true, example: 'LUA_ST' },
      { key: 'quantityKg', header: 'Khối lượng cần mua (kg)', required: true, example: '100.000' },
      { key: 'deliverFrom', header: 'Giao từ ngày', required: true, example: '01/12/2026' },
      { key: 'deliverTo', header: 'Giao đến ngày', required: true, example: '31/12/2026' },
      { key: 'bidVndPerKg', header: 'Giá mua (đồng/kg)', required: true, example: '7.500' },
      ...latLng,
      { key: 'requiredCertifications', header: 'Chứng nhận yêu cầu', example: '' },
      { key: 'maxDistanceKm', header: 'Cự ly tối đa (km)', example: '' },
      { key: 'note', header: 'Ghi chú', example: '' },
      ref,
    ],
  },
  'production-areas': {
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
  },
  'price-observations': PRICE_OBSERVATIONS_IMPORT.spec,
  'inventory-reports': INVENTORY_REPORTS_IMPORT.spec,
};

export function validateRow(kind: ImportKind, r: RowReader, refs: ImportReferences, organizationId: string | null): ValidRow | null {
  const own = OWN_KINDS[kind];
  const v = own ? own.check(r, refs, organizationId) : ROW_CHECKS[kind as LegacyKind](r, refs, organizationId);
  return r.ok && v ? { rowNumber: r.rowNumber, ...v } : null;
}

/** Writes one chunk of checked rows of a kind, in the caller's transaction. */
export function writeRows(em: EntityManager, kind: ImportKind, rows: ValidRow[], context: ImportWriteContext): Promise<ChunkOutcome> {
  const own = OWN_KINDS[kind];
  return own ? own.write(em, rows, context) : insertNewRows(em, kind as LegacyKind, rows, context.columnsInFile);
}

const ROW_CHECKS: Record<LegacyKind, (r: RowReader, refs: ImportReferences, organizationId: string | null) => Checked> = {
  'supply-lots': (r, refs, organizationId) => {
    const coop = r.organization(refs.cooperatives, 'cooperative');
    if (coop && organizationId && coop.id !== organizationId) r.fail('cooperativeTaxCode', 'Chỉ được nhập sản lượng của chính HTX mình');
    const product = r.product(refs);
    const quantityKg = r.whole('quantityKg', { required: true, min: 1, max: 1_000_000_000_000 });
    const window = r.window('harvestFrom', 'harvestTo');
    const askVndPerKg = r.whole('askVndPerKg', { required: true, min: 0, max: 100_000_000 });
    let point = r.point(false);
    const certifications = r.certifications('certifications');
    const note = r.text('note', { max: 2000 });
    const externalRef = r.text('externalRef', { max: 120 });
    if (point === null && coop) {
      if (coop.lat === null || coop.lng === null) r.fail('lat', 'Thiếu tọa độ: HTX chưa có vị trí trên bản đồ');
      else point = { lat: Number(coop.lat), lng: Number(coop.lng) };
    }
    if (!r.ok || !coop || !product || !window || !point) return null;
    // The reference is the cooperative's own (issue 11): another cooperative may use it too.
    const ref = externalRef ?? naturalKeyRef('supply-lots', `${coop.id}|${product}|${window[0]}|${window[1]}`);
    return {
      keys: [`${coop.id}|${ref}`],
      keyColumn: externalRef ? 'externalRef' : 'product',
      values: {
        cooperativeId: coop.id, product, quantityKg, harvestFrom: window[0], harvestTo: window[1], askVndPerKg,
        lat: point.lat, lng: point.lng, certifications, note, provinceCode: coop.provinceCode, externalRef: ref,
      },
    };
  },
  'purchase-requests': (r, refs) => {
    const buyer = r.organization(refs.buyers, 'buyer');
    const product = r.product(refs);
    const quantityKg = r.whole('quantityKg', { required: true, min: 1, max: 1_000_000_000_000 });
    const window = r.window('deliverFrom', 'deliverTo');
    const bidVndPerKg = r.whole('bidVndPerKg', { required: true, min: 0, max: 100_000_000 });
    let point = r.point(false);
    const requiredCertifications = r.certifications('requiredCertifications');
    const maxDistanceKm = r.decimal('maxDistanceKm', { exclusiveMin: 0, max: 5000 });
    const note = r.text('note', { max: 2000 });
    const externalRef = r.text('externalRef', { max: 120 });
    if (point === null && buyer) {
      if (buyer.lat === null || buyer.lng === null) r.fail('lat', 'Thiếu tọa độ: bên mua chưa có vị trí trên bản đồ');
      else point = { lat: Number(buyer.lat), lng: Number(buyer.lng) };
    }
    if (!r.ok || !buyer || !product || !window || !point) return null;
    const ref = externalRef ?? naturalKeyRef('purchase-requests', `${buyer.id}|${product}|${window[0]}|${window[1]}`);
    return {
      keys: [`${buyer.id}|${ref}`],
      keyColumn: externalRef ? 'externalRef' : 'product',
      values: {
        buyerId: buyer.id, product, quantityKg, deliverFrom: window[0], deliverTo: window[1], bidVndPerKg, lat: point.lat, lng: point.lng,
        requiredCertifications, maxDistanceKm: maxDistanceKm === null ? null : Math.round(maxDistanceKm * 10) / 10, note,
        provinceCode: buyer.provinceCode, externalRef: ref,
      },
    };
  },
  'production-areas': (r, refs) => {
    const coop = r.organization(refs.cooperatives, 'cooperative');
    const product = r.product(refs);
    const name = r.text('name', { max: 300 });
    const areaHa = r.decimal('areaHa', { required: true, exclusiveMin: 0, max: 1_000_000 });
    const point = r.point(true);
    const growingAreaCode = r.text('growingAreaCode', { max: 60 });
    const certifications = r.certifications('certifications');
    const externalRef = r.text('externalRef', { max: 80 });
    if (!r.ok || !coop || !product || areaHa === null || !point) return null;
    const ref = externalRef ?? naturalKeyRef('production-areas', `${coop.id}|${product}|${growingAreaCode ?? name ?? `${point.lat},${point.lng}`}`);
    return {
      keys: [`${coop.id}|${ref}`],
      keyColumn: externalRef ? 'externalRef' : growingAreaCode ? 'growingAreaCode' : name ? 'name' : 'product',
      values: {
        cooperativeId: coop.id, product, name, areaHa: Math.round(areaHa * 100) / 100, lat: point.lat, lng: point.lng, growingAreaCode,
        certifications, provinceCode: coop.provinceCode, externalRef: ref,
      },
    };
  },
};

/**
 * Inserts one chunk (ON CONFLICT DO NOTHING, returning each new row's first key), then
 * looks up the record each remaining row collided with, in the same transaction: the
 * same values are "unchanged", anything else is a row error naming the differing cell.
 * Never a silent skip (issue 11). A concurrent writer's row is seen too: the lookup is a
 * new statement, and ON CONFLICT waited for that writer to commit.
 */
async function insertNewRows(em: EntityManager, kind: LegacyKind, rows: ValidRow[], columnsInFile: Set<string>): Promise<ChunkOutcome> {
  const outcome: ChunkOutcome = { inserted: 0, updated: 0, unchanged: 0, conflicts: [] };
  if (!rows.length) return outcome;
  const store = STORES[kind];
  const insert = async (chunk: ValidRow[]): Promise<Array<{ k: string }>> => {
    const [sql, params] = INSERTS[kind](chunk);
    await em.query('SAVEPOINT import_rows');
    try {
      const res = await em.query(`${sql} ON CONFLICT DO NOTHING RETURNING ${store.returning} AS k`, params);
      await em.query('RELEASE SAVEPOINT import_rows');
      return res;
    } catch (e) {
      await em.query('ROLLBACK TO SAVEPOINT import_rows');
      throw e;
    }
  };
  let inserted: Array<{ k: string }> = [];
  const rejected = new Set<ValidRow>();
  try {
    inserted = await insert(rows);
  } catch (e) {
    if (!isDataRejection(e)) throw e;
    // The database refused a row the checks let through (a constraint they do not know):
    // find which, one row at a time, and report each as a row error.
    for (const row of rows) {
      try {
        inserted.push(...(await insert([row])));
      } catch (err) {
        if (!isDataRejection(err)) throw err;
        rejected.add(row);
        const pgErr = { constraint: pgConstraint(err), column: pgColumn(err), message: (err as Error).message };
        outcome.conflicts.push({
          row,
          column: columnOfRejection(kind, pgErr) ?? row.keyColumn,
          message: `Cơ sở dữ liệu từ chối dòng này${pgErr.constraint ? ` (ràng buộc ${pgErr.constraint})` : ''}: ${pgErr.message}`,
        });
      }
    }
  }
  outcome.inserted = inserted.length;
  const fresh = new Set(inserted.map((r) => r.k));
  if (inserted.length + rejected.size === rows.length) return outcome;
  const clashing = rows.filter((r) => !fresh.has(r.keys[0]) && !rejected.has(r));
  const [lookup, lookupParams] = store.existing(clashing);
  const found: Array<Record<string, unknown> & { i: number }> = await em.query(lookup, lookupParams);
  const byIndex = new Map<number, Record<string, unknown>>();
  for (const f of found) if (!byIndex.has(Number(f.i))) byIndex.set(Number(f.i), f);
  clashing.forEach((row, i) => {
    const existing = byIndex.get(i + 1);
    if (!existing) {
      // Not found again: the clash was with a constraint the lookup does not know of.
      outcome.conflicts.push({ row, column: row.keyColumn, message: `${store.what(row)} trùng khóa với một bản ghi đã có nhưng không tìm thấy bản ghi đó; hãy thử lại` });
      return;
    }
    const differing = store.compare.find(
      ([valueKey, column]) => columnsInFile.has(column) && !(valueKey === 'externalRef' && !refShown(row)) && !sameValue(row.values[valueKey], existing[valueKey]),
    );
    if (!differing) {
      outcome.unchanged++;
      return;
    }
    const [valueKey, column] = differing;
    outcome.conflicts.push({
      row,
      column,
      message: `${store.what(row, existing)} đã có, với ${store.label(column)} khác: đang là ${shown(existing[valueKey])}, tệp ghi ${shown(row.values[valueKey])}. Sửa tệp cho khớp, hoặc dùng mã tham chiếu khác cho bản ghi mới`,
    });
  });
  return outcome;
}

function columnOfRejection(kind: LegacyKind, e: { constraint?: string; column?: string }): string | undefined {
  const dbColumn = e.column ?? /^ck_[a-z_]+?_(quantity|window|ask|bid|area)/.exec(e.constraint ?? '')?.[1];
  if (!dbColumn) return undefined;
  const camel = dbColumn.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  const alias: Record<string, string> = { quantity: 'quantityKg', window: kind === 'purchase-requests' ? 'deliverTo' : 'harvestTo', ask: 'askVndPerKg', bid: 'bidVndPerKg', area: 'areaHa', productCode: 'product' };
  const key = alias[camel] ?? camel;
  return IMPORT_KIND_SPECS[kind].columns.some((c) => c.key === key) ? key : undefined;
}

interface KindStore {
  /** SQL expression over the inserted row giving ValidRow.keys[0]. */
  returning: string;
  /** Existing records the rows collide with: each answer row carries `i`, the 1-based row position. */
  existing: (rows: ValidRow[]) => [string, unknown[]];
  /** [value key, file column] compared to call a row unchanged; only columns the file has. */
  compare: Array<[string, string]>;
  what: (row: ValidRow, existing?: Record<string, unknown>) => string;
  label: (column: string) => string;
}

const LOT_FIELDS: Array<[string, string]> = [
  ['product', 'product'], ['quantityKg', 'quantityKg'], ['harvestFrom', 'harvestFrom'], ['harvestTo', 'harvestTo'], ['askVndPerKg', 'askVndPerKg'],
  ['lat', 'lat'], ['lng', 'lng'], ['certifications', 'certifications'], ['note', 'note'],
];

const STORES: Record<LegacyKind, KindStore> = {
  'supply-lots': {
    returning: `cooperative_id::text || '|' || external_ref`,
    existing: (rows) => [
      `SELECT t.i, s.product_code AS product, s.quantity_kg AS "quantityKg", s.harvest_from::text AS "harvestFrom", s.harvest_to::text AS "harvestTo",
              s.ask_vnd_per_kg AS "askVndPerKg", ${POINT_OUT('s')}, s.certifications, s.note
         FROM unnest($1::int[], $2::uuid[], $3::text[]) AS t(i, cid, ref) JOIN supply_lots s ON s.cooperative_id = t.cid AND s.external_ref = t.ref`,
      [pos(rows), col(rows, 'cooperativeId'), col(rows, 'externalRef')],
    ],
    compare: LOT_FIELDS,
    what: (row) =>
      refShown(row)
        ? `Mã tham chiếu "${refShown(row)}": lô này của HTX`
        : `Lô ${row.values.product} thu hoạch ${row.values.harvestFrom}–${row.values.harvestTo} của HTX`,
    label: headerOf(IMPORT_KIND_SPECS['supply-lots']),
  },
  'purchase-requests': {
    returning: `buyer_id::text || '|' || external_ref`,
    existing: (rows) => [
      `SELECT t.i, p.product_code AS product, p.quantity_kg AS "quantityKg", p.deliver_from::text AS "deliverFrom", p.deliver_to::text AS "deliverTo",
              p.bid_vnd_per_kg AS "bidVndPerKg", ${POINT_OUT('p')}, p.required_certifications AS "requiredCertifications", p.max_distance_km AS "maxDistanceKm", p.note
         FROM unnest($1::int[], $2::uuid[], $3::text[]) AS t(i, bid, ref) JOIN purchase_requests p ON p.buyer_id = t.bid AND p.external_ref = t.ref`,
      [pos(rows), col(rows, 'buyerId'), col(rows, 'externalRef')],
    ],
    compare: [
      ['product', 'product'], ['quantityKg', 'quantityKg'], ['deliverFrom', 'deliverFrom'], ['deliverTo', 'deliverTo'], ['bidVndPerKg', 'bidVndPerKg'],
      ['lat', 'lat'], ['lng', 'lng'], ['requiredCertifications', 'requiredCertifications'], ['maxDistanceKm', 'maxDistanceKm'], ['note', 'note'],
    ],
    what: (row) =>
      refShown(row) ? `Mã tham chiếu "${refShown(row)}": nhu cầu này của bên mua` : `Nhu cầu ${row.values.product} giao ${row.values.deliverFrom}–${row.values.deliverTo} của bên mua`,
    label: headerOf(IMPORT_KIND_SPECS['purchase-requests']),
  },
  'production-areas': {
    returning: `cooperative_id::text || '|' || external_ref`,
    existing: (rows) => [
      `SELECT t.i, a.product_code AS product, a.name, a.area_ha AS "areaHa", ST_Y(a.centroid) AS lat, ST_X(a.centroid) AS lng,
              a.growing_area_code AS "growingAreaCode", a.certifications
         FROM unnest($1::int[], $2::uuid[], $3::text[]) AS t(i, cid, ref) JOIN production_areas a ON a.cooperative_id = t.cid AND a.external_ref = t.ref`,
      [pos(rows), col(rows, 'cooperativeId'), col(rows, 'externalRef')],
    ],
    compare: [['product', 'product'], ['name', 'name'], ['areaHa', 'areaHa'], ['lat', 'lat'], ['lng', 'lng'], ['growingAreaCode', 'growingAreaCode'], ['certifications', 'certifications']],
    what: (row) => (refShown(row) ? `Mã tham chiếu "${refShown(row)}": vùng này của HTX` : `Vùng ${row.values.name ?? row.values.growingAreaCode ?? row.values.product} của HTX`),
    label: headerOf(IMPORT_KIND_SPECS['production-areas']),
  },
};

const INSERTS: Record<LegacyKind, (rows: ValidRow[]) => [string, unknown[]]> = {
  'supply-lots': (rows) => [
    `INSERT INTO supply_lots (cooperative_id, product_code, quantity_kg, harvest_from, harvest_to, certifications, ask_vnd_per_kg, location, status, province_code, note, external_ref)
     SELECT t.cid, t.product, t.qty, t.hf, t.ht, COALESCE(string_to_array(NULLIF(t.certs, ''), ','), '{}'), t.ask, ${POINT('t.lat', 't.lng')}, 'open', t.province, t.note, t.ref
       FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::date[], $5::date[], $6::text[], $7::int[], $8::float8[], $9::float8[], $10::text[], $11::text[], $12::text[])
         AS t(cid, product, qty, hf, ht, certs, ask, lat, lng, province, note, ref)`,
    [col(rows, 'cooperativeId'), col(rows, 'product'), col(rows, 'quantityKg'), col(rows, 'harvestFrom'), col(rows, 'harvestTo'), list(rows, 'certifications'),
      col(rows, 'askVndPerKg'), col(rows, 'lat'), col(rows, 'lng'), col(rows, 'provinceCode'), col(rows, 'note'), col(rows, 'externalRef')],
  ],
  'purchase-requests': (rows) => [
    `INSERT INTO purchase_requests (buyer_id, product_code, quantity_kg, deliver_from, deliver_to, required_certifications, bid_vnd_per_kg, location, max_distance_km, status, province_code, note, external_ref)
     SELECT t.bid_, t.product, t.qty, t.df, t.dt, COALESCE(string_to_array(NULLIF(t.certs, ''), ','), '{}'), t.bid, ${POINT('t.lat', 't.lng')}, t.maxkm, 'open', t.province, t.note, t.ref
       FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::date[], $5::date[], $6::text[], $7::int[], $8::float8[], $9::float8[], $10::numeric[], $11::text[], $12::text[], $13::text[])
         AS t(bid_, product, qty, df, dt, certs, bid, lat, lng, maxkm, province, note, ref)`,
    [col(rows, 'buyerId'), col(rows, 'product'), col(rows, 'quantityKg'), col(rows, 'deliverFrom'), col(rows, 'deliverTo'), list(rows, 'requiredCertifications'), col(rows, 'bidVndPerKg'),
      col(rows, 'lat'), col(rows, 'lng'), col(rows, 'maxDistanceKm'), col(rows, 'provinceCode'), col(rows, 'note'), col(rows, 'externalRef')],
  ],
  // A spreadsheet carries a point and an area, not a polygon: the boundary is
  // the circle of that area around the point, to be redrawn on the map later.
  'production-areas': (rows) => [
    `INSERT INTO production_areas (cooperative_id, product_code, name, area_ha, boundary, centroid, certifications, growing_area_code, province_code, external_ref)
     SELECT t.cid, t.product, t.name, t.ha,
            ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(t.lng, t.lat), 4326)::geography, sqrt(t.ha * 10000 / pi()))::geometry),
            ST_SetSRID(ST_MakePoint(t.lng, t.lat), 4326), COALESCE(string_to_array(NULLIF(t.certs, ''), ','), '{}'), t.gac, t.province, t.ref
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::numeric[], $5::float8[], $6::float8[], $7::text[], $8::text[], $9::text[], $10::text[])
         AS t(cid, product, name, ha, lat, lng, certs, gac, province, ref)`,
    [col(rows, 'cooperativeId'), col(rows, 'product'), col(rows, 'name'), col(rows, 'areaHa'), col(rows, 'lat'), col(rows, 'lng'), list(rows, 'certifications'),
      col(rows, 'growingAreaCode'), col(rows, 'provinceCode'), col(rows, 'externalRef')],
  ],
};

