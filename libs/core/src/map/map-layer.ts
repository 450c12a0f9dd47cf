import type { FeatureCollection, Geometry, Point } from 'geojson';
import { SqlParams } from '../common/sql-params';
import { Bbox, degreesPerPixel, zoomForBbox } from './bbox';

/** Below this zoom supply lots are grouped into grid cells; from it on every lot is its own marker. */
export const SUPPLY_CLUSTER_MAX_ZOOM = 14;
/** A safety cap on the features one answer carries; `truncated` tells the client it hit it. */
export const MAP_FEATURE_LIMIT = 5000;

export interface MapView {
  bbox?: Bbox;
  zoom?: number;
}

/** A map layer: a GeoJSON FeatureCollection, `[lng, lat]`, with foreign members saying how it was cut. */
export interface MapLayer<G extends Geometry = Geometry> extends FeatureCollection<G> {
  zoom?: number;
  clustered?: boolean;
  truncated?: boolean;
}

export const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
export const point = (lng: number, lat: number): Point => ({ type: 'Point', coordinates: [round6(lng), round6(lat)] });

export interface ContactColumns {
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
}

/** A party's contact, shown to signed-in callers only (both the nested and the flat form the web app reads). */
export function contactOf(r: ContactColumns) {
  const contact = { name: r.contact_name, phone: r.contact_phone, email: r.contact_email };
  return { contact, contactName: r.contact_name, contactPhone: r.contact_phone, contactEmail: r.contact_email };
}

export function resolveZoom(f: MapView): number {
  if (f.zoom !== undefined) return f.zoom;
  return f.bbox ? zoomForBbox(f.bbox) : 6;
}

/** Half a pixel at this zoom: detail smaller than that cannot be seen; none from zoom 16. */
export function simplifyTolerance(zoom: number): number {
  return zoom >= 16 ? 0 : degreesPerPixel(zoom) / 2;
}

/** SQL: a polygon column simplified to the zoom's half pixel, as GeoJSON. */
export function simplifiedGeoJsonSql(column: string, zoom: number, sql: SqlParams): string {
  const tol = `${sql.param(simplifyTolerance(zoom))}::float8`;
  return `ST_AsGeoJSON(CASE WHEN ${tol} > 0 THEN ST_SimplifyPreserveTopology(${column}, ${tol}) ELSE ${column} END, 6)::json`;
}

/** SQL: a polygon column meets the view. */
export function polygonInBboxSql(column: string, bbox: Bbox, sql: SqlParams): string {
  return `${column} && ST_MakeEnvelope(${sql.param(bbox.minLng)}, ${sql.param(bbox.minLat)}, ${sql.param(bbox.maxLng)}, ${sql.param(bbox.maxLat)}, 4326)`;
}

/**
 * SQL: a geography point column in the view. Uses the GiST index with a padded box, then an exact
 * test in degrees: a geography box has geodesic edges, which bow away from the lat/lng rectangle,
 * so the padding keeps points near its edges.
 */
export function pointInBboxSql(column: string, bbox: Bbox, sql: SqlParams): string[] {
  const padLng = (bbox.maxLng - bbox.minLng) * 0.1 + 0.001;
  const padLat = (bbox.maxLat - bbox.minLat) * 0.1 + 0.001;
  const envelope = [
    Math.max(-180, bbox.minLng - padLng),
    Math.max(-90, bbox.minLat - padLat),
    Math.min(180, bbox.maxLng + padLng),
    Math.min(90, bbox.maxLat + padLat),
  ];
  return [
    `${column} && ST_MakeEnvelope(${envelope.map((v) => sql.param(v)).join(', ')}, 4326)::geography`,
    `ST_X(${column}::geometry) BETWEEN ${sql.param(bbox.minLng)} AND ${sql.param(bbox.maxLng)}`,
    `ST_Y(${column}::geometry) BETWEEN ${sql.param(bbox.minLat)} AND ${sql.param(bbox.maxLat)}`,
  ];
}
