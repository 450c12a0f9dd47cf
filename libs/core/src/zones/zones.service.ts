import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { MultiPolygon, Polygon } from 'geojson';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AdministrativeUnitResolver } from '../administrative-units/administrative-unit-resolver';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import {
  assertCoversAllProvinces,
  assertCoversAnyProvince,
  checkedProvinceCodes,
  provinceCondition,
  provincesOf,
} from '../common/territory/province-scope';
import { LatLng } from '../common/geo';
import { Page, PageQuery } from '../common/page';
import { paginate } from '../common/paginate';
import { assertStaff, pickFields, rejectNullFields } from '../common/registry';
import { likePattern } from '../common/vietnamese-text';
import { todayInVietnam } from '../common/dates';
import { geoJsonAreaProblem } from './zone-geometry';
import { Zone } from './zone.entity';

export const ZONE_CODE_PATTERN = /^[A-Z0-9_-]{1,40}$/;

/** Hours goods traffic may move in the zone ("HH:MM", may wrap midnight: 18:00 → 05:00). */
export interface Curfew {
  allowedFrom: string;
  allowedTo: string;
}

export interface ZoneInput {
  code: string;
  name: string;
  /** GeoJSON Polygon or MultiPolygon, [lng, lat]; optional when communes declare the zone. */
  polygon?: unknown;
  /** Current communes (administrative unit ids) the zone covers whole. */
  administrativeUnitIds?: string[];
  /** Provinces of a zone drawn as a polygon; the communes' provinces count by themselves. */
  provinceCodes?: string[];
  curfew?: Curfew | null;
  restricted?: boolean;
  from?: string | null;
  to?: string | null;
}

export type ZonePatch = Partial<ZoneInput>;

export interface ZoneFilter extends PageQuery {
  restricted?: boolean;
  /** Zones in force on this day (open-ended bounds count as always). */
  activeOn?: string;
  /** Diacritics-insensitive search on code and name. */
  q?: string;
}

export interface ZoneView {
  id: string;
  code: string;
  name: string;
  polygon: Polygon | MultiPolygon | null;
  administrativeUnitIds: string[];
  provinceCodes: string[];
  curfew: Curfew | null;
  restricted: boolean;
  from: string | null;
  to: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toZoneView(z: Zone): ZoneView {
  return {
    id: z.id,
    code: z.code,
    name: z.name,
    polygon: (z.boundary as Polygon | MultiPolygon | null) ?? null,
    administrativeUnitIds: z.administrativeUnitIds,
    provinceCodes: z.provinceCodes,
    curfew: curfewOf(z),
    restricted: z.restricted,
    from: z.activeFrom,
    to: z.activeTo,
    createdAt: z.createdAt,
    updatedAt: z.updatedAt,
  };
}

export function curfewOf(z: { curfewAllowedFrom: string | null; curfewAllowedTo: string | null }): Curfew | null {
  if (!z.curfewAllowedFrom || !z.curfewAllowedTo) return null;
  return { allowedFrom: z.curfewAllowedFrom.slice(0, 5), allowedTo: z.curfewAllowedTo.slice(0, 5) };
}

const AUDITED = [
  'code',
  'name',
  'boundary',
  'administrativeUnitIds',
  'provinceCodes',
  'curfewAllowedFrom',
  'curfewAllowedTo',
  'restricted',
  'activeFrom',
  'activeTo',
];
const HHMM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const MAX_COMMUNES = 2000;

/** Lockdown zones (vùng phong tỏa, Chỉ thị 16): staff and admin keep them; matching reads them. */
@Injectable()
export class ZonesService {
  constructor(
    @InjectRepository(Zone) private readonly zones: Repository<Zone>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, input: ZoneInput): Promise<ZoneView> {
    assertStaff(actor, 'ZONE', 'write zones');
    assertCode(input.code);
    const boundary =
      input.polygon === undefined || input.polygon === null ? null : await this.checkedBoundary(input.polygon);
    const units = await this.checkedCommunes(input.administrativeUnitIds ?? []);
    assertExtent(boundary, units);
    const curfew = checkedCurfew(input.curfew ?? null);
    assertPeriod(input.from ?? null, input.to ?? null);
    const provinceCodes = await this.provincesOfZone(actor, units, input.provinceCodes);
    return this.dataSource.transaction(async (em) => {
      await this.assertCodeFree(em, input.code, null);
      const zone = em.create(Zone, {
        code: input.code,
        name: input.name.trim(),
        boundary,
        administrativeUnitIds: units,
        provinceCodes,
        curfewAllowedFrom: curfew?.allowedFrom ?? null,
        curfewAllowedTo: curfew?.allowedTo ?? null,
        restricted: input.restricted ?? true,
        activeFrom: input.from ?? null,
        activeTo: input.to ?? null,
      });
      const saved = await em.save(zone);
      await this.audit.record(em, actor, 'create', 'zone', saved.id, pickFields(saved, AUDITED));
      return toZoneView(await this.load(em, saved.id));
    });
  }

  async list(filter: ZoneFilter, actor?: Actor): Promise<Page<ZoneView>> {
    const qb = this.zones.createQueryBuilder('z').orderBy('z.code', 'ASC').addOrderBy('z.id', 'ASC');
    const scope = provinceCondition(actor, [{ array: 'z.province_codes' }]);
    if (scope) qb.andWhere(scope.sql, scope.params);
    if (filter.restricted !== undefined) qb.andWhere('z.restricted = :r', { r: filter.restricted });
    if (filter.activeOn) activeOn(qb, 'z', filter.activeOn);
    if (filter.q) qb.andWhere(`z.search_text LIKE :q ESCAPE '\\'`, { q: likePattern(filter.q) });
    return paginate(qb, filter, toZoneView);
  }

  async get(id: string, actor?: Actor): Promise<ZoneView> {
    const zone = await this.load(this.dataSource.manager, id);
    if (actor) assertCoversAnyProvince(actor, zone.provinceCodes, 'ZONE');
    return toZoneView(zone);
  }

  async update(actor: Actor, id: string, patch: ZonePatch): Promise<ZoneView> {
    assertStaff(actor, 'ZONE', 'write zones');
    rejectNullFields(patch, ['code', 'name', 'restricted', 'administrativeUnitIds']);
    if (patch.code !== undefined) assertCode(patch.code);
    // null drops the polygon (a zone kept by its communes alone).
    const boundary =
      patch.polygon === undefined
        ? undefined
        : patch.polygon === null
          ? null
          : await this.checkedBoundary(patch.polygon);
    const units =
      patch.administrativeUnitIds !== undefined ? await this.checkedCommunes(patch.administrativeUnitIds) : undefined;
    const curfew = patch.curfew !== undefined ? checkedCurfew(patch.curfew) : undefined;
    return this.dataSource.transaction(async (em) => {
      const zone = await em.findOne(Zone, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!zone) throw DomainError.notFound('ZONE', id);
      assertCoversAllProvinces(actor, zone.provinceCodes, 'ZONE');
      const before = { ...zone };
      if (patch.code !== undefined && patch.code !== zone.code) {
        await this.assertCodeFree(em, patch.code, id);
        zone.code = patch.code;
      }
      if (patch.name !== undefined) zone.name = patch.name.trim();
      if (boundary !== undefined) zone.boundary = boundary;
      if (units !== undefined) zone.administrativeUnitIds = units;
      if (units !== undefined || patch.provinceCodes !== undefined) {
        zone.provinceCodes = await this.provincesOfZone(
          actor,
          zone.administrativeUnitIds,
          patch.provinceCodes ?? zone.provinceCodes,
        );
      }
      assertExtent(zone.boundary, zone.administrativeUnitIds);
      if (curfew !== undefined) {
        zone.curfewAllowedFrom = curfew?.allowedFrom ?? null;
        zone.curfewAllowedTo = curfew?.allowedTo ?? null;
      }
      if (patch.restricted !== undefined) zone.restricted = patch.restricted;
      if (patch.from !== undefined) zone.activeFrom = patch.from;
      if (patch.to !== undefined) zone.activeTo = patch.to;
      assertPeriod(zone.activeFrom, zone.activeTo);
      await em.save(zone);
      const changes = this.audit.diff(before, zone, AUDITED);
      if (Object.keys(changes).length) await this.audit.record(em, actor, 'update', 'zone', id, changes);
      return toZoneView(await this.load(em, id));
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    assertStaff(actor, 'ZONE', 'write zones');
    await this.dataSource.transaction(async (em) => {
      const zone = await em.findOne(Zone, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!zone) throw DomainError.notFound('ZONE', id);
      assertCoversAllProvinces(actor, zone.provinceCodes, 'ZONE');
      await em.delete(Zone, { id });
      await this.audit.record(em, actor, 'delete', 'zone', id, pickFields(zone, AUDITED));
    });
  }

  /**
   * Ends a zone on `on` (default today in Việt Nam): its last day in force. The zone stays, with its
   * history; lots and requests inside leave it after that day (the nightly re-derivation and any write).
   */
  async end(actor: Actor, id: string, on?: string): Promise<ZoneView> {
    assertStaff(actor, 'ZONE', 'write zones');
    const day = on ?? todayInVietnam();
    return this.dataSource.transaction(async (em) => {
      const zone = await em.findOne(Zone, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!zone) throw DomainError.notFound('ZONE', id);
      assertCoversAllProvinces(actor, zone.provinceCodes, 'ZONE');
      if (zone.activeTo && zone.activeTo < day) {
        throw new DomainError('conflict', 'ZONE.ALREADY_ENDED', `the zone already ended on ${zone.activeTo}`, {
          field: 'on',
          activeTo: zone.activeTo,
        });
      }
      if (zone.activeFrom && zone.activeFrom > day)
        throw DomainError.invalid(
          'ZONE.PERIOD_REVERSED',
          'on',
          `on ${day} is before the zone's first day ${zone.activeFrom}`,
        );
      const before = { ...zone };
      zone.activeTo = day;
      await em.save(zone);
      await this.audit.record(em, actor, 'end', 'zone', id, this.audit.diff(before, zone, ['activeTo']));
      return toZoneView(await this.load(em, id));
    });
  }

  /** Restricted zones in force on `day` (YYYY-MM-DD), for the scenario-2 matching run. */
  async restrictedZonesActiveOn(day: string, em: EntityManager = this.dataSource.manager): Promise<ZoneView[]> {
    const qb = em.getRepository(Zone).createQueryBuilder('z').where('z.restricted = true').orderBy('z.code', 'ASC');
    activeOn(qb, 'z', day);
    return (await qb.getMany()).map(toZoneView);
  }

  /** The code of the zone covering a point on `day`, or null. See zoneCodesAt for the tie rule. */
  async zoneCodeAt(lat: number, lng: number, day: string, options: ZoneLookupOptions = {}): Promise<string | null> {
    return (await this.zoneCodesAt([{ lat, lng }], day, options))[0];
  }

  /**
   * Zone codes for many points in one query (ST_Covers, so a point on a border
   * is inside). Where zones overlap, a restricted zone wins, then the smaller
   * zone, then the lower code, so the answer is deterministic.
   */
  async zoneCodesAt(points: LatLng[], day: string, options: ZoneLookupOptions = {}): Promise<Array<string | null>> {
    if (points.length === 0) return [];
    const em = options.em ?? this.dataSource.manager;
    const out = new Array<string | null>(points.length).fill(null);
    const CHUNK = 20_000;
    for (let start = 0; start < points.length; start += CHUNK) {
      const chunk = points.slice(start, start + CHUNK);
      const rows: Array<{ i: string; code: string | null }> = await em.query(
        `SELECT pt.i, z.code
           FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS pt(lng, lat, i)
           CROSS JOIN LATERAL (
             SELECT zz.code FROM zones zz
              WHERE ST_Covers(zz.boundary, ST_SetSRID(ST_MakePoint(pt.lng, pt.lat), 4326))
                AND (zz.active_from IS NULL OR zz.active_from <= $3::date)
                AND (zz.active_to IS NULL OR zz.active_to >= $3::date)
                AND ($4::boolean = false OR zz.restricted)
              ORDER BY zz.restricted DESC, ST_Area(zz.boundary) ASC, zz.code ASC
              LIMIT 1
           ) z`,
        [chunk.map((p) => p.lng), chunk.map((p) => p.lat), day, options.restrictedOnly ?? false],
      );
      for (const r of rows) out[start + Number(r.i) - 1] = r.code;
    }
    return out;
  }

  private async load(em: EntityManager, id: string): Promise<Zone> {
    const zone = await em.findOneBy(Zone, { id });
    if (!zone) throw DomainError.notFound('ZONE', id);
    return zone;
  }

  /**
   * The zone's provinces: its communes' and those declared (for a polygon), or, when neither
   * says, the province staff member's own. Province staff keep zones inside their provinces only.
   */
  private async provincesOfZone(actor: Actor, communes: string[], declared: string[] | undefined): Promise<string[]> {
    const given = declared === undefined ? [] : checkedProvinceCodes(declared, 'ZONE.INVALID_PROVINCE_CODES');
    const rows: Array<{ code: string }> = communes.length
      ? await this.dataSource.query(
          `SELECT DISTINCT province_code AS code FROM administrative_units WHERE id = ANY($1::text[]) AND province_code IS NOT NULL`,
          [communes],
        )
      : [];
    let codes = [...new Set([...given, ...rows.map((r) => r.code)])].sort();
    if (!codes.length) codes = [...(provincesOf(actor) ?? [])].sort();
    assertCoversAllProvinces(actor, codes, 'ZONE');
    return codes;
  }

  private async assertCodeFree(em: EntityManager, code: string, exceptId: string | null): Promise<void> {
    const other = await em.findOneBy(Zone, { code });
    if (other && other.id !== exceptId) {
      throw new DomainError('conflict', 'ZONE.CODE_TAKEN', `a zone with code ${code} already exists`, {
        field: 'code',
        id: other.id,
      });
    }
  }

  /**
   * Current communes, each once, sorted; an unknown one is named. A pre-2025 commune (id, or a
   * bare code as district lists write it) becomes its current successor; a split one is refused
   * with its candidates (a zone has no single location to choose between them).
   */
  private async checkedCommunes(ids: unknown): Promise<string[]> {
    if (!Array.isArray(ids) || ids.some((x) => typeof x !== 'string')) {
      throw DomainError.invalid(
        'ZONE.UNKNOWN_COMMUNE',
        'administrativeUnitIds',
        'administrativeUnitIds must be a list of commune ids such as current:commune:30280',
      );
    }
    const given = [...new Set((ids as string[]).map((x) => x.trim()))];
    if (given.length > MAX_COMMUNES)
      throw DomainError.invalid('ZONE.UNKNOWN_COMMUNE', 'administrativeUnitIds', `at most ${MAX_COMMUNES} communes`);
    if (!given.length) return [];
    const resolver = await AdministrativeUnitResolver.load(this.dataSource.manager, given);
    const current = new Set<string>();
    const unknown: string[] = [];
    for (const id of given) {
      try {
        current.add(resolver.resolve(id, { field: 'administrativeUnitIds', levels: ['commune'] }).unitId);
      } catch (e) {
        if (e instanceof DomainError && e.code === 'ADMINISTRATIVE_UNIT.UNKNOWN') unknown.push(id);
        else throw e;
      }
    }
    if (unknown.length) {
      throw new DomainError(
        'validation',
        'ZONE.UNKNOWN_COMMUNE',
        `not current communes: ${unknown.slice(0, 20).join(', ')}`,
        [
          {
            field: 'administrativeUnitIds',
            message: `not current communes: ${unknown.slice(0, 20).join(', ')}`,
            unknown,
          },
        ],
      );
    }
    return [...current].sort();
  }

  /** Structure first (a reason per defect), then PostGIS validity (self-intersections, bad holes). */
  private async checkedBoundary(polygon: unknown): Promise<Polygon | MultiPolygon> {
    const problem = geoJsonAreaProblem(polygon);
    if (problem) throw DomainError.invalid('ZONE.INVALID_POLYGON', 'polygon', `polygon: ${problem}`);
    const g = polygon as Polygon | MultiPolygon;
    // Positions may carry an altitude (GeoJSON allows it); the column is 2-D, so it is dropped, as for production areas.
    const flat = (rings: number[][][]) => rings.map((ring) => ring.map((p) => [p[0], p[1]]));
    const clean = (
      g.type === 'Polygon'
        ? { type: g.type, coordinates: flat(g.coordinates) }
        : { type: g.type, coordinates: g.coordinates.map(flat) }
    ) as Polygon | MultiPolygon;
    let rows: Array<{ valid: boolean; reason: string }>;
    try {
      rows = await this.dataSource.query(
        `SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g) s`,
        [JSON.stringify(clean)],
      );
    } catch (e) {
      throw DomainError.invalid(
        'ZONE.INVALID_POLYGON',
        'polygon',
        `polygon: not readable as GeoJSON (${(e as Error).message})`,
      );
    }
    if (!rows[0]?.valid)
      throw DomainError.invalid(
        'ZONE.INVALID_POLYGON',
        'polygon',
        `polygon is not a valid area: ${rows[0]?.reason ?? 'unknown reason'}`,
      );
    return clean;
  }
}

export interface ZoneLookupOptions {
  /** Only restricted zones count (a non-restricted zone is a label, not a barrier). */
  restrictedOnly?: boolean;
  em?: EntityManager;
}

function activeOn(qb: { andWhere: (w: string, p: object) => unknown }, alias: string, day: string): void {
  qb.andWhere(
    `(${alias}.active_from IS NULL OR ${alias}.active_from <= :activeOn) AND (${alias}.active_to IS NULL OR ${alias}.active_to >= :activeOn)`,
    {
      activeOn: day,
    },
  );
}

function assertExtent(boundary: unknown, units: string[]): void {
  if (!boundary && !units.length) {
    throw DomainError.invalid(
      'ZONE.EXTENT_REQUIRED',
      'polygon',
      'a zone needs a polygon, communes (administrativeUnitIds), or both',
    );
  }
}

function checkedCurfew(c: unknown): Curfew | null {
  if (c === null) return null;
  const malformed = () =>
    DomainError.invalid(
      'ZONE.INVALID_CURFEW',
      'curfew',
      'curfew must be {allowedFrom, allowedTo} as HH:MM (e.g. 18:00 and 05:00)',
    );
  if (typeof c !== 'object') throw malformed();
  const v = c as Partial<Curfew>;
  if (
    typeof v.allowedFrom !== 'string' ||
    typeof v.allowedTo !== 'string' ||
    !HHMM.test(v.allowedFrom) ||
    !HHMM.test(v.allowedTo)
  )
    throw malformed();
  if (v.allowedFrom === v.allowedTo)
    throw DomainError.invalid('ZONE.INVALID_CURFEW', 'curfew', 'curfew allowedFrom and allowedTo must differ');
  return { allowedFrom: v.allowedFrom, allowedTo: v.allowedTo };
}

function assertCode(code: string): void {
  if (!ZONE_CODE_PATTERN.test(code)) {
    throw DomainError.invalid('ZONE.INVALID_CODE', 'code', 'code must be 1–40 characters of A–Z, 0–9, _ or -');
  }
}

function assertPeriod(from: string | null, to: string | null): void {
  if (from && to && from > to) throw DomainError.invalid('ZONE.PERIOD_REVERSED', 'to', 'to must be on or after from');
}
