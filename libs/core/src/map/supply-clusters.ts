import { Bbox } from './bbox';
import type { OpenLot } from './supply-lot-snapshot';

export interface OpenLotFilter {
  bbox?: Bbox;
  product?: string;
  certification?: string;
  harvestFrom?: string;
  harvestTo?: string;
  provinceCode?: string;
}

export interface GridCell {
  /** Lots in the cell. */
  n: number;
  remainingKg: number;
  /** Mean position of its lots. */
  lng: number;
  lat: number;
  /** The smallest lot id: names the cluster, and is the lot itself when n = 1. */
  id: string;
}

/** The same test as the SQL it replaces: open lots are already the only ones held. */
export function openLotMatcher(f: OpenLotFilter): (l: OpenLot) => boolean {
  const b = f.bbox;
  const cert = f.certification?.toUpperCase();
  return (l) =>
    (!b || (l.lng >= b.minLng && l.lng <= b.maxLng && l.lat >= b.minLat && l.lat <= b.maxLat)) &&
    (!f.product || l.productCode === f.product) &&
    (!cert || l.certifications.includes(cert)) &&
    (!f.harvestFrom || l.harvestTo >= f.harvestFrom) &&
    (!f.harvestTo || l.harvestFrom <= f.harvestTo) &&
    (!f.provinceCode || l.provinceCode === f.provinceCode);
}

/**
 * Groups lots into square cells of `cellDeg` degrees (floor of lng and lat over the cell size),
 * largest cells first, ties by id so the answer is deterministic.
 */
export function gridCluster(lots: Iterable<OpenLot>, matches: (l: OpenLot) => boolean, cellDeg: number): GridCell[] {
  const cells = new Map<string, { n: number; kg: number; sx: number; sy: number; id: string }>();
  for (const l of lots) {
    if (!matches(l)) continue;
    const key = `${Math.floor(l.lng / cellDeg)}:${Math.floor(l.lat / cellDeg)}`;
    const c = cells.get(key);
    if (!c) cells.set(key, { n: 1, kg: l.remainingKg, sx: l.lng, sy: l.lat, id: l.id });
    else {
      c.n++;
      c.kg += l.remainingKg;
      c.sx += l.lng;
      c.sy += l.lat;
      if (l.id < c.id) c.id = l.id;
    }
  }
  const out: GridCell[] = [];
  for (const c of cells.values()) out.push({ n: c.n, remainingKg: c.kg, lng: c.sx / c.n, lat: c.sy / c.n, id: c.id });
  return out.sort((a, b) => b.n - a.n || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
