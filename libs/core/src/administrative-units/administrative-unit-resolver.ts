import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import type { LatLng } from '../common/geo';
import { kmBetween } from '../common/territory/vietnam-territory';
import { administrativeUnitId, parseAdministrativeUnitId } from './administrative-unit-id';
import type { AdministrativeEra, AdministrativeLevel } from './administrative-unit.entity';

/**
 * The one place where an administrative unit that a person typed or imported
 * becomes the unit we store. District spreadsheets and older documents still
 * say pre-2025 codes (`pre2025:commune:30910`, `30910`, district `906`, old
 * province `89`); stored data uses the current map (1 July 2025), with the old
 * unit kept beside it for the record. Where an old commune was split, the
 * location decides (inside a candidate's boundary, else the nearest candidate
 * seat); without one that decides, the caller gets the candidates (422).
 */

export interface UnitResolution {
  /** The current unit to store (a commune, or a province). */
  unitId: string;
  level: AdministrativeLevel;
  code: string;
  name: string;
  provinceCode: string | null;
  /** The pre-2025 unit the caller named, for the record; null when a current one was given. */
  pre2025UnitId: string | null;
}

export interface ResolveOptions {
  /** Request or import column named in errors. */
  field?: string;
  /** Where the thing is: decides between the successors of a split unit. */
  location?: LatLng | null;
  /** Levels the field takes (a province code field takes provinces only). Default: any. */
  levels?: AdministrativeLevel[];
}

export interface UnitCandidate {
  id: string;
  code: string;
  name: string;
  provinceCode: string | null;
  seat: LatLng | null;
  /** GeoJSON Polygon/MultiPolygon where a boundary is loaded. */
  boundary: UnitBoundary | null;
}

/** A GeoJSON Polygon (rings) or MultiPolygon (polygons of rings); other types cover nothing. */
interface UnitBoundary {
  type: string;
  coordinates: unknown;
}

interface UnitRow {
  id: string;
  era: AdministrativeEra;
  level: AdministrativeLevel;
  code: string;
  name: string;
  provinceCode: string | null;
}

/** Ids a typed value may mean, most likely first: an id, `pre2025:<code>`, or a bare GSO code. */
export function unitIdsFor(input: string): string[] {
  const s = input.trim();
  const parsed = parseAdministrativeUnitId(s);
  if (parsed) return [administrativeUnitId(parsed.era, parsed.level, normalizeCode(parsed.level, parsed.code))];
  const m = /^(?:(current|pre2025):)?(\d{1,5})$/.exec(s);
  if (!m) return [];
  const era = m[1] as AdministrativeEra | undefined;
  const digits = m[2];
  // Spreadsheets drop leading zeros: 3898 is commune 03898, 1 is province 01.
  const level: AdministrativeLevel = digits.length >= 4 ? 'commune' : digits.length === 3 ? 'district' : 'province';
  const code = normalizeCode(level, digits);
  const eras: AdministrativeEra[] = era ? [era] : level === 'district' ? ['pre2025'] : ['current', 'pre2025'];
  return eras.map((e) => administrativeUnitId(e, level, code));
}

function normalizeCode(level: AdministrativeLevel, code: string): string {
  if (!/^\d+$/.test(code)) return code;
  return code.padStart(level === 'commune' ? 5 : level === 'district' ? 3 : 2, '0');
}

export class AdministrativeUnitResolver {
  private constructor(
    private readonly units: Map<string, UnitRow>,
    private readonly successors: Map<string, string[]>,
    private readonly candidates: Map<string, UnitCandidate>,
  ) {}

  /** Loads what resolving these inputs needs in a few set queries (an import's whole file at once). */
  static async load(
    em: EntityManager,
    inputs: Iterable<string | null | undefined>,
  ): Promise<AdministrativeUnitResolver> {
    const ids = new Set<string>();
    for (const i of inputs) if (typeof i === 'string' && i.trim()) for (const id of unitIdsFor(i)) ids.add(id);
    const units = new Map<string, UnitRow>();
    const successors = new Map<string, string[]>();
    const candidates = new Map<string, UnitCandidate>();
    if (!ids.size) return new AdministrativeUnitResolver(units, successors, candidates);
    const rows: UnitRow[] = await em.query(
      `SELECT id, era, level, code, name, province_code AS "provinceCode" FROM administrative_units WHERE id = ANY($1::varchar[])`,
      [[...ids]],
    );
    for (const r of rows) units.set(r.id, r);
    const old = rows.filter((r) => r.era === 'pre2025');
    if (old.length) {
      const pairs: Array<{ src: string; dst: string }> = await em.query(
        `SELECT m.pre2025_unit_id AS src, m.current_unit_id AS dst
           FROM administrative_unit_mappings m WHERE m.pre2025_unit_id = ANY($1::varchar[])
         UNION
         SELECT c.parent_id, m.current_unit_id
           FROM administrative_units c JOIN administrative_unit_mappings m ON m.pre2025_unit_id = c.id
          WHERE c.parent_id = ANY($2::varchar[])
         UNION
         SELECT 'pre2025:province:' || c.province_code, n.parent_id
           FROM administrative_units c
           JOIN administrative_unit_mappings m ON m.pre2025_unit_id = c.id
           JOIN administrative_units n ON n.id = m.current_unit_id
          WHERE c.era = 'pre2025' AND c.level = 'commune' AND c.province_code = ANY($3::varchar[]) AND n.parent_id IS NOT NULL`,
        [
          old.filter((r) => r.level === 'commune').map((r) => r.id),
          old.filter((r) => r.level === 'district').map((r) => r.id),
          old.filter((r) => r.level === 'province').map((r) => r.code),
        ],
      );
      for (const p of pairs) {
        const list = successors.get(p.src) ?? [];
        if (!list.includes(p.dst)) list.push(p.dst);
        successors.set(p.src, list);
      }
    }
    const wanted = new Set<string>(rows.filter((r) => r.era === 'current').map((r) => r.id));
    for (const list of successors.values()) for (const id of list) wanted.add(id);
    if (wanted.size) {
      const found = await em.query<
        Array<{
          id: string;
          code: string;
          name: string;
          provinceCode: string | null;
          lat: number | null;
          lng: number | null;
          boundary: UnitBoundary | null;
        }>
      >(
        `SELECT id, code, name, province_code AS "provinceCode",
                ST_Y(seat::geometry) AS lat, ST_X(seat::geometry) AS lng,
                CASE WHEN boundary IS NULL THEN NULL ELSE ST_AsGeoJSON(boundary)::json END AS boundary
           FROM administrative_units WHERE id = ANY($1::varchar[])`,
        [[...wanted]],
      );
      for (const c of found) {
        candidates.set(c.id, {
          id: c.id,
          code: c.code,
          name: c.name,
          provinceCode: c.provinceCode,
          seat: c.lat === null ? null : { lat: c.lat, lng: Number(c.lng) },
          boundary: c.boundary,
        });
      }
    }
    return new AdministrativeUnitResolver(units, successors, candidates);
  }

  /** One value, loaded and resolved; throws the 422 a caller should see. */
  static async resolve(em: EntityManager, input: string, options: ResolveOptions = {}): Promise<UnitResolution> {
    return (await AdministrativeUnitResolver.load(em, [input])).resolve(input, options);
  }

  /** A province code field: the current province code, and the old one when an old code was given. */
  static async resolveProvinceCode(
    em: EntityManager,
    code: string,
    field = 'provinceCode',
  ): Promise<{ provinceCode: string; pre2025ProvinceCode: string | null }> {
    const r = await AdministrativeUnitResolver.resolve(em, code, { field, levels: ['province'] });
    return { provinceCode: r.code, pre2025ProvinceCode: r.pre2025UnitId ? r.pre2025UnitId.split(':')[2] : null };
  }

  /** Sync, after load(): a current unit, or a DomainError (unknown, no successor, or candidates to choose from). */
  resolve(input: string, options: ResolveOptions = {}): UnitResolution {
    const field = options.field ?? 'administrativeUnitId';
    const levels = options.levels;
    const unit = unitIdsFor(input)
      .map((id) => this.units.get(id))
      .find((u): u is UnitRow => !!u && (!levels || levels.includes(u.level)));
    if (!unit) {
      throw DomainError.invalid(
        'ADMINISTRATIVE_UNIT.UNKNOWN',
        field,
        `${field}: no administrative unit "${input.trim()}"${levels ? ` (${levels.join(' or ')})` : ''}`,
      );
    }
    if (unit.era === 'current') {
      return {
        unitId: unit.id,
        level: unit.level,
        code: unit.code,
        name: unit.name,
        provinceCode: unit.provinceCode,
        pre2025UnitId: null,
      };
    }
    const list = (this.successors.get(unit.id) ?? [])
      .map((id) => this.candidates.get(id))
      .filter((c): c is UnitCandidate => !!c)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (!list.length) {
      throw new DomainError(
        'validation',
        'ADMINISTRATIVE_UNIT.NO_SUCCESSOR',
        `${field}: the pre-2025 unit ${unit.id} (${unit.name}) has no successor on the current map`,
        [
          {
            field,
            message: `${field}: ${unit.name} (${unit.id}) has no successor on the current map`,
            value: unit.id,
            name: unit.name,
          },
        ],
      );
    }
    const chosen = list.length === 1 ? list[0] : chooseSuccessor(list, options.location ?? null);
    if (!chosen) throw ambiguous(field, unit, list, !!options.location);
    return {
      unitId: chosen.id,
      level: unit.level === 'province' ? 'province' : 'commune',
      code: chosen.code,
      name: chosen.name,
      provinceCode: chosen.provinceCode,
      pre2025UnitId: unit.id,
    };
  }
}

/**
 * Between the successors of a split unit: the one whose boundary holds the
 * point, else the nearest seat when every candidate has one; null when the
 * location cannot decide.
 */
export function chooseSuccessor(list: UnitCandidate[], location: LatLng | null): UnitCandidate | null {
  if (!location) return null;
  const inside = list.filter((c) => c.boundary && boundaryCovers(c.boundary, location));
  if (inside.length === 1) return inside[0];
  if (list.every((c) => c.seat)) {
    let best: UnitCandidate | null = null;
    let bestKm = Infinity;
    for (const c of list) {
      if (!c.seat) continue;
      const km = kmBetween(location, c.seat);
      if (km < bestKm) {
        best = c;
        bestKm = km;
      }
    }
    return best;
  }
  return null;
}

function boundaryCovers(g: UnitBoundary, p: LatLng): boolean {
  const polygons =
    g.type === 'MultiPolygon'
      ? (g.coordinates as number[][][][])
      : g.type === 'Polygon'
        ? [g.coordinates as number[][][]]
        : [];
  return polygons.some(
    ([outer, ...holes]) => inRing(outer, p.lng, p.lat) && !holes.some((h) => inRing(h, p.lng, p.lat)),
  );
}

function inRing(ring: number[][], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function ambiguous(field: string, unit: UnitRow, list: UnitCandidate[], hadLocation: boolean): DomainError {
  const names = list.map((c) => `${c.name} (${c.id})`).join(', ');
  const why = hadLocation ? 'the location does not decide between them' : 'send the location to choose';
  return new DomainError(
    'validation',
    'ADMINISTRATIVE_UNIT.AMBIGUOUS',
    `${field}: the pre-2025 unit ${unit.name} (${unit.id}) was split between ${names}; ${why}, or name the current unit`,
    [
      {
        field,
        message: `${field}: ${unit.name} (${unit.id}) was split; ${why}, or name one of the current units`,
        value: unit.id,
        name: unit.name,
        locationGiven: hadLocation,
        candidates: list.map((c) => ({ id: c.id, code: c.code, name: c.name, provinceCode: c.provinceCode })),
      },
    ],
  );
}
