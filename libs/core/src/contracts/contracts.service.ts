import { Injectable } from '@nestjs/common';
import { assertCoversAnyProvince, provinceCondition } from '../common/territory/province-scope';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, FindOptionsWhere, Repository, SelectQueryBuilder } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Buyer } from '../buyers/buyer.entity';
import { Actor } from '../common/actor';
import { isDateOnly } from '../common/dates';
import { DomainError } from '../common/domain-error';
import { Page, PageQuery } from '../common/page';
import { paginate } from '../common/paginate';
import { assertStaff, pickFields, rejectNullFields } from '../common/registry';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { ProductsService } from '../products/products.service';
import { Contract } from './contract.entity';

export interface ContractInput {
  cooperativeId: string;
  buyerId: string;
  /** Null or absent: the agreement covers every product. */
  product?: string | null;
  bonusVndPerKg?: number;
  validFrom: string;
  /** Null or absent: open-ended. */
  validTo?: string | null;
  note?: string | null;
}

export type ContractPatch = Partial<ContractInput>;

export interface ContractFilter extends PageQuery {
  cooperativeId?: string;
  buyerId?: string;
  product?: string;
  /** Contracts in force on this day (YYYY-MM-DD). */
  activeOn?: string;
}

export interface ContractView {
  id: string;
  cooperativeId: string;
  cooperativeName?: string;
  buyerId: string;
  buyerName?: string;
  product: string | null;
  bonusVndPerKg: number;
  validFrom: string;
  validTo: string | null;
  note: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toContractView(c: Contract): ContractView {
  return {
    id: c.id,
    cooperativeId: c.cooperativeId,
    ...(c.cooperative ? { cooperativeName: c.cooperative.name } : {}),
    buyerId: c.buyerId,
    ...(c.buyer ? { buyerName: c.buyer.name } : {}),
    product: c.productCode,
    bonusVndPerKg: c.bonusVndPerKg,
    validFrom: c.validFrom,
    validTo: c.validTo,
    note: c.note,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

const AUDITED = ['cooperativeId', 'buyerId', 'productCode', 'bonusVndPerKg', 'validFrom', 'validTo', 'note'];

/**
 * Hợp đồng liên kết: existing linkage agreements between a seller and a buyer
 * that matching favours with a bonus. Staff write them; each party reads its own.
 */
@Injectable()
export class ContractsService {
  constructor(
    @InjectRepository(Contract) private readonly contracts: Repository<Contract>,
    private readonly dataSource: DataSource,
    private readonly products: ProductsService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, input: ContractInput): Promise<ContractView> {
    assertStaff(actor, 'CONTRACT', 'write contracts');
    return this.dataSource.transaction(async (em) => {
      const seller = await requireParty(em, Cooperative, input.cooperativeId, 'cooperativeId', 'COOPERATIVE');
      const buyer = await requireParty(em, Buyer, input.buyerId, 'buyerId', 'BUYER');
      // A contract lies in the seller's and the buyer's provinces: staff of either keep it.
      assertCoversAnyProvince(actor, [seller.provinceCode, buyer.provinceCode], 'CONTRACT');
      const productCode = input.product ? (await this.products.requireKnown(input.product, 'product', em)).code : null;
      assertBonus(input.bonusVndPerKg ?? 0);
      assertValidity(input.validFrom, input.validTo ?? null);
      const contract = em.create(Contract, {
        cooperativeId: input.cooperativeId,
        buyerId: input.buyerId,
        productCode,
        bonusVndPerKg: input.bonusVndPerKg ?? 0,
        validFrom: input.validFrom,
        validTo: input.validTo ?? null,
        note: input.note?.trim() || null,
      });
      const saved = await em.save(contract);
      await this.audit.record(em, actor, 'create', 'contract', saved.id, pickFields(saved, AUDITED));
      return toContractView(await this.load(em, saved.id));
    });
  }

  /** A cooperative or buyer user sees only the contracts it is party to, whatever the filters say. */
  list(actor: Actor, filter: ContractFilter): Promise<Page<ContractView>> {
    const qb = this.contracts
      .createQueryBuilder('k')
      .leftJoinAndSelect('k.cooperative', 'c')
      .leftJoinAndSelect('k.buyer', 'b')
      .orderBy('k.validFrom', 'DESC')
      .addOrderBy('k.id', 'ASC');
    scopeToParty(qb, actor);
    const inProvinces = provinceCondition(actor, ['c.province_code', 'b.province_code']);
    if (inProvinces) qb.andWhere(inProvinces.sql, inProvinces.params);
    if (filter.cooperativeId) qb.andWhere('k.cooperative_id = :cid', { cid: filter.cooperativeId });
    if (filter.buyerId) qb.andWhere('k.buyer_id = :bid', { bid: filter.buyerId });
    if (filter.product) qb.andWhere('k.product_code = :product', { product: filter.product.toUpperCase() });
    if (filter.activeOn) activeOn(qb, filter.activeOn);
    return paginate(qb, filter, toContractView);
  }

  async get(actor: Actor, id: string): Promise<ContractView> {
    const c = await this.load(this.dataSource.manager, id);
    assertParty(actor, c);
    assertCoversAnyProvince(actor, partyProvinces(c), 'CONTRACT');
    return toContractView(c);
  }

  /** Every contract in force on `day` (YYYY-MM-DD), for matching: validFrom ≤ day ≤ validTo (or open-ended). */
  async activeContracts(day: string, em: EntityManager = this.dataSource.manager): Promise<ContractView[]> {
    if (!isDateOnly(day)) throw DomainError.invalid('CONTRACT.INVALID_DATE', 'day', 'day must be a date YYYY-MM-DD');
    const qb = em.getRepository(Contract).createQueryBuilder('k').orderBy('k.id', 'ASC');
    activeOn(qb, day);
    return (await qb.getMany()).map(toContractView);
  }

  async update(actor: Actor, id: string, patch: ContractPatch): Promise<ContractView> {
    assertStaff(actor, 'CONTRACT', 'write contracts');
    rejectNullFields(patch, ['cooperativeId', 'buyerId', 'bonusVndPerKg', 'validFrom']);
    return this.dataSource.transaction(async (em) => {
      const c = await em.findOne(Contract, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!c) throw DomainError.notFound('CONTRACT', id);
      assertCoversAnyProvince(actor, await partyProvincesOf(em, c), 'CONTRACT');
      const before = { ...c };
      if (patch.cooperativeId !== undefined && patch.cooperativeId !== c.cooperativeId) {
        c.cooperativeId = (await requireParty(em, Cooperative, patch.cooperativeId, 'cooperativeId', 'COOPERATIVE')).id;
      }
      if (patch.buyerId !== undefined && patch.buyerId !== c.buyerId) {
        c.buyerId = (await requireParty(em, Buyer, patch.buyerId, 'buyerId', 'BUYER')).id;
      }
      if (patch.product !== undefined)
        c.productCode = patch.product ? (await this.products.requireKnown(patch.product, 'product', em)).code : null;
      if (patch.bonusVndPerKg !== undefined) {
        assertBonus(patch.bonusVndPerKg);
        c.bonusVndPerKg = patch.bonusVndPerKg;
      }
      if (patch.validFrom !== undefined) c.validFrom = patch.validFrom;
      if (patch.validTo !== undefined) c.validTo = patch.validTo;
      assertValidity(c.validFrom, c.validTo);
      // Handing the contract to parties of other provinces only is as good as writing one there.
      assertCoversAnyProvince(actor, await partyProvincesOf(em, c), 'CONTRACT');
      if (patch.note !== undefined) c.note = patch.note?.trim() || null;
      // Relations loaded by findOne would override the changed ids on save.
      delete c.cooperative;
      delete c.buyer;
      await em.save(c);
      const changes = this.audit.diff(before, c, AUDITED);
      if (Object.keys(changes).length) await this.audit.record(em, actor, 'update', 'contract', id, changes);
      return toContractView(await this.load(em, id));
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    assertStaff(actor, 'CONTRACT', 'write contracts');
    await this.dataSource.transaction(async (em) => {
      const c = await em.findOne(Contract, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!c) throw DomainError.notFound('CONTRACT', id);
      assertCoversAnyProvince(actor, await partyProvincesOf(em, c), 'CONTRACT');
      await em.delete(Contract, { id });
      await this.audit.record(em, actor, 'delete', 'contract', id, pickFields(c, AUDITED));
    });
  }

  private async load(em: EntityManager, id: string): Promise<Contract> {
    const c = await em.findOne(Contract, { where: { id }, relations: { cooperative: true, buyer: true } });
    if (!c) throw DomainError.notFound('CONTRACT', id);
    return c;
  }
}

function partyProvinces(c: Contract): Array<string | null | undefined> {
  return [c.cooperative?.provinceCode, c.buyer?.provinceCode];
}

async function partyProvincesOf(em: EntityManager, c: Contract): Promise<string[]> {
  const rows: Array<{ code: string | null }> = await em.query(
    `SELECT province_code AS code FROM cooperatives WHERE id = $1 UNION ALL SELECT province_code FROM buyers WHERE id = $2`,
    [c.cooperativeId, c.buyerId],
  );
  return rows.map((r) => r.code).filter((x): x is string => !!x);
}

function activeOn(qb: SelectQueryBuilder<Contract>, day: string): void {
  qb.andWhere('k.valid_from <= :day AND (k.valid_to IS NULL OR k.valid_to >= :day)', { day });
}

function scopeToParty(qb: SelectQueryBuilder<Contract>, actor: Actor): void {
  if (actor.role === 'admin' || actor.role === 'staff') return;
  const org = actor.organizationId ?? '00000000-0000-0000-0000-000000000000';
  qb.andWhere(
    new Brackets((w) => {
      if (actor.role === 'cooperative') w.where('k.cooperative_id = :org', { org });
      else if (actor.role === 'buyer') w.where('k.buyer_id = :org', { org });
      else w.where('FALSE');
    }),
  );
}

function assertParty(actor: Actor, c: Contract): void {
  if (actor.role === 'admin' || actor.role === 'staff') return;
  if (actor.role === 'cooperative' && actor.organizationId === c.cooperativeId) return;
  if (actor.role === 'buyer' && actor.organizationId === c.buyerId) return;
  throw new DomainError('forbidden', 'CONTRACT.FORBIDDEN', 'you are not a party to this contract');
}

async function requireParty<T extends Cooperative | Buyer>(
  em: EntityManager,
  entity: new () => T,
  id: string,
  field: string,
  name: string,
): Promise<T> {
  // TypeORM cannot see that every T has an id column; both parties do.
  const row = await em.findOneBy(entity, { id } as FindOptionsWhere<T>);
  if (!row) throw DomainError.invalid(`${name}.UNKNOWN`, field, `${field}: no ${name.toLowerCase()} ${id}`);
  return row;
}

function assertBonus(bonus: number): void {
  if (!Number.isInteger(bonus) || bonus < 0) {
    throw DomainError.invalid(
      'CONTRACT.INVALID_BONUS',
      'bonusVndPerKg',
      'bonusVndPerKg must be a whole number of VND, 0 or more',
    );
  }
}

function assertValidity(from: string, to: string | null): void {
  if (!isDateOnly(from))
    throw DomainError.invalid('CONTRACT.INVALID_DATE', 'validFrom', 'validFrom must be a date YYYY-MM-DD');
  if (to !== null && !isDateOnly(to))
    throw DomainError.invalid('CONTRACT.INVALID_DATE', 'validTo', 'validTo must be a date YYYY-MM-DD');
  if (to !== null && to < from)
    throw DomainError.invalid('CONTRACT.WINDOW_REVERSED', 'validTo', 'validTo must be on or after validFrom');
}
