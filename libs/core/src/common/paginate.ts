import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Page, PageQuery, pageBounds } from './page';

/** Runs a list query as one page plus the total, mapping rows to their API view. */
export async function paginate<E extends ObjectLiteral, V>(
  qb: SelectQueryBuilder<E>,
  page: PageQuery,
  toView: (row: E) => V,
): Promise<Page<V>> {
  const { limit, offset } = pageBounds(page);
  const [rows, total] = await qb.take(limit).skip(offset).getManyAndCount();
  return { items: rows.map(toView), total, limit, offset };
}
