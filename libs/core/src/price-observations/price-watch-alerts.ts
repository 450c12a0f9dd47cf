import type { EntityManager } from 'typeorm';
import type { NotificationInput } from '../notifications/notifications.service';
import { isoWeekOf } from '../reports/iso-week';
import { priceWatch, PRICE_WATCH_THRESHOLD_PERCENT } from '../reports/price-watch.section';

export const PRICE_WATCH_NOTIFICATION_KIND = 'price_watch.flagged';

export type Notify = (em: EntityManager, items: NotificationInput[]) => Promise<void>;

/**
 * After observations are written (same transaction): each product and ISO week they touch
 * whose median now moved more than the threshold since the week before notifies the staff
 * desk, once per product and week (an advisory lock keeps two writers from both sending it).
 */
export async function tripPriceWatchFlags(
  em: EntityManager,
  notify: Notify,
  observed: Array<{ product: string; observedOn: string }>,
): Promise<number> {
  const keys = new Map<string, { product: string; day: string }>();
  for (const o of observed)
    keys.set(`${o.product}|${isoWeekOf(o.observedOn).label}`, { product: o.product, day: o.observedOn });
  let sent = 0;
  for (const [key, { product, day }] of [...keys.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const watch = await priceWatch(em, { product, weeks: 1, thresholdPercent: PRICE_WATCH_THRESHOLD_PERCENT, to: day });
    const s = watch.series.at(0);
    const p = s?.points.at(0);
    if (!s || !p?.flagged || p.changePercent === null) continue;
    await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`price-watch:${key}`]);
    const already = await em.query<unknown[]>(
      `SELECT 1 FROM notifications WHERE kind = $1 AND audience = 'staff' AND data->>'key' = $2 LIMIT 1`,
      [PRICE_WATCH_NOTIFICATION_KIND, key],
    );
    if (already.length) continue;
    const up = p.changePercent > 0;
    const name = s.productName ?? product;
    await notify(em, [
      {
        audience: 'staff',
        audienceId: null,
        kind: PRICE_WATCH_NOTIFICATION_KIND,
        title: `Giá ${name} ${up ? 'tăng' : 'giảm'} ${Math.abs(p.changePercent)}% tuần ${p.week}`,
        body:
          `Giá trung vị tuần ${p.week}: ${p.priceVndPerKg ?? '-'} đ/kg (tuần trước ${p.previousPriceVndPerKg ?? '-'} đ/kg, ${p.observations} lần quan sát), vượt ngưỡng ${PRICE_WATCH_THRESHOLD_PERCENT}%. ` +
          `Price watch: ${product} median ${up ? 'up' : 'down'} ${Math.abs(p.changePercent)}% in ${p.week}.`,
        data: {
          key,
          product,
          week: p.week,
          changePercent: p.changePercent,
          priceVndPerKg: p.priceVndPerKg,
          previousPriceVndPerKg: p.previousPriceVndPerKg,
          thresholdPercent: PRICE_WATCH_THRESHOLD_PERCENT,
        },
      },
    ]);
    sent++;
  }
  return sent;
}
