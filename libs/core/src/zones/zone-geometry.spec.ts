import { geoJsonAreaProblem } from './zone-geometry';

const ring = [
  [105.0, 10.0],
  [105.1, 10.0],
  [105.1, 10.1],
  [105.0, 10.1],
  [105.0, 10.0],
];

describe('geoJsonAreaProblem', () => {
  it.each([
    ['a polygon', { type: 'Polygon', coordinates: [ring] }],
    ['a multipolygon', { type: 'MultiPolygon', coordinates: [[ring]] }],
  ])('accepts %s', (_label, g) => {
    expect(geoJsonAreaProblem(g)).toBeNull();
  });

  it.each([
    ['a string', 'POLYGON((0 0))', /object/],
    ['a point', { type: 'Point', coordinates: [105, 10] }, /type must be/],
    ['an open ring', { type: 'Polygon', coordinates: [ring.slice(0, 4)] }, /not closed/],
    ['a short ring', { type: 'Polygon', coordinates: [[ring[0], ring[1], ring[0]]] }, /at least 4/],
    ['text positions', { type: 'Polygon', coordinates: [[['a', 'b'], ...ring]] }, /\[lng, lat\]/],
    [
      'positions outside Vietnam',
      { type: 'Polygon', coordinates: [ring.map(([x, y]) => [x - 100, y])] },
      /outside Vietnam/,
    ],
    ['swapped lat/lng', { type: 'Polygon', coordinates: [ring.map(([x, y]) => [y, x])] }, /outside Vietnam/],
    ['an empty multipolygon', { type: 'MultiPolygon', coordinates: [] }, /non-empty/],
    ['extra members', { type: 'Polygon', coordinates: [ring], properties: {} }, /unexpected/],
  ])('rejects %s with a reason', (_label, g, reason) => {
    expect(geoJsonAreaProblem(g)).toMatch(reason);
  });
});
