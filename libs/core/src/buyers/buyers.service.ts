import { Injectable } from '@nestjs/common';
import { assertCoversAnyProvince } from '../common/territory/province-scope';
import { assertEntityInProvinces } from '../common/territory/row-provinces';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { fromPoint, LatLng } from '../common/geo';
import { assertOwnsRow } from '../common/ownership';
import { Page, PageQuery } from '../common/page';
import { paginate } from '../common/paginate';
import { likePattern } from '../common/vietnamese-text';
import {
  applyOrganizationFields,
  assertStaff,
  checked,
  isForeignKeyViolation,
  isUniqueViolation,
  pickFields,
  rejectNullFields,
  requireKnownProducts,
  taxCodeTaken,
} from '../common/registry';
import { Buyer, BuyerType } from './buyer.entity';
import { BUYER_AUDITED, BuyerInput, BuyerPatch, normalizeBuyer } from './buyer.rules';
import { currentProvinceCodeOf } from '../administrative-units/province-codes';

export interface BuyerFilter extends PageQuery {
  type?: BuyerType;
  provinceCode?: string;
  /** Wants this product code. */
  product?: string;
  q?: string;
}

export interface BuyerView {
  id: string;
  type: BuyerType;
  name: string;
  taxCode: string | null;
  administrativeUnitId: string | null;
  /** The pre-2025 unit the caller gave, when it was translated to administrativeUnitId (for the record). */
  pre2025AdministrativeUnitId: string | null;
  provinceCode: string | null;
  pre2025ProvinceCode: string | null;
  address: string | null;
  location: LatLng | null;
  productsWanted: string[];
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  /** A real market or chain whose demand figures are illustrative, not its orders. */
  demandIsIllustrative: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export function toBuyerView(b: Buyer): BuyerView {
  return {
    id: b.id,
    type: b.type,
    name: b.name,
    taxCode: b.taxCode,
    administrativeUnitId: b.administrativeUnitId,
    pre2025AdministrativeUnitId: b.pre2025AdministrativeUnitId ?? null,
    provinceCode: b.provinceCode,
    pre2025ProvinceCode: b.pre2025ProvinceCode ?? null,
    address: b.address,
    location: fromPoint(b.location),
    productsWanted: b.productsWanted,
    contactName: b.contactName,
    contactPhone: b.contactPhone,
    contactEmail: b.contactEmail,
    demandIsIllustrative: b.demandIsIllustrative,
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
  };
}

const AUDITED = BUYER_AUDITED;

/** Buyers: wholesale markets (chợ đầu mối), chains, exporters, processors, traders (thương lái). */
@Injectable()
export class BuyersService {
  constructor(
    @InjectRepository(Buyer) private readonly buyers: Repository<Buyer>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, body: BuyerInput): Promise<BuyerView> {
    assertStaff(actor, 'BUYER', 'register or delete buyers');
    const input = checked((check) => normalizeBuyer(body, check));
    return this.write(async (em) => {
      const b = em.create(Buyer, { type: input.type, name: input.name, productsWanted: [], demandIsIllustrative: false });
      await this.apply(em, b, input);
      // Province staff register the buyers of their own provinces.
      assertCoversAnyProvince(actor, [b.provinceCode], 'BUYER');
      const saved = await em.save(b);
      await this.audit.record(em, actor, 'create', 'buyer', saved.id, pickFields(saved, AUDITED));
      return toBuyerView(await this.load(em, saved.id));
    });
  }

  list(filter: BuyerFilter): Promise<Page<BuyerView>> {
    const qb = this.buyers.createQueryBuilder('b').orderBy('b.name', 'ASC').addOrderBy('b.id', 'ASC');
    if (filter.type) qb.andWhere('b.type = :type', { type: filter.type });
    if (filter.provinceCode) qb.andWhere('b.province_code = :pc', { pc: currentProvinceCodeOf(filter.provinceCode) });
    if (filter.product) qb.andWhere(':product = ANY(b.products_wanted)', { product: filter.product.toUpperCase() });
    if (filter.q?.trim()) qb.andWhere(`b.search_text LIKE :q ESCAPE '\\'`, { q: likePattern(filter.q) });
    return paginate(qb, filter, toBuyerView);
  }

  async get(id: string): Promise<BuyerView> {
    return toBuyerView(await this.load(this.dataSource.manager, id));
  }

  async update(actor: Actor, id: string, body: BuyerPatch): Promise<BuyerView> {
    rejectNullFields(body, ['type', 'name']);
    const patch = checked((check) => normalizeBuyer(body, check));
    return this.write(async (em) => {
      const b = await em.findOne(Buyer, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!b) throw DomainError.notFound('BUYER', id);
      assertOwnsRow(actor, 'buyer', b.id, 'BUYER');
      await assertEntityInProvinces(em, actor, 'buyer', b.id, 'BUYER');
      const before = { ...b };
      if (patch.type !== undefined) b.type = patch.type;
      if (patch.name !== undefined) b.name = patch.name;
      await this.apply(em, b, patch);
      await em.save(b);
      const changes = this.audit.diff(before, b, AUDITED);
      if (Object.keys(changes).length) await this.audit.record(em, actor, 'update', 'buyer', id, changes);
      return toBuyerView(await this.load(em, id));
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    assertStaff(actor, 'BUYER', 'register or delete buyers');
    try {
      await this.dataSource.transaction(async (em) => {
        const b = await em.findOne(Buyer, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!b) throw DomainError.notFound('BUYER', id);
        assertCoversAnyProvince(actor, [b.provinceCode], 'BUYER');
        const [row] = await em.query(
          `SELECT (SELECT count(*) FROM purchase_requests WHERE buyer_id = $1)::int AS "purchaseRequests",
                  (SELECT count(*) FROM users WHERE buyer_id = $1)::int AS "users",
                  (SELECT count(*) FROM contracts WHERE buyer_id = $1)::int AS "contracts",
                  (SELECT count(*) FROM inventory_reports WHERE buyer_id = $1)::int AS "inventoryReports"`,
          [id],
        );
        if (Object.values(row as Record<string, number>).some((n) => n > 0)) throw inUse(row);
        await em.delete(Buyer, { id });
        await this.audit.record(em, actor, 'delete', 'buyer', id, pickFields(b, AUDITED));
      });
    } catch (e) {
      if (isForeignKeyViolation(e)) throw inUse({});
      throw e;
    }
  }

  private async apply(em: EntityManager, b: Buyer, input: BuyerPatch): Promise<void> {
    await applyOrganizationFields(em, Buyer, 'BUYER', b, input);
    if (input.productsWanted !== undefined) b.productsWanted = await requireKnownProducts(em, input.productsWanted, 'productsWanted');
  }

  private async write<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (e) {
      if (isUniqueViolation(e)) throw taxCodeTaken('BUYER', null);
      throw e;
    }
  }

  private async load(em: EntityManager, id: string): Promise<Buyer> {
    const b = await em.findOneBy(Buyer, { id });
    if (!b) throw DomainError.notFound('BUYER', id);
    return b;
  }
}

function inUse(counts: Record<string, number>): DomainError {
  return new DomainError(
    'conflict',
    'BUYER.IN_USE',
    'this buyer still has purchase requests, users, contracts or inventory reports; remove those first',
    counts,
  );
}
