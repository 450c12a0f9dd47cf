import { Injectable } from '@nestjs/common';
import type { Feature, FeatureCollection, Geometry, Point } from 'geojson';
import { DataSource } from 'typeorm';
import { Actor } from '../common/actor';
import { Page, pageBounds, PageQuery } from '../common/page';
import { likePattern } from '../common/vietnamese-text';
import { Bbox, degreesPerPixel, zoomForBbox } from './bbox';
import { CellGrid, openLotMatcher } from './supply-clusters';
import { SupplyLotSnapshot } from './supply-lot-snapshot';
import { CachedAnswer, VersionedCache } from './versioned-cache';

export { CachedAnswer } from './versioned-cache';

/** Below this zoom supply lots are grouped into grid cells; from it on every lot is its own marker. */
export const SUPPLY_CLUSTER_MAX_ZOOM = 14;
/** Width of a cluster cell in screen pixels. */
const CLUSTER_CELL_PX = 60;
/** A safety cap on the features one answer carries; `truncated` tells the client it hit it. */
export const MAP_FEATURE_LIMIT = 5000;
/**
 * How long an answer built from the supply snapshot may be reused while no lot changed: the
 * cooperative and product names (and contacts) it carries are read from tables the snapshot
 * does not follow, so an edit to those shows within this time. Lots themselves are never stale.
 */
export const SUPPLY_ANSWER_TTL_MS = 10_000;

export interface MapView {
  bbox?: Bbox;
  zoom?: number;
}

export interface SupplyMapFilter extends MapView {
  product?: string;
  certification?: string;
  harvestFrom?: string;
  harvestTo?: string;
  provinceCode?: string;
}

export interface ProductionAreaMapFilter extends MapView {
  product?: string;
}

export interface BuyerMapFilter extends MapView {
  type?: string;
}

export interface ZoneMapFilter extends MapView {
  activeOn?: string;
}

export interface SupplyListFilter extends PageQuery {
  q?: string;
  product?: string;
}

/** A map layer: a GeoJSON FeatureCollection, `[lng, lat]`, with foreign members saying how it was cut. */
export interface MapLayer<G extends Geometry = Geometry> extends FeatureCollection<G> {
  zoom?: number;
  clustered?: boolean;
  truncated?: boolean;
}

export interface SupplyListItem {
  id: string;
  product: string;
  productNameVi: string;
  productNameEn: string;
  cooperativeId: string;
  cooperativeName: string;
  quantityKg: number;
  remainingKg: number;
  askVndPerKg: number;
  harvestFrom: string;
  harvestTo: string;
  certifications: string[];
  provinceCode: string | null;
  location: { lat: number; lng: number };
  note: string | null;
}

/** Builds a parameterised WHERE clause: `add('x = ?', v)` numbers the placeholders. */
class Where {
  readonly parts: string[] = [];
  constructor(readonly params: unknown[] = []) {}
  add(sql: string, ...values: unknown[]): this {
    let out = sql;
    for (const v of values) {
      this.params.push(v);
      out = out.replace('?', `$${this.params.length}`);
    }
    this.parts.push(out);
    return this;
  }
  param(v: unknown): string {
    this.params.push(v);
    return `$${this.params.length}`;
  }
  toString(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

const round6 = (x: number) => Math.round(Number(x) * 1e6) / 1e6;
const point = (lng: number, lat: number): Point => ({ type: 'Point', coordinates: [round6(lng), round6(lat)] });

/**
 * The public supply map: bbox-bounded GeoJSON layers read straight from PostGIS.
 * Contacts appear only for signed-in callers; anonymous visitors see the figures.
 */
@Injectable()
export class MapService {
  private readonly supplyAnswers = new VersionedCache<CachedAnswer<MapLayer<Point>>>(2000, SUPPLY_ANSWER_TTL_MS);
  private readonly listAnswers = new VersionedCache<CachedAnswer<Page<SupplyListItem>>>(500, SUPPLY_ANSWER_TTL_MS);
  /** Cells per filter and zoom: a new view costs the cells it covers. Pure snapshot data, so no time limit. */
  private readonly grids = new VersionedCache<CellGrid>(32, Number.POSITIVE_INFINITY);

  constructor(
    private readonly dataSource: DataSource,
    private readonly snapshot: SupplyLotSnapshot,
  ) {}

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
    const key = JSON.stringify([zoom, !!actor, f.bbox ?? null, f.product ?? null, f.certification?.toUpperCase() ?? null, f.harvestFrom ?? null, f.harvestTo ?? null, f.provinceCode ?? null]);
    const cached = this.supplyAnswers.get(key, version);
    if (cached) return cached;
    const layer = zoom >= SUPPLY_CLUSTER_MAX_ZOOM ? await this.supplyLots(actor, f, zoom, version) : await this.supplyClusters(actor, f, zoom, version);
    const answer = new CachedAnswer(layer);
    this.supplyAnswers.set(key, version, answer);
    return answer;
  }

  /** One marker per lot: picked from the snapshot (largest remaining volume first), then read with their names. */
  private async supplyLots(actor: Actor | null, f: SupplyMapFilter, zoom: number, version: number): Promise<MapLayer<Point>> {
    const picked = this.gridFor(f, SUPPLY_CLUSTER_MAX_ZOOM, version)
      .lotsIn(f.bbox)
      .sort((a, b) => b.remainingKg - a.remainingKg || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const truncated = picked.length > MAP_FEATURE_LIMIT;
    const ids = picked.slice(0, MAP_FEATURE_LIMIT).map((l) => l.id);
    // Still open when read: a lot withdrawn since the snapshot's last sync is left out, not shown stale.
    const rows = ids.length ? await this.lotRows(`WHERE l.id = ANY($1::uuid[]) AND l.status = 'open' AND l.remaining_kg > 0`, [ids], ids.length) : [];
    return {
      type: 'FeatureCollection',
      zoom,
      clustered: false,
      truncated,
      features: rows.map((r) => lotFeature(r, !!actor)),
    };
  }

  /** Cells of the open lots that pass the filter (the view aside), at a zoom's cell size, per snapshot version. */
  private gridFor(f: SupplyMapFilter, zoom: number, version: number): CellGrid {
    const { bbox: _bbox, ...filter } = f;
    const key = JSON.stringify([zoom, filter.product ?? null, filter.certification?.toUpperCase() ?? null, filter.harvestFrom ?? null, filter.harvestTo ?? null, filter.provinceCode ?? null]);
    let grid = this.grids.get(key, version);
    if (!grid) {
      grid = new CellGrid(this.snapshot.values(), openLotMatcher(filter), degreesPerPixel(zoom) * CLUSTER_CELL_PX);
      this.grids.set(key, version, grid);
    }
    return grid;
  }

  /** Grid clusters over the snapshot (one pass in memory); a lone lot in its cell is drawn as itself. */
  private async supplyClusters(actor: Actor | null, f: SupplyMapFilter, zoom: number, version: number): Promise<MapLayer<Point>> {
    const cells = this.gridFor(f, zoom, version).query(f.bbox);
    const truncated = cells.length > MAP_FEATURE_LIMIT;
    const kept = cells.slice(0, MAP_FEATURE_LIMIT);
    const singles = kept.filter((c) => c.n === 1).map((c) => c.id);
    const lots = singles.length ? await this.lotRows('WHERE l.id = ANY($1::uuid[])', [singles], singles.length) : [];
    const byId = new Map(lots.map((r) => [r.id, r]));
    const features: Feature<Point>[] = kept.map((c) => {
      const lot = c.n === 1 ? byId.get(c.id) : undefined;
      if (lot) return lotFeature(lot, !!actor);
      return {
        type: 'Feature',
        id: `cluster:${c.id}`,
        geometry: point(c.lng, c.lat),
        properties: { cluster: true, pointCount: c.n, remainingKg: c.remainingKg },
      };
    });
    return { type: 'FeatureCollection', zoom, clustered: true, truncated, features };
  }

  async productionAreas(f: ProductionAreaMapFilter): Promise<MapLayer> {
    const zoom = resolveZoom(f);
    const w = new Where();
    if (f.bbox) w.add('a.boundary && ST_MakeEnvelope(?, ?, ?, ?, 4326)', f.bbox.minLng, f.bbox.minLat, f.bbox.maxLng, f.bbox.maxLat);
    if (f.product) w.add('a.product_code = ?', f.product);
    const tol = `${w.param(simplifyTolerance(zoom))}::float8`;
    const rows: any[] = await this.dataSource.query(
      `SELECT a.id, a.product_code, p.name_vi, p.name_en, a.name, a.area_ha::float8 AS area_ha, a.certifications,
              a.growing_area_code, a.province_code, a.cooperative_id, c.name AS cooperative_name,
              ST_AsGeoJSON(CASE WHEN ${tol} > 0 THEN ST_SimplifyPreserveTopology(a.boundary, ${tol}) ELSE a.boundary END, 6)::json AS geom
         FROM production_areas a
         JOIN cooperatives c ON c.id = a.cooperative_id
         JOIN products p ON p.code = a.product_code
         ${w}
        ORDER BY a.area_ha DESC, a.id
        LIMIT ${MAP_FEATURE_LIMIT + 1}`,
      w.params,
    );
    return {
      type: 'FeatureCollection',
      zoom,
      truncated: rows.length > MAP_FEATURE_LIMIT,
      features: rows.slice(0, MAP_FEATURE_LIMIT).map((r) => ({
        type: 'Feature',
        id: r.id,
        geometry: r.geom,
        properties: {
          id: r.id,
          product: r.product_code,
          productNameVi: r.name_vi,
          productNameEn: r.name_en,
          name: r.name,
          areaHa: Number(r.area_ha),
          certifications: r.certifications ?? [],
          growingAreaCode: r.growing_area_code,
          provinceCode: r.province_code,
          cooperativeId: r.cooperative_id,
          cooperativeName: r.cooperative_name,
        },
      })),
    };
  }

  async buyers(actor: Actor | null, f: BuyerMapFilter): Promise<MapLayer<Point>> {
    const w = new Where();
    w.add('b.location IS NOT NULL');
    pointInBbox(w, 'b.location', f.bbox);
    if (f.type) w.add('b.type = ?', f.type);
    const rows: any[] = await this.dataSource.query(
      `SELECT b.id, b.type, b.name, b.province_code, b.address, b.products_wanted, b.demand_is_illustrative,
              b.contact_name, b.contact_phone, b.contact_email,
              ST_X(b.location::geometry) AS lng, ST_Y(b.location::geometry) AS lat
         FROM buyers b
         ${w}
        ORDER BY b.name, b.id
        LIMIT ${MAP_FEATURE_LIMIT + 1}`,
      w.params,
    );
    return {
      type: 'FeatureCollection',
      truncated: rows.length > MAP_FEATURE_LIMIT,
      features: rows.slice(0, MAP_FEATURE_LIMIT).map((r) => ({
        type: 'Feature',
        id: r.id,
        geometry: point(r.lng, r.lat),
        properties: {
          id: r.id,
          type: r.type,
          name: r.name,
          provinceCode: r.province_code,
          address: r.address,
          productsWanted: r.products_wanted ?? [],
          demandIsIllustrative: r.demand_is_illustrative,
          ...(actor ? contactOf(r) : {}),
        },
      })),
    };
  }

  async zones(f: ZoneMapFilter): Promise<MapLayer> {
    const zoom = resolveZoom(f);
    const w = new Where();
    // A zone declared by communes alone has no shape to draw (communes carry no boundary here).
    w.add('z.boundary IS NOT NULL');
    if (f.bbox) w.add('z.boundary && ST_MakeEnvelope(?, ?, ?, ?, 4326)', f.bbox.minLng, f.bbox.minLat, f.bbox.maxLng, f.bbox.maxLat);
    if (f.activeOn) w.add('(z.active_from IS NULL OR z.active_from <= ?::date) AND (z.active_to IS NULL OR z.active_to >= ?::date)', f.activeOn, f.activeOn);
    const tol = `${w.param(simplifyTolerance(zoom))}::float8`;
    const rows: any[] = await this.dataSource.query(
      `SELECT z.id, z.code, z.name, z.restricted,
              to_char(z.active_from, 'YYYY-MM-DD') AS active_from, to_char(z.active_to, 'YYYY-MM-DD') AS active_to,
              ST_AsGeoJSON(CASE WHEN ${tol} > 0 THEN ST_SimplifyPreserveTopology(z.boundary, ${tol}) ELSE z.boundary END, 6)::json AS geom
         FROM zones z
         ${w}
        ORDER BY z.code
        LIMIT ${MAP_FEATURE_LIMIT}`,
      w.params,
    );
    return {
      type: 'FeatureCollection',
      zoom,
      features: rows.map((r) => ({
        type: 'Feature',
        id: r.id,
        geometry: r.geom,
        properties: { id: r.id, code: r.code, name: r.name, restricted: r.restricted, activeFrom: r.active_from, activeTo: r.active_to },
      })),
    };
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
    const key = JSON.stringify([limit, offset, f.product ?? null, f.q ?? null]);
    const cached = this.listAnswers.get(key, version);
    if (cached) return cached;
    const w = new Where();
    w.add(`l.status = 'open'`).add('l.remaining_kg > 0');
    if (f.product) w.add('l.product_code = ?', f.product);
    if (f.q) w.add(`(c.search_text LIKE ? ESCAPE '\\' OR p.search_text LIKE ? ESCAPE '\\')`, likePattern(f.q), likePattern(f.q));
    const [total, rows] = await Promise.all([this.countOpenLots(f), this.lotRows(w.toString(), w.params, limit, offset, 'l.harvest_from, l.id')]);
    const page: Page<SupplyListItem> = {
      items: rows.map((r) => ({
        id: r.id,
        product: r.product_code,
        productNameVi: r.name_vi,
        productNameEn: r.name_en,
        cooperativeId: r.cooperative_id,
        cooperativeName: r.cooperative_name,
        quantityKg: Number(r.quantity_kg),
        remainingKg: Number(r.remaining_kg),
        askVndPerKg: r.ask_vnd_per_kg,
        harvestFrom: r.harvest_from,
        harvestTo: r.harvest_to,
        certifications: r.certifications ?? [],
        provinceCode: r.province_code,
        location: { lat: round6(r.lat), lng: round6(r.lng) },
        note: r.note,
      })),
      total,
      limit,
      offset,
    };
    const answer = new CachedAnswer(page);
    this.listAnswers.set(key, version, answer);
    return answer;
  }

  /** The list's exact total, counted over the snapshot of open lots instead of a scan per page. */
  private async countOpenLots(f: SupplyListFilter): Promise<number> {
    let matches = (l: { productCode: string; cooperativeId: string }) => !f.product || l.productCode === f.product;
    if (f.q) {
      // The names searched live in two small tables: find the matching ones, then count their lots.
      const [m]: Array<{ coops: string[]; products: string[] }> = await this.dataSource.query(
        `SELECT ARRAY(SELECT c.id::text FROM cooperatives c WHERE c.search_text LIKE $1 ESCAPE '\\') AS coops,
                ARRAY(SELECT p.code FROM products p WHERE p.search_text LIKE $1 ESCAPE '\\') AS products`,
        [likePattern(f.q)],
      );
      const coops = new Set(m.coops);
      const products = new Set(m.products);
      const byProduct = matches;
      matches = (l) => byProduct(l) && (coops.has(l.cooperativeId) || products.has(l.productCode));
    }
    let n = 0;
    for (const l of this.snapshot.values()) if (matches(l)) n++;
    return n;
  }

  private lotRows(where: string, params: unknown[], limit: number, offset = 0, orderBy = 'l.remaining_kg DESC, l.id'): Promise<LotRow[]> {
    return this.dataSource.query(
      `SELECT l.id, l.product_code, p.name_vi, p.name_en, l.quantity_kg::text AS quantity_kg, l.remaining_kg::text AS remaining_kg,
              l.ask_vnd_per_kg, to_char(l.harvest_from, 'YYYY-MM-DD') AS harvest_from, to_char(l.harvest_to, 'YYYY-MM-DD') AS harvest_to,
              l.certifications, l.cooperative_id, c.name AS cooperative_name, c.contact_name, c.contact_phone, c.contact_email,
              l.province_code, l.production_area_id, l.note, l.green_lane,
              ST_X(l.location::geometry) AS lng, ST_Y(l.location::geometry) AS lat
         FROM supply_lots l
         JOIN cooperatives c ON c.id = l.cooperative_id
         JOIN products p ON p.code = l.product_code
         ${where}
        ORDER BY ${orderBy}
        LIMIT ${Math.floor(limit)} OFFSET ${Math.floor(offset)}`,
      params,
    );
  }
}

interface LotRow {
  id: string;
  product_code: string;
  name_vi: string;
  name_en: string;
  quantity_kg: string;
  remaining_kg: string;
  ask_vnd_per_kg: number;
  harvest_from: string;
  harvest_to: string;
  certifications: string[] | null;
  cooperative_id: string;
  cooperative_name: string;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  province_code: string | null;
  production_area_id: string | null;
  note: string | null;
  green_lane: boolean;
  lng: number;
  lat: number;
}

function lotFeature(r: LotRow, signedIn: boolean): Feature<Point> {
  return {
    type: 'Feature',
    id: r.id,
    geometry: point(r.lng, r.lat),
    properties: {
      cluster: false,
      id: r.id,
      product: r.product_code,
      productNameVi: r.name_vi,
      productNameEn: r.name_en,
      quantityKg: Number(r.quantity_kg),
      remainingKg: Number(r.remaining_kg),
      askVndPerKg: r.ask_vnd_per_kg,
      harvestFrom: r.harvest_from,
      harvestTo: r.harvest_to,
      certifications: r.certifications ?? [],
      cooperativeId: r.cooperative_id,
      cooperativeName: r.cooperative_name,
      productionAreaId: r.production_area_id,
      provinceCode: r.province_code,
      greenLane: r.green_lane,
      note: r.note,
      ...(signedIn ? contactOf(r) : {}),
    },
  };
}

function contactOf(r: { contact_name: string | null; contact_phone: string | null; contact_email: string | null }) {
  const contact = { name: r.contact_name, phone: r.contact_phone, email: r.contact_email };
  return { contact, contactName: r.contact_name, contactPhone: r.contact_phone, contactEmail: r.contact_email };
}

function resolveZoom(f: MapView): number {
  if (f.zoom !== undefined) return f.zoom;
  return f.bbox ? zoomForBbox(f.bbox) : 6;
}

/** Half a pixel at this zoom: detail smaller than that cannot be seen; none from zoom 16. */
function simplifyTolerance(zoom: number): number {
  return zoom >= 16 ? 0 : degreesPerPixel(zoom) / 2;
}

/**
 * Uses the GiST index on the geography column with a padded box, then an exact test
 * in degrees: a geography box has geodesic edges, which bow away from the lat/lng
 * rectangle, so the padding keeps points near its edges.
 */
function pointInBbox(w: Where, column: string, bbox: Bbox | undefined): void {
  if (!bbox) return;
  const padLng = (bbox.maxLng - bbox.minLng) * 0.1 + 0.001;
  const padLat = (bbox.maxLat - bbox.minLat) * 0.1 + 0.001;
  w.add(
    `${column} && ST_MakeEnvelope(?, ?, ?, ?, 4326)::geography`,
    Math.max(-180, bbox.minLng - padLng),
    Math.max(-90, bbox.minLat - padLat),
    Math.min(180, bbox.maxLng + padLng),
    Math.min(90, bbox.maxLat + padLat),
  );
  w.add(`ST_X(${column}::geometry) BETWEEN ? AND ?`, bbox.minLng, bbox.maxLng);
  w.add(`ST_Y(${column}::geometry) BETWEEN ? AND ?`, bbox.minLat, bbox.maxLat);
}
