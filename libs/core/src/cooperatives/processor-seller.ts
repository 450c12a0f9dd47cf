import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';

/**
 * A processor (a buyer) that offers its stock sells through its seller record, a cooperatives row
 * linked by buyer_id. Its users (role buyer) act as the seller of that row's lots, proposals and deals.
 */
export async function processorSellerIdOf(
  db: DataSource | EntityManager,
  actor: Actor | null | undefined,
): Promise<string | null> {
  if (actor?.role !== 'buyer' || !actor.organizationId) return null;
  const [row] = await db.query<Array<{ id: string } | undefined>>('SELECT id FROM cooperatives WHERE buyer_id = $1', [
    actor.organizationId,
  ]);
  return row?.id ?? null;
}

/** SQL: the seller record of the buyer bound as `:org` (for list filters). */
export const SELLER_RECORD_OF_BUYER = `(SELECT sc.id FROM cooperatives sc WHERE sc.buyer_id = :org)`;
