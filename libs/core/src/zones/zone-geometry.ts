import type { MultiPolygon, Polygon } from 'geojson';
import { isInVietnam } from '../common/geo';

/**
 * Checks a client's GeoJSON Polygon/MultiPolygon before PostGIS sees it, so a
 * malformed shape is a field error with a reason rather than a failed query.
 * Returns the reason, or null when the structure is sound (validity such as
 * self-intersection is PostGIS's call: ST_IsValid).
 */
export function geoJsonAreaProblem(value: unknown): string | null {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return 'must be a GeoJSON Polygon or MultiPolygon object';
  const g = value as { type?: unknown; coordinates?: unknown };
  const extra = Object.keys(g).filter((k) => k !== 'type' && k !== 'coordinates' && k !== 'bbox' && k !== 'crs');
  if (extra.length) return `unexpected member(s) ${extra.join(', ')}`;
  if (g.type === 'Polygon') return polygonProblem(g.coordinates, '');
  if (g.type === 'MultiPolygon') {
    if (!Array.isArray(g.coordinates) || g.coordinates.length === 0)
      return 'coordinates must be a non-empty array of polygons';
    if (g.coordinates.length > 1000) return 'too many polygons (at most 1000)';
    for (let i = 0; i < g.coordinates.length; i++) {
      const p = polygonProblem(g.coordinates[i], `polygon ${i}: `);
      if (p) return p;
    }
    return null;
  }
  return 'type must be "Polygon" or "MultiPolygon"';
}

export function isAreaGeometry(value: unknown): value is Polygon | MultiPolygon {
  return geoJsonAreaProblem(value) === null;
}

function polygonProblem(rings: unknown, prefix: string): string | null {
  if (!Array.isArray(rings) || rings.length === 0)
    return `${prefix}coordinates must be a non-empty array of linear rings`;
  if (rings.length > 1000) return `${prefix}too many rings (at most 1000)`;
  for (let r = 0; r < rings.length; r++) {
    const ring: unknown = rings[r];
    const where = `${prefix}ring ${r}`;
    if (!Array.isArray(ring) || ring.length < 4) return `${where} must have at least 4 positions`;
    if (ring.length > 100_000) return `${where} has too many positions (at most 100000)`;
    for (const pos of ring) {
      if (
        !Array.isArray(pos) ||
        pos.length < 2 ||
        pos.length > 3 ||
        !pos.every((n) => typeof n === 'number' && Number.isFinite(n))
      ) {
        return `${where}: every position must be [lng, lat]`;
      }
      const [lng, lat] = pos as number[];
      if (!isInVietnam({ lat, lng }))
        return `${where}: position [${lng}, ${lat}] is outside Vietnam (positions are [lng, lat])`;
    }
    const first = ring[0] as number[];
    const last = ring[ring.length - 1] as number[];
    if (first[0] !== last[0] || first[1] !== last[1]) return `${where} is not closed (first and last positions differ)`;
  }
  return null;
}
