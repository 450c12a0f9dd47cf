import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { LatLng } from '../common/geo';
import { Page, PageQuery } from '../common/page';
import { paginate } from '../common/paginate';
import { likePattern } from '../common/vietnamese-text';
import {
  OrganizationRegistry,
  RegistryView,
  checked,
  rejectNullFields,
  requiredFields,
  viewOf,
} from '../common/registry';
import { Buyer, BuyerType } from './buyer.entity';
import { BUYER_FIELDS, BuyerInput, BuyerPatch, normalizeBuyer } from './buyer.rules';
import { currentProvinceCodeOf } from '../administrative-units/province-codes';

export interface BuyerFilter extends PageQuery {
  type?: BuyerType;
  provinceCode?: string;
  /** Wants this product code. */
  product?: string;
  q?: string;
}

/** A buyer as the API answers it: the public fields of BUYER_FIELDS, its location as {lat, lng}. */
export interface BuyerView extends RegistryView<Buyer, typeof BUYER_FIELDS, 'location'> {
  location: LatLng | null;
}

const buyerView = viewOf(BUYER_FIELDS);
export const toBuyerView = (b: Buyer): BuyerView => buyerView(b) as BuyerView;

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
      fields: BUYER_FIELDS,
      staffOnly: 'register or delete buyers',
      defaults: { productsWanted: [], demandIsIllustrative: false },
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
    rejectNullFields(body, requiredFields(BUYER_FIELDS));
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
