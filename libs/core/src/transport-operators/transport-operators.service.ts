import { Injectable } from '@nestjs/common';
import { assertCoversAnyProvince, defaultProvinceOf } from '../common/territory/province-scope';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AdministrativeUnitResolver } from '../administrative-units/administrative-unit-resolver';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { fromPoint, LatLng, toPoint } from '../common/geo';
import { Page, PageQuery } from '../common/page';
import { paginate } from '../common/paginate';
import { applySort, sortKeysOfColumns } from '../common/sort';
import { assertStaff, pickFields, rejectNullFields } from '../common/registry';
import { likePattern } from '../common/vietnamese-text';
import {
  assertAvailability,
  availabilityContactOf,
  availableOnSql,
  patchAvailabilityContact,
} from '../common/registry/availability-contact';
import { TransportOperator } from './transport-operator.entity';

export interface TransportOperatorInput {
  name: string;
  vehicleTypes?: string[];
  vehicleCount?: number;
  capacityKg: number;
  location?: LatLng | null;
  serviceProvinceCodes?: string[];
  greenLane?: boolean;
  availableFrom?: string | null;
  availableTo?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  provinceCode?: string | null;
}

export type TransportOperatorPatch = Partial<TransportOperatorInput>;

export interface TransportOperatorFilter extends PageQuery {
  greenLane?: boolean;
  /** Based in this province or serving it. */
  provinceCode?: string;
  /** Available on this day (open-ended bounds count as always). */
  availableOn?: string;
  /** Diacritics-insensitive search on name and contact name. */
  q?: string;
  /** A field of TRANSPORT_OPERATOR_SORTS, `-` first for descending; default by name. */
  sort?: TransportOperatorSort;
}

const TRANSPORT_OPERATOR_SORT_COLUMNS = {
  name: 'o.name',
  vehicleCount: 'o.vehicleCount',
  capacityKg: 'o.capacityKg',
  availableFrom: 'o.availableFrom',
  createdAt: 'o.createdAt',
};
export const TRANSPORT_OPERATOR_SORTS = sortKeysOfColumns(TRANSPORT_OPERATOR_SORT_COLUMNS);
export type TransportOperatorSort = (typeof TRANSPORT_OPERATOR_SORTS)[number];

export interface TransportOperatorView {
  id: string;
  name: string;
  vehicleTypes: string[];
  vehicleCount: number;
  capacityKg: number;
  location: LatLng | null;
  serviceProvinceCodes: string[];
  greenLane: boolean;
  availableFrom: string | null;
  availableTo: string | null;
  contactName: string | null;
  contactPhone: string | null;
  provinceCode: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toTransportOperatorView(o: TransportOperator): TransportOperatorView {
  return {
    id: o.id,
    name: o.name,
    vehicleTypes: o.vehicleTypes,
    vehicleCount: o.vehicleCount,
    capacityKg: o.capacityKg,
    location: fromPoint(o.location),
    serviceProvinceCodes: o.serviceProvinceCodes,
    greenLane: o.greenLane,
    availableFrom: o.availableFrom,
    availableTo: o.availableTo,
    contactName: o.contactName,
    contactPhone: o.contactPhone,
    provinceCode: o.provinceCode,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}

const AUDITED = [
  'name',
  'vehicleTypes',
  'vehicleCount',
  'capacityKg',
  'location',
  'serviceProvinceCodes',
  'greenLane',
  'availableFrom',
  'availableTo',
  'contactName',
  'contactPhone',
  'provinceCode',
];

/** Đơn vị vận tải on file (KH 308): staff and admin keep the register; every signed-in user reads it. */
@Injectable()
export class TransportOperatorsService {
  constructor(
    @InjectRepository(TransportOperator) private readonly operators: Repository<TransportOperator>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, input: TransportOperatorInput): Promise<TransportOperatorView> {
    assertStaff(actor, 'TRANSPORT_OPERATOR', 'write transport operators');
    assertAvailability(input.availableFrom ?? null, input.availableTo ?? null, 'TRANSPORT_OPERATOR.WINDOW_REVERSED');
    return this.dataSource.transaction(async (em) => {
      const operator = em.create(TransportOperator, {
        name: input.name.trim(),
        vehicleTypes: normalizeVehicleTypes(input.vehicleTypes),
        vehicleCount: input.vehicleCount ?? 1,
        capacityKg: input.capacityKg,
        location: input.location ? toPoint(input.location) : null,
        serviceProvinceCodes: await currentProvinceCodes(em, input.serviceProvinceCodes, 'serviceProvinceCodes'),
        greenLane: input.greenLane ?? false,
        ...availabilityContactOf(input),
        provinceCode: await currentProvinceCode(em, input.provinceCode ?? defaultProvinceOf(actor)),
      });
      // Province staff register the operators based in or serving their provinces.
      assertCoversAnyProvince(actor, operatorProvinces(operator), 'TRANSPORT_OPERATOR');
      const saved = await em.save(operator);
      await this.audit.record(em, actor, 'create', 'transport_operator', saved.id, pickFields(saved, AUDITED));
      return toTransportOperatorView(await this.load(em, saved.id));
    });
  }

  async list(filter: TransportOperatorFilter): Promise<Page<TransportOperatorView>> {
    const qb = applySort(
      this.operators.createQueryBuilder('o'),
      filter.sort,
      TRANSPORT_OPERATOR_SORT_COLUMNS,
      ['o.name', 'ASC'],
      'o.id',
    );
    if (filter.greenLane !== undefined) qb.andWhere('o.green_lane = :gl', { gl: filter.greenLane });
    if (filter.provinceCode) {
      // Stored codes are current ones: an old province code asks for its successor.
      const pc = await currentProvinceCode(this.dataSource.manager, filter.provinceCode).catch(
        () => filter.provinceCode,
      );
      qb.andWhere('(o.province_code = :pc OR :pc = ANY(o.service_province_codes))', { pc });
    }
    if (filter.availableOn) qb.andWhere(availableOnSql('o'), { day: filter.availableOn });
    if (filter.q) qb.andWhere(`o.search_text LIKE :q ESCAPE '\\'`, { q: likePattern(filter.q) });
    return paginate(qb, filter, toTransportOperatorView);
  }

  async get(id: string): Promise<TransportOperatorView> {
    return toTransportOperatorView(await this.load(this.dataSource.manager, id));
  }

  async update(actor: Actor, id: string, patch: TransportOperatorPatch): Promise<TransportOperatorView> {
    assertStaff(actor, 'TRANSPORT_OPERATOR', 'write transport operators');
    rejectNullFields(patch, [
      'name',
      'vehicleTypes',
      'vehicleCount',
      'capacityKg',
      'serviceProvinceCodes',
      'greenLane',
    ]);
    return this.dataSource.transaction(async (em) => {
      const o = await em.findOne(TransportOperator, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!o) throw DomainError.notFound('TRANSPORT_OPERATOR', id);
      assertCoversAnyProvince(actor, operatorProvinces(o), 'TRANSPORT_OPERATOR');
      const before = { ...o };
      if (patch.name !== undefined) o.name = patch.name.trim();
      if (patch.vehicleTypes !== undefined) o.vehicleTypes = normalizeVehicleTypes(patch.vehicleTypes);
      if (patch.vehicleCount !== undefined) o.vehicleCount = patch.vehicleCount;
      if (patch.capacityKg !== undefined) o.capacityKg = patch.capacityKg;
      if (patch.location !== undefined) o.location = patch.location ? toPoint(patch.location) : null;
      if (patch.serviceProvinceCodes !== undefined)
        o.serviceProvinceCodes = await currentProvinceCodes(em, patch.serviceProvinceCodes, 'serviceProvinceCodes');
      if (patch.greenLane !== undefined) o.greenLane = patch.greenLane;
      patchAvailabilityContact(o, patch, 'TRANSPORT_OPERATOR.WINDOW_REVERSED');
      if (patch.provinceCode !== undefined) o.provinceCode = await currentProvinceCode(em, patch.provinceCode);
      assertCoversAnyProvince(actor, operatorProvinces(o), 'TRANSPORT_OPERATOR');
      await em.save(o);
      const changes = this.audit.diff(before, o, AUDITED);
      if (Object.keys(changes).length) await this.audit.record(em, actor, 'update', 'transport_operator', id, changes);
      return toTransportOperatorView(await this.load(em, id));
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    assertStaff(actor, 'TRANSPORT_OPERATOR', 'write transport operators');
    await this.dataSource.transaction(async (em) => {
      const o = await em.findOne(TransportOperator, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!o) throw DomainError.notFound('TRANSPORT_OPERATOR', id);
      assertCoversAnyProvince(actor, operatorProvinces(o), 'TRANSPORT_OPERATOR');
      await em.delete(TransportOperator, { id });
      await this.audit.record(em, actor, 'delete', 'transport_operator', id, pickFields(o, AUDITED));
    });
  }

  private async load(em: EntityManager, id: string): Promise<TransportOperator> {
    const o = await em.findOneBy(TransportOperator, { id });
    if (!o) throw DomainError.notFound('TRANSPORT_OPERATOR', id);
    return o;
  }
}

/** Where an operator lies for the province scope: its base and the provinces it serves (as row-provinces.ts says). */
function operatorProvinces(o: TransportOperator): Array<string | null> {
  return [o.provinceCode, ...o.serviceProvinceCodes];
}

/** Vehicle types are free snake_case words (truck, refrigerated_truck, boat, barge…), stored lower-case, unique, sorted. */
export function normalizeVehicleTypes(values: string[] | null | undefined): string[] {
  return uniqueSorted(
    (values ?? []).map((v) =>
      v
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, '_'),
    ),
  );
}

/** A province code as stored: the current one, an old (pre-2025) code translated, an unknown one refused (422). */
async function currentProvinceCode(
  em: EntityManager,
  code: string | null | undefined,
  field = 'provinceCode',
): Promise<string | null> {
  const c = code?.trim();
  return c ? (await AdministrativeUnitResolver.resolveProvinceCode(em, c, field)).provinceCode : null;
}

/** Served provinces as current codes; two old provinces merged into one become that one. */
async function currentProvinceCodes(
  em: EntityManager,
  codes: string[] | null | undefined,
  field: string,
): Promise<string[]> {
  const list = uniqueSorted((codes ?? []).map((c) => c.trim()).filter(Boolean));
  if (!list.length) return [];
  const units = await AdministrativeUnitResolver.load(em, list);
  return uniqueSorted(list.map((c) => units.resolve(c, { field, levels: ['province'] }).code));
}

function uniqueSorted(values: string[] | null | undefined): string[] {
  return [...new Set(values ?? [])].sort();
}
