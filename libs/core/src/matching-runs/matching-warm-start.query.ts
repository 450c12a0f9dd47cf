import type { DataSource, EntityManager } from 'typeorm';
import type { WarmStartRow } from './matching-warm-start';

/** The last completed run of a warm-start scope other than `runId`, the one a new run starts from; null when there is none. */
export async function lastCompletedRunOfScope(
  em: EntityManager,
  warmStartScope: string,
  runId: string,
): Promise<string | null> {
  const rows: Array<{ id: string }> = await em.query(
    `SELECT id FROM matching_runs WHERE warm_start_scope = $1 AND status = 'completed' AND id <> $2
      ORDER BY finished_at DESC NULLS LAST, created_at DESC LIMIT 1`,
    [warmStartScope, runId],
  );
  return rows.length ? rows[0].id : null;
}

/**
 * The plan a completed run wrote for one product, from its proposals: the ones it inserted and the
 * identical open ones of earlier runs it kept (its diff), whatever became of them since (accepted,
 * rejected, superseded). That is the run's plan but for the allocations of a processor's stock to
 * itself, which the writer drops; the engine starts from what it gets. Read in PostgreSQL by the
 * part's worker: the plan never rides in a job payload.
 */
export async function previousPlanOfProduct(
  ds: DataSource,
  previousRunId: string,
  productCode: string,
): Promise<WarmStartRow[]> {
  return ds.query(
    `SELECT p.supply_lot_id AS "lotId", p.purchase_request_id AS "requestId", p.quantity_kg AS "quantityKg"
       FROM proposals p WHERE p.matching_run_id = $1 AND p.product_code = $2
     UNION ALL
     SELECT p.supply_lot_id, p.purchase_request_id, p.quantity_kg
       FROM proposals p
      WHERE p.id = ANY(ARRAY(SELECT (jsonb_array_elements_text(COALESCE(r.diff->'keptProposalIds', '[]'::jsonb)))::uuid FROM matching_runs r WHERE r.id = $1))
        AND p.product_code = $2`,
    [previousRunId, productCode],
  );
}
