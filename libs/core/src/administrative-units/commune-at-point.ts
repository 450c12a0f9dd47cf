/**
 * The one rule for the current commune a point lies in: the commune whose boundary holds it,
 * else the nearest known commune seat within SEAT_REACH_KM, else none. Reports count lots by it
 * and the map's reverse lookup (GET /administrative-units/resolve) answers with it.
 */

/** Farther than this from every known seat, a point keeps its owner's commune (seats are known for part of the country). */
export const SEAT_REACH_KM = 40;

/** SQL: the current commune where `point` (a geometry, SRID 4326) lies, else `fallback`. */
export function communeAtSql(point: string, fallback: string): string {
  return `COALESCE(
    (SELECT u.id FROM administrative_units u
      WHERE u.boundary IS NOT NULL AND u.era = 'current' AND u.level = 'commune' AND ST_Covers(u.boundary, ${point})
      ORDER BY u.id LIMIT 1),
    (SELECT u.id FROM administrative_units u
      WHERE u.seat IS NOT NULL AND u.era = 'current' AND u.level = 'commune' AND ST_DWithin(u.seat, (${point})::geography, ${SEAT_REACH_KM * 1000})
      ORDER BY u.seat <-> (${point})::geography, u.id LIMIT 1),
    ${fallback})`;
}
