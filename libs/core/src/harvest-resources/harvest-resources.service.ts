import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, isStaff } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { fromPoint, LatLng, toPoint } from '../common/geo';
import { Page, PageQuery } from '../common/page';
import { paginate } from '../common/paginate';
import { applySort, sortKeysOfColumns } from '../common/sort';
import { pickFields, rejectNullFields } from '../common/registry';
import { likePattern } from '../common/vietnamese-text';
import {
  assertAvailability,
  availabilityContactOf,
  availableOnSql,
  patchAvailabilityContact,
} from '../common/registry/availability-contact';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { HarvestResource, HarvestResourceKind } from './harvest-resource.entity';
import { currentProvinceCodeOf } from '../administrative-units/province-codes';
import { AdministrativeUnitResolver } from '../administrative-units/administrative-unit-resolver';
import { assertCoversAnyProvince, defaultProvinceOf } from '../common/territory/province-scope';

export interface HarvestResourceInput {
  kind: HarvestResourceKind;
  name: string;
  cooperativeId?: string | null;
  unitCount?: number;
  capacityHaPerDay: number;
  workers?: number | null;
  location?: LatLng | null;
  availableFrom?: string | null;
  availableTo?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  provinceCode?: string | null;
  /** Current commune ids (administrative_units) it works in. */
  serviceCommuneIds?: string[] | null;
  /** Or areas within this radius of its location, km. */
  serviceRadiusKm?: number | null;
}

export type HarvestResourcePatch = Partial<HarvestResourceInput>;

export interface HarvestResourceFilter extends PageQuery {
  kind?: HarvestResourceKind;
  cooperativeId?: string;
  provinceCode?: string;
  availableOn?: string;
  /** Diacritics-insensitive search on the resource's name, contact and cooperative name. */
  q?: string;
  /** A field of HARVEST_RESOURCE_SORTS, `-` first for descending; default by name. */
  sort?: HarvestResourceSort;
}

const HARVEST_RESOURCE_SORT_COLUMNS = {
  name: 'r.name',
  kind: 'r.kind',
  unitCount: 'r.unitCount',
  capacityHaPerDay: 'r.capacityHaPerDay',
  availableFrom: 'r.availableFrom',
  createdAt: 'r.createdAt',
};
export const HARVEST_RESOURCE_SORTS = sortKeysOfColumns(HARVEST_RESOURCE_SORT_COLUMNS);
export type HarvestResourceSort = (typeof HARVEST_RESOURCE_SORTS)[number];

export interface HarvestResourceView {
  id: string;
  kind: HarvestResourceKind;
  name: string;
  cooperativeId: string | null;
  cooperativeName?: string;
  unitCount: number;
  capacityHaPerDay: number;
  workers: number | null;
  location: LatLng | null;
  availableFrom: string | null;
  availableTo: string | null;
  contactName: string | null;
  contactPhone: string | null;
  provinceCode: string | null;
  serviceCommuneIds: string[];
  serviceRadiusKm: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toHarvestResourceView(r: HarvestResource): HarvestResourceView {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    cooperativeId: r.cooperativeId,
    ...(r.cooperative ? { cooperativeName: r.cooperative.name } : {}),
    unitCount: r.unitCount,
    capacityHaPerDay: r.capacityHaPerDay,
    workers: r.workers,
    location: fromPoint(r.location),
    availableFrom: r.availableFrom,
    availableTo: r.availableTo,
    contactName: r.contactName,
    contactPhone: r.contactPhone,
    provinceCode: r.provinceCode,
    serviceCommuneIds: r.serviceCommuneIds,
    serviceRadiusKm: r.serviceRadiusKm,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

const AUDITED = [
  'kind',
  'name',
  'cooperativeId',
  'unitCount',
  'capacityHaPerDay',
  'workers',
  'location',
  'availableFrom',
  'availableTo',
  'contactName',
  'contactPhone',
  'provinceCode',
  'serviceCommuneIds',
  'serviceRadiusKm',
];

/**
 * Tổ thu hoạch, máy gặt đập liên hợp, lò sấy on file (KH 308). Staff and admin
 * write any row; a cooperative user writes only rows of its own cooperative.
 */
@Injectable()
export class HarvestResourcesService {
  constructor(
    @InjectRepository(HarvestResource) private readonly resources: Repository<HarvestResource>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, input: HarvestResourceInput): Promise<HarvestResourceView> {
    const cooperativeId = ownerForWrite(actor, input.cooperativeId);
    assertAvailability(input.availableFrom ?? null, input.availableTo ?? null, 'HARVEST_RESOURCE.WINDOW_REVERSED');
    return this.dataSource.transaction(async (em) => {
      const cooperative = cooperativeId ? await requireCooperative(em, cooperativeId) : null;
      const r = em.create(HarvestResource, {
        kind: input.kind,
        name: input.name.trim(),
        cooperativeId,
        unitCount: input.unitCount ?? 1,
        capacityHaPerDay: input.capacityHaPerDay,
        workers: input.workers ?? null,
        location: input.location ? toPoint(input.location) : (cooperative?.location ?? null),
        ...availabilityContactOf(input),
        ...(await this.provinceOf(em, actor, input.provinceCode, cooperative)),
        serviceCommuneIds: await serviceCommunes(
          em,
          input.serviceCommuneIds,
          input.location ?? fromPoint(cooperative?.location),
        ),
        serviceRadiusKm: input.serviceRadiusKm ?? null,
      });
      assertServiceArea(r);
      // Province staff keep the harvest teams and machines of their own provinces.
      assertCoversAnyProvince(actor, [r.provinceCode], 'HARVEST_RESOURCE');
      const saved = await em.save(r);
      await this.audit.record(em, actor, 'create', 'harvest_resource', saved.id, pickFields(saved, AUDITED));
      return toHarvestResourceView(await this.load(em, saved.id));
    });
  }

  async list(filter: HarvestResourceFilter): Promise<Page<HarvestResourceView>> {
    const qb = this.resources.createQueryBuilder('r').leftJoinAndSelect('r.cooperative', 'c');
    applySort(qb, filter.sort, HARVEST_RESOURCE_SORT_COLUMNS, ['r.name', 'ASC'], 'r.id');
    if (filter.kind) qb.andWhere('r.kind = :kind', { kind: filter.kind });
    if (filter.cooperativeId) qb.andWhere('r.cooperative_id = :cid', { cid: filter.cooperativeId });
    if (filter.provinceCode) qb.andWhere('r.province_code = :pc', { pc: currentProvinceCodeOf(filter.provinceCode) });
    if (filter.availableOn) qb.andWhere(availableOnSql('r'), { day: filter.availableOn });
    if (filter.q)
      qb.andWhere(`(r.search_text LIKE :q ESCAPE '\\' OR c.search_text LIKE :q ESCAPE '\\')`, {
        q: likePattern(filter.q),
      });
    return paginate(qb, filter, toHarvestResourceView);
  }

  async get(id: string): Promise<HarvestResourceView> {
    return toHarvestResourceView(await this.load(this.dataSource.manager, id));
  }

  async update(actor: Actor, id: string, patch: HarvestResourcePatch): Promise<HarvestResourceView> {
    rejectNullFields(patch, ['kind', 'name', 'unitCount', 'capacityHaPerDay']);
    return this.dataSource.transaction(async (em) => {
      const r = await em.findOne(HarvestResource, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!r) throw DomainError.notFound('HARVEST_RESOURCE', id);
      assertOwns(actor, r.cooperativeId);
      assertCoversAnyProvince(actor, [r.provinceCode], 'HARVEST_RESOURCE');
      const before = { ...r };
      if (patch.cooperativeId !== undefined && patch.cooperativeId !== r.cooperativeId) {
        // A cooperative may not give its machines away nor orphan them; staff may reassign.
        if (!isStaff(actor)) {
          throw new DomainError(
            'forbidden',
            'HARVEST_RESOURCE.FORBIDDEN',
            'cooperativeId: you may only write rows of your own organisation',
            { field: 'cooperativeId' },
          );
        }
        if (patch.cooperativeId) await requireCooperative(em, patch.cooperativeId);
        r.cooperativeId = patch.cooperativeId ?? null;
      }
      if (patch.kind !== undefined) r.kind = patch.kind;
      if (patch.name !== undefined) r.name = patch.name.trim();
      if (patch.unitCount !== undefined) r.unitCount = patch.unitCount;
      if (patch.capacityHaPerDay !== undefined) r.capacityHaPerDay = patch.capacityHaPerDay;
      if (patch.workers !== undefined) r.workers = patch.workers;
      if (patch.location !== undefined) r.location = patch.location ? toPoint(patch.location) : null;
      patchAvailabilityContact(r, patch, 'HARVEST_RESOURCE.WINDOW_REVERSED');
      if (patch.provinceCode !== undefined) {
        Object.assign(
          r,
          patch.provinceCode
            ? await AdministrativeUnitResolver.resolveProvinceCode(em, patch.provinceCode)
            : { provinceCode: null, pre2025ProvinceCode: null },
        );
      }
      if (patch.serviceCommuneIds !== undefined)
        r.serviceCommuneIds = await serviceCommunes(em, patch.serviceCommuneIds, fromPoint(r.location));
      if (patch.serviceRadiusKm !== undefined) r.serviceRadiusKm = patch.serviceRadiusKm;
      assertServiceArea(r);
      // Nor may they move one into another province.
      assertCoversAnyProvince(actor, [r.provinceCode], 'HARVEST_RESOURCE');
      await em.save(r);
      const changes = this.audit.diff(before, r, AUDITED);
      if (Object.keys(changes).length) await this.audit.record(em, actor, 'update', 'harvest_resource', id, changes);
      return toHarvestResourceView(await this.load(em, id));
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const r = await em.findOne(HarvestResource, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!r) throw DomainError.notFound('HARVEST_RESOURCE', id);
      assertOwns(actor, r.cooperativeId);
      assertCoversAnyProvince(actor, [r.provinceCode], 'HARVEST_RESOURCE');
      await em.delete(HarvestResource, { id });
      await this.audit.record(em, actor, 'delete', 'harvest_resource', id, pickFields(r, AUDITED));
    });
  }

  /** As asked; else the cooperative's; else, for staff of one province, theirs. */
  private async provinceOf(
    em: EntityManager,
    actor: Actor,
    asked: string | null | undefined,
    cooperative: Cooperative | null,
  ): Promise<{ provinceCode: string | null; pre2025ProvinceCode?: string | null }> {
    if (asked) return AdministrativeUnitResolver.resolveProvinceCode(em, asked);
    if (cooperative) return { provinceCode: cooperative.provinceCode ?? null };
    const mine = defaultProvinceOf(actor);
    return mine ? AdministrativeUnitResolver.resolveProvinceCode(em, mine) : { provinceCode: null };
  }

  private async load(em: EntityManager, id: string): Promise<HarvestResource> {
    const r = await em.findOne(HarvestResource, { where: { id }, relations: { cooperative: true } });
    if (!r) throw DomainError.notFound('HARVEST_RESOURCE', id);
    return r;
  }
}

/** Staff/admin: the requested cooperative or none (an independent team). A cooperative user: its own. */
function ownerForWrite(actor: Actor, requested: string | null | undefined): string | null {
  if (isStaff(actor)) return requested ?? null;
  if (actor.role !== 'cooperative' || !actor.organizationId) {
    throw new DomainError(
      'forbidden',
      'HARVEST_RESOURCE.FORBIDDEN',
      `role ${actor.role} may not write harvest resources`,
    );
  }
  if (requested && requested !== actor.organizationId) {
    throw new DomainError(
      'forbidden',
      'HARVEST_RESOURCE.FORBIDDEN',
      'cooperativeId: you may only write rows of your own organisation',
      { field: 'cooperativeId' },
    );
  }
  return actor.organizationId;
}

function assertOwns(actor: Actor, cooperativeId: string | null): void {
  if (isStaff(actor)) return;
  if (actor.role === 'cooperative' && actor.organizationId && actor.organizationId === cooperativeId) return;
  throw new DomainError(
    'forbidden',
    'HARVEST_RESOURCE.FORBIDDEN',
    'this harvest resource belongs to another organisation',
  );
}

async function requireCooperative(em: EntityManager, id: string): Promise<Cooperative> {
  const c = await em.findOneBy(Cooperative, { id });
  if (!c) throw DomainError.invalid('COOPERATIVE.UNKNOWN', 'cooperativeId', `cooperativeId: no cooperative ${id}`);
  return c;
}

/**
 * Current communes, each once, in the order given; a pre-2025 commune (the codes district
 * lists use) is translated, the resource's location deciding where the commune was split.
 */
async function serviceCommunes(
  em: EntityManager,
  ids: string[] | null | undefined,
  location: LatLng | null,
): Promise<string[]> {
  const list = [...new Set((ids ?? []).map((id) => id.trim()))];
  if (!list.length) return [];
  const resolver = await AdministrativeUnitResolver.load(em, list);
  const out: string[] = [];
  list.forEach((id, i) => {
    const field = `serviceCommuneIds[${i}]`;
    let unitId: string;
    try {
      unitId = resolver.resolve(id, { field, location, levels: ['commune'] }).unitId;
    } catch (e) {
      if ((e as DomainError).code !== 'ADMINISTRATIVE_UNIT.UNKNOWN') throw e;
      throw DomainError.invalid(
        'HARVEST_RESOURCE.UNKNOWN_COMMUNE',
        field,
        `${field}: no commune "${id}" (không có xã/phường này trong danh mục)`,
      );
    }
    if (!out.includes(unitId)) out.push(unitId);
  });
  return out;
}

function assertServiceArea(r: HarvestResource): void {
  if (r.serviceRadiusKm !== null && !r.location) {
    throw DomainError.invalid(
      'HARVEST_RESOURCE.RADIUS_WITHOUT_LOCATION',
      'serviceRadiusKm',
      'serviceRadiusKm needs a location to measure from (cần vị trí để tính bán kính phục vụ)',
    );
  }
}
