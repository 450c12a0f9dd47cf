const EARTH_RADIUS_KM = 6371.0088;
const DEG = Math.PI / 180;

/** Great-circle distance in km (haversine). Road km multiply it by the road factor. */
export function haversineKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const sLat = Math.sin((lat2 - lat1) * DEG * 0.5);
  const sLng = Math.sin((lng2 - lng1) * DEG * 0.5);
  const a = sLat * sLat + Math.cos(lat1 * DEG) * Math.cos(lat2 * DEG) * sLng * sLng;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}
