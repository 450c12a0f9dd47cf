import { EntityManager } from 'typeorm';
import { BUYERS_IMPORT } from '../buyers/buyers.import';
import { COOPERATIVES_IMPORT } from '../cooperatives/cooperatives.import';
import { INVENTORY_REPORTS_IMPORT } from '../inventory-reports/inventory-reports.import';
import { PRICE_OBSERVATIONS_IMPORT } from '../price-observations/price-observations.import';
import { PRODUCTION_AREAS_IMPORT } from '../production-areas/production-areas.import';
import { PURCHASE_REQUESTS_IMPORT } from '../purchase-requests/purchase-requests.import';
import { SUPPLY_LOTS_IMPORT } from '../supply-lots/supply-lots.import';
import type { ImportKind } from './import.entity';
import {
  ChunkOutcome,
  ImportKindDefinition,
  ImportKindSpec,
  ImportReferences,
  ImportWriteContext,
  RowReader,
  ValidRow,
} from './import-rows';

export { columnLetter, matchHeaders, normalizeHeader, ImportReferences, RowReader } from './import-rows';
export type {
  ChunkOutcome,
  ImportColumn,
  ImportKindDefinition,
  ImportKindSpec,
  ImportWriteContext,
  ValidRow,
} from './import-rows';

/*
 * The import kinds. Each lives with its resource (`<resource>/<resource>.import.ts`): it checks
 * its rows with the resource's rules and writes them set-based (insert, update what changed,
 * audit per row in the same statement).
 */
const KINDS: Record<ImportKind, ImportKindDefinition> = {
  'supply-lots': SUPPLY_LOTS_IMPORT,
  cooperatives: COOPERATIVES_IMPORT,
  buyers: BUYERS_IMPORT,
  'purchase-requests': PURCHASE_REQUESTS_IMPORT,
  'production-areas': PRODUCTION_AREAS_IMPORT,
  'price-observations': PRICE_OBSERVATIONS_IMPORT,
  'inventory-reports': INVENTORY_REPORTS_IMPORT,
};

export const IMPORT_KIND_SPECS = Object.fromEntries(Object.entries(KINDS).map(([kind, k]) => [kind, k.spec])) as Record<
  ImportKind,
  ImportKindSpec
>;

export function validateRow(
  kind: ImportKind,
  r: RowReader,
  refs: ImportReferences,
  organizationId: string | null,
): ValidRow | null {
  const v = KINDS[kind].check(r, refs, organizationId);
  return r.ok && v ? { rowNumber: r.rowNumber, ...v } : null;
}

/** Writes one chunk of checked rows of a kind, in the caller's transaction. */
export function writeRows(
  em: EntityManager,
  kind: ImportKind,
  rows: ValidRow[],
  context: ImportWriteContext,
): Promise<ChunkOutcome> {
  return KINDS[kind].write(em, rows, context);
}
