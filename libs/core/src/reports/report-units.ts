import type { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { communeAtSql } from '../administrative-units/commune-at-point';

export { communeAtSql, SEAT_REACH_KM } from '../administrative-units/commune-at-point';

/**
 * Where report rows are counted, and on which map.
 *
 * A lot counts where it lies, not where its cooperative is registered: the current commune whose
 * boundary holds its production area's centre (else its own location), else the nearest known
 * commune seat within SEAT_REACH_KM, else the cooperative's commune. (A lot on Phú Quốc was
 * reported under its cooperative's mainland commune.)
 *
 * Reports use the current units by default; `units=pre2025` gives the pre-2025 ones to compare
 * with older reports: a current commune formed from one old commune is that commune; formed
 * from several, the cooperative's recorded pre-2025 commune when it is one of them, else their
 * old district when they share one (older reports were by district), else the old commune whose
 * code the current one took.
 */
export type ReportUnits = 'current' | 'pre2025';
export const REPORT_UNITS: readonly ReportUnits[] = ['current', 'pre2025'];

export function reportUnitsOf(value: string | undefined | null): ReportUnits {
  if (!value) return 'current';
  if (value === 'current' || value === 'pre2025') return value;
  throw new DomainError('bad_request', 'VALIDATION.FAILED', 'units must be current or pre2025', [
    { field: 'units', message: 'units must be one of the following values: current, pre2025' },
  ]);
}

/** SQL: the commune a supply lot (alias `l`) counts in; `c` is its cooperative. */
export function lotCommuneSql(l = 'l', c = 'c'): string {
  return communeAtSql(
    `COALESCE((SELECT pa.centroid FROM production_areas pa WHERE pa.id = ${l}.production_area_id), ${l}.location::geometry)`,
    `${c}.administrative_unit_id`,
  );
}

export interface ReportPlace {
  provinceCode: string | null;
  communeId: string | null;
}

interface Predecessor {
  id: string;
  code: string;
  districtId: string | null;
  provinceCode: string | null;
}

/** Moves a row's place onto the map the report is asked on. */
export class ReportPlaces {
  private constructor(
    readonly units: ReportUnits,
    private readonly predecessors: Map<string, Predecessor[]>,
    private readonly provinceOf: Map<string, string | null>,
  ) {}

  static async load(ds: DataSource, units: ReportUnits): Promise<ReportPlaces> {
    if (units === 'current') return new ReportPlaces(units, new Map(), new Map());
    const rows: Array<{
      current: string;
      id: string;
      code: string;
      district: string | null;
      province: string | null;
      level: string;
    }> = await ds.query(
      `SELECT m.current_unit_id AS current, o.id, o.code, o.level, o.parent_id AS district, o.province_code AS province
         FROM administrative_unit_mappings m JOIN administrative_units o ON o.id = m.pre2025_unit_id
        ORDER BY m.current_unit_id, o.id`,
    );
    const predecessors = new Map<string, Predecessor[]>();
    const provinceOf = new Map<string, string | null>();
    for (const r of rows) {
      // A whole island district that became a special zone: the district is the old unit.
      const p = {
        id: r.id,
        code: r.code,
        districtId: r.level === 'district' ? r.id : r.district,
        provinceCode: r.province,
      };
      const list = predecessors.get(r.current) ?? [];
      list.push(p);
      predecessors.set(r.current, list);
      provinceOf.set(r.id, r.province);
      if (p.districtId) provinceOf.set(p.districtId, r.province);
    }
    return new ReportPlaces(units, predecessors, provinceOf);
  }

  /** `hint`: the owner's recorded pre-2025 unit, if any. */
  place(provinceCode: string | null, communeId: string | null, hint: string | null): ReportPlace {
    if (this.units === 'current') return { provinceCode, communeId };
    if (!communeId) {
      const old = hint ? (this.provinceOf.get(hint) ?? null) : null;
      return { provinceCode: old ?? provinceCode, communeId: null };
    }
    const list = this.predecessors.get(communeId);
    if (!list?.length) return { provinceCode, communeId };
    let id: string;
    if (list.length === 1) id = list[0].id;
    else if (hint && list.some((p) => p.id === hint)) id = hint;
    else {
      const districts = new Set(list.map((p) => p.districtId));
      const code = communeId.split(':')[2];
      id =
        districts.size === 1 && list[0].districtId
          ? list[0].districtId
          : (list.find((p) => p.code === code) ?? list[0]).id;
    }
    return { provinceCode: this.provinceOf.get(id) ?? provinceCode, communeId: id };
  }

  /** The era province names are read in. */
  get era(): 'current' | 'pre2025' {
    return this.units;
  }
}
