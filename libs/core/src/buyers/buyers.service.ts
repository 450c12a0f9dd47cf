import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { fromPoint, LatLng } from '../common/geo';
import { Page, PageQuery } from '../common/page';
import { paginate } from '../common/paginate';
import { likePattern } from '../common/vietnamese-text';
import {
  OrganizationRegistry,
  applyOrganizationFields,
  checked,
  rejectNullFields,
  requireKnownProducts,
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
    audit: AuditService,
  ) {
    this.registry = new OrganizationRegistry<Buyer, BuyerPatch>(dataSource, audit, {
      entity: Buyer,
      code: 'BUYER',
      entityType: 'buyer',
      audited: AUDITED,
      staffOnly: 'register or delete buyers',
      defaults: { productsWanted: [], demandIsIllustrative: false },
      apply: async (em, b, input) => {
        if (input.type !== undefined) b.type = input.type;
        if (input.name !== undefined) b.name = input.name;
        await applyOrganizationFields(em, Buyer, 'BUYER', b, input);
        if (input.productsWanted !== undefined)
          b.productsWanted = await requireKnownProducts(em, input.productsWanted, 'productsWanted');
      },
      holders: {
        purchaseRequests: 'purchase_requests',
        users: 'users',
        contracts: 'contracts',
        inventoryReports: 'inventory_reports',
      },
      inUse,
    });
  }

  private readonly registry: OrganizationRegistry<Buyer, BuyerPatch>;

  async create(actor: Actor, body: BuyerInput): Promise<BuyerView> {
    const input = checked((check) => normalizeBuyer(body, check));
    return toBuyerView(await this.registry.create(actor, input));
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
    return toBuyerView(await this.registry.load(this.dataSource.manager, id));
  }

  async update(actor: Actor, id: string, body: BuyerPatch): Promise<BuyerView> {
    rejectNullFields(body, ['type', 'name']);
    const patch = checked((check) => normalizeBuyer(body, check));
    return toBuyerView(await this.registry.update(actor, id, patch));
  }

  remove(actor: Actor, id: string): Promise<void> {
    return this.registry.remove(actor, id);
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
