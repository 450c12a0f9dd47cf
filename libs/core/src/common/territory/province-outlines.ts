import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LatLng } from '../lat-lng';
import { findWebOutlineFile } from './vietnam-territory';

/**
 * Which province a point lies in, from the outlines the web map draws: the 34 current provinces
 * (apps/web/src/assets/vietnam-provinces.json, built as unions of the old ones) and the 63
 * pre-2025 ones (vietnam-provinces-2024.json). Commune boundaries and seats are known for part
 * of the country only; the province is known everywhere.
 */
export type OutlineEra = 'current' | 'pre2025';

interface ProvinceOutline {
  code: string;
  polygons: number[][][][];
  box: [number, number, number, number];
}

const FILES: Record<OutlineEra, { file: string; kind: string }> = {
  current: { file: 'vietnam-provinces.json', kind: 'province' },
  pre2025: { file: 'vietnam-provinces-2024.json', kind: 'province-2024' },
};
const cache = new Map<OutlineEra, ProvinceOutline[]>();

function outlines(era: OutlineEra): ProvinceOutline[] {
  const hit = cache.get(era);
  if (hit) return hit;
  const path = join(dirname(findWebOutlineFile()), FILES[era].file);
  const fc = JSON.parse(readFileSync(path, 'utf8')) as {
    features: Array<{
      properties: { kind?: string; code?: string };
      geometry: { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
    }>;
  };
  const list = fc.features
    .filter((f) => f.properties.kind === FILES[era].kind && f.properties.code)
    .map((f) => {
      const polygons: number[][][][] =
        f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates : [f.geometry.coordinates];
      const xs = polygons.flatMap((p) => p[0].map((c) => c[0]));
      const ys = polygons.flatMap((p) => p[0].map((c) => c[1]));
      return {
        code: f.properties.code ?? '',
        polygons,
        box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as [number, number, number, number],
      };
    });
  cache.set(era, list);
  return list;
}

function inRing(ring: number[][], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** GSO code of the province whose outline holds the point; null off every outline (sea, a tiny island). */
export function provinceCodeAt(p: LatLng, era: OutlineEra = 'current'): string | null {
  for (const o of outlines(era)) {
    if (p.lng < o.box[0] || p.lng > o.box[2] || p.lat < o.box[1] || p.lat > o.box[3]) continue;
    if (
      o.polygons.some(([outer, ...holes]) => inRing(outer, p.lng, p.lat) && !holes.some((h) => inRing(h, p.lng, p.lat)))
    )
      return o.code;
  }
  return null;
}
