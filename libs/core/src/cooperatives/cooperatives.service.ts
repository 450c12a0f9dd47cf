import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { normalizeCertifications } from '../common/certifications';
import { DomainError } from '../common/domain-error';
import { fromPoint, LatLng } from '../common/geo';
import { Page, PageQuery } from '../common/page';
import { paginate } from '../common/paginate';
import { likePattern } from '../common/vietnamese-text';
import { Cooperative, CooperativeKind } from './cooperative.entity';
import { COOPERATIVE_AUDITED, CooperativeInput, CooperativePatch, normalizeCooperative } from './cooperative.rules';
import {
  OrganizationRegistry,
  applyOrganizationFields,
  checked,
  rejectNullFields,
  requireKnownProducts,
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

export interface CooperativeView {
  id: string;
  kind: CooperativeKind;
  name: string;
  taxCode: string | null;
  administrativeUnitId: string | null;
  /** The pre-2025 unit the caller gave, when it was translated to administrativeUnitId (for the record). */
  pre2025AdministrativeUnitId: string | null;
  provinceCode: string | null;
  pre2025ProvinceCode: string | null;
  address: string | null;
  location: LatLng | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  certifications: string[];
  products: string[];
  members: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toCooperativeView(c: Cooperative): CooperativeView {
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    taxCode: c.taxCode,
    administrativeUnitId: c.administrativeUnitId,
    pre2025AdministrativeUnitId: c.pre2025AdministrativeUnitId ?? null,
    provinceCode: c.provinceCode,
    pre2025ProvinceCode: c.pre2025ProvinceCode ?? null,
    address: c.address,
    location: fromPoint(c.location),
    contactName: c.contactName,
    contactPhone: c.contactPhone,
    contactEmail: c.contactEmail,
    certifications: c.certifications,
    products: c.products,
    members: c.members,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

const AUDITED = COOPERATIVE_AUDITED;

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
      audited: AUDITED,
      staffOnly: 'register or delete cooperatives',
      defaults: { certifications: [], products: [] },
      apply: async (em, c, input) => {
        if (input.kind !== undefined) c.kind = input.kind;
        if (input.name !== undefined) c.name = input.name;
        await applyOrganizationFields(em, Cooperative, 'COOPERATIVE', c, input);
        if (input.certifications !== undefined)
          c.certifications = normalizeCertifications(input.certifications, 'certifications');
        if (input.products !== undefined) c.products = await requireKnownProducts(em, input.products, 'products');
        if (input.members !== undefined) c.members = input.members;
      },
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
    rejectNullFields(body, ['kind', 'name']);
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
