import { EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
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
import { PurchaseRequest } from './purchase-request.entity';
import { checkPurchaseRequestChange, CommittedRequest, normalizePurchaseRequest } from './purchase-request.rules';

const SPEC: ImportKindSpec = {
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
};

const OWNER_FILES = ['buyerTaxCode', 'buyerName'];

const TABLE: KeyedTable = {
  table: 'purchase_requests',
  entityType: 'purchase_request',
  spec: SPEC,
  located: true,
  // Value keys as the service's audit entries name them.
  fields: [
    { key: 'buyerId', column: 'buyer_id', type: 'uuid', files: OWNER_FILES, insertOnly: true },
    { key: 'productCode', column: 'product_code', type: 'text', files: ['product'] },
    { key: 'quantityKg', column: 'quantity_kg', type: 'bigint', files: ['quantityKg'] },
    { key: 'deliverFrom', column: 'deliver_from', type: 'date', files: ['deliverFrom'] },
    { key: 'deliverTo', column: 'deliver_to', type: 'date', files: ['deliverTo'] },
    { key: 'bidVndPerKg', column: 'bid_vnd_per_kg', type: 'int', files: ['bidVndPerKg'] },
    {
      key: 'requiredCertifications',
      column: 'required_certifications',
      type: 'list',
      files: ['requiredCertifications'],
    },
    { key: 'maxDistanceKm', column: 'max_distance_km', type: 'numeric', files: ['maxDistanceKm'] },
    { key: 'note', column: 'note', type: 'text', files: ['note'] },
    { key: 'provinceCode', column: 'province_code', type: 'text', files: OWNER_FILES, insertOnly: true },
  ],
  // The reference is the buyer's own (issue 11): another buyer may use it too.
  ...ownerReferenceKey('buyerId', 'buyer_id'),
  lookupExtra: `c.committed_kg AS "committedKg"`,
  vet: (row, [existing]) => refusedChange(row.values, existing),
  // What PurchaseRequestsService.update does beside the fields: a new version, the status from what is left to buy.
  updateExtra: [
    'version = c.version + 1',
    `status = CASE WHEN c.status = 'withdrawn' THEN 'withdrawn' WHEN t.quantity_kg - c.committed_kg <= 0 THEN 'fulfilled' ELSE 'open' END`,
  ],
  afterUpdate: markProposalsStale,
  what: (row) =>
    refShown(row)
      ? `Mã tham chiếu "${refShown(row)}": nhu cầu này của bên mua`
      : `Nhu cầu ${String(row.values.productCode)} giao ${String(row.values.deliverFrom)}–${String(row.values.deliverTo)} của bên mua`,
};

/** The same rule as PATCH /api/purchase-requests/:id for a request with deals (purchase-request.rules.ts), as a row error with its code. */
function refusedChange(values: Record<string, unknown>, existing: Existing): Refusal | null {
  // pg answers bigint as text.
  const stored: CommittedRequest = {
    ...(existing as unknown as CommittedRequest),
    committedKg: Number(existing.committedKg),
  };
  const check = new RuleCheck();
  checkPurchaseRequestChange(stored, { ...stored, ...(values as Partial<CommittedRequest>) }, check);
  const p = check.problems.at(0);
  return p ? { column: p.field, message: p.messageVi, code: p.code } : null;
}

/** Proposals made on the old terms go stale in the import's transaction, as after an edit in the app. */
async function markProposalsStale(em: EntityManager, ids: string[]): Promise<void> {
  const proposed = await em.find(Proposal, {
    select: { purchaseRequestId: true },
    where: { purchaseRequestId: In(ids), status: In(ANSWERABLE_STATUSES) },
  });
  if (!proposed.length) return;
  // The import machinery has no injected services; these write through `em` only.
  const staleness = new ProposalStalenessWriter(new AuditService(), new NotificationsService(em.connection));
  for (const request of await em.findBy(PurchaseRequest, {
    id: In([...new Set(proposed.map((p) => p.purchaseRequestId))]),
  })) {
    await staleness.afterRequestChange(em, request);
  }
}

/** Purchase requests from a spreadsheet: cells read the Vietnamese way, then the same rules as the API; a corrected row corrects the request its key names. */
export const PURCHASE_REQUESTS_IMPORT: ImportKindDefinition = {
  spec: SPEC,
  check(r, refs) {
    const buyer = r.organization(refs.buyers, 'buyer');
    const productCode = r.product(refs);
    const quantityKg = r.whole('quantityKg', { required: true, min: 1, max: 1_000_000_000_000 });
    const deliverFrom = r.date('deliverFrom');
    const deliverTo = r.date('deliverTo');
    const bidVndPerKg = r.whole('bidVndPerKg', { required: true, min: 0, max: 100_000_000 });
    let point = r.point(false);
    const maxDistanceKm = r.decimal('maxDistanceKm', { exclusiveMin: 0, max: 5000 });
    const note = r.text('note', { max: 2000 });
    const externalRef = r.text('externalRef', { max: 120 });
    const check = new RuleCheck();
    const terms = normalizePurchaseRequest(
      {
        ...(deliverFrom ? { deliverFrom } : {}),
        ...(deliverTo ? { deliverTo } : {}),
        requiredCertifications: r.list('requiredCertifications'),
      },
      check,
    );
    failRuleProblems(r, check);
    if (point === null && buyer) {
      if (buyer.lat === null || buyer.lng === null) r.fail('lat', 'Thiếu tọa độ: bên mua chưa có vị trí trên bản đồ');
      else point = { lat: buyer.lat, lng: buyer.lng };
    }
    if (
      !r.ok ||
      !buyer ||
      !productCode ||
      quantityKg === null ||
      !deliverFrom ||
      !deliverTo ||
      bidVndPerKg === null ||
      !point
    )
      return null;
    const key =
      externalRef ?? naturalKeyRef('purchase-requests', `${buyer.id}|${productCode}|${deliverFrom}|${deliverTo}`);
    return {
      keys: [`${buyer.id}|${key}`],
      keyColumn: externalRef ? 'externalRef' : 'product',
      values: {
        buyerId: buyer.id,
        productCode,
        quantityKg,
        deliverFrom,
        deliverTo,
        bidVndPerKg,
        lat: point.lat,
        lng: point.lng,
        requiredCertifications: terms.requiredCertifications,
        // The column keeps one decimal (numeric(10,1)): the file's value as it will read back.
        maxDistanceKm: maxDistanceKm === null ? null : Math.round(maxDistanceKm * 10) / 10,
        note,
        provinceCode: buyer.provinceCode,
        externalRef: key,
      },
    };
  },
  write: (em, rows, context) => writeKeyedRows(em, TABLE, rows, context),
};
