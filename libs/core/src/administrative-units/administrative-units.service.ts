import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { Page, PageQuery } from '../common/page';
import { paginate } from '../common/paginate';
import { likePattern } from '../common/vietnamese-text';
import { isOnVietnamTerritory, type LatLng } from '../common/geo';
import { provinceCodeAt } from '../common/territory/province-outlines';
import { AdministrativeEra, AdministrativeLevel, AdministrativeUnit } from './administrative-unit.entity';
import { communeAtSql } from './commune-at-point';

export interface AdministrativeUnitFilter extends PageQuery {
  /** Defaults to the current (post-1-July-2025) map. */
  era?: AdministrativeEra;
  level?: AdministrativeLevel;
  parentId?: string;
  provinceCode?: string;
  /** Diacritics-insensitive: "rach gia" finds "Phường Rạch Giá". */
  q?: string;
}

export interface AdministrativeUnitView {
  id: string;
  era: AdministrativeEra;
  level: AdministrativeLevel;
  code: string;
  name: string;
  parentId: string | null;
  provinceCode: string | null;
}

export function toAdministrativeUnitView(u: AdministrativeUnit): AdministrativeUnitView {
  return {
    id: u.id,
    era: u.era,
    level: u.level,
    code: u.code,
    name: u.name,
    parentId: u.parentId,
    provinceCode: u.provinceCode,
  };
}

export interface UnitRef {
  id: string;
  code: string;
  name: string;
}

/** Where a point lies on both maps (the map's reverse lookup: "Chọn trên bản đồ" shows the commune). */
export interface ResolvedPlace {
  location: LatLng;
  /** The current commune (boundary, else nearest known seat); null where neither is known near the point. */
  commune: (UnitRef & { method: 'boundary' | 'nearest_seat'; seatDistanceKm: number | null }) | null;
  province: UnitRef | null;
  pre2025: {
    /** The old communes the current commune was formed from (one, or several merged). */
    communes: Array<UnitRef & { districtId: string | null; districtName: string | null }>;
    province: UnitRef | null;
  };
}

const COLUMNS = `u.id, u.era, u.level, u.code, u.name, u.parent_id AS "parentId", u.province_code AS "provinceCode"`;

/** Read-only access to both maps and the 2025 reform's old→new links. */
@Injectable()
export class AdministrativeUnitsService {
  constructor(@InjectRepository(AdministrativeUnit) private readonly units: Repository<AdministrativeUnit>) {}

  list(filter: AdministrativeUnitFilter): Promise<Page<AdministrativeUnitView>> {
    const qb = this.units
      .createQueryBuilder('u')
      .where('u.era = :era', { era: filter.era ?? 'current' })
      // GSO codes order units the way official lists do, and keep pages stable.
      .orderBy('u.code', 'ASC')
      .addOrderBy('u.level', 'ASC');
    if (filter.level) qb.andWhere('u.level = :level', { level: filter.level });
    if (filter.parentId) qb.andWhere('u.parent_id = :parentId', { parentId: filter.parentId });
    if (filter.provinceCode) qb.andWhere('u.province_code = :provinceCode', { provinceCode: filter.provinceCode });
    if (filter.q?.trim()) qb.andWhere(`u.search_text LIKE :q ESCAPE '\\'`, { q: likePattern(filter.q) });
    return paginate(qb, filter, toAdministrativeUnitView);
  }

  async get(id: string): Promise<AdministrativeUnitView> {
    const u = await this.units.findOneBy({ id });
    if (!u) throw DomainError.notFound('ADMINISTRATIVE_UNIT', id);
    return toAdministrativeUnitView(u);
  }

  /**
   * Current units that replaced a pre-2025 unit: the communes its communes merged
   * into (for a commune or a district), or the current provinces (for a province).
   */
  async successors(id: string): Promise<AdministrativeUnitView[]> {
    const unit = await this.get(id);
    if (unit.era !== 'pre2025') throw wrongEra(id, 'pre2025', 'successors');
    switch (unit.level) {
      case 'commune':
        return this.query(
          `SELECT ${COLUMNS} FROM administrative_unit_mappings m
             JOIN administrative_units u ON u.id = m.current_unit_id
            WHERE m.pre2025_unit_id = $1 ORDER BY u.code`,
          [id],
        );
      case 'district':
        // Island districts had no communes: their special zone links to the district itself.
        return this.query(
          `SELECT DISTINCT ${COLUMNS} FROM administrative_unit_mappings m
             JOIN administrative_units u ON u.id = m.current_unit_id
            WHERE m.pre2025_unit_id = $1
               OR m.pre2025_unit_id IN (SELECT c.id FROM administrative_units c WHERE c.parent_id = $1)
            ORDER BY u.code`,
          [id],
        );
      case 'province':
        return this.query(
          `SELECT DISTINCT ${COLUMNS} FROM administrative_units c
             JOIN administrative_unit_mappings m ON m.pre2025_unit_id = c.id
             JOIN administrative_units n ON n.id = m.current_unit_id
             JOIN administrative_units u ON u.id = n.parent_id
            WHERE c.era = 'pre2025' AND c.level = 'commune' AND c.province_code = $1 ORDER BY u.code`,
          [unit.code],
        );
    }
  }

  /** Pre-2025 units a current unit was formed from: communes (for a commune) or provinces (for a province). */
  async predecessors(id: string): Promise<AdministrativeUnitView[]> {
    const unit = await this.get(id);
    if (unit.era !== 'current') throw wrongEra(id, 'current', 'predecessors');
    if (unit.level === 'province') {
      return this.query(
        `SELECT DISTINCT ${COLUMNS} FROM administrative_units n
           JOIN administrative_unit_mappings m ON m.current_unit_id = n.id
           JOIN administrative_units c ON c.id = m.pre2025_unit_id
           JOIN administrative_units u ON u.era = 'pre2025' AND u.level = 'province' AND u.code = c.province_code
          WHERE n.era = 'current' AND n.level = 'commune' AND n.province_code = $1 ORDER BY u.code`,
        [unit.code],
      );
    }
    return this.query(
      `SELECT ${COLUMNS} FROM administrative_unit_mappings m
         JOIN administrative_units u ON u.id = m.pre2025_unit_id
        WHERE m.current_unit_id = $1 ORDER BY u.code`,
      [id],
    );
  }

  /** The units a point lies in, on the current map and the pre-2025 one; 422 off Việt Nam's land and islands. */
  async resolvePoint(p: LatLng): Promise<ResolvedPlace> {
    if (!isOnVietnamTerritory(p)) {
      throw new DomainError(
        'validation',
        'ADMINISTRATIVE_UNIT.OUTSIDE_VIETNAM',
        `(${p.lat}, ${p.lng}) is not on Vietnam's land or islands`,
        [
          { field: 'lat', message: `lat, lng: (${p.lat}, ${p.lng}) is not on Vietnam's land or islands`, value: p.lat },
          { field: 'lng', message: `lat, lng: (${p.lat}, ${p.lng}) is not on Vietnam's land or islands`, value: p.lng },
        ],
      );
    }
    const point = `ST_SetSRID(ST_MakePoint($2::float8, $1::float8), 4326)`;
    const communes: Array<{
      id: string;
      code: string;
      name: string;
      provinceCode: string | null;
      inside: boolean;
      km: number | null;
    }> = await this.units.query(
      `SELECT u.id, u.code, u.name, u.province_code AS "provinceCode",
              (u.boundary IS NOT NULL AND ST_Covers(u.boundary, ${point})) AS inside,
              CASE WHEN u.seat IS NULL THEN NULL ELSE ST_Distance(u.seat, (${point})::geography) / 1000 END AS km
         FROM administrative_units u WHERE u.id = ${communeAtSql(point, 'NULL')}`,
      [p.lat, p.lng],
    );
    const commune = communes.at(0);
    const provinceCode = commune?.provinceCode ?? provinceCodeAt(p, 'current');
    const oldProvinceCode = provinceCodeAt(p, 'pre2025');
    const refs: Array<UnitRef & { era: string }> = await this.units.query(
      `SELECT id, code, name, era FROM administrative_units WHERE level = 'province' AND ((era = 'current' AND code = $1) OR (era = 'pre2025' AND code = $2))`,
      [provinceCode, oldProvinceCode],
    );
    const olds: Array<
      UnitRef & { districtId: string | null; districtName: string | null; provinceCode: string | null }
    > = commune
      ? await this.units.query(
          `SELECT o.id, o.code, o.name, d.id AS "districtId", d.name AS "districtName", o.province_code AS "provinceCode"
             FROM administrative_unit_mappings m
             JOIN administrative_units o ON o.id = m.pre2025_unit_id
             LEFT JOIN administrative_units d ON d.id = CASE WHEN o.level = 'district' THEN o.id ELSE o.parent_id END
            WHERE m.current_unit_id = $1 ORDER BY o.code`,
          [commune.id],
        )
      : [];
    const ref = (u: UnitRef | undefined): UnitRef | null => (u ? { id: u.id, code: u.code, name: u.name } : null);
    let oldProvince = ref(refs.find((r) => r.era === 'pre2025'));
    // The old communes name their province; the old outlines are coarser than the communes.
    if (olds.length && olds[0].provinceCode && olds[0].provinceCode !== oldProvince?.code) {
      const found: UnitRef[] = await this.units.query(`SELECT id, code, name FROM administrative_units WHERE id = $1`, [
        `pre2025:province:${olds[0].provinceCode}`,
      ]);
      oldProvince = ref(found.at(0)) ?? oldProvince;
    }
    return {
      location: p,
      commune: commune
        ? {
            id: commune.id,
            code: commune.code,
            name: commune.name,
            method: commune.inside ? 'boundary' : 'nearest_seat',
            seatDistanceKm: commune.km === null ? null : Math.round(commune.km * 10) / 10,
          }
        : null,
      province: ref(refs.find((r) => r.era === 'current')),
      pre2025: {
        communes: olds.map((o) => ({
          id: o.id,
          code: o.code,
          name: o.name,
          districtId: o.districtId,
          districtName: o.districtName,
        })),
        province: oldProvince,
      },
    };
  }

  private async query(sql: string, params: unknown[]): Promise<AdministrativeUnitView[]> {
    const rows: AdministrativeUnitView[] = await this.units.query(sql, params);
    return rows.map((r) => ({ ...r }));
  }
}

function wrongEra(id: string, expected: AdministrativeEra, what: string): DomainError {
  return new DomainError(
    'bad_request',
    'ADMINISTRATIVE_UNIT.WRONG_ERA',
    `${what} are defined for ${expected === 'pre2025' ? 'pre-2025' : 'current'} units only; ${id} is not one`,
    { field: 'id', value: id },
  );
}
