import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryDeepPartialEntity, SelectQueryBuilder } from 'typeorm';
import { Actor, isStaff } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { coversAnyProvince, provinceCondition } from '../common/territory/province-scope';
import { SELLER_RECORD_OF_BUYER } from '../cooperatives/processor-seller';
import { Page, PageQuery, pageBounds } from '../common/page';
import { Notification, NotificationAudience, NotificationOutbox } from './notification.entity';
import type { NotificationView } from './notification-view';

export interface NotificationInput {
  audience: NotificationAudience;
  audienceId: string | null;
  kind: string;
  title: string;
  body: string;
  data?: Record<string, unknown>;
  /** For the staff desk: the provinces it is about; none: national staff only. */
  provinceCodes?: Array<string | null | undefined>;
}

export type { NotificationView };

export interface NotificationFilter extends PageQuery {
  unread?: boolean;
}

export function toNotificationView(n: Notification): NotificationView {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    data: n.data,
    read: !!n.readAt,
    readAt: n.readAt,
    createdAt: n.createdAt,
  };
}

@Injectable()
export class NotificationsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Call inside the transaction of the event: the notification and its outbox row commit (or vanish) with it. */
  async notify(em: EntityManager, items: NotificationInput[]): Promise<void> {
    if (!items.length) return;
    for (let i = 0; i < items.length; i += 500) {
      const chunk = items.slice(i, i + 500);
      const res = await em.insert(
        Notification,
        chunk.map((n) => ({
          audience: n.audience,
          audienceId: n.audienceId,
          kind: n.kind,
          title: n.title,
          body: n.body,
          // TypeORM's deep-partial type has no room for `unknown` members; the jsonb column takes the object as it is.
          data: (n.data ?? {}) as QueryDeepPartialEntity<Notification>['data'],
          provinceCodes: [...new Set((n.provinceCodes ?? []).filter((p): p is string => !!p))].sort(),
        })),
      );
      await em.insert(
        NotificationOutbox,
        res.identifiers.map((r) => ({ notificationId: r.id as string })),
      );
    }
  }

  async list(actor: Actor, filter: NotificationFilter): Promise<Page<NotificationView> & { unreadCount: number }> {
    const { limit, offset } = pageBounds(filter);
    const qb = this.visibleTo(actor).orderBy('n.createdAt', 'DESC').addOrderBy('n.id', 'ASC');
    if (filter.unread) qb.andWhere('n.read_at IS NULL');
    const [rows, total] = await qb.take(limit).skip(offset).getManyAndCount();
    const unreadCount = await this.visibleTo(actor).andWhere('n.read_at IS NULL').getCount();
    return { items: rows.map(toNotificationView), total, limit, offset, unreadCount };
  }

  async markRead(actor: Actor, id: string): Promise<NotificationView> {
    const n = await this.visibleTo(actor).andWhere('n.id = :id', { id }).getOne();
    // Someone else's notification answers like a missing one: its existence is not ours to reveal.
    if (!n) throw DomainError.notFound('NOTIFICATION', id);
    if (!n.readAt) {
      await this.dataSource
        .createQueryBuilder()
        .update(Notification)
        .set({ readAt: () => 'now()' })
        .where('id = :id AND read_at IS NULL', { id })
        .execute();
    }
    return toNotificationView(await this.dataSource.manager.findOneByOrFail(Notification, { id }));
  }

  /** Marks every notification the actor can see as read; returns how many changed. */
  async markAllRead(actor: Actor): Promise<{ updated: number; unreadCount: number }> {
    const ids = (await this.visibleTo(actor).andWhere('n.read_at IS NULL').select('n.id', 'id').getRawMany()).map(
      (r: { id: string }) => r.id,
    );
    let updated = 0;
    for (let i = 0; i < ids.length; i += 1000) {
      const res = await this.dataSource
        .createQueryBuilder()
        .update(Notification)
        .set({ readAt: () => 'now()' })
        .where('id IN (:...ids) AND read_at IS NULL', { ids: ids.slice(i, i + 1000) })
        .execute();
      updated += res.affected ?? 0;
    }
    return { updated, unreadCount: await this.visibleTo(actor).andWhere('n.read_at IS NULL').getCount() };
  }

  private visibleTo(actor: Actor): SelectQueryBuilder<Notification> {
    const qb = this.dataSource.getRepository(Notification).createQueryBuilder('n');
    if (isStaff(actor)) {
      // The desk's notifications of the staff member's provinces (all of them for national staff).
      const inProvinces = provinceCondition(actor, [{ array: 'n.province_codes' }]);
      return qb.where(
        `((n.audience = 'staff'${inProvinces ? ` AND ${inProvinces.sql}` : ''}) OR (n.audience = 'user' AND n.audience_id = :uid))`,
        {
          uid: actor.userId,
          ...inProvinces?.params,
        },
      );
    }
    // A processor's users also read what is addressed to the seller record of the stock it offered.
    const asSeller =
      actor.role === 'buyer' ? ` OR (n.audience = 'cooperative' AND n.audience_id = ${SELLER_RECORD_OF_BUYER})` : '';
    return qb.where(
      `((n.audience = :role AND n.audience_id = :org) OR (n.audience = 'user' AND n.audience_id = :uid)${asSeller})`,
      {
        role: actor.role,
        org: actor.organizationId ?? '00000000-0000-0000-0000-000000000000',
        uid: actor.userId,
      },
    );
  }
}

/** The same rule as the inbox query, for events pushed to a connected client. */
export function isVisibleTo(
  actor: Actor,
  n: { audience: NotificationAudience; audienceId: string | null; provinceCodes?: string[] },
): boolean {
  if (n.audience === 'user') return n.audienceId === actor.userId;
  if (isStaff(actor)) return n.audience === 'staff' && coversAnyProvince(actor, n.provinceCodes ?? []);
  return n.audience === actor.role && !!actor.organizationId && n.audienceId === actor.organizationId;
}
