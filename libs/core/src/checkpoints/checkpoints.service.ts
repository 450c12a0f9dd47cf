import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { FeatureCollection, Point } from 'geojson';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AdministrativeUnitResolver } from '../administrative-units/administrative-unit-resolver';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { todayInVietnam } from '../common/dates';
import { DomainError } from '../common/domain-error';
import { fromPoint, LatLng, toPoint } from '../common/geo';
import { Page, PageQuery } from '../common/page';
import { paginate } from '../common/paginate';
import { assertStaff, pickFields, rejectNullFields } from '../common/registry';
import {
  assertCoversAnyProvince,
  defaultProvinceOf,
  provinceCondition,
  provinceConditionSql,
} from '../common/territory/province-scope';
import { likePattern } from '../common/vietnamese-text';
import { Zone } from '../zones/zone.entity';
import { Checkpoint } from './checkpoint.entity';
import { assertCheckpointPeriod, CheckpointInput, CheckpointPatch, normalizeCheckpoint } from './checkpoints.rules';

export interface CheckpointFilter extends PageQuery {
  zoneId?: string;
  provinceCode?: string;
  /** In force on this day (open-ended bounds count as always). */
  activeOn?: string;
  q?: string;
}

export interface CheckpointView {
  id: string;
  name: string;
  location: LatLng;
  zoneId: string | null;
  zoneCode: string | null;
  provinceCode: string | null;
  note: string | null;
  from: string | null;
  to: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface CheckpointLayerFilter {
  bbox?: { minLng: number; minLat: number; maxLng: number; maxLat: number };
  activeOn?: string;
}

const AUDITED = ['name', 'location', 'zoneId', 'provinceCode', 'note', 'activeFrom', 'activeTo'];

/** Chốt kiểm soát: staff keep them; every signed-in user reads them and sees them on the map. */
@Injectable()
export class CheckpointsService {
  constructor(
    @InjectRepository(Checkpoint) private readonly checkpoints: Repository<Checkpoint>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, raw: CheckpointInput): Promise<CheckpointView> {
    assertStaff(actor, 'CHECKPOINT', 'keep checkpoints');
    const input = normalizeCheckpoint(raw);
    assertCheckpointPeriod(input.from ?? null, input.to ?? null);
    return this.dataSource.transaction(async (em) => {
      if (input.zoneId) await requireZone(em, input.zoneId);
      const row = em.create(Checkpoint, {
        name: input.name,
        location: toPoint(input.location),
        zoneId: input.zoneId ?? null,
        provinceCode: await provinceOfNew(em, actor, input.provinceCode),
        note: input.note ?? null,
        activeFrom: input.from ?? null,
        activeTo: input.to ?? null,
      });
      const saved = await em.save(row);
      await this.audit.record(em, actor, 'create', 'checkpoint', saved.id, pickFields(saved, AUDITED));
      return this.view(em, saved.id);
    });
  }

  async list(filter: CheckpointFilter, actor?: Actor): Promise<Page<CheckpointView>> {
    const qb = this.checkpoints.createQueryBuilder('c').orderBy('c.name', 'ASC').addOrderBy('c.id', 'ASC');
    const scope = provinceCondition(actor, ['c.province_code']);
    if (scope) qb.andWhere(scope.sql, scope.params);
    if (filter.zoneId) qb.andWhere('c.zone_id = :zid', { zid: filter.zoneId });
    if (filter.provinceCode) {
      // Stored codes are current ones: an old province code asks for its successor.
      const pc = await currentProvinceCode(this.dataSource.manager, filter.provinceCode).catch(
        () => filter.provinceCode,
      );
      qb.andWhere('c.province_code = :pc', { pc });
    }
    if (filter.activeOn)
      qb.andWhere('(c.active_from IS NULL OR c.active_from <= :d) AND (c.active_to IS NULL OR c.active_to >= :d)', {
        d: filter.activeOn,
      });
    if (filter.q) qb.andWhere(`c.search_text LIKE :q ESCAPE '\\'`, { q: likePattern(filter.q) });
    const page = await paginate(qb, filter, (c) => c);
    const codes = await this.zoneCodes(
      this.dataSource.manager,
      page.items.map((c) => c.zoneId),
    );
    return { ...page, items: page.items.map((c) => toCheckpointView(c, codes.get(c.zoneId ?? '') ?? null)) };
  }

  async get(id: string, actor?: Actor): Promise<CheckpointView> {
    const c = await this.view(this.dataSource.manager, id);
    if (actor) assertCoversAnyProvince(actor, [c.provinceCode], 'CHECKPOINT');
    return c;
  }

  async update(actor: Actor, id: string, raw: CheckpointPatch): Promise<CheckpointView> {
    assertStaff(actor, 'CHECKPOINT', 'keep checkpoints');
    rejectNullFields(raw, ['name', 'location']);
    const patch = normalizeCheckpoint(raw);
    return this.dataSource.transaction(async (em) => {
      const c = await em.findOne(Checkpoint, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!c) throw DomainError.notFound('CHECKPOINT', id);
      assertCoversAnyProvince(actor, [c.provinceCode], 'CHECKPOINT');
      const before = { ...c };
      if (patch.name !== undefined) c.name = patch.name;
      if (patch.location !== undefined) c.location = toPoint(patch.location);
      if (patch.zoneId !== undefined) {
        if (patch.zoneId) await requireZone(em, patch.zoneId);
        c.zoneId = patch.zoneId ?? null;
      }
      if (patch.provinceCode !== undefined) c.provinceCode = await provinceOfNew(em, actor, patch.provinceCode);
      if (patch.note !== undefined) c.note = patch.note ?? null;
      if (patch.from !== undefined) c.activeFrom = patch.from ?? null;
      if (patch.to !== undefined) c.activeTo = patch.to ?? null;
      assertCheckpointPeriod(c.activeFrom, c.activeTo);
      await em.save(c);
      const changes = this.audit.diff(before, c, AUDITED);
      if (Object.keys(changes).length) await this.audit.record(em, actor, 'update', 'checkpoint', id, changes);
      return this.view(em, id);
    });
  }

  /** Ends a checkpoint on `on` (default today): it stays on file with its history. */
  async end(actor: Actor, id: string, on?: string): Promise<CheckpointView> {
    assertStaff(actor, 'CHECKPOINT', 'keep checkpoints');
    const day = on ?? todayInVietnam();
    return this.dataSource.transaction(async (em) => {
      const c = await em.findOne(Checkpoint, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!c) throw DomainError.notFound('CHECKPOINT', id);
      assertCoversAnyProvince(actor, [c.provinceCode], 'CHECKPOINT');
      if (c.activeTo && c.activeTo < day)
        throw new DomainError('conflict', 'CHECKPOINT.ALREADY_ENDED', `the checkpoint already ended on ${c.activeTo}`, {
          field: 'on',
          activeTo: c.activeTo,
        });
      assertCheckpointPeriod(c.activeFrom, day, 'on');
      const before = { ...c };
      c.activeTo = day;
      await em.save(c);
      await this.audit.record(em, actor, 'end', 'checkpoint', id, this.audit.diff(before, c, ['activeTo']));
      return this.view(em, id);
    });
  }

  /** The map layer: checkpoints in force on a day (default today), as GeoJSON points [lng, lat]. */
  async layer(f: CheckpointLayerFilter, actor?: Actor): Promise<FeatureCollection<Point>> {
    const params: unknown[] = [f.activeOn ?? todayInVietnam()];
    let where = `(c.active_from IS NULL OR c.active_from <= $1::date) AND (c.active_to IS NULL OR c.active_to >= $1::date)`;
    if (f.bbox) {
      params.push(f.bbox.minLng, f.bbox.minLat, f.bbox.maxLng, f.bbox.maxLat);
      where += ` AND c.location && ST_MakeEnvelope($2, $3, $4, $5, 4326)::geography`;
    }
    where += ` AND ${provinceConditionSql(actor, ['c.province_code'], params)}`;
    const rows: any[] = await this.dataSource.query(
      `SELECT c.id, c.name, c.province_code, c.note, z.code AS zone_code, z.name AS zone_name,
              ST_X(c.location::geometry) AS lng, ST_Y(c.location::geometry) AS lat
         FROM checkpoints c LEFT JOIN zones z ON z.id = c.zone_id
        WHERE ${where}
        ORDER BY c.name, c.id
        LIMIT 5000`,
      params,
    );
    return {
      type: 'FeatureCollection',
      features: rows.map((r) => ({
        type: 'Feature',
        id: r.id,
        geometry: { type: 'Point', coordinates: [Number(r.lng), Number(r.lat)] },
        properties: {
          id: r.id,
          name: r.name,
          provinceCode: r.province_code,
          note: r.note,
          zoneCode: r.zone_code,
          zoneName: r.zone_name,
        },
      })),
    };
  }

  private async view(em: EntityManager, id: string): Promise<CheckpointView> {
    const c = await em.findOneBy(Checkpoint, { id });
    if (!c) throw DomainError.notFound('CHECKPOINT', id);
    const codes = await this.zoneCodes(em, [c.zoneId]);
    return toCheckpointView(c, codes.get(c.zoneId ?? '') ?? null);
  }

  private async zoneCodes(em: EntityManager, ids: Array<string | null>): Promise<Map<string, string>> {
    const list = [...new Set(ids.filter((x): x is string => !!x))];
    if (!list.length) return new Map();
    const rows: Array<{ id: string; code: string }> = await em.query(
      `SELECT id, code FROM zones WHERE id = ANY($1::uuid[])`,
      [list],
    );
    return new Map(rows.map((r) => [r.id, r.code]));
  }
}

export function toCheckpointView(c: Checkpoint, zoneCode: string | null): CheckpointView {
  return {
    id: c.id,
    name: c.name,
    location: fromPoint(c.location)!,
    zoneId: c.zoneId,
    zoneCode,
    provinceCode: c.provinceCode,
    note: c.note,
    from: c.activeFrom,
    to: c.activeTo,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

/** The current province code; an old (pre-2025) one is translated, an unknown one refused (422). */
async function currentProvinceCode(em: EntityManager, code: string | null | undefined): Promise<string | null> {
  return code ? (await AdministrativeUnitResolver.resolveProvinceCode(em, code)).provinceCode : null;
}

/** The province a checkpoint is put in: as given (current), else the province staff member's own; theirs only. */
async function provinceOfNew(em: EntityManager, actor: Actor, code: string | null | undefined): Promise<string | null> {
  const province = (await currentProvinceCode(em, code)) ?? defaultProvinceOf(actor);
  assertCoversAnyProvince(actor, [province], 'CHECKPOINT');
  return province;
}

async function requireZone(em: EntityManager, id: string): Promise<void> {
  if (!(await em.findOneBy(Zone, { id })))
    throw DomainError.invalid('CHECKPOINT.UNKNOWN_ZONE', 'zoneId', `zoneId: no zone ${id}`);
}
