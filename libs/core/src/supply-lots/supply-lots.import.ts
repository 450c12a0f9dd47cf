import { EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CERTIFICATIONS } from '../common/certifications';
import { RuleCheck } from '../common/registry';
import {
  failRuleProblems,
  ImportKindDefinition,
  ImportKindSpec,
  latLng,
  naturalKeyRef,
  org,
  ref,
  refShown,
} from '../imports/import-rows';
import { Existing, KeyedTable, Refusal, writeKeyedRows } from '../imports/keyed-rows';
import { ownerReferenceKey } from '../imports/owner-reference-key';
import { NotificationsService } from '../notifications/notifications.service';
import { ANSWERABLE_STATUSES, ProposalStalenessWriter } from '../proposals/proposal-staleness.writer';
import { Proposal } from '../proposals/proposal.entity';
import { SupplyLot } from './supply-lot.entity';
import { checkSupplyLotChange, CommittedLot, normalizeSupplyLot } from './supply-lot.rules';

const SPEC: ImportKindSpec = {
  kind: 'supply-lots',
  title: 'Sản lượng chào bán',
  oneOf: [['cooperativeTaxCode', 'cooperativeName']],
  columns: [
    ...org('HTX', 'cooperative'),
    {
      key: 'product',
      header: 'Mã sản phẩm',
      required: true,
      example: 'LUA_ST',
      hint: 'Mã hoặc tên sản phẩm trong danh mục',
    },
    { key: 'quantityKg', header: 'Sản lượng (kg)', required: true, example: '50.000' },
    { key: 'harvestFrom', header: 'Thu hoạch từ ngày', required: true, example: '01/12/2026', hint: 'dd/mm/yyyy' },
    { key: 'harvestTo', header: 'Thu hoạch đến ngày', required: true, example: '15/12/2026' },
    { key: 'askVndPerKg', header: 'Giá chào bán (đồng/kg)', required: true, example: '7.200' },
    ...latLng,
    { key: 'certifications', header: 'Chứng nhận', example: 'VIETGAP', hint: CERTIFICATIONS.join(', ') },
    { key: 'note', header: 'Ghi chú', example: '' },
    ref,
  ],
};

/** The file column of each API field a rule names. */
const COLUMN_OF: Record<string, string> = { product: 'product' };
const OWNER_FILES = ['cooperativeTaxCode', 'cooperativeName'];
const TODAY_SQL = `(now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;
/** The lot's last day once the file moved its harvest past it: the product's storage decides again, as in the service (the trigger fills a NULL). */
const AVAILABLE_UNTIL_SQL = `CASE WHEN c.available_until < t.harvest_to THEN NULL ELSE c.available_until END`;

const TABLE: KeyedTable = {
  table: 'supply_lots',
  entityType: 'supply_lot',
  spec: SPEC,
  located: true,
  // Value keys as the service's audit entries name them.
  fields: [
    { key: 'cooperativeId', column: 'cooperative_id', type: 'uuid', files: OWNER_FILES, insertOnly: true },
    { key: 'productCode', column: 'product_code', type: 'text', files: ['product'] },
    { key: 'quantityKg', column: 'quantity_kg', type: 'bigint', files: ['quantityKg'] },
    { key: 'harvestFrom', column: 'harvest_from', type: 'date', files: ['harvestFrom'] },
    { key: 'harvestTo', column: 'harvest_to', type: 'date', files: ['harvestTo'] },
    { key: 'askVndPerKg', column: 'ask_vnd_per_kg', type: 'int', files: ['askVndPerKg'] },
    { key: 'certifications', column: 'certifications', type: 'list', files: ['certifications'] },
    { key: 'note', column: 'note', type: 'text', files: ['note'] },
    // A lot lies where its cooperative is registered, unless the app moved it to a production area's province.
    { key: 'provinceCode', column: 'province_code', type: 'text', files: OWNER_FILES, insertOnly: true },
  ],
  // The reference is the cooperative's own (issue 11): another cooperative may use it too.
  ...ownerReferenceKey('cooperativeId', 'cooperative_id'),
  lookupExtra: `c.committed_kg AS "committedKg"`,
  vet: (row, [existing]) => refusedChange(row.values, existing),
  // What SupplyLotsService.update does beside the fields: a new version (proposals on the old one go stale),
  // the availability moved with the harvest, the status from what is left to sell.
  updateExtra: [
    'version = c.version + 1',
    `available_until = ${AVAILABLE_UNTIL_SQL}`,
    `status = CASE WHEN c.status = 'withdrawn' THEN 'withdrawn'
                   WHEN t.quantity_kg - c.committed_kg <= 0 THEN 'sold_out'
                   WHEN COALESCE(${AVAILABLE_UNTIL_SQL}, t.harvest_to + COALESCE((SELECT p.storage_days FROM products p WHERE p.code = t.product_code), 0)) < ${TODAY_SQL} THEN 'expired'
                   ELSE 'open' END`,
  ],
  afterUpdate: markProposalsStale,
  what: (row) =>
    refShown(row)
      ? `Mã tham chiếu "${refShown(row)}": lô này của HTX`
      : `Lô ${String(row.values.productCode)} thu hoạch ${String(row.values.harvestFrom)}–${String(row.values.harvestTo)} của HTX`,
};

/** The same rule as PATCH /api/supply-lots/:id for a lot with deals (supply-lot.rules.ts), as a row error with its code. */
function refusedChange(values: Record<string, unknown>, existing: Existing): Refusal | null {
  // pg answers bigint as text.
  const stored: CommittedLot = { ...(existing as unknown as CommittedLot), committedKg: Number(existing.committedKg) };
  const check = new RuleCheck();
  checkSupplyLotChange(stored, { ...stored, ...(values as Partial<CommittedLot>) }, check);
  const p = check.problems.at(0);
  return p ? { column: COLUMN_OF[p.field] ?? p.field, message: p.messageVi, code: p.code } : null;
}

/** Proposals made on the old terms go stale in the import's transaction, as after an edit in the app. */
async function markProposalsStale(em: EntityManager, ids: string[]): Promise<void> {
  const proposed = await em.find(Proposal, {
    select: { supplyLotId: true },
    where: { supplyLotId: In(ids), status: In(ANSWERABLE_STATUSES) },
  });
  if (!proposed.length) return;
  // The import machinery has no injected services; these write through `em` only.
  const staleness = new ProposalStalenessWriter(new AuditService(), new NotificationsService(em.connection));
  for (const lot of await em.findBy(SupplyLot, { id: In([...new Set(proposed.map((p) => p.supplyLotId))]) }))
    await staleness.afterLotChange(em, lot);
}

/** Supply lots from a spreadsheet: cells read the Vietnamese way, then the same rules as the API; a corrected row corrects the lot its key names. */
export const SUPPLY_LOTS_IMPORT: ImportKindDefinition = {
  spec: SPEC,
  check(r, refs, organizationId) {
    const coop = r.organization(refs.cooperatives, 'cooperative');
    if (coop && organizationId && coop.id !== organizationId)
      r.fail('cooperativeTaxCode', 'Chỉ được nhập sản lượng của chính HTX mình');
    const productCode = r.product(refs);
    const quantityKg = r.whole('quantityKg', { required: true, min: 1, max: 1_000_000_000_000 });
    const harvestFrom = r.date('harvestFrom');
    const harvestTo = r.date('harvestTo');
    const askVndPerKg = r.whole('askVndPerKg', { required: true, min: 0, max: 100_000_000 });
    let point = r.point(false);
    const note = r.text('note', { max: 2000 });
    const externalRef = r.text('externalRef', { max: 120 });
    const check = new RuleCheck();
    const terms = normalizeSupplyLot(
      {
        ...(harvestFrom ? { harvestFrom } : {}),
        ...(harvestTo ? { harvestTo } : {}),
        certifications: r.list('certifications'),
        note,
      },
      check,
    );
    failRuleProblems(r, check, (field) => COLUMN_OF[field] ?? field);
    if (point === null && coop) {
      if (coop.lat === null || coop.lng === null) r.fail('lat', 'Thiếu tọa độ: HTX chưa có vị trí trên bản đồ');
      else point = { lat: coop.lat, lng: coop.lng };
    }
    if (
      !r.ok ||
      !coop ||
      !productCode ||
      quantityKg === null ||
      !harvestFrom ||
      !harvestTo ||
      askVndPerKg === null ||
      !point
    )
      return null;
    const key = externalRef ?? naturalKeyRef('supply-lots', `${coop.id}|${productCode}|${harvestFrom}|${harvestTo}`);
    return {
      keys: [`${coop.id}|${key}`],
      keyColumn: externalRef ? 'externalRef' : 'product',
      values: {
        cooperativeId: coop.id,
        productCode,
        quantityKg,
        harvestFrom,
        harvestTo,
        askVndPerKg,
        lat: point.lat,
        lng: point.lng,
        certifications: terms.certifications,
        note,
        provinceCode: coop.provinceCode,
        externalRef: key,
      },
    };
  },
  write: (em, rows, context) => writeKeyedRows(em, TABLE, rows, context),
};
