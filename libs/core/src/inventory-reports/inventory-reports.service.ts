import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Buyer } from '../buyers/buyer.entity';
import { Actor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { assertOwnsRow, resolveOwnerForWrite } from '../common/ownership';
import { Page, PageQuery } from '../common/page';
import { paginate } from '../common/paginate';
import { pickFields, rejectNullFields } from '../common/patch';
import { ProductsService } from '../products/products.service';
import { InventoryReport } from './inventory-report.entity';

export interface InventoryReportInput {
  buyerId?: string;
  product: string;
  quantityKg: number;
  reportedAt: string;
  note?: string | null;
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
  createdAt: Date;
  updatedAt: Date;
}

export function toInventoryReportView(r: InventoryReport): InventoryReportView {
  return {
    id: r.id,
    buyerId: r.buyerId,
    ...(r.buyer ? { buyerName: r.buyer.name } : {}),
    product: r.productCode,
    quantityKg: r.quantityKg,
    reportedAt: r.reportedAt,
    note: r.note,
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
  ) {}

  async create(actor: Actor, input: InventoryReportInput): Promise<InventoryReportView> {
    const buyerId = resolveOwnerForWrite(actor, 'buyer', input.buyerId, 'buyerId', 'INVENTORY_REPORT');
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
      return toInventoryReportView(await this.load(em, saved.id));
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
    return paginate(qb, filter, toInventoryReportView);
  }

  async get(id: string): Promise<InventoryReportView> {
    return toInventoryReportView(await this.load(this.dataSource.manager, id));
  }

  async update(actor: Actor, id: string, patch: InventoryReportPatch): Promise<InventoryReportView> {
    rejectNullFields(patch, ['product', 'quantityKg', 'reportedAt']);
    return this.dataSource.transaction(async (em) => {
      const r = await em.findOne(InventoryReport, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!r) throw DomainError.notFound('INVENTORY_REPORT', id);
      assertOwnsRow(actor, 'buyer', r.buyerId, 'INVENTORY_REPORT');
      if (patch.buyerId && patch.buyerId !== r.buyerId) {
        throw DomainError.invalid('INVENTORY_REPORT.OWNER_IMMUTABLE', 'buyerId', 'buyerId cannot be changed');
      }
      const before = { ...r };
      if (patch.product !== undefined) r.productCode = (await this.products.requireKnown(patch.product!, 'product', em)).code;
      if (patch.reportedAt !== undefined) r.reportedAt = patch.reportedAt!;
      if (r.productCode !== before.productCode || r.reportedAt !== before.reportedAt) {
        await this.assertKeyFree(em, r.buyerId, r.productCode, r.reportedAt, id);
      }
      if (patch.quantityKg !== undefined) r.quantityKg = patch.quantityKg!;
      if (patch.note !== undefined) r.note = patch.note;
      await em.save(r);
      const changes = this.audit.diff(before, r, AUDITED);
      if (Object.keys(changes).length) await this.audit.record(em, actor, 'update', 'inventory_report', id, changes);
      return toInventoryReportView(await this.load(em, id));
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const r = await em.findOne(InventoryReport, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!r) throw DomainError.notFound('INVENTORY_REPORT', id);
      assertOwnsRow(actor, 'buyer', r.buyerId, 'INVENTORY_REPORT');
      await em.delete(InventoryReport, { id });
      await this.audit.record(em, actor, 'delete', 'inventory_report', id, pickFields(r, AUDITED));
    });
  }

  private async assertKeyFree(em: EntityManager, buyerId: string, productCode: string, reportedAt: string, exceptId: string | null): Promise<void> {
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
