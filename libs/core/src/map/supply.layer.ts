import type { Feature, Point } from 'geojson';
import type { DataSource } from 'typeorm';
import { MAP_FEATURE_LIMIT, MapLayer, MapView, point } from './map-layer';
import { CellGrid } from './supply-clusters';
import { lotFeature, readLotRows } from './supply-lot-rows.query';

export interface SupplyMapFilter extends MapView {
  product?: string;
  certification?: string;
  harvestFrom?: string;
  harvestTo?: string;
  provinceCode?: string;
}

/**
 * A supply layer and whether every lot the snapshot put in it was found when read: a replica that
 * has not replayed a lot yet answers without it (the caller does not reuse such an answer).
 */
export interface SupplyLayerRead {
  layer: MapLayer<Point>;
  complete: boolean;
}

/** One marker per lot: picked from the cells (largest remaining volume first), then read with their names. */
export async function supplyLotsLayer(
  db: DataSource,
  grid: CellGrid,
  signedIn: boolean,
  f: SupplyMapFilter,
  zoom: number,
): Promise<SupplyLayerRead> {
  const picked = grid
    .lotsIn(f.bbox)
    .sort((a, b) => b.remainingKg - a.remainingKg || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const truncated = picked.length > MAP_FEATURE_LIMIT;
  const ids = picked.slice(0, MAP_FEATURE_LIMIT).map((l) => l.id);
  // Still open when read: a lot withdrawn since the snapshot's last sync is left out, not shown stale.
  const rows = ids.length
    ? await readLotRows(db, {
        where: `WHERE l.id = ANY($1::uuid[]) AND l.status = 'open' AND l.remaining_kg > 0`,
        params: [ids],
        limit: ids.length,
      })
    : [];
  return {
    layer: {
      type: 'FeatureCollection',
      zoom,
      clustered: false,
      truncated,
      features: rows.map((r) => lotFeature(r, signedIn)),
    },
    complete: rows.length === ids.length,
  };
}

/** Grid clusters over the snapshot (one pass in memory); a lone lot in its cell is drawn as itself. */
export async function supplyClustersLayer(
  db: DataSource,
  grid: CellGrid,
  signedIn: boolean,
  f: SupplyMapFilter,
  zoom: number,
): Promise<SupplyLayerRead> {
  const cells = grid.query(f.bbox);
  const truncated = cells.length > MAP_FEATURE_LIMIT;
  const kept = cells.slice(0, MAP_FEATURE_LIMIT);
  const singles = kept.filter((c) => c.n === 1).map((c) => c.id);
  const lots = singles.length
    ? await readLotRows(db, { where: 'WHERE l.id = ANY($1::uuid[])', params: [singles], limit: singles.length })
    : [];
  const byId = new Map(lots.map((r) => [r.id, r]));
  const features: Array<Feature<Point>> = kept.map((c) => {
    const lot = c.n === 1 ? byId.get(c.id) : undefined;
    if (lot) return lotFeature(lot, signedIn);
    return {
      type: 'Feature',
      id: `cluster:${c.id}`,
      geometry: point(c.lng, c.lat),
      properties: { cluster: true, pointCount: c.n, remainingKg: c.remainingKg },
    };
  });
  return {
    layer: { type: 'FeatureCollection', zoom, clustered: true, truncated, features },
    complete: lots.length === singles.length,
  };
}
