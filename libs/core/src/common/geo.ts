import type { Point, Polygon, MultiPolygon } from 'geojson';
import { isInVietnamTerritory } from './territory/vietnam-territory';

/** A point crosses the REST API as {lat, lng}; PostGIS stores GeoJSON order [lng, lat]. */
export type { LatLng } from './lat-lng';
import type { LatLng } from './lat-lng';

export function toPoint(p: LatLng): Point {
  return { type: 'Point', coordinates: [p.lng, p.lat] };
}

export function fromPoint(p: Point | null | undefined): LatLng | null {
  if (!p || !Array.isArray(p.coordinates)) return null;
  return { lat: round6(p.coordinates[1]), lng: round6(p.coordinates[0]) };
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export type AreaGeometry = Polygon | MultiPolygon;

/**
 * The envelope of Việt Nam's mainland, islands and sea, Phú Quốc to Trường Sa: only for the
 * vertices of drawn polygons (zones, fields), which may cross a shore. A location (a point)
 * must be on the land or islands: isOnVietnamTerritory.
 */
export const VIETNAM_BOUNDS = { minLat: 6.0, maxLat: 23.6, minLng: 102.0, maxLng: 117.5 };

export function isInVietnam(p: LatLng): boolean {
  return (
    p.lat >= VIETNAM_BOUNDS.minLat &&
    p.lat <= VIETNAM_BOUNDS.maxLat &&
    p.lng >= VIETNAM_BOUNDS.minLng &&
    p.lng <= VIETNAM_BOUNDS.maxLng
  );
}

/**
 * On Việt Nam's land or islands: the outline the web map draws plus a small buffer, and the
 * islands too small for it (territory/vietnam-territory.ts). Phnom Penh and Vientiane are not.
 */
export function isOnVietnamTerritory(p: LatLng): boolean {
  return isInVietnamTerritory(p);
}
