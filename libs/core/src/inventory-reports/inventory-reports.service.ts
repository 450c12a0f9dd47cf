import { Injectable } from '@nestjs/common';
import { assertEntityInProvinces } from '../common/territory/row-provinces';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Buyer } from '../buyers/buyer.entity';
import { Actor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { assertOwnsRow, ownerOfNewRow } from '../common/ownership';
import { Page, PageQuery } from '../common/page';
import { paginate } from '../common/paginate';
import { pickFields, rejectNullFields } from '../common/registry';
import { ProductsService } from '../products/products.service';
import { SupplyLot } from '../supply-lots/supply-lot.entity';
import { InventoryReport } from './inventory-report.entity';
import { StockOffer, StockOfferWriter } from './stock-offer.writer';

export interface InventoryReportInput {
  buyerId?: string;
  product: string;
  quantityKg: number;
  reportedAt: string;
  note?: string | null;
  /** Offer the stock for sale (null: withdraw the offer). */
  offer?: StockOffer | null;
}

export type InventoryReportPatch = Partial<InventoryReportInput>;

export interface InventoryReportFilter extends PageQuery {
  buyerId?: string;
  product?: string;
  /** reportedAt on or after this day. */
  from?: string;
  /** reportedAt on or before this day. */
  to?: string;
}

export interface InventoryReportView {
  id: string;
  buyerId: string;
  buyerName?: string;
  product: string;
  quantityKg: number;
  reportedAt: string;
  note: string | null;
  /** The stock offered for sale, as the supply lot that sells it; null when not offered. */
  offer: {
    supplyLotId: string;
    askVndPerKg: number;
    availableUntil: string;
    status: string;
    soldKg: number;
    remainingKg: number;
  } | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toInventoryReportView(r: InventoryReport, lot?: SupplyLot | null): InventoryReportView {
  return {
    id: r.id,
    buyerId: r.buyerId,
    ...(r.buyer ? { buyerName: r.buyer.name } : {}),
    product: r.productCode,
    quantityKg: r.quantityKg,
    reportedAt: r.reportedAt,
    note: r.note,
    offer: lot
      ? {
          supplyLotId: lot.id,
          askVndPerKg: lot.askVndPerKg,
          availableUntil: lot.availableUntil,
          status: lot.status,
          soldKg: lot.committedKg,
          remainingKg: lot.quantityKg - lot.committedKg,
        }
      : null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

const AUDITED = ['buyerId', 'productCode', 'quantityKg', 'reportedAt', 'note'];

/** A processor's or trader's unsold stock (hàng tồn kho), one report per buyer, product and day. */
@Injectable()
export class InventoryReportsService {
  constructor(
    @InjectRepository(InventoryReport) private readonly reports: Repository<InventoryReport>,
    private readonly dataSource: DataSource,
    private readonly products: ProductsService,
    private readonly audit: AuditService,
    private readonly offers: StockOfferWriter,
  ) {}

  async create(actor: Actor, input: InventoryReportInput): Promise<InventoryReportView> {
    const buyerId = await ownerOfNewRow(this.dataSource.manager, actor, 'buyer', input.buyerId, 'INVENTORY_REPORT');
    return this.dataSource.transaction(async (em) => {
      const buyer = await em.findOneBy(Buyer, { id: buyerId });
      if (!buyer) throw DomainError.invalid('BUYER.UNKNOWN', 'buyerId', `buyerId: no buyer ${buyerId}`);
      const product = await this.products.requireKnown(input.product, 'product', em);
      await this.assertKeyFree(em, buyerId, product.code, input.reportedAt, null);
      const report = em.create(InventoryReport, {
        buyerId,
        productCode: product.code,
        quantityKg: input.quantityKg,
        reportedAt: input.reportedAt,
        note: input.note ?? null,
      });
      // The unique index settles a concurrent duplicate (23505 → 409 at the edge).
      const saved = await em.save(report);
      await this.audit.record(em, actor, 'create', 'inventory_report', saved.id, pickFields(saved, AUDITED));
      if (input.offer) await this.offers.apply(em, actor, saved, input.offer);
      return this.view(em, await this.load(em, saved.id));
    });
  }

  async list(filter: InventoryReportFilter): Promise<Page<InventoryReportView>> {
    const qb = this.reports
      .createQueryBuilder('r')
      .leftJoinAndSelect('r.buyer', 'b')
      .orderBy('r.reportedAt', 'DESC')
      .addOrderBy('r.productCode', 'ASC')
      .addOrderBy('r.id', 'ASC');
    if (filter.buyerId) qb.andWhere('r.buyer_id = :bid', { bid: filter.buyerId });
    if (filter.product) qb.andWhere('r.product_code = :product', { product: filter.product });
    if (filter.from) qb.andWhere('r.reported_at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('r.reported_at <= :to', { to: filter.to });
    const page = await paginate(qb, filter, (r) => r);
    const lots = page.items.length
      ? await this.dataSource.manager.find(SupplyLot, { where: { inventoryReportId: In(page.items.map((r) => r.id)) } })
      : [];
    const byReport = new Map(lots.map((l) => [l.inventoryReportId, l]));
    return { ...page, items: page.items.map((r) => toInventoryReportView(r, byReport.get(r.id))) };
  }

  async get(id: string): Promise<InventoryReportView> {
    return this.view(this.dataSource.manager, await this.load(this.dataSource.manager, id));
  }

  private async view(em: EntityManager, r: InventoryReport): Promise<InventoryReportView> {
    return toInventoryReportView(r, await em.findOneBy(SupplyLot, { inventoryReportId: r.id }));
  }

  async update(actor: Actor, id: string, patch: InventoryReportPatch): Promise<InventoryReportView> {
    rejectNullFields(patch, ['product', 'quantityKg', 'reportedAt']);
    return this.dataSource.transaction(async (em) => {
      const r = await em.findOne(InventoryReport, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!r) throw DomainError.notFound('INVENTORY_REPORT', id);
      assertOwnsRow(actor, 'buyer', r.buyerId, 'INVENTORY_REPORT');
      await assertEntityInProvinces(em, actor, 'buyer', r.buyerId, 'INVENTORY_REPORT');
      if (patch.buyerId && patch.buyerId !== r.buyerId) {
        throw DomainError.invalid('INVENTORY_REPORT.OWNER_IMMUTABLE', 'buyerId', 'buyerId cannot be changed');
      }
      const before = { ...r };
      if (patch.product !== undefined)
        r.productCode = (await this.products.requireKnown(patch.product, 'product', em)).code;
      if (patch.reportedAt !== undefined) r.reportedAt = patch.reportedAt;
      if (r.productCode !== before.productCode || r.reportedAt !== before.reportedAt) {
        await this.assertKeyFree(em, r.buyerId, r.productCode, r.reportedAt, id);
      }
      if (patch.quantityKg !== undefined) r.quantityKg = patch.quantityKg;
      if (patch.note !== undefined) r.note = patch.note;
      await em.save(r);
      const changes = this.audit.diff(before, r, AUDITED);
      if (Object.keys(changes).length) await this.audit.record(em, actor, 'update', 'inventory_report', id, changes);
      await this.offers.apply(em, actor, r, patch.offer);
      return this.view(em, await this.load(em, id));
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const r = await em.findOne(InventoryReport, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!r) throw DomainError.notFound('INVENTORY_REPORT', id);
      assertOwnsRow(actor, 'buyer', r.buyerId, 'INVENTORY_REPORT');
      await assertEntityInProvinces(em, actor, 'buyer', r.buyerId, 'INVENTORY_REPORT');
      const lot = await em.findOne(SupplyLot, {
        where: { inventoryReportId: id },
        lock: { mode: 'pessimistic_write' },
      });
      if (lot && lot.committedKg > 0) {
        throw new DomainError(
          'conflict',
          'INVENTORY_REPORT.HAS_DEALS',
          'stock with deals cannot be deleted; withdraw the offer instead (offer: null)',
          { soldKg: lot.committedKg },
        );
      }
      if (lot) await em.delete(SupplyLot, { id: lot.id });
      await em.delete(InventoryReport, { id });
      await this.audit.record(em, actor, 'delete', 'inventory_report', id, pickFields(r, AUDITED));
    });
  }

  private async assertKeyFree(
    em: EntityManager,
    buyerId: string,
    productCode: string,
    reportedAt: string,
    exceptId: string | null,
  ): Promise<void> {
    const other = await em.findOneBy(InventoryReport, { buyerId, productCode, reportedAt });
    if (other && other.id !== exceptId) {
      throw new DomainError(
        'conflict',
        'INVENTORY_REPORT.DUPLICATE',
        `buyer ${buyerId} already reported ${productCode} on ${reportedAt}; update that report instead`,
        { id: other.id, fields: ['buyerId', 'product', 'reportedAt'] },
      );
    }
  }

  private async load(em: EntityManager, id: string): Promise<InventoryReport> {
    const r = await em.findOne(InventoryReport, { where: { id }, relations: { buyer: true } });
    if (!r) throw DomainError.notFound('INVENTORY_REPORT', id);
    return r;
  }
}
