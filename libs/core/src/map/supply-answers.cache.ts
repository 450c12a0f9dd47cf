import type { Point } from 'geojson';
import { Page } from '../common/page';
import { degreesPerPixel } from './bbox';
import { MapLayer } from './map-layer';
import { CellGrid, openLotMatcher } from './supply-clusters';
import type { SupplyListItem } from './supply-list.query';
import type { SupplyMapFilter } from './supply.layer';
import { SupplyLotSnapshot } from './supply-lot-snapshot';
import { CachedAnswer, VersionedCache } from './versioned-cache';

/**
 * How long an answer built from the supply snapshot may be reused while no lot changed: the
 * cooperative and product names (and contacts) it carries are read from tables the snapshot
 * does not follow, so an edit to those shows within this time. Lots themselves are never stale.
 */
export const SUPPLY_ANSWER_TTL_MS = 10_000;
/** Width of a cluster cell in screen pixels. */
const CLUSTER_CELL_PX = 60;

/**
 * What the supply map and list keep between requests, each keyed by the snapshot's version: whole
 * answers (with their JSON and entity tag) and the cluster cells per filter and zoom.
 */
export class SupplyAnswersCache {
  readonly layers = new VersionedCache<CachedAnswer<MapLayer<Point>>>(2000, SUPPLY_ANSWER_TTL_MS);
  readonly lists = new VersionedCache<CachedAnswer<Page<SupplyListItem>>>(500, SUPPLY_ANSWER_TTL_MS);
  /** Cells per filter and zoom: a new view costs the cells it covers. Pure snapshot data, so no time limit. */
  private readonly grids = new VersionedCache<CellGrid>(32, Number.POSITIVE_INFINITY);

  constructor(private readonly snapshot: SupplyLotSnapshot) {}

  /** Cells of the open lots that pass the filter (the view aside), at a zoom's cell size, per snapshot version. */
  gridFor(f: SupplyMapFilter, zoom: number, version: number): CellGrid {
    const { bbox: _bbox, ...filter } = f;
    const key = JSON.stringify([
      zoom,
      filter.product ?? null,
      filter.certification?.toUpperCase() ?? null,
      filter.harvestFrom ?? null,
      filter.harvestTo ?? null,
      filter.provinceCode ?? null,
    ]);
    let grid = this.grids.get(key, version);
    if (!grid) {
      grid = new CellGrid(this.snapshot.values(), openLotMatcher(filter), degreesPerPixel(zoom) * CLUSTER_CELL_PX);
      this.grids.set(key, version, grid);
    }
    return grid;
  }
}
