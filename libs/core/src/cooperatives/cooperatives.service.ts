import { Injectable } from '@nestjs/common';
import { assertCoversAnyProvince } from '../common/territory/province-scope';
import { assertEntityInProvinces } from '../common/territory/row-provinces';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { normalizeCertifications } from '../common/certifications';
import { DomainError } from '../common/domain-error';
import { fromPoint, LatLng } from '../common/geo';
import { assertOwnsRow } from '../common/ownership';
import { Page, PageQuery } from '../common/page';
import { paginate } from '../common/paginate';
import { likePattern } from '../common/vietnamese-text';
import { Cooperative, CooperativeKind } from './cooperative.entity';
import { COOPERATIVE_AUDITED, CooperativeInput, CooperativePatch, normalizeCooperative } from './cooperative.rules';
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
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, body: CooperativeInput): Promise<CooperativeView> {
    assertStaff(actor, 'COOPERATIVE', 'register or delete cooperatives');
    const input = checked((check) => normalizeCooperative(body, check));
    return this.write(async (em) => {
      const c = em.create(Cooperative, { kind: input.kind, name: input.name, certifications: [], products: [] });
      await this.apply(em, c, input);
      // Province staff register the cooperatives of their own provinces.
      assertCoversAnyProvince(actor, [c.provinceCode], 'COOPERATIVE');
      const saved = await em.save(c);
      await this.audit.record(em, actor, 'create', 'cooperative', saved.id, pickFields(saved, AUDITED));
      return toCooperativeView(await this.load(em, saved.id));
    });
  }

  list(filter: CooperativeFilter): Promise<Page<CooperativeView>> {
    const qb = this.cooperatives.createQueryBuilder('c').orderBy('c.name', 'ASC').addOrderBy('c.id', 'ASC');
    if (filter.kind) qb.andWhere('c.kind = :kind', { kind: filter.kind });
    if (filter.provinceCode) qb.andWhere('c.province_code = :pc', { pc: currentProvinceCodeOf(filter.provinceCode) });
    if (filter.product) qb.andWhere(':product = ANY(c.products)', { product: filter.product.toUpperCase() });
    if (filter.certification) qb.andWhere(':cert = ANY(c.certifications)', { cert: filter.certification.toUpperCase() });
    if (filter.q?.trim()) qb.andWhere(`c.search_text LIKE :q ESCAPE '\\'`, { q: likePattern(filter.q) });
    return paginate(qb, filter, toCooperativeView);
  }

  async get(id: string): Promise<CooperativeView> {
    return toCooperativeView(await this.load(this.dataSource.manager, id));
  }

  async update(actor: Actor, id: string, body: CooperativePatch): Promise<CooperativeView> {
    rejectNullFields(body, ['kind', 'name']);
    const patch = checked((check) => normalizeCooperative(body, check));
    return this.write(async (em) => {
      const c = await em.findOne(Cooperative, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!c) throw DomainError.notFound('COOPERATIVE', id);
      assertOwnsRow(actor, 'cooperative', c.id, 'COOPERATIVE');
      await assertEntityInProvinces(em, actor, 'cooperative', c.id, 'COOPERATIVE');
      const before = { ...c };
      if (patch.kind !== undefined) c.kind = patch.kind;
      if (patch.name !== undefined) c.name = patch.name;
      await this.apply(em, c, patch);
      await em.save(c);
      const changes = this.audit.diff(before, c, AUDITED);
      if (Object.keys(changes).length) await this.audit.record(em, actor, 'update', 'cooperative', id, changes);
      return toCooperativeView(await this.load(em, id));
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    assertStaff(actor, 'COOPERATIVE', 'register or delete cooperatives');
    try {
      await this.dataSource.transaction(async (em) => {
        // The row lock makes a concurrent lot/user insert (its FK check) wait, so the counts below stay true.
        const c = await em.findOne(Cooperative, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!c) throw DomainError.notFound('COOPERATIVE', id);
        assertCoversAnyProvince(actor, [c.provinceCode], 'COOPERATIVE');
        const [row] = await em.query(
          `SELECT (SELECT count(*) FROM supply_lots WHERE cooperative_id = $1)::int AS "supplyLots",
                  (SELECT count(*) FROM users WHERE cooperative_id = $1)::int AS "users",
                  (SELECT count(*) FROM production_areas WHERE cooperative_id = $1)::int AS "productionAreas",
                  (SELECT count(*) FROM contracts WHERE cooperative_id = $1)::int AS "contracts"`,
          [id],
        );
        if (Object.values(row as Record<string, number>).some((n) => n > 0)) throw inUse(row);
        await em.delete(Cooperative, { id });
        await this.audit.record(em, actor, 'delete', 'cooperative', id, pickFields(c, AUDITED));
      });
    } catch (e) {
      if (isForeignKeyViolation(e)) throw inUse({});
      throw e;
    }
  }

  private async apply(em: EntityManager, c: Cooperative, input: CooperativePatch): Promise<void> {
    await applyOrganizationFields(em, Cooperative, 'COOPERATIVE', c, input);
    if (input.certifications !== undefined) c.certifications = normalizeCertifications(input.certifications, 'certifications');
    if (input.products !== undefined) c.products = await requireKnownProducts(em, input.products, 'products');
    if (input.members !== undefined) c.members = input.members;
  }

  private async write<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (e) {
      // Two writers took the same tax code at once: the unique index decides.
      if (isUniqueViolation(e)) throw taxCodeTaken('COOPERATIVE', null);
      throw e;
    }
  }

  private async load(em: EntityManager, id: string): Promise<Cooperative> {
    const c = await em.findOneBy(Cooperative, { id });
    if (!c) throw DomainError.notFound('COOPERATIVE', id);
    return c;
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
