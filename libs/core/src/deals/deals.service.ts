import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, isStaff } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { Page, PageQuery } from '../common/page';
import { paginate } from '../common/paginate';
import { NotificationsService } from '../notifications/notifications.service';
import { PurchaseRequest } from '../purchase-requests/purchase-request.entity';
import { SupplyLot } from '../supply-lots/supply-lot.entity';
import { Deal, DealStatus } from './deal.entity';
import { quantityExceedsRemaining } from './deal.errors';

export interface DealInput {
  supplyLotId: string;
  purchaseRequestId: string;
  quantityKg: number;
  priceVndPerKg: number;
}

export interface DealPatch {
  deliveredKg?: number;
  deliveredAt?: string | Date;
  status?: 'delivered' | 'cancelled';
}

export interface DealFilter extends PageQuery {
  status?: DealStatus;
  supplyLotId?: string;
  purchaseRequestId?: string;
  cooperativeId?: string;
  buyerId?: string;
}

export interface DealView {
  id: string;
  proposalId: string | null;
  supplyLotId: string;
  purchaseRequestId: string;
  cooperativeId: string;
  buyerId: string;
  product: string;
  quantityKg: number;
  priceVndPerKg: number;
  valueVnd: number;
  status: DealStatus;
  deliveredKg: number | null;
  deliveredAt: Date | null;
  cancelledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toDealView(d: Deal): DealView {
  return {
    id: d.id,
    proposalId: d.proposalId,
    supplyLotId: d.supplyLotId,
    purchaseRequestId: d.purchaseRequestId,
    cooperativeId: d.cooperativeId,
    buyerId: d.buyerId,
    product: d.productCode,
    quantityKg: d.quantityKg,
    priceVndPerKg: d.priceVndPerKg,
    valueVnd: d.quantityKg * d.priceVndPerKg,
    status: d.status,
    deliveredKg: d.deliveredKg,
    deliveredAt: d.deliveredAt,
    cancelledAt: d.cancelledAt,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

/** Row locks in one fixed order everywhere (lot, then request) so concurrent deals serialise instead of deadlocking. */
export async function lockLotAndRequest(em: EntityManager, supplyLotId: string, purchaseRequestId: string): Promise<{ lot: SupplyLot | null; request: PurchaseRequest | null }> {
  const lot = await em.findOne(SupplyLot, { where: { id: supplyLotId }, lock: { mode: 'pessimistic_write' } });
  const request = await em.findOne(PurchaseRequest, { where: { id: purchaseRequestId }, lock: { mode: 'pessimistic_write' } });
  return { lot, request };
}

@Injectable()
export class DealsService {
  constructor(
    @InjectRepository(Deal) private readonly deals: Repository<Deal>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  /** A deal brokered outside the optimiser (staff). */
  async create(actor: Actor, input: DealInput): Promise<DealView> {
    return this.dataSource.transaction(async (em) => {
      const { lot, request } = await lockLotAndRequest(em, input.supplyLotId, input.purchaseRequestId);
      if (!lot) throw DomainError.invalid('SUPPLY_LOT.UNKNOWN', 'supplyLotId', `supplyLotId: no supply lot ${input.supplyLotId}`);
      if (!request) throw DomainError.invalid('PURCHASE_REQUEST.UNKNOWN', 'purchaseRequestId', `purchaseRequestId: no purchase request ${input.purchaseRequestId}`);
      if (lot.productCode !== request.productCode) {
        throw DomainError.invalid('DEAL.PRODUCT_MISMATCH', 'purchaseRequestId', `the lot offers ${lot.productCode} but the request wants ${request.productCode}`);
      }
      const deal = await this.commitLocked(em, actor, lot, request, { quantityKg: input.quantityKg, priceVndPerKg: input.priceVndPerKg, proposalId: null });
      return toDealView(deal);
    });
  }

  /**
   * Commits kilograms on a lot and a request already locked FOR UPDATE by the caller, and inserts the deal.
   * The CHECK constraints (committed_kg <= quantity_kg) and the UNIQUE proposal_id are the last line of defence.
   */
  async commitLocked(
    em: EntityManager,
    actor: Actor,
    lot: SupplyLot,
    request: PurchaseRequest,
    terms: { quantityKg: number; priceVndPerKg: number; proposalId: string | null },
  ): Promise<Deal> {
    if (lot.status === 'withdrawn') throw new DomainError('conflict', 'SUPPLY_LOT.NOT_OPEN', 'the supply lot was withdrawn', { supplyLotId: lot.id, remainingKg: 0 });
    if (request.status === 'withdrawn') {
      throw new DomainError('conflict', 'PURCHASE_REQUEST.NOT_OPEN', 'the purchase request was withdrawn', { purchaseRequestId: request.id, remainingKg: 0 });
    }
    if (terms.quantityKg > lot.remainingKg || terms.quantityKg > request.remainingKg) {
      throw quantityExceedsRemaining(terms.quantityKg, lot.remainingKg, request.remainingKg);
    }
    try {
      await em.query(
        `UPDATE supply_lots SET committed_kg = committed_kg + $2, version = version + 1, updated_at = now(),
           status = CASE WHEN status = 'withdrawn' THEN status WHEN quantity_kg - committed_kg - $2 <= 0 THEN 'sold_out' ELSE 'open' END
         WHERE id = $1`,
        [lot.id, terms.quantityKg],
      );
      await em.query(
        `UPDATE purchase_requests SET committed_kg = committed_kg + $2, version = version + 1, updated_at = now(),
           status = CASE WHEN status = 'withdrawn' THEN status WHEN quantity_kg - committed_kg - $2 <= 0 THEN 'fulfilled' ELSE 'open' END
         WHERE id = $1`,
        [request.id, terms.quantityKg],
      );
      const res = await em.insert(Deal, {
        proposalId: terms.proposalId,
        supplyLotId: lot.id,
        purchaseRequestId: request.id,
        cooperativeId: lot.cooperativeId,
        buyerId: request.buyerId,
        productCode: lot.productCode,
        quantityKg: terms.quantityKg,
        priceVndPerKg: terms.priceVndPerKg,
        status: 'confirmed',
        createdByUserId: actor.userId,
      });
      const deal = await em.findOneByOrFail(Deal, { id: res.identifiers[0].id as string });
      await this.audit.record(em, actor, 'create', 'deal', deal.id, {
        proposalId: deal.proposalId,
        supplyLotId: deal.supplyLotId,
        purchaseRequestId: deal.purchaseRequestId,
        quantityKg: deal.quantityKg,
        priceVndPerKg: deal.priceVndPerKg,
      });
      const text = `${deal.quantityKg.toLocaleString('vi-VN')} kg ${deal.productCode} @ ${deal.priceVndPerKg.toLocaleString('vi-VN')} đ/kg`;
      await this.notifications.notify(em, [
        { audience: 'cooperative', audienceId: deal.cooperativeId, kind: 'deal.confirmed', title: 'Giao dịch đã được xác nhận (deal confirmed)', body: text, data: { dealId: deal.id, proposalId: deal.proposalId } },
        { audience: 'buyer', audienceId: deal.buyerId, kind: 'deal.confirmed', title: 'Giao dịch đã được xác nhận (deal confirmed)', body: text, data: { dealId: deal.id, proposalId: deal.proposalId } },
      ]);
      return deal;
    } catch (e) {
      if (e instanceof QueryFailedError && (e as any).code === '23514') {
        // Only reachable if a writer skipped the row lock; the CHECK still refuses to over-commit.
        throw quantityExceedsRemaining(terms.quantityKg, lot.remainingKg, request.remainingKg);
      }
      if (e instanceof QueryFailedError && (e as any).code === '23505') {
        throw new DomainError('conflict', 'PROPOSAL.ALREADY_CONFIRMED', 'this proposal already turned into a deal', { proposalId: terms.proposalId });
      }
      throw e;
    }
  }

  async list(actor: Actor, filter: DealFilter): Promise<Page<DealView>> {
    const qb = this.deals.createQueryBuilder('d').orderBy('d.createdAt', 'DESC').addOrderBy('d.id', 'ASC');
    if (actor.role === 'cooperative') qb.andWhere('d.cooperative_id = :org', { org: actor.organizationId });
    if (actor.role === 'buyer') qb.andWhere('d.buyer_id = :org', { org: actor.organizationId });
    if (filter.status) qb.andWhere('d.status = :status', { status: filter.status });
    if (filter.supplyLotId) qb.andWhere('d.supply_lot_id = :lid', { lid: filter.supplyLotId });
    if (filter.purchaseRequestId) qb.andWhere('d.purchase_request_id = :rid', { rid: filter.purchaseRequestId });
    if (filter.cooperativeId) qb.andWhere('d.cooperative_id = :cid', { cid: filter.cooperativeId });
    if (filter.buyerId) qb.andWhere('d.buyer_id = :bid', { bid: filter.buyerId });
    return paginate(qb, filter, toDealView);
  }

  async get(actor: Actor, id: string): Promise<DealView> {
    const deal = await this.deals.findOneBy({ id });
    if (!deal) throw DomainError.notFound('DEAL', id);
    assertDealParty(actor, deal);
    return toDealView(deal);
  }

  async update(actor: Actor, id: string, patch: DealPatch): Promise<DealView> {
    return this.dataSource.transaction(async (em) => {
      const deal = await em.findOne(Deal, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!deal) throw DomainError.notFound('DEAL', id);
      if (!isStaff(actor)) throw new DomainError('forbidden', 'DEAL.FORBIDDEN', 'only staff record deliveries and cancel deals');
      const before = { ...deal };
      if (patch.status === 'cancelled') {
        if (patch.deliveredKg !== undefined || patch.deliveredAt !== undefined) {
          throw DomainError.invalid('DEAL.CANCEL_WITH_DELIVERY', 'status', 'a cancellation cannot record a delivery at the same time');
        }
        if (deal.status !== 'confirmed') {
          throw new DomainError('conflict', 'DEAL.NOT_CANCELLABLE', `a ${deal.status} deal cannot be cancelled`, { status: deal.status });
        }
        // Same lock order as commitLocked: deal, lot, request.
        await lockLotAndRequest(em, deal.supplyLotId, deal.purchaseRequestId);
        await em.query(
          `UPDATE supply_lots SET committed_kg = committed_kg - $2, version = version + 1, updated_at = now(),
             status = CASE WHEN status = 'withdrawn' THEN status ELSE 'open' END WHERE id = $1`,
          [deal.supplyLotId, deal.quantityKg],
        );
        await em.query(
          `UPDATE purchase_requests SET committed_kg = committed_kg - $2, version = version + 1, updated_at = now(),
             status = CASE WHEN status = 'withdrawn' THEN status ELSE 'open' END WHERE id = $1`,
          [deal.purchaseRequestId, deal.quantityKg],
        );
        deal.status = 'cancelled';
        deal.cancelledAt = new Date();
        await this.notifications.notify(
          em,
          (['cooperative', 'buyer'] as const).map((audience) => ({
            audience,
            audienceId: audience === 'cooperative' ? deal.cooperativeId : deal.buyerId,
            kind: 'deal.cancelled',
            title: 'Giao dịch đã bị hủy (deal cancelled)',
            body: `${deal.quantityKg.toLocaleString('vi-VN')} kg ${deal.productCode}`,
            data: { dealId: deal.id },
          })),
        );
      } else if (patch.status === 'delivered' || patch.deliveredKg !== undefined || patch.deliveredAt !== undefined) {
        if (deal.status === 'cancelled') throw new DomainError('conflict', 'DEAL.CANCELLED', 'a cancelled deal cannot be delivered', { status: deal.status });
        const deliveredKg = patch.deliveredKg ?? deal.deliveredKg ?? deal.quantityKg;
        if (deliveredKg > deal.quantityKg) {
          throw DomainError.invalid('DEAL.DELIVERED_EXCEEDS_QUANTITY', 'deliveredKg', `deliveredKg cannot exceed the deal's ${deal.quantityKg} kg`);
        }
        deal.deliveredKg = deliveredKg;
        deal.deliveredAt = patch.deliveredAt !== undefined ? new Date(patch.deliveredAt) : deal.deliveredAt ?? new Date();
        deal.status = 'delivered';
      }
      await em.save(deal);
      const changes = this.audit.diff(before, deal, ['status', 'deliveredKg', 'deliveredAt', 'cancelledAt']);
      if (Object.keys(changes).length) await this.audit.record(em, actor, 'update', 'deal', id, changes);
      return toDealView(await em.findOneByOrFail(Deal, { id }));
    });
  }
}

export function assertDealParty(actor: Actor, deal: { cooperativeId: string; buyerId: string }): void {
  if (isStaff(actor)) return;
  if (actor.role === 'cooperative' && actor.organizationId === deal.cooperativeId) return;
  if (actor.role === 'buyer' && actor.organizationId === deal.buyerId) return;
  throw new DomainError('forbidden', 'DEAL.FORBIDDEN', 'this deal belongs to other organisations');
}
