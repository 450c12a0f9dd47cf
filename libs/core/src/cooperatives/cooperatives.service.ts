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
import { Cooperative, CooperativeKind } from './cooperative.entity';
import { COOPERATIVE_FIELDS, CooperativeInput, CooperativePatch, normalizeCooperative } from './cooperative.rules';
import {
  OrganizationRegistry,
  RegistryView,
  checked,
  rejectNullFields,
  requiredFields,
  viewOf,
} from '../common/registry';
import { currentProvinceCodeOf } from '../administrative-units/province-codes';

export interface CooperativeFilter extends PageQuery {
  kind?: CooperativeKind;
  provinceCode?: string;
  /** Sells this product code. */
  product?: string;
  certification?: string;
  /** Diacritics-insensitive search on name, address, contact and tax code. */
  q?: string;
}

/** A cooperative as the API answers it: the public fields of COOPERATIVE_FIELDS, its location as {lat, lng}. */
export interface CooperativeView extends RegistryView<Cooperative, typeof COOPERATIVE_FIELDS, 'location'> {
  location: LatLng | null;
}

const cooperativeView = viewOf(COOPERATIVE_FIELDS);
export const toCooperativeView = (c: Cooperative): CooperativeView => cooperativeView(c) as CooperativeView;

/** Sellers: HTX, tổ hợp tác, enterprises and households. Staff register them; a cooperative user edits its own. */
@Injectable()
export class CooperativesService {
  constructor(
    @InjectRepository(Cooperative) private readonly cooperatives: Repository<Cooperative>,
    private readonly dataSource: DataSource,
    audit: AuditService,
  ) {
    this.registry = new OrganizationRegistry<Cooperative, CooperativePatch>(dataSource, audit, {
      entity: Cooperative,
      code: 'COOPERATIVE',
      entityType: 'cooperative',
      fields: COOPERATIVE_FIELDS,
      staffOnly: 'register or delete cooperatives',
      defaults: { certifications: [], products: [] },
      holders: {
        supplyLots: 'supply_lots',
        users: 'users',
        productionAreas: 'production_areas',
        contracts: 'contracts',
      },
      inUse,
    });
  }

  private readonly registry: OrganizationRegistry<Cooperative, CooperativePatch>;

  async create(actor: Actor, body: CooperativeInput): Promise<CooperativeView> {
    const input = checked((check) => normalizeCooperative(body, check));
    return toCooperativeView(await this.registry.create(actor, input));
  }

  list(filter: CooperativeFilter): Promise<Page<CooperativeView>> {
    const qb = this.cooperatives.createQueryBuilder('c').orderBy('c.name', 'ASC').addOrderBy('c.id', 'ASC');
    if (filter.kind) qb.andWhere('c.kind = :kind', { kind: filter.kind });
    if (filter.provinceCode) qb.andWhere('c.province_code = :pc', { pc: currentProvinceCodeOf(filter.provinceCode) });
    if (filter.product) qb.andWhere(':product = ANY(c.products)', { product: filter.product.toUpperCase() });
    if (filter.certification)
      qb.andWhere(':cert = ANY(c.certifications)', { cert: filter.certification.toUpperCase() });
    if (filter.q?.trim()) qb.andWhere(`c.search_text LIKE :q ESCAPE '\\'`, { q: likePattern(filter.q) });
    return paginate(qb, filter, toCooperativeView);
  }

  async get(id: string): Promise<CooperativeView> {
    return toCooperativeView(await this.registry.load(this.dataSource.manager, id));
  }

  async update(actor: Actor, id: string, body: CooperativePatch): Promise<CooperativeView> {
    rejectNullFields(body, requiredFields(COOPERATIVE_FIELDS));
    const patch = checked((check) => normalizeCooperative(body, check));
    return toCooperativeView(await this.registry.update(actor, id, patch));
  }

  remove(actor: Actor, id: string): Promise<void> {
    return this.registry.remove(actor, id);
  }
}

function inUse(counts: Record<string, number>): DomainError {
  return new DomainError(
    'conflict',
    'COOPERATIVE.IN_USE',
    'this cooperative still has supply lots, users, production areas or contracts; remove those first',
    counts,
  );
}
