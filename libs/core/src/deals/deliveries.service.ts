import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, isStaff } from '../common/actor';
import { assertPairInProvinces } from '../common/territory/row-provinces';
import { todayInVietnam } from '../common/dates';
import { DomainError } from '../common/domain-error';
import { Page, PageQuery, pageBounds } from '../common/page';
import { NotificationsService } from '../notifications/notifications.service';
import { DealDelivery } from './deal-delivery.entity';
import { Deal, DealStatus } from './deal.entity';
import { deliveryExceedsDeal } from './deal.errors';
import { assertDealParty, DealView, toDealView } from './deals.service';

export interface DeliveryInput {
  deliveredKg: number;
  /** YYYY-MM-DD, Việt Nam calendar day; not in the future. */
  deliveredOn: string;
  note?: string | null;
}

export interface DeliveryCorrection {
  deliveredKg?: number;
  deliveredOn?: string;
  note?: string | null;
  /** Why staff correct it; kept in the audit log. */
  reason?: string | null;
}

/** The one-call delivery of the old PATCH /deals/:id: `deliveredKg` is the deal's total so far. */
export interface LegacyDeliveryPatch {
  deliveredKg?: number;
  deliveredAt?: string | Date;
}

export interface DeliveryView {
  id: string;
  dealId: string;
  deliveredKg: number;
  deliveredOn: string;
  note: string | null;
  recordedByUserId: string | null;
  correctedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DeliveryRecorded {
  delivery: DeliveryView;
  deal: DealView;
}

export function toDeliveryView(d: DealDelivery): DeliveryView {
  return {
    id: d.id,
    dealId: d.dealId,
    deliveredKg: d.deliveredKg,
    deliveredOn: d.deliveredOn,
    note: d.note,
    recordedByUserId: d.recordedByUserId,
    correctedAt: d.correctedAt,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

const AUDITED_DELIVERY = ['deliveredKg', 'deliveredOn', 'note'];

/**
 * Deliveries in parts (giao hàng từng đợt). Every write locks the deal row first, so concurrent
 * deliveries of one deal serialise and their sum never passes the deal's kilograms; the
 * CHECK on deals.delivered_kg <= quantity_kg is the last line of defence.
 */
@Injectable()
export class DealDeliveriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  async list(actor: Actor, dealId: string, page: PageQuery = {}): Promise<Page<DeliveryView>> {
    const deal = await this.dataSource.manager.findOneBy(Deal, { id: dealId });
    if (!deal) throw DomainError.notFound('DEAL', dealId);
    assertDealParty(actor, deal);
    await assertPairInProvinces(this.dataSource.manager, actor, deal, 'DEAL');
    const { limit, offset } = pageBounds(page);
    const [rows, total] = await this.dataSource.manager.findAndCount(DealDelivery, {
      where: { dealId },
      order: { deliveredOn: 'ASC', createdAt: 'ASC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items: rows.map(toDeliveryView), total, limit, offset };
  }

  async record(actor: Actor, dealId: string, input: DeliveryInput): Promise<DeliveryRecorded> {
    return this.dataSource.transaction(async (em) => {
      const deal = await this.lockDealForDelivery(em, actor, dealId);
      assertNotFuture(input.deliveredOn);
      const soFar = deal.deliveredKg ?? 0;
      if (soFar + input.deliveredKg > deal.quantityKg)
        throw deliveryExceedsDeal(deal.quantityKg, soFar, input.deliveredKg);
      const res = await em.insert(DealDelivery, {
        dealId,
        deliveredKg: input.deliveredKg,
        deliveredOn: input.deliveredOn,
        note: input.note?.trim() || null,
        recordedByUserId: actor.userId,
      });
      const delivery = await em.findOneByOrFail(DealDelivery, { id: res.identifiers[0].id as string });
      await this.audit.record(em, actor, 'create', 'deal_delivery', delivery.id, {
        dealId,
        deliveredKg: delivery.deliveredKg,
        deliveredOn: delivery.deliveredOn,
        note: delivery.note,
      });
      const after = await this.applyTotal(em, actor, deal, 'deliver', delivery.id);
      await this.notifyRecorded(em, after, delivery);
      return { delivery: toDeliveryView(delivery), deal: toDealView(after) };
    });
  }

  /** Staff correct a delivery recorded wrongly; the audit log keeps the before and after of the row and of the deal. */
  async correct(
    actor: Actor,
    dealId: string,
    deliveryId: string,
    patch: DeliveryCorrection,
  ): Promise<DeliveryRecorded> {
    return this.dataSource.transaction(async (em) => {
      if (!isStaff(actor)) throw new DomainError('forbidden', 'DEAL.FORBIDDEN', 'only staff correct deliveries');
      const deal = await this.lockDealForDelivery(em, actor, dealId);
      const delivery = await em.findOne(DealDelivery, {
        where: { id: deliveryId, dealId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!delivery) throw DomainError.notFound('DEAL_DELIVERY', deliveryId, 'deliveryId');
      const before = { ...delivery };
      if (patch.deliveredOn !== undefined) {
        assertNotFuture(patch.deliveredOn);
        delivery.deliveredOn = patch.deliveredOn;
      }
      if (patch.deliveredKg !== undefined) {
        const others = (deal.deliveredKg ?? 0) - delivery.deliveredKg;
        if (others + patch.deliveredKg > deal.quantityKg)
          throw deliveryExceedsDeal(deal.quantityKg, others, patch.deliveredKg);
        delivery.deliveredKg = patch.deliveredKg;
      }
      if (patch.note !== undefined) delivery.note = patch.note?.trim() || null;
      const changes = this.audit.diff(before, delivery, AUDITED_DELIVERY);
      if (!Object.keys(changes).length) return { delivery: toDeliveryView(delivery), deal: toDealView(deal) };
      delivery.correctedAt = new Date();
      await em.save(delivery);
      await this.audit.record(em, actor, 'correct', 'deal_delivery', delivery.id, {
        ...changes,
        dealId,
        reason: patch.reason?.trim() || null,
      });
      const after = await this.applyTotal(em, actor, deal, 'correct_delivery', delivery.id);
      return {
        delivery: toDeliveryView(await em.findOneByOrFail(DealDelivery, { id: delivery.id })),
        deal: toDealView(after),
      };
    });
  }

  /**
   * The old one-call delivery (PATCH /deals/:id with deliveredKg as the total): records the
   * difference as one delivery on the day of deliveredAt. A total below what is recorded is a correction.
   */
  async recordUpTo(actor: Actor, dealId: string, patch: LegacyDeliveryPatch): Promise<DealView> {
    const deal = await this.dataSource.manager.findOneBy(Deal, { id: dealId });
    if (!deal) throw DomainError.notFound('DEAL', dealId);
    if (!isStaff(actor)) throw new DomainError('forbidden', 'DEAL.FORBIDDEN', 'only staff record deliveries');
    await assertPairInProvinces(this.dataSource.manager, actor, deal, 'DEAL');
    const soFar = deal.deliveredKg ?? 0;
    const total = patch.deliveredKg ?? deal.quantityKg;
    if (total > deal.quantityKg) throw deliveryExceedsDeal(deal.quantityKg, soFar, total - soFar);
    if (total < soFar) {
      throw DomainError.invalid(
        'DEAL.DELIVERED_BELOW_RECORDED',
        'deliveredKg',
        `deliveredKg: ${soFar} kg are already recorded; correct a delivery instead (PATCH /deals/${dealId}/deliveries/:deliveryId)`,
      );
    }
    if (total === soFar) return toDealView(deal);
    const on = patch.deliveredAt !== undefined ? todayInVietnam(new Date(patch.deliveredAt)) : todayInVietnam();
    return (await this.record(actor, dealId, { deliveredKg: total - soFar, deliveredOn: on, note: null })).deal;
  }

  private async lockDealForDelivery(em: EntityManager, actor: Actor, dealId: string): Promise<Deal> {
    const deal = await em.findOne(Deal, { where: { id: dealId }, lock: { mode: 'pessimistic_write' } });
    if (!deal) throw DomainError.notFound('DEAL', dealId);
    if (!isStaff(actor)) {
      assertDealParty(actor, deal);
      throw new DomainError('forbidden', 'DEAL.FORBIDDEN', 'only staff record deliveries');
    }
    await assertPairInProvinces(em, actor, deal, 'DEAL');
    if (deal.status === 'cancelled')
      throw new DomainError('conflict', 'DEAL.CANCELLED', 'a cancelled deal cannot be delivered', {
        status: deal.status,
      });
    return deal;
  }

  /** Recomputes the deal's delivered total and status from its deliveries (under the deal's lock) and audits the change. */
  private async applyTotal(
    em: EntityManager,
    actor: Actor,
    deal: Deal,
    action: string,
    deliveryId: string,
  ): Promise<Deal> {
    const [{ kg, last }] = await em.query<Array<{ kg: string; last: string | null }>>(
      `SELECT COALESCE(SUM(delivered_kg), 0)::bigint AS kg, MAX(delivered_on)::text AS last FROM deal_deliveries WHERE deal_id = $1`,
      [deal.id],
    );
    const before = { ...deal };
    const total = Number(kg);
    const status: DealStatus = total >= deal.quantityKg ? 'delivered' : total > 0 ? 'partially_delivered' : 'confirmed';
    deal.deliveredKg = total > 0 ? total : null;
    deal.status = status;
    // Delivered on the day of the last part (07:00 Việt Nam, the start of a working day), not when someone typed it.
    deal.deliveredAt = status === 'delivered' && last ? new Date(`${last}T07:00:00+07:00`) : null;
    await em.save(deal);
    const changes = this.audit.diff(before, deal, ['deliveredKg', 'status', 'deliveredAt']);
    if (Object.keys(changes).length)
      await this.audit.record(em, actor, action, 'deal', deal.id, { ...changes, deliveryId });
    return em.findOneByOrFail(Deal, { id: deal.id });
  }

  private async notifyRecorded(em: EntityManager, deal: Deal, delivery: DealDelivery): Promise<void> {
    const body = `${delivery.deliveredKg.toLocaleString('vi-VN')} kg ${deal.productCode} · ${delivery.deliveredOn} · ${(deal.deliveredKg ?? 0).toLocaleString('vi-VN')} / ${deal.quantityKg.toLocaleString('vi-VN')} kg`;
    const data = {
      dealId: deal.id,
      deliveryId: delivery.id,
      deliveredKg: delivery.deliveredKg,
      deliveredOn: delivery.deliveredOn,
      totalDeliveredKg: deal.deliveredKg,
      quantityKg: deal.quantityKg,
      status: deal.status,
    };
    const title =
      deal.status === 'delivered'
        ? 'Đã giao đủ hàng (deal delivered)'
        : 'Đã ghi nhận một đợt giao hàng (delivery recorded)';
    await this.notifications.notify(em, [
      { audience: 'cooperative', audienceId: deal.cooperativeId, kind: 'delivery.recorded', title, body, data },
      { audience: 'buyer', audienceId: deal.buyerId, kind: 'delivery.recorded', title, body, data },
    ]);
  }
}

function assertNotFuture(deliveredOn: string): void {
  if (deliveredOn > todayInVietnam()) {
    throw DomainError.invalid(
      'DEAL.DELIVERY_IN_FUTURE',
      'deliveredOn',
      `deliveredOn: ${deliveredOn} is in the future; record a delivery once it happened`,
    );
  }
}
