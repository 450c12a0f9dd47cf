import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Proposal } from '../proposals/proposal.entity';
import type { MatchingRun, MatchingRunDiff } from './matching-run.entity';

/** A proposal the run would write (the insert row). */
export type NewProposalRow = Omit<
  Proposal,
  | 'id'
  | 'createdAt'
  | 'updatedAt'
  | 'matchingRun'
  | 'supplyLot'
  | 'purchaseRequest'
  | 'sellerAcceptedAt'
  | 'buyerAcceptedAt'
  | 'rejectedAt'
  | 'rejectedBySide'
  | 'rejectReason'
  | 'staleReason'
  | 'staleAt'
  | 'confirmedAt'
  | 'supersededByRunId'
  | 'supersededAt'
>;

export interface SupersedeOutcome {
  inserted: NewProposalRow[];
  insertedIds: string[];
  kept: Proposal[];
  superseded: Proposal[];
  diff: Omit<MatchingRunDiff, 'previousRunId' | 'heldOutKg'>;
}

/**
 * Writes a run's proposals against what is open in its scope, inside the run's write transaction
 * (scope advisory locks held):
 * - an open (`proposed`) proposal of an earlier run on a pair the run proposes again with the same
 *   kilograms and prices stays open as it is (kept): nobody is asked twice for the same thing;
 * - every other open proposal in the scope (the run's lots and requests, by product and province)
 *   or on a pair the run proposes is superseded, with the run and the time;
 * - the rest of the run's allocations are inserted as new open proposals.
 * Proposals one side already accepted are not touched: the snapshot held their kilograms out.
 * The partial unique index uq_proposals_open_pair guards the invariant under any concurrency.
 */
export async function writeSupersedingProposals(
  em: EntityManager,
  run: Pick<MatchingRun, 'id' | 'options'>,
  rows: NewProposalRow[],
): Promise<SupersedeOutcome> {
  const products = run.options.products?.length ? run.options.products : null;
  const provinces = run.options.provinceCodes?.length ? run.options.provinceCodes : null;
  const open: Proposal[] = await em
    .createQueryBuilder(Proposal, 'p')
    .setLock('pessimistic_write', undefined, ['p'])
    .innerJoin('supply_lots', 'l', 'l.id = p.supply_lot_id')
    .innerJoin('purchase_requests', 'r', 'r.id = p.purchase_request_id')
    .where(`p.status = 'proposed' AND p.matching_run_id <> :run`, { run: run.id })
    .andWhere(
      `((CAST(:products AS text[]) IS NULL OR p.product_code = ANY(CAST(:products AS text[])))
         AND (CAST(:provinces AS text[]) IS NULL OR (l.province_code = ANY(CAST(:provinces AS text[])) AND r.province_code = ANY(CAST(:provinces AS text[]))))
        OR (p.supply_lot_id, p.purchase_request_id) IN (SELECT * FROM unnest(CAST(:lots AS uuid[]), CAST(:requests AS uuid[]))))`,
      { products, provinces, lots: rows.map((r) => r.supplyLotId), requests: rows.map((r) => r.purchaseRequestId) },
    )
    .orderBy('p.id')
    .getMany();
  const openByPair = new Map(open.map((p) => [pairKey(p), p]));
  const kept: Proposal[] = [];
  const inserted: NewProposalRow[] = [];
  for (const row of rows) {
    const old = openByPair.get(pairKey(row));
    if (old && sameOffer(old, row)) {
      kept.push(old);
      openByPair.delete(pairKey(row));
    } else {
      inserted.push(row);
    }
  }
  const superseded = [...openByPair.values()];
  if (superseded.length) {
    const now = new Date();
    for (let i = 0; i < superseded.length; i += 1000) {
      await em.query(
        `UPDATE proposals SET status = 'superseded', superseded_by_run_id = $1, superseded_at = $2, updated_at = now() WHERE id = ANY($3::uuid[]) AND status = 'proposed'`,
        [run.id, now, superseded.slice(i, i + 1000).map((p) => p.id)],
      );
    }
    for (const p of superseded) {
      p.status = 'superseded';
      p.supersededByRunId = run.id;
      p.supersededAt = now;
    }
  }
  const insertedIds = await insertProposals(em, inserted);
  return {
    inserted,
    insertedIds,
    kept,
    superseded,
    diff: {
      added: inserted.length,
      kept: kept.length,
      superseded: superseded.length,
      keptProposalIds: kept.map((p) => p.id),
    },
  };
}

// Rows per statement: one JSON parameter of a few MB; a national run writes hundreds of thousands.
const INSERT_CHUNK = 5000;

/**
 * Inserts the rows set-based, one statement per chunk from a JSON array (json_to_recordset), with
 * ids made here so they are known without RETURNING. TypeORM's multi-row insert built and parsed
 * 500 rows a statement and was most of a national run's write (tens of seconds per 100,000).
 */
async function insertProposals(em: EntityManager, rows: NewProposalRow[]): Promise<string[]> {
  const ids = rows.map(() => randomUUID());
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK).map((r, k) => ({
      id: ids[i + k],
      matching_run_id: r.matchingRunId,
      supply_lot_id: r.supplyLotId,
      purchase_request_id: r.purchaseRequestId,
      cooperative_id: r.cooperativeId,
      buyer_id: r.buyerId,
      product_code: r.productCode,
      quantity_kg: r.quantityKg,
      distance_km: r.distanceKm,
      transport_vnd_per_kg: r.transportVndPerKg,
      score_vnd_per_kg: r.scoreVndPerKg,
      ask_vnd_per_kg: r.askVndPerKg,
      bid_vnd_per_kg: r.bidVndPerKg,
      reasons: r.reasons ?? [],
      status: r.status,
      lot_version: r.lotVersion,
      request_version: r.requestVersion,
      snapshot: r.snapshot,
    }));
    await em.query(
      `INSERT INTO proposals (id, matching_run_id, supply_lot_id, purchase_request_id, cooperative_id, buyer_id, product_code, quantity_kg, distance_km,
                              transport_vnd_per_kg, score_vnd_per_kg, ask_vnd_per_kg, bid_vnd_per_kg, reasons, status, lot_version, request_version, snapshot)
       SELECT id, matching_run_id, supply_lot_id, purchase_request_id, cooperative_id, buyer_id, product_code, quantity_kg, distance_km,
              transport_vnd_per_kg, score_vnd_per_kg, ask_vnd_per_kg, bid_vnd_per_kg, reasons, status, lot_version, request_version, snapshot
         FROM json_to_recordset($1::json) AS x(id uuid, matching_run_id uuid, supply_lot_id uuid, purchase_request_id uuid, cooperative_id uuid, buyer_id uuid,
              product_code varchar, quantity_kg bigint, distance_km numeric, transport_vnd_per_kg int, score_vnd_per_kg int, ask_vnd_per_kg int, bid_vnd_per_kg int,
              reasons jsonb, status varchar, lot_version int, request_version int, snapshot jsonb)`,
      [JSON.stringify(chunk)],
    );
  }
  return ids;
}

function pairKey(p: { supplyLotId: string; purchaseRequestId: string }): string {
  return `${p.supplyLotId} ${p.purchaseRequestId}`;
}

/** The same kilograms at the same prices: asking the parties again would change nothing for them. */
function sameOffer(old: Proposal, row: NewProposalRow): boolean {
  return (
    old.quantityKg === row.quantityKg &&
    old.askVndPerKg === row.askVndPerKg &&
    old.bidVndPerKg === row.bidVndPerKg &&
    old.transportVndPerKg === row.transportVndPerKg
  );
}
