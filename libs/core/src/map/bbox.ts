/** A view's bounding box in WGS 84 degrees, as `minLng,minLat,maxLng,maxLat` in query strings. */
export interface Bbox {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Parses `minLng,minLat,maxLng,maxLat`; answers the reason when the text is not a usable box.
 * A box 180° wide or more is the whole world (`world: true`): PostGIS's geography cannot
 * hold such an envelope (antipodal edges), and a map zoomed out that far means "everywhere".
 */
export function parseBbox(text: unknown): { bbox: Bbox; world: boolean } | { error: string } {
  if (typeof text !== 'string') return { error: 'bbox must be minLng,minLat,maxLng,maxLat' };
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length !== 4 || parts.some((p) => !NUMBER.test(p) || p.length > 40)) {
    return { error: 'bbox must be four numbers: minLng,minLat,maxLng,maxLat' };
  }
  const [minLng, minLat, maxLng, maxLat] = parts.map(Number);
  if (!(minLng < maxLng) || !(minLat < maxLat)) return { error: 'bbox must have minLng < maxLng and minLat < maxLat' };
  if (maxLng - minLng >= 180) return { bbox: { minLng: -180, minLat: -90, maxLng: 180, maxLat: 90 }, world: true };
  if ([minLng, maxLng].some((x) => x < -180 || x > 180)) return { error: 'bbox longitudes must be within -180..180' };
  if ([minLat, maxLat].some((y) => y < -90 || y > 90)) return { error: 'bbox latitudes must be within -90..90' };
  return { bbox: { minLng, minLat, maxLng, maxLat }, world: false };
}

/**
 * The web-map zoom that shows a box about 1000 px wide, for callers that send no
 * zoom: clustering and simplification then follow the box they asked for.
 */
export function zoomForBbox(b: Bbox): number {
  const width = Math.max(b.maxLng - b.minLng, 1e-9);
  return Math.max(0, Math.min(22, Math.round(Math.log2((360 * 1000) / (256 * width)))));
}

/** Degrees that one screen pixel spans at a web-map zoom (at the equator; good enough to size cells and tolerances). */
export function degreesPerPixel(zoom: number): number {
  return 360 / (256 * 2 ** zoom);
}
