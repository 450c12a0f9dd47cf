import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, isStaff } from '../common/actor';
import { assertCoversAnyProvince } from '../common/territory/province-scope';
import { assertPairInProvinces } from '../common/territory/row-provinces';
import { DomainError } from '../common/domain-error';
import { processorSellerIdOf } from '../cooperatives/processor-seller';
import { Page, PageQuery } from '../common/page';
import { paginate } from '../common/paginate';
import { applySort, sortKeysOfColumns } from '../common/sort';
import { scopePairRows, searchPairRows } from '../common/pair-rows';
import { isCheckViolation, isUniqueViolation } from '../common/registry';
import { NotificationsService } from '../notifications/notifications.service';
import { PurchaseRequest } from '../purchase-requests/purchase-request.entity';
import { SupplyLot } from '../supply-lots/supply-lot.entity';
import { Deal, DealStatus } from './deal.entity';
import { quantityExceedsRemaining, unusualPrice, usualPriceBand } from './deal.errors';
import { Product } from '../products/product.entity';
import { LoadsService } from '../loads/loads.service';

export interface DealInput {
  supplyLotId: string;
  purchaseRequestId: string;
  quantityKg: number;
  priceVndPerKg: number;
  /** Staff say a price far outside the product's usual band is intended. */
  confirmUnusualPrice?: boolean;
  /** The parties already have transport: no load is posted for the deal. */
  transportArranged?: boolean;
}

export interface DealFilter extends PageQuery {
  status?: DealStatus;
  supplyLotId?: string;
  purchaseRequestId?: string;
  cooperativeId?: string;
  buyerId?: string;
  /** Diacritics-insensitive search on the cooperative's, the buyer's and the product's names. */
  q?: string;
  /** A field of DEAL_SORTS, `-` first for descending; default newest first. */
  sort?: DealSort;
}

const DEAL_SORT_COLUMNS = {
  createdAt: 'd.createdAt',
  product: 'd.productCode',
  quantityKg: 'd.quantityKg',
  priceVndPerKg: 'd.priceVndPerKg',
  status: 'd.status',
};
export const DEAL_SORTS = sortKeysOfColumns(DEAL_SORT_COLUMNS);
export type DealSort = (typeof DEAL_SORTS)[number];

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
  /** Sum of the deliveries so far (null before the first). */
  deliveredKg: number | null;
  /** What is still to be delivered; 0 once delivered or cancelled. */
  remainingToDeliverKg: number;
  deliveredAt: Date | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
  unusualPriceConfirmed: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** The parties' names, in lists (the web list shows and exports them). */
  cooperativeName?: string;
  buyerName?: string;
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
    remainingToDeliverKg: d.status === 'cancelled' ? 0 : Math.max(0, d.quantityKg - (d.deliveredKg ?? 0)),
    deliveredAt: d.deliveredAt,
    cancelledAt: d.cancelledAt,
    cancelReason: d.cancelReason ?? null,
    unusualPriceConfirmed: d.unusualPriceConfirmed,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

/** Row locks in one fixed order everywhere (lot, then request) so concurrent deals serialise instead of deadlocking. */
/** A lot's or request's committed kg (bigint, as text) and status after an UPDATE … RETURNING. */
interface CommittedAfter {
  committed_kg: string;
  status: string;
}

export async function lockLotAndRequest(
  em: EntityManager,
  supplyLotId: string,
  purchaseRequestId: string,
): Promise<{ lot: SupplyLot | null; request: PurchaseRequest | null }> {
  const lot = await em.findOne(SupplyLot, { where: { id: supplyLotId }, lock: { mode: 'pessimistic_write' } });
  const request = await em.findOne(PurchaseRequest, {
    where: { id: purchaseRequestId },
    lock: { mode: 'pessimistic_write' },
  });
  return { lot, request };
}

@Injectable()
export class DealsService {
  constructor(
    @InjectRepository(Deal) private readonly deals: Repository<Deal>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly loads: LoadsService,
  ) {}

  /** A deal brokered outside the optimiser (staff). */
  async create(actor: Actor, input: DealInput): Promise<DealView> {
    return this.dataSource.transaction(async (em) => {
      const { lot, request } = await lockLotAndRequest(em, input.supplyLotId, input.purchaseRequestId);
      if (!lot)
        throw DomainError.invalid(
          'SUPPLY_LOT.UNKNOWN',
          'supplyLotId',
          `supplyLotId: no supply lot ${input.supplyLotId}`,
        );
      if (!request)
        throw DomainError.invalid(
          'PURCHASE_REQUEST.UNKNOWN',
          'purchaseRequestId',
          `purchaseRequestId: no purchase request ${input.purchaseRequestId}`,
        );
      if (lot.productCode !== request.productCode) {
        throw DomainError.invalid(
          'DEAL.PRODUCT_MISMATCH',
          'purchaseRequestId',
          `the lot offers ${lot.productCode} but the request wants ${request.productCode}`,
        );
      }
      const deal = await this.commitLocked(em, actor, lot, request, {
        quantityKg: input.quantityKg,
        priceVndPerKg: input.priceVndPerKg,
        proposalId: null,
        confirmUnusualPrice: input.confirmUnusualPrice,
        transportArranged: input.transportArranged,
      });
      return toDealView(deal);
    });
  }

  /**
   * Commits kilograms on a lot and a request already locked FOR UPDATE by the caller, and inserts the deal.
   * The CHECK constraints (committed_kg <= quantity_kg) and the UNIQUE proposal_id are the last line of defence.
   * Unless the parties say their transport is arranged, the deal's load is posted in the same transaction.
   */
  async commitLocked(
    em: EntityManager,
    actor: Actor,
    lot: SupplyLot,
    request: PurchaseRequest,
    terms: {
      quantityKg: number;
      priceVndPerKg: number;
      proposalId: string | null;
      confirmUnusualPrice?: boolean;
      transportArranged?: boolean;
    },
  ): Promise<Deal> {
    // Staff of the lot's province or of the buyer's (its request's) may broker it.
    assertCoversAnyProvince(actor, [lot.provinceCode, request.provinceCode], 'DEAL');
    if (lot.status === 'withdrawn')
      throw new DomainError('conflict', 'SUPPLY_LOT.NOT_OPEN', 'the supply lot was withdrawn', {
        supplyLotId: lot.id,
        remainingKg: 0,
      });
    if (request.status === 'withdrawn') {
      throw new DomainError('conflict', 'PURCHASE_REQUEST.NOT_OPEN', 'the purchase request was withdrawn', {
        purchaseRequestId: request.id,
        remainingKg: 0,
      });
    }
    if (terms.quantityKg > lot.remainingKg || terms.quantityKg > request.remainingKg) {
      throw quantityExceedsRemaining(terms.quantityKg, lot.remainingKg, request.remainingKg);
    }
    const unusual = await this.priceOutsideBand(em, lot.productCode, terms.priceVndPerKg);
    if (unusual && !terms.confirmUnusualPrice) throw unusual;
    try {
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
        unusualPriceConfirmed: !!unusual,
      });
      const dealId = res.identifiers[0].id as string;
      await this.moveCommitted(em, actor, 'commit', lot, request, terms.quantityKg, dealId);
      const deal = await em.findOneByOrFail(Deal, { id: dealId });
      await this.audit.record(em, actor, 'create', 'deal', deal.id, {
        proposalId: deal.proposalId,
        supplyLotId: deal.supplyLotId,
        purchaseRequestId: deal.purchaseRequestId,
        quantityKg: deal.quantityKg,
        priceVndPerKg: deal.priceVndPerKg,
        status: deal.status,
        unusualPriceConfirmed: deal.unusualPriceConfirmed,
      });
      if (!terms.transportArranged) await this.loads.postForConfirmedDeal(em, actor, deal);
      const text = `${deal.quantityKg.toLocaleString('vi-VN')} kg ${deal.productCode} @ ${deal.priceVndPerKg.toLocaleString('vi-VN')} đ/kg`;
      await this.notifications.notify(em, [
        {
          audience: 'cooperative',
          audienceId: deal.cooperativeId,
          kind: 'deal.confirmed',
          title: 'Giao dịch đã được xác nhận (deal confirmed)',
          body: text,
          data: { dealId: deal.id, proposalId: deal.proposalId },
        },
        {
          audience: 'buyer',
          audienceId: deal.buyerId,
          kind: 'deal.confirmed',
          title: 'Giao dịch đã được xác nhận (deal confirmed)',
          body: text,
          data: { dealId: deal.id, proposalId: deal.proposalId },
        },
      ]);
      return deal;
    } catch (e) {
      if (isCheckViolation(e)) {
        // Only reachable if a writer skipped the row lock; the CHECK still refuses to over-commit.
        throw quantityExceedsRemaining(terms.quantityKg, lot.remainingKg, request.remainingKg);
      }
      if (isUniqueViolation(e)) {
        throw new DomainError('conflict', 'PROPOSAL.ALREADY_CONFIRMED', 'this proposal already turned into a deal', {
          proposalId: terms.proposalId,
        });
      }
      throw e;
    }
  }

  /** The 422 a price far outside the catalogue band deserves, or null (also null for a product without a band). */
  private async priceOutsideBand(
    em: EntityManager,
    productCode: string,
    priceVndPerKg: number,
  ): Promise<DomainError | null> {
    const product = await em.findOneBy(Product, { code: productCode });
    const band = product ? usualPriceBand(product) : null;
    if (!product || !band) return null;
    if (priceVndPerKg >= band.lowestVndPerKg && priceVndPerKg <= band.highestVndPerKg) return null;
    return unusualPrice(productCode, priceVndPerKg, band, product);
  }

  async list(actor: Actor, filter: DealFilter): Promise<Page<DealView>> {
    const qb = applySort(
      this.deals.createQueryBuilder('d'),
      filter.sort,
      DEAL_SORT_COLUMNS,
      ['d.createdAt', 'DESC'],
      'd.id',
    );
    scopePairRows(qb, actor, 'd');
    if (filter.status) qb.andWhere('d.status = :status', { status: filter.status });
    if (filter.supplyLotId) qb.andWhere('d.supply_lot_id = :lid', { lid: filter.supplyLotId });
    if (filter.purchaseRequestId) qb.andWhere('d.purchase_request_id = :rid', { rid: filter.purchaseRequestId });
    if (filter.cooperativeId) qb.andWhere('d.cooperative_id = :cid', { cid: filter.cooperativeId });
    if (filter.buyerId) qb.andWhere('d.buyer_id = :bid', { bid: filter.buyerId });
    if (filter.q) searchPairRows(qb, 'd', filter.q);
    const page = await paginate(qb, filter, toDealView);
    if (!page.items.length) return page;
    const names: Array<{ id: string; name: string }> = await this.dataSource.query(
      `SELECT id, name FROM cooperatives WHERE id = ANY($1::uuid[]) UNION ALL SELECT id, name FROM buyers WHERE id = ANY($2::uuid[])`,
      [page.items.map((d) => d.cooperativeId), page.items.map((d) => d.buyerId)],
    );
    const byId = new Map(names.map((n) => [n.id, n.name]));
    return {
      ...page,
      items: page.items.map((d) => ({
        ...d,
        cooperativeName: byId.get(d.cooperativeId),
        buyerName: byId.get(d.buyerId),
      })),
    };
  }

  async get(actor: Actor, id: string): Promise<DealView> {
    const deal = await this.deals.findOneBy({ id });
    if (!deal) throw DomainError.notFound('DEAL', id);
    assertDealParty(actor, deal, await processorSellerIdOf(this.dataSource, actor));
    await assertPairInProvinces(this.dataSource.manager, actor, deal, 'DEAL');
    return toDealView(deal);
  }

  /**
   * Cancels a deal nothing of which was delivered yet: its kilograms return to the lot and the request.
   * A partly delivered deal is not cancelled (what was delivered was sold); staff correct its deliveries instead.
   */
  async cancel(actor: Actor, id: string, reason: string | null): Promise<DealView> {
    return this.dataSource.transaction(async (em) => {
      if (!isStaff(actor)) throw new DomainError('forbidden', 'DEAL.FORBIDDEN', 'only staff cancel deals');
      const deal = await em.findOne(Deal, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!deal) throw DomainError.notFound('DEAL', id);
      await assertPairInProvinces(em, actor, deal, 'DEAL');
      if (deal.status !== 'confirmed' || (deal.deliveredKg ?? 0) > 0) {
        throw new DomainError('conflict', 'DEAL.NOT_CANCELLABLE', `a ${deal.status} deal cannot be cancelled`, {
          status: deal.status,
          deliveredKg: deal.deliveredKg ?? 0,
        });
      }
      const before = { ...deal };
      // Same lock order as commitLocked: deal, lot, request.
      const { lot, request } = await lockLotAndRequest(em, deal.supplyLotId, deal.purchaseRequestId);
      if (!lot) throw DomainError.notFound('SUPPLY_LOT', deal.supplyLotId);
      if (!request) throw DomainError.notFound('PURCHASE_REQUEST', deal.purchaseRequestId);
      await this.moveCommitted(em, actor, 'release', lot, request, -deal.quantityKg, deal.id);
      await this.loads.cancelForCancelledDeal(em, actor, deal.id, reason);
      deal.status = 'cancelled';
      deal.cancelledAt = new Date();
      deal.cancelReason = reason;
      deal.cancelledByUserId = actor.userId;
      await em.save(deal);
      await this.audit.record(
        em,
        actor,
        'cancel',
        'deal',
        id,
        this.audit.diff(before, deal, ['status', 'cancelledAt', 'cancelReason']),
      );
      await this.notifications.notify(
        em,
        (['cooperative', 'buyer'] as const).map((audience) => ({
          audience,
          audienceId: audience === 'cooperative' ? deal.cooperativeId : deal.buyerId,
          kind: 'deal.cancelled',
          title: 'Giao dịch đã bị hủy (deal cancelled)',
          body: `${deal.quantityKg.toLocaleString('vi-VN')} kg ${deal.productCode}${reason ? ` · ${reason}` : ''}`,
          data: { dealId: deal.id, reason },
        })),
      );
      return toDealView(await em.findOneByOrFail(Deal, { id }));
    });
  }

  /** Adds (or with a negative amount releases) committed kilograms on a locked lot and request, and audits both rows. */
  private async moveCommitted(
    em: EntityManager,
    actor: Actor,
    action: 'commit' | 'release',
    lot: SupplyLot,
    request: PurchaseRequest,
    kg: number,
    dealId: string,
  ): Promise<void> {
    // UPDATE … RETURNING answers [rows, affected] through TypeORM's postgres driver.
    const [[lotAfter]] = await em.query<[[CommittedAfter]]>(
      `UPDATE supply_lots SET committed_kg = committed_kg + $2, version = version + 1, updated_at = now(),
         status = CASE WHEN status = 'withdrawn' THEN status WHEN quantity_kg - committed_kg - $2 <= 0 THEN 'sold_out' ELSE 'open' END
       WHERE id = $1 RETURNING committed_kg::bigint AS committed_kg, status`,
      [lot.id, kg],
    );
    const [[requestAfter]] = await em.query<[[CommittedAfter]]>(
      `UPDATE purchase_requests SET committed_kg = committed_kg + $2, version = version + 1, updated_at = now(),
         status = CASE WHEN status = 'withdrawn' THEN status WHEN quantity_kg - committed_kg - $2 <= 0 THEN 'fulfilled' ELSE 'open' END
       WHERE id = $1 RETURNING committed_kg::bigint AS committed_kg, status`,
      [request.id, kg],
    );
    const change = (before: { committedKg: number; status: string }, after: CommittedAfter) => {
      const out: Record<string, unknown> = { committedKg: [before.committedKg, Number(after.committed_kg)], dealId };
      if (before.status !== after.status) out.status = [before.status, after.status];
      return out;
    };
    await this.audit.record(em, actor, action, 'supply_lot', lot.id, change(lot, lotAfter));
    await this.audit.record(em, actor, action, 'purchase_request', request.id, change(request, requestAfter));
  }
}

/** `sellerRecordId`: for a buyer's user, the seller record of its offered stock (the processor sells). */
export function assertDealParty(
  actor: Actor,
  deal: { cooperativeId: string; buyerId: string },
  sellerRecordId: string | null = null,
): void {
  if (isStaff(actor)) return;
  if (actor.role === 'cooperative' && actor.organizationId === deal.cooperativeId) return;
  if (actor.role === 'buyer' && actor.organizationId === deal.buyerId) return;
  if (actor.role === 'buyer' && sellerRecordId && sellerRecordId === deal.cooperativeId) return;
  throw new DomainError('forbidden', 'DEAL.FORBIDDEN', 'this deal belongs to other organisations');
}
