import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, isStaff } from '../common/actor';
import { scopePairRows, searchPairRows } from '../common/pair-rows';
import { DomainError } from '../common/domain-error';
import { assertPairInProvinces, pairProvinceCodes } from '../common/territory/row-provinces';
import { processorSellerIdOf } from '../cooperatives/processor-seller';
import { Page, PageQuery, pageBounds } from '../common/page';
import { DealsService, lockLotAndRequest, toDealView, DealView } from '../deals/deals.service';
import { NotificationInput, NotificationsService } from '../notifications/notifications.service';
import { PurchaseRequest } from '../purchase-requests/purchase-request.entity';
import { SupplyLot } from '../supply-lots/supply-lot.entity';
import { Proposal, ProposalSide, ProposalStatus } from './proposal.entity';
import { proposalStaleReason } from './proposal-staleness';
import type { ProposalCardFields, ProposalSort } from './proposal-card';
import { proposalCardFields } from './proposal-cards';

export interface ProposalView {
  id: string;
  matchingRunId: string;
  supplyLotId: string;
  purchaseRequestId: string;
  cooperativeId: string;
  buyerId: string;
  product: string;
  quantityKg: number;
  distanceKm: number;
  transportVndPerKg: number;
  scoreVndPerKg: number;
  askVndPerKg: number;
  bidVndPerKg: number;
  reasons: Proposal['reasons'];
  status: ProposalStatus;
  sellerAcceptedAt: Date | null;
  buyerAcceptedAt: Date | null;
  rejectedAt: Date | null;
  rejectedBySide: ProposalSide | null;
  rejectReason: string | null;
  staleReason: string | null;
  staleAt: Date | null;
  supersededByRunId: string | null;
  supersededAt: Date | null;
  confirmedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toProposalView(p: Proposal): ProposalView {
  return {
    id: p.id,
    matchingRunId: p.matchingRunId,
    supplyLotId: p.supplyLotId,
    purchaseRequestId: p.purchaseRequestId,
    cooperativeId: p.cooperativeId,
    buyerId: p.buyerId,
    product: p.productCode,
    quantityKg: p.quantityKg,
    distanceKm: p.distanceKm,
    transportVndPerKg: p.transportVndPerKg,
    scoreVndPerKg: p.scoreVndPerKg,
    askVndPerKg: p.askVndPerKg,
    bidVndPerKg: p.bidVndPerKg,
    reasons: p.reasons,
    status: p.status,
    sellerAcceptedAt: p.sellerAcceptedAt,
    buyerAcceptedAt: p.buyerAcceptedAt,
    rejectedAt: p.rejectedAt,
    rejectedBySide: p.rejectedBySide,
    rejectReason: p.rejectReason,
    staleReason: p.staleReason,
    staleAt: p.staleAt,
    supersededByRunId: p.supersededByRunId,
    supersededAt: p.supersededAt,
    confirmedAt: p.confirmedAt,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

export interface ProposalFilter extends PageQuery {
  matchingRunId?: string;
  /** One status, or several (any of them). */
  status?: ProposalStatus | ProposalStatus[];
  product?: string;
  supplyLotId?: string;
  purchaseRequestId?: string;
  /** A field, `-` first for descending; default createdAt (oldest first). */
  sort?: ProposalSort;
  /** Diacritics-insensitive search on the cooperative's, the buyer's and the product's names. */
  q?: string;
}

export type ProposalCard = ProposalView & ProposalCardFields;

const SORT_COLUMNS: Record<string, string> = {
  createdAt: 'p.createdAt',
  quantityKg: 'p.quantityKg',
  scoreVndPerKg: 'p.scoreVndPerKg',
  distanceKm: 'p.distanceKm',
  status: 'p.status',
  product: 'p.productCode',
};

function sortOf(sort: ProposalSort | undefined): [string, 'ASC' | 'DESC'] {
  const key = (sort ?? 'createdAt').replace(/^-/, '');
  return [SORT_COLUMNS[key] ?? SORT_COLUMNS.createdAt, sort?.startsWith('-') ? 'DESC' : 'ASC'];
}

/** Thrown after the transaction commits, so a proposal marked stale stays marked. */
type Outcome<T> = { ok: T } | { error: DomainError };

const OPEN_FOR_ANSWER: ProposalStatus[] = ['proposed', 'accepted_by_seller', 'accepted_by_buyer', 'accepted'];

@Injectable()
export class ProposalsService {
  constructor(
    @InjectRepository(Proposal) private readonly proposals: Repository<Proposal>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly deals: DealsService,
    private readonly notifications: NotificationsService,
  ) {}

  async list(actor: Actor, filter: ProposalFilter): Promise<Page<ProposalCard>> {
    const qb = this.proposals.createQueryBuilder('p');
    const [column, direction] = sortOf(filter.sort);
    qb.orderBy(column, direction)
      .addOrderBy('p.createdAt', 'ASC')
      .addOrderBy('p.supplyLotId', 'ASC')
      .addOrderBy('p.purchaseRequestId', 'ASC')
      .addOrderBy('p.id', 'ASC');
    scopePairRows(qb, actor, 'p');
    if (filter.matchingRunId) qb.andWhere('p.matching_run_id = :run', { run: filter.matchingRunId });
    const statuses = typeof filter.status === 'string' ? [filter.status] : (filter.status ?? []);
    if (statuses.length === 1) qb.andWhere('p.status = :status', { status: statuses[0] });
    else if (statuses.length > 1) qb.andWhere('p.status IN (:...statuses)', { statuses });
    if (filter.product) qb.andWhere('p.product_code = :product', { product: filter.product });
    if (filter.supplyLotId) qb.andWhere('p.supply_lot_id = :lid', { lid: filter.supplyLotId });
    if (filter.purchaseRequestId) qb.andWhere('p.purchase_request_id = :rid', { rid: filter.purchaseRequestId });
    if (filter.q) searchPairRows(qb, 'p', filter.q);
    const { limit, offset } = pageBounds(filter);
    const [rows, total] = await qb.take(limit).skip(offset).getManyAndCount();
    const cards = await proposalCardFields(this.dataSource.manager, actor, rows);
    return { items: rows.map((p) => ({ ...toProposalView(p), ...cards.get(p.id)! })), total, limit, offset };
  }

  /** One proposal as its card (the e-mail links open it): staff, or one of its two parties. */
  async get(actor: Actor, id: string): Promise<ProposalCard> {
    const p = await this.proposals.findOneBy({ id });
    if (!p) throw DomainError.notFound('PROPOSAL', id);
    if (!isStaff(actor)) sideOf(actor, p, await processorSellerIdOf(this.dataSource, actor));
    await assertPairInProvinces(this.dataSource.manager, actor, p, 'PROPOSAL');
    const cards = await proposalCardFields(this.dataSource.manager, actor, [p]);
    return { ...toProposalView(p), ...cards.get(p.id)! };
  }

  /**
   * The seller (the lot's cooperative) or the buyer (the request's buyer) accepts. The acceptance
   * that completes both sides holds the kilograms against other accepted proposals on the same
   * lot and request, under their row locks, so staff never see more accepted than remains.
   */
  async accept(actor: Actor, id: string, requestedSide?: ProposalSide): Promise<ProposalView> {
    return this.settle(
      await this.dataSource.transaction(async (em): Promise<Outcome<ProposalView>> => {
        const p = await this.lockProposal(em, id, actor);
        const side = resolveSide(actor, p, requestedSide, await processorSellerIdOf(em, actor));
        assertNotReplaced(p);
        const already = side === 'seller' ? p.sellerAcceptedAt : p.buyerAcceptedAt;
        if (!OPEN_FOR_ANSWER.includes(p.status) || already)
          throw invalidState(p, `the ${side} cannot accept a ${p.status} proposal`);
        const { lot, request } = await lockLotAndRequest(em, p.supplyLotId, p.purchaseRequestId);
        const problem = await this.checkStillValid(em, p, lot, request);
        if (problem) return { error: problem };
        const completes = side === 'seller' ? !!p.buyerAcceptedAt : !!p.sellerAcceptedAt;
        if (completes) {
          const held = await this.heldByOthers(em, p);
          const lotAvailable = lot!.remainingKg - held.lotKg;
          const requestAvailable = request!.remainingKg - held.requestKg;
          if (p.quantityKg > lotAvailable || p.quantityKg > requestAvailable) {
            return {
              error: new DomainError(
                'conflict',
                'PROPOSAL.INSUFFICIENT_REMAINING',
                'other accepted proposals already hold what remains of this lot or request',
                {
                  remainingKg: Math.max(0, Math.min(lotAvailable, requestAvailable)),
                  supplyLotRemainingKg: lot!.remainingKg,
                  purchaseRequestRemainingKg: request!.remainingKg,
                  heldByAcceptedKg: { supplyLot: held.lotKg, purchaseRequest: held.requestKg },
                  quantityKg: p.quantityKg,
                },
              ),
            };
          }
        }
        const now = new Date();
        const statusBefore = p.status;
        if (side === 'seller') p.sellerAcceptedAt = now;
        else p.buyerAcceptedAt = now;
        p.status = completes ? 'accepted' : side === 'seller' ? 'accepted_by_seller' : 'accepted_by_buyer';
        await em.save(p);
        await this.audit.record(em, actor, 'accept', 'proposal', p.id, {
          side,
          status: [statusBefore, p.status],
          [side === 'seller' ? 'sellerAcceptedAt' : 'buyerAcceptedAt']: [null, now],
        });
        await this.notifyAnswer(em, p, side, 'accepted');
        return { ok: toProposalView(p) };
      }),
    );
  }

  async reject(actor: Actor, id: string, reason?: string | null, requestedSide?: ProposalSide): Promise<ProposalView> {
    return this.dataSource.transaction(async (em) => {
      const p = await this.lockProposal(em, id, actor);
      const side = resolveSide(actor, p, requestedSide, await processorSellerIdOf(em, actor));
      assertNotReplaced(p);
      if (!OPEN_FOR_ANSWER.includes(p.status)) throw invalidState(p, `a ${p.status} proposal cannot be rejected`);
      const statusBefore = p.status;
      p.status = 'rejected';
      p.rejectedAt = new Date();
      p.rejectedBySide = side;
      p.rejectReason = reason ?? null;
      await em.save(p);
      await this.audit.record(em, actor, 'reject', 'proposal', p.id, {
        side,
        status: [statusBefore, p.status],
        rejectReason: [null, p.rejectReason],
      });
      await this.notifyAnswer(em, p, side, 'rejected');
      return toProposalView(p);
    });
  }

  /** Staff turn a proposal both sides accepted into a deal, in one transaction. */
  async confirm(
    actor: Actor,
    id: string,
    priceVndPerKg?: number,
    confirmUnusualPrice?: boolean,
    transportArranged?: boolean,
  ): Promise<{ proposal: ProposalView; deal: DealView }> {
    return this.settle(
      await this.dataSource.transaction(async (em): Promise<Outcome<{ proposal: ProposalView; deal: DealView }>> => {
        if (!isStaff(actor)) throw new DomainError('forbidden', 'PROPOSAL.FORBIDDEN', 'only staff confirm proposals');
        const p = await this.lockProposal(em, id, actor);
        if (p.status === 'confirmed')
          throw new DomainError('conflict', 'PROPOSAL.ALREADY_CONFIRMED', 'this proposal already turned into a deal', {
            status: p.status,
          });
        if (p.status !== 'accepted')
          throw invalidState(p, `only a proposal accepted by both sides can be confirmed (it is ${p.status})`);
        const { lot, request } = await lockLotAndRequest(em, p.supplyLotId, p.purchaseRequestId);
        const problem = await this.checkStillValid(em, p, lot, request);
        if (problem) return { error: problem };
        const deal = await this.deals.commitLocked(em, actor, lot!, request!, {
          quantityKg: p.quantityKg,
          // The seller's asking price by default: the buyer's margin over it pays the transport.
          priceVndPerKg: priceVndPerKg ?? p.askVndPerKg,
          proposalId: p.id,
          confirmUnusualPrice,
          transportArranged,
        });
        p.status = 'confirmed';
        p.confirmedAt = new Date();
        await em.save(p);
        await this.audit.record(em, actor, 'confirm', 'proposal', p.id, {
          dealId: deal.id,
          status: ['accepted', 'confirmed'],
        });
        return { ok: { proposal: toProposalView(p), deal: toDealView(deal) } };
      }),
    );
  }

  private settle<T>(outcome: Outcome<T>): T {
    if ('error' in outcome) throw outcome.error;
    return outcome.ok;
  }

  /** Staff of another province than the lot's and the buyer's are refused before anything else. */
  private async lockProposal(em: EntityManager, id: string, actor: Actor): Promise<Proposal> {
    const p = await em.findOne(Proposal, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!p) throw DomainError.notFound('PROPOSAL', id);
    await assertPairInProvinces(em, actor, p, 'PROPOSAL');
    return p;
  }

  /** Marks the proposal stale (committed with the transaction) and returns the 409 to answer, or null. */
  private async checkStillValid(
    em: EntityManager,
    p: Proposal,
    lot: SupplyLot | null,
    request: PurchaseRequest | null,
  ): Promise<DomainError | null> {
    const reason = !lot
      ? 'the supply lot was deleted'
      : !request
        ? 'the purchase request was deleted'
        : proposalStaleReason(p.snapshot, p, lot, request);
    if (reason) {
      await this.markStale(em, p, reason);
      return new DomainError('conflict', 'PROPOSAL.STALE', `this proposal is stale: ${reason}`, {
        reason,
        status: 'stale',
        remainingKg: lot && request ? Math.max(0, Math.min(lot.remainingKg, request.remainingKg)) : 0,
      });
    }
    if (p.quantityKg > lot!.remainingKg || p.quantityKg > request!.remainingKg) {
      // Sold (or bought) elsewhere meanwhile: the proposal can no longer be met as made.
      const remainingKg = Math.max(0, Math.min(lot!.remainingKg, request!.remainingKg));
      await this.markStale(em, p, `only ${remainingKg} kg remain of the ${p.quantityKg} kg proposed`);
      return new DomainError(
        'conflict',
        'PROPOSAL.INSUFFICIENT_REMAINING',
        `only ${remainingKg} kg remain of the ${p.quantityKg} kg proposed`,
        {
          remainingKg,
          supplyLotRemainingKg: lot!.remainingKg,
          purchaseRequestRemainingKg: request!.remainingKg,
          quantityKg: p.quantityKg,
          status: 'stale',
        },
      );
    }
    return null;
  }

  private async markStale(em: EntityManager, p: Proposal, reason: string): Promise<void> {
    const statusBefore = p.status;
    p.status = 'stale';
    p.staleReason = reason;
    p.staleAt = new Date();
    await em.save(p);
    await this.audit.record(em, null, 'stale', 'proposal', p.id, {
      status: [statusBefore, 'stale'],
      staleReason: [null, reason],
    });
  }

  private async heldByOthers(em: EntityManager, p: Proposal): Promise<{ lotKg: number; requestKg: number }> {
    const [row] = await em.query(
      `SELECT
         COALESCE(SUM(quantity_kg) FILTER (WHERE supply_lot_id = $2), 0)::bigint AS lot_kg,
         COALESCE(SUM(quantity_kg) FILTER (WHERE purchase_request_id = $3), 0)::bigint AS request_kg
       FROM proposals WHERE status = 'accepted' AND id <> $1 AND (supply_lot_id = $2 OR purchase_request_id = $3)`,
      [p.id, p.supplyLotId, p.purchaseRequestId],
    );
    return { lotKg: Number(row.lot_kg), requestKg: Number(row.request_kg) };
  }

  private async notifyAnswer(
    em: EntityManager,
    p: Proposal,
    side: ProposalSide,
    answer: 'accepted' | 'rejected',
  ): Promise<void> {
    const other =
      side === 'seller'
        ? { audience: 'buyer' as const, audienceId: p.buyerId }
        : { audience: 'cooperative' as const, audienceId: p.cooperativeId };
    const who = side === 'seller' ? 'Bên bán (seller)' : 'Bên mua (buyer)';
    const verb = answer === 'accepted' ? 'đã chấp nhận (accepted)' : 'đã từ chối (rejected)';
    const body = `${p.quantityKg.toLocaleString('vi-VN')} kg ${p.productCode}`;
    const data = { proposalId: p.id, matchingRunId: p.matchingRunId, status: p.status };
    const items: NotificationInput[] = [
      { ...other, kind: `proposal.${answer}`, title: `${who} ${verb} đề xuất`, body, data },
    ];
    if (p.status === 'accepted') {
      // The desk of the lot's and the request's provinces confirms it.
      items.push({
        audience: 'staff',
        audienceId: null,
        kind: 'proposal.ready_to_confirm',
        title: 'Đề xuất chờ xác nhận (ready to confirm)',
        body,
        data,
        provinceCodes: await pairProvinceCodes(em, p),
      });
    }
    await this.notifications.notify(em, items);
  }
}

/** Which side an actor answers for; staff answer only when they say which side (a call to the desk). */
function resolveSide(
  actor: Actor,
  p: Proposal,
  requested?: ProposalSide,
  sellerRecordId: string | null = null,
): ProposalSide {
  if (isStaff(actor)) {
    if (!requested)
      throw new DomainError(
        'forbidden',
        'PROPOSAL.FORBIDDEN',
        'staff answer for a party only when they name the side (side: seller or buyer)',
      );
    return requested;
  }
  const side = sideOf(actor, p, sellerRecordId);
  if (requested && requested !== side)
    throw new DomainError('forbidden', 'PROPOSAL.FORBIDDEN', `you are the ${side} of this proposal`);
  return side;
}

/** `sellerRecordId`: for a buyer's user, the seller record its offered stock sells under (processorSellerIdOf). */
function sideOf(actor: Actor, p: Proposal, sellerRecordId: string | null = null): ProposalSide {
  if (actor.role === 'cooperative' && actor.organizationId === p.cooperativeId) return 'seller';
  if (actor.role === 'buyer' && actor.organizationId === p.buyerId) return 'buyer';
  if (actor.role === 'buyer' && sellerRecordId && sellerRecordId === p.cooperativeId) return 'seller';
  throw new DomainError('forbidden', 'PROPOSAL.FORBIDDEN', 'this proposal concerns other organisations');
}

/**
 * A superseded proposal was replaced by a later run (the pair's current proposal is named when
 * there is one); a stale one no longer fits its lot or request. Neither can be answered.
 */
function assertNotReplaced(p: Proposal): void {
  if (p.status === 'superseded') {
    const vi = 'Đề xuất này đã được thay thế bởi một lượt ghép nối mới; hãy trả lời đề xuất mới nhất.';
    const en = 'this proposal was superseded by a newer matching run; answer the current proposal instead';
    throw new DomainError('conflict', 'PROPOSAL.SUPERSEDED', `${vi} (${en})`, {
      status: p.status,
      supersededByRunId: p.supersededByRunId,
      supersededAt: p.supersededAt,
      messageVi: vi,
      messageEn: en,
    });
  }
  if (p.status === 'stale') {
    const vi = 'Đề xuất này không còn hiệu lực vì lô hàng hoặc nhu cầu đã thay đổi.';
    const en = `this proposal is stale: ${p.staleReason ?? 'its lot or request changed'}`;
    throw new DomainError('conflict', 'PROPOSAL.STALE', `${vi} (${en})`, {
      status: p.status,
      reason: p.staleReason,
      messageVi: vi,
      messageEn: en,
    });
  }
}

function invalidState(p: Proposal, message: string): DomainError {
  return new DomainError('conflict', 'PROPOSAL.INVALID_STATE', message, { status: p.status });
}
