import { Injectable } from '@nestjs/common';
import type { Point } from 'geojson';
import { currentReadTarget } from '@agrilink/database';
import { DataSource } from 'typeorm';
import { Actor } from '../common/actor';
import { Page, pageBounds } from '../common/page';
import { BuyerMapFilter, buyersLayer } from './buyers.layer';
import { MapLayer, resolveZoom, SUPPLY_CLUSTER_MAX_ZOOM } from './map-layer';
import { ProductionAreaMapFilter, productionAreasLayer } from './production-areas.layer';
import { SupplyAnswersCache } from './supply-answers.cache';
import { SupplyListFilter, SupplyListItem, supplyListPage } from './supply-list.query';
import { SupplyLotSnapshot } from './supply-lot-snapshot';
import { supplyClustersLayer, SupplyMapFilter, supplyLotsLayer } from './supply.layer';
import { CachedAnswer } from './versioned-cache';
import { ZoneMapFilter, zonesLayer } from './zones.layer';

export { CachedAnswer } from './versioned-cache';
export { SUPPLY_ANSWER_TTL_MS } from './supply-answers.cache';
export { MAP_FEATURE_LIMIT, SUPPLY_CLUSTER_MAX_ZOOM } from './map-layer';
export type { MapLayer, MapView } from './map-layer';
export type { BuyerMapFilter } from './buyers.layer';
export type { ProductionAreaMapFilter } from './production-areas.layer';
export type { SupplyListFilter, SupplyListItem } from './supply-list.query';
export type { SupplyMapFilter } from './supply.layer';
export type { ZoneMapFilter } from './zones.layer';

/**
 * The public supply map: bbox-bounded GeoJSON layers, one file per layer (`*.layer.ts`), the
 * supply layers and list over the in-memory snapshot of open lots with their answers cached
 * (`supply-answers.cache.ts`). Contacts appear only for signed-in callers; anonymous visitors see
 * the figures.
 */
@Injectable()
export class MapService {
  private readonly cache: SupplyAnswersCache;

  constructor(
    private readonly dataSource: DataSource,
    private readonly snapshot: SupplyLotSnapshot,
  ) {
    this.cache = new SupplyAnswersCache(snapshot);
  }

  /**
   * Open lots in the view: one marker per lot from SUPPLY_CLUSTER_MAX_ZOOM on, grid clusters
   * below it, computed from the in-memory snapshot of open lots. Answers are reused while no
   * lot changed (see SUPPLY_ANSWER_TTL_MS).
   */
  async supply(actor: Actor | null, f: SupplyMapFilter): Promise<MapLayer<Point>> {
    return (await this.supplyAnswer(actor, f)).value;
  }

  /** `supply` with its JSON text and entity tag, for the HTTP layer. */
  async supplyAnswer(actor: Actor | null, f: SupplyMapFilter): Promise<CachedAnswer<MapLayer<Point>>> {
    const zoom = resolveZoom(f);
    await this.snapshot.fresh();
    const version = this.snapshot.version;
    // Per read target: an answer read on a replica may miss the newest change, and a writer's read must not reuse it.
    const key = JSON.stringify([
      currentReadTarget(),
      zoom,
      !!actor,
      f.bbox ?? null,
      f.product ?? null,
      f.certification?.toUpperCase() ?? null,
      f.harvestFrom ?? null,
      f.harvestTo ?? null,
      f.provinceCode ?? null,
    ]);
    const cached = this.cache.layers.get(key, version);
    if (cached) return cached;
    const { layer, complete } =
      zoom >= SUPPLY_CLUSTER_MAX_ZOOM
        ? await supplyLotsLayer(
            this.dataSource,
            this.cache.gridFor(f, SUPPLY_CLUSTER_MAX_ZOOM, version),
            !!actor,
            f,
            zoom,
          )
        : await supplyClustersLayer(this.dataSource, this.cache.gridFor(f, zoom, version), !!actor, f, zoom);
    const answer = new CachedAnswer(layer);
    if (reusable(complete)) this.cache.layers.set(key, version, answer);
    return answer;
  }

  productionAreas(f: ProductionAreaMapFilter): Promise<MapLayer> {
    return productionAreasLayer(this.dataSource, f);
  }

  buyers(actor: Actor | null, f: BuyerMapFilter): Promise<MapLayer<Point>> {
    return buyersLayer(this.dataSource, !!actor, f);
  }

  zones(f: ZoneMapFilter): Promise<MapLayer> {
    return zonesLayer(this.dataSource, f);
  }

  /** The public, searchable list of open supply (no contacts). */
  async supplyList(f: SupplyListFilter): Promise<Page<SupplyListItem>> {
    return (await this.supplyListAnswer(f)).value;
  }

  /** `supplyList` with its JSON text and entity tag, for the HTTP layer. */
  async supplyListAnswer(f: SupplyListFilter): Promise<CachedAnswer<Page<SupplyListItem>>> {
    const { limit, offset } = pageBounds(f);
    await this.snapshot.fresh();
    const version = this.snapshot.version;
    const key = JSON.stringify([currentReadTarget(), limit, offset, f.product ?? null, f.q ?? null]);
    const cached = this.cache.lists.get(key, version);
    if (cached) return cached;
    const page = await supplyListPage(this.dataSource, this.snapshot, f, limit, offset);
    const answer = new CachedAnswer(page);
    // The total is the snapshot's: a page shorter than it promises misses lots the reader has not replayed.
    if (reusable(page.items.length === Math.max(0, Math.min(limit, page.total - offset))))
      this.cache.lists.set(key, version, answer);
    return answer;
  }
}

/**
 * Whether an answer may be reused for its snapshot version. The snapshot follows the primary; an
 * answer read on a replica that misses a lot the snapshot holds must not outlive the replica's lag
 * by being served until the TTL.
 */
function reusable(complete: boolean): boolean {
  return complete || currentReadTarget() === 'primary';
}
