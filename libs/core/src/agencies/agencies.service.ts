import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, isStaff } from '../common/actor';
import { assertCoversAnyProvince, provinceCondition } from '../common/territory/province-scope';
import { agencyProvinceColumn, assertEntityInProvinces } from '../common/territory/row-provinces';
import { DomainError } from '../common/domain-error';
import { Page, PageQuery } from '../common/page';
import { paginate } from '../common/paginate';
import { assertStaff, isUniqueViolation, pickFields, rejectNullFields } from '../common/registry';
import { likePattern } from '../common/vietnamese-text';
import { Agency, AgencyKind } from './agency.entity';
import { AgencyInput, AgencyPatch, assertAgencyKind, normalizeAgencyName, ownAgency } from './agency.rules';

export interface AgencyFilter extends PageQuery {
  kind?: AgencyKind;
  active?: boolean;
  q?: string;
}

export interface AgencyView {
  id: string;
  name: string;
  kind: AgencyKind;
  administrativeUnitId: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export function toAgencyView(a: Agency): AgencyView {
  return {
    id: a.id,
    name: a.name,
    kind: a.kind,
    administrativeUnitId: a.administrativeUnitId,
    active: a.active,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

const AUDITED = ['name', 'kind', 'administrativeUnitId', 'active'];

/** The register of reporting agencies: staff and admin keep it; an agency user reads its own. */
@Injectable()
export class AgenciesService {
  constructor(
    @InjectRepository(Agency) private readonly agencies: Repository<Agency>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, input: AgencyInput): Promise<AgencyView> {
    assertStaff(actor, 'AGENCY', 'register agencies');
    const name = normalizeAgencyName(input.name);
    const kind = assertAgencyKind(input.kind);
    return this.nameRace(name, () =>
      this.dataSource.transaction(async (em) => {
        const administrativeUnitId = await this.currentUnit(em, input.administrativeUnitId, actor);
        await this.assertNameFree(em, name, null);
        const saved = await em.save(
          em.create(Agency, { name, kind, administrativeUnitId, active: input.active ?? true }),
        );
        await this.audit.record(em, actor, 'create', 'agency', saved.id, pickFields(saved, AUDITED));
        return toAgencyView(saved);
      }),
    );
  }

  async list(actor: Actor, filter: AgencyFilter): Promise<Page<AgencyView>> {
    const qb = this.agencies
      .createQueryBuilder('a')
      .orderBy('a.kind', 'ASC')
      .addOrderBy('a.name', 'ASC')
      .addOrderBy('a.id', 'ASC');
    if (!isStaff(actor)) qb.andWhere('a.id = :own', { own: ownAgency(actor) });
    const scope = provinceCondition(actor, [agencyProvinceColumn('a.id')]);
    if (scope) qb.andWhere(scope.sql, scope.params);
    if (filter.kind) qb.andWhere('a.kind = :kind', { kind: filter.kind });
    if (filter.active !== undefined) qb.andWhere('a.active = :active', { active: filter.active });
    if (filter.q) qb.andWhere(`a.search_text LIKE :q ESCAPE '\\'`, { q: likePattern(filter.q) });
    return paginate(qb, filter, toAgencyView);
  }

  async get(actor: Actor, id: string): Promise<AgencyView> {
    if (!isStaff(actor) && ownAgency(actor) !== id) throw DomainError.notFound('AGENCY', id);
    const agency = await this.load(this.dataSource.manager, id);
    await assertEntityInProvinces(this.dataSource.manager, actor, 'agency', id, 'AGENCY');
    return toAgencyView(agency);
  }

  async update(actor: Actor, id: string, patch: AgencyPatch): Promise<AgencyView> {
    assertStaff(actor, 'AGENCY', 'change agencies');
    rejectNullFields(patch, ['name', 'kind', 'active']);
    return this.nameRace(patch.name ?? '', () =>
      this.dataSource.transaction(async (em) => {
        const a = await em.findOne(Agency, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!a) throw DomainError.notFound('AGENCY', id);
        await assertEntityInProvinces(em, actor, 'agency', id, 'AGENCY');
        const before = { ...a };
        if (patch.name !== undefined) {
          a.name = normalizeAgencyName(patch.name);
          await this.assertNameFree(em, a.name, id);
        }
        if (patch.kind !== undefined) a.kind = assertAgencyKind(patch.kind);
        if (patch.administrativeUnitId !== undefined)
          a.administrativeUnitId = await this.currentUnit(em, patch.administrativeUnitId, actor);
        if (patch.active !== undefined) a.active = patch.active;
        await em.save(a);
        const changes = this.audit.diff(before, a, AUDITED);
        if (Object.keys(changes).length) await this.audit.record(em, actor, 'update', 'agency', id, changes);
        return toAgencyView(a);
      }),
    );
  }

  /** Active agencies, for the weekly roll call. */
  activeAgencies(em: EntityManager = this.dataSource.manager): Promise<Agency[]> {
    return em.find(Agency, { where: { active: true }, order: { kind: 'ASC', name: 'ASC', id: 'ASC' } });
  }

  private async load(em: EntityManager, id: string): Promise<Agency> {
    const a = await em.findOneBy(Agency, { id });
    if (!a) throw DomainError.notFound('AGENCY', id);
    return a;
  }

  /** Two writers taking the same name at once: the unique index decides, and the loser hears why. */
  private async nameRace<T>(name: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (e) {
      if (isUniqueViolation(e))
        throw new DomainError('conflict', 'AGENCY.NAME_TAKEN', `an agency named "${name}" already exists`, {
          field: 'name',
          value: name,
        });
      throw e;
    }
  }

  private async assertNameFree(em: EntityManager, name: string, exceptId: string | null): Promise<void> {
    const [row] = await em.query<Array<{ id: string } | undefined>>(
      `SELECT id FROM agencies WHERE lower(name) = lower($1) AND ($2::uuid IS NULL OR id <> $2::uuid) LIMIT 1`,
      [name, exceptId],
    );
    if (row)
      throw new DomainError('conflict', 'AGENCY.NAME_TAKEN', `an agency named "${name}" already exists`, {
        field: 'name',
        value: name,
      });
  }

  /** The agency's current unit; province staff register agencies of their provinces only. */
  private async currentUnit(em: EntityManager, id: string | null | undefined, actor: Actor): Promise<string | null> {
    if (id === null || id === undefined || id === '') {
      assertCoversAnyProvince(actor, [], 'AGENCY');
      return null;
    }
    const [row] = await em.query<Array<{ id: string; era: string; province_code: string } | undefined>>(
      `SELECT id, era, province_code FROM administrative_units WHERE id = $1`,
      [id],
    );
    if (!row)
      throw DomainError.invalid(
        'AGENCY.UNKNOWN_ADMINISTRATIVE_UNIT',
        'administrativeUnitId',
        `administrativeUnitId: no administrative unit ${id}`,
      );
    if (row.era !== 'current') {
      throw DomainError.invalid(
        'AGENCY.PRE2025_ADMINISTRATIVE_UNIT',
        'administrativeUnitId',
        `administrativeUnitId: ${id} is a pre-2025 unit; give its current successor`,
      );
    }
    assertCoversAnyProvince(actor, [row.province_code], 'AGENCY');
    return row.id;
  }
}
