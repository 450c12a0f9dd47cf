import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Actor } from './actor';
import { SELLER_RECORD_OF_BUYER } from '../cooperatives/processor-seller';
import { provinceCondition } from './territory/province-scope';
import { pairProvinceColumns } from './territory/row-provinces';
import { likePattern } from './vietnamese-text';

/**
 * The lists of rows that pair a lot with a request (proposals, deals), which carry both parties'
 * ids and the product: who sees which rows, and the search on the parties' and product's names.
 */

/** A party sees only the rows that concern it; province staff only those of their provinces. */
export function scopePairRows<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  actor: Actor,
  alias: string,
): SelectQueryBuilder<E> {
  if (actor.role === 'cooperative') qb.andWhere(`${alias}.cooperative_id = :org`, { org: actor.organizationId });
  // A processor's users also see the rows on the stock it offered (its seller record's lots).
  if (actor.role === 'buyer')
    qb.andWhere(`(${alias}.buyer_id = :org OR ${alias}.cooperative_id = ${SELLER_RECORD_OF_BUYER})`, {
      org: actor.organizationId,
    });
  const scope = provinceCondition(actor, pairProvinceColumns(alias));
  if (scope) qb.andWhere(scope.sql, scope.params);
  return qb;
}

/** Diacritics-insensitive search on the cooperative's, the buyer's and the product's names. */
export function searchPairRows<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  alias: string,
  q: string,
): SelectQueryBuilder<E> {
  return qb.andWhere(
    `(EXISTS (SELECT 1 FROM cooperatives c WHERE c.id = ${alias}.cooperative_id AND c.search_text LIKE :q ESCAPE '\\')
          OR EXISTS (SELECT 1 FROM buyers b WHERE b.id = ${alias}.buyer_id AND b.search_text LIKE :q ESCAPE '\\')
          OR EXISTS (SELECT 1 FROM products pr WHERE pr.code = ${alias}.product_code AND pr.search_text LIKE :q ESCAPE '\\'))`,
    { q: likePattern(q) },
  );
}
