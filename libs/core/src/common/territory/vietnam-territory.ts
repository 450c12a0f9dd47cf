import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LatLng } from '../lat-lng';
import islandsFile from './vietnam-islands.json';

/**
 * Việt Nam's land and islands: the Natural Earth outline the web map draws
 * (apps/web/src/assets/vietnam-provinces.json, its `country` feature) with a
 * small buffer for the outline's 1:50m generalisation and coastal works, plus
 * islands too small for that outline (Thổ Châu, Trường Sa's features, …).
 * A bounding box took Phnom Penh and Vientiane for Việt Nam; this does not.
 */

/** Coastline and border generalisation of the 1:50m outline, and ponds and cages just off the shore. */
export const TERRITORY_BUFFER_KM = 5;

const WEB_ASSET = join('apps', 'web', 'src', 'assets', 'vietnam-provinces.json');

type Ring = number[][];
interface Part {
  outer: Ring;
  holes: Ring[];
  minLng: number;
  maxLng: number;
  minLat: number;
  maxLat: number;
}
interface Island {
  name: string;
  lat: number;
  lng: number;
  radiusKm: number;
}

let parts: Part[] | null = null;
const islands: Island[] = (islandsFile as { islands: Island[] }).islands;

/** The web app's asset, found from this file upwards (source tree, dist/ build, or the image's /app). */
export function findWebOutlineFile(from = __dirname): string {
  let dir = from;
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, WEB_ASSET);
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new Error(`Việt Nam outline not found: ${WEB_ASSET} above ${from}`);
}

function outlineParts(): Part[] {
  if (parts) return parts;
  const fc = JSON.parse(readFileSync(findWebOutlineFile(), 'utf8')) as {
    features: Array<{ properties?: { kind?: string }; geometry: { type: string; coordinates: unknown } }>;
  };
  const country = fc.features.find((f) => f.properties?.kind === 'country');
  if (!country) throw new Error('Việt Nam outline: no country feature');
  const polygons =
    country.geometry.type === 'MultiPolygon'
      ? (country.geometry.coordinates as Ring[][])
      : [country.geometry.coordinates as Ring[]];
  parts = polygons.map(([outer, ...holes]) => {
    const lngs = outer.map((c) => c[0]);
    const lats = outer.map((c) => c[1]);
    return {
      outer,
      holes,
      minLng: Math.min(...lngs),
      maxLng: Math.max(...lngs),
      minLat: Math.min(...lats),
      maxLat: Math.max(...lats),
    };
  });
  return parts;
}

function inRing(ring: Ring, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const KM_PER_DEG_LAT = 111.32;

/** Distance in km from a point to a ring's edges, on a local equirectangular plane (fine at a few km). */
function kmToRing(ring: Ring, p: LatLng): number {
  const kx = KM_PER_DEG_LAT * Math.cos((p.lat * Math.PI) / 180);
  let best = Infinity;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const ax = (ring[j][0] - p.lng) * kx;
    const ay = (ring[j][1] - p.lat) * KM_PER_DEG_LAT;
    const bx = (ring[i][0] - p.lng) * kx;
    const by = (ring[i][1] - p.lat) * KM_PER_DEG_LAT;
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2)) : 0;
    const d = Math.hypot(ax + t * dx, ay + t * dy);
    if (d < best) best = d;
  }
  return best;
}

export function kmBetween(a: LatLng, b: LatLng): number {
  const r = 6371.0088;
  const f1 = (a.lat * Math.PI) / 180;
  const f2 = (b.lat * Math.PI) / 180;
  const df = f2 - f1;
  const dl = ((b.lng - a.lng) * Math.PI) / 180;
  const h = Math.sin(df / 2) ** 2 + Math.cos(f1) * Math.cos(f2) * Math.sin(dl / 2) ** 2;
  return 2 * r * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** True for a point on Việt Nam's land or islands (outline + buffer, or a listed island). */
export function isInVietnamTerritory(p: LatLng, bufferKm = TERRITORY_BUFFER_KM): boolean {
  if (!Number.isFinite(p.lat) || !Number.isFinite(p.lng)) return false;
  const padLat = bufferKm / KM_PER_DEG_LAT;
  const padLng = bufferKm / (KM_PER_DEG_LAT * Math.max(0.1, Math.cos((p.lat * Math.PI) / 180)));
  for (const part of outlineParts()) {
    if (
      p.lng < part.minLng - padLng ||
      p.lng > part.maxLng + padLng ||
      p.lat < part.minLat - padLat ||
      p.lat > part.maxLat + padLat
    )
      continue;
    if (inRing(part.outer, p.lng, p.lat) && !part.holes.some((h) => inRing(h, p.lng, p.lat))) return true;
    if (bufferKm > 0 && kmToRing(part.outer, p) <= bufferKm) return true;
  }
  return islands.some((i) => kmBetween(p, i) <= i.radiusKm);
}
