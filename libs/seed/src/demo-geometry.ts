import type { Polygon } from 'geojson';

/** Deterministic PRNG (mulberry32) seeded from a string, so each demo row has its own stable stream. */
export function prng(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [min, max]. */
export function randInt(rand: () => number, min: number, max: number): number {
  return min + Math.floor(rand() * (max - min + 1));
}

const M_PER_DEG_LAT = 111_320;
const mPerDegLng = (lat: number) => M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180);

/** Moves a point by metres east/north. */
export function offsetPoint(lat: number, lng: number, eastM: number, northM: number): { lat: number; lng: number } {
  return { lat: lat + northM / M_PER_DEG_LAT, lng: lng + eastM / mPerDegLng(lat) };
}

/**
 * A closed polygon of `sides` vertices around a centre whose planar area is
 * `areaM2` (a regular polygon, slightly rotated), coordinates [lng, lat] rounded to 1e-6.
 */
export function polygonAround(lat: number, lng: number, areaM2: number, sides: number, rotation = 0): Polygon {
  // Area of a regular n-gon of circumradius r: n/2 · r² · sin(2π/n).
  const r = Math.sqrt((2 * areaM2) / (sides * Math.sin((2 * Math.PI) / sides)));
  const ring: number[][] = [];
  for (let i = 0; i < sides; i++) {
    const a = rotation + (2 * Math.PI * i) / sides;
    const p = offsetPoint(lat, lng, r * Math.cos(a), r * Math.sin(a));
    ring.push([round6(p.lng), round6(p.lat)]);
  }
  ring.push([...ring[0]]);
  return { type: 'Polygon', coordinates: [ring] };
}

/** A circle-like polygon of a given radius (lockdown zones around a district). */
export function circleAround(lat: number, lng: number, radiusM: number, sides = 24): Polygon {
  return polygonAround(lat, lng, (sides / 2) * radiusM * radiusM * Math.sin((2 * Math.PI) / sides), sides);
}

/** Ray casting on the outer ring; fine for the small convex demo polygons. */
export function pointInPolygon(lat: number, lng: number, polygon: Polygon): boolean {
  const ring = polygon.coordinates[0];
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
