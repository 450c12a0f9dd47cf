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
  return out.sort(bySizeThenId);
}

interface Cell {
  n: number;
  kg: number;
  sx: number;
  sy: number;
  id: string;
  /** Extent of the cell's lots: tells whether a view holds all, none or part of them. */
  minLng: number;
  maxLng: number;
  minLat: number;
  maxLat: number;
  lots: OpenLot[];
}

// Cell coordinates stay within ±2^20 down to cells of 0.0002°: pack both into one safe integer.
const OFFSET = 2 ** 20;
const cellKey = (cx: number, cy: number) => (cx + OFFSET) * 2 ** 21 + (cy + OFFSET);

/**
 * The matching lots grouped once per zoom into cells of `cellDeg`, so a view costs the cells it
 * covers rather than a pass over every lot. Answers exactly what `gridCluster` answers over the
 * lots in the view: cells cut by the view's edge are recounted from their own lots.
 */
export class CellGrid {
  private readonly cells = new Map<number, Cell>();

  constructor(
    lots: Iterable<OpenLot>,
    matches: (l: OpenLot) => boolean,
    private readonly cellDeg: number,
  ) {
    for (const l of lots) {
      if (!matches(l)) continue;
      const key = cellKey(Math.floor(l.lng / cellDeg), Math.floor(l.lat / cellDeg));
      const c = this.cells.get(key);
      if (!c) {
        this.cells.set(key, {
          n: 1,
          kg: l.remainingKg,
          sx: l.lng,
          sy: l.lat,
          id: l.id,
          minLng: l.lng,
          maxLng: l.lng,
          minLat: l.lat,
          maxLat: l.lat,
          lots: [l],
        });
        continue;
      }
      c.n++;
      c.kg += l.remainingKg;
      c.sx += l.lng;
      c.sy += l.lat;
      if (l.id < c.id) c.id = l.id;
      if (l.lng < c.minLng) c.minLng = l.lng;
      if (l.lng > c.maxLng) c.maxLng = l.lng;
      if (l.lat < c.minLat) c.minLat = l.lat;
      if (l.lat > c.maxLat) c.maxLat = l.lat;
      c.lots.push(l);
    }
  }

  /** The lots themselves inside the view, from the cells it covers. */
  lotsIn(b: Bbox | undefined): OpenLot[] {
    const out: OpenLot[] = [];
    this.covered(b, (c) => {
      if (!b || (c.minLng >= b.minLng && c.maxLng <= b.maxLng && c.minLat >= b.minLat && c.maxLat <= b.maxLat))
        for (const l of c.lots) out.push(l);
      else
        for (const l of c.lots)
          if (l.lng >= b.minLng && l.lng <= b.maxLng && l.lat >= b.minLat && l.lat <= b.maxLat) out.push(l);
    });
    return out;
  }

  private covered(b: Bbox | undefined, visit: (c: Cell) => void): void {
    if (!b) {
      for (const c of this.cells.values()) visit(c);
      return;
    }
    const cx0 = Math.floor(b.minLng / this.cellDeg);
    const cx1 = Math.floor(b.maxLng / this.cellDeg);
    const cy0 = Math.floor(b.minLat / this.cellDeg);
    const cy1 = Math.floor(b.maxLat / this.cellDeg);
    if ((cx1 - cx0 + 1) * (cy1 - cy0 + 1) > this.cells.size) {
      for (const c of this.cells.values())
        if (!(c.maxLng < b.minLng || c.minLng > b.maxLng || c.maxLat < b.minLat || c.minLat > b.maxLat)) visit(c);
      return;
    }
    for (let cx = cx0; cx <= cx1; cx++) {
      for (let cy = cy0; cy <= cy1; cy++) {
        const c = this.cells.get(cellKey(cx, cy));
        if (c) visit(c);
      }
    }
  }

  query(b: Bbox | undefined): GridCell[] {
    const out: GridCell[] = [];
    const take = (c: Cell) => {
      if (!b || (c.minLng >= b.minLng && c.maxLng <= b.maxLng && c.minLat >= b.minLat && c.maxLat <= b.maxLat)) {
        out.push({ n: c.n, remainingKg: c.kg, lng: c.sx / c.n, lat: c.sy / c.n, id: c.id });
        return;
      }
      if (c.maxLng < b.minLng || c.minLng > b.maxLng || c.maxLat < b.minLat || c.minLat > b.maxLat) return;
      let n = 0,
        kg = 0,
        sx = 0,
        sy = 0,
        id = '';
      for (const l of c.lots) {
        if (l.lng < b.minLng || l.lng > b.maxLng || l.lat < b.minLat || l.lat > b.maxLat) continue;
        n++;
        kg += l.remainingKg;
        sx += l.lng;
        sy += l.lat;
        if (!id || l.id < id) id = l.id;
      }
      if (n) out.push({ n, remainingKg: kg, lng: sx / n, lat: sy / n, id });
    };
    this.covered(b, take);
    return out.sort(bySizeThenId);
  }
}

function bySizeThenId(a: GridCell, b: GridCell): number {
  return b.n - a.n || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
