import type { Point, Polygon, MultiPolygon } from 'geojson';
import { isInVietnamTerritory } from './territory/vietnam-territory';

/** A point crosses the REST API as {lat, lng}; PostGIS stores GeoJSON order [lng, lat]. */
export interface LatLng {
  lat: number;
  lng: number;
}

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
 * On Việt Nam's land or islands: the outline the web map draws plus a small
 * buffer, and the islands too small for it (see territory/vietnam-territory.ts).
 */
export function isInVietnam(p: LatLng): boolean {
  return isInVietnamTerritory(p);
}
