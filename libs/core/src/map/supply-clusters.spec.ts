import { CellGrid, gridCluster, openLotMatcher } from './supply-clusters';
import type { OpenLot } from './supply-lot-snapshot';
import { VersionedCache } from './versioned-cache';

const lot = (id: string, lng: number, lat: number, o: Partial<OpenLot> = {}): OpenLot => ({
  id,
  lng,
  lat,
  remainingKg: 1000,
  productCode: 'LUA_ST',
  certifications: ['VIETGAP'],
  harvestFrom: '2026-12-01',
  harvestTo: '2026-12-15',
  provinceCode: '91',
  cooperativeId: 'c1',
  ...o,
});

describe('gridCluster', () => {
  it('groups lots by cell with their count, volume, mean position and smallest id, largest cells first', () => {
    const lots = [
      lot('b', 105.01, 10.01, { remainingKg: 500 }),
      lot('a', 105.03, 10.03),
      lot('c', 105.51, 10.51),
      lot('d', 105.02, 10.02),
    ];
    const sut = gridCluster(lots, () => true, 0.1);
    expect(sut).toHaveLength(2);
    expect(sut[0]).toMatchObject({ n: 3, remainingKg: 2500, id: 'a' });
    expect(sut[0].lng).toBeCloseTo(105.02, 9);
    expect(sut[0].lat).toBeCloseTo(10.02, 9);
    expect(sut[1]).toEqual({ n: 1, remainingKg: 1000, lng: 105.51, lat: 10.51, id: 'c' });
  });

  it('orders cells of the same size by id', () => {
    const sut = gridCluster([lot('z', 1.05, 1.05), lot('y', 2.05, 2.05)], () => true, 1);
    expect(sut.map((c) => c.id)).toEqual(['y', 'z']);
  });
});

describe('openLotMatcher', () => {
  const l = lot('a', 105, 10, { certifications: ['VIETGAP', 'GLOBALGAP'] });
  it.each([
    [{}, true],
    [{ bbox: { minLng: 104, minLat: 9, maxLng: 105, maxLat: 10 } }, true],
    [{ bbox: { minLng: 105.1, minLat: 9, maxLng: 106, maxLat: 10 } }, false],
    [{ product: 'LUA_ST' }, true],
    [{ product: 'HO_TIEU' }, false],
    [{ certification: 'globalgap' }, true],
    [{ certification: 'ORGANIC' }, false],
    [{ harvestFrom: '2026-12-15' }, true],
    [{ harvestFrom: '2026-12-16' }, false],
    [{ harvestTo: '2026-12-01' }, true],
    [{ harvestTo: '2026-11-30' }, false],
    [{ provinceCode: '91' }, true],
    [{ provinceCode: '79' }, false],
  ])('applies %j → %s', (filter, expected) => {
    expect(openLotMatcher(filter)(l)).toBe(expected);
  });
});

describe('VersionedCache', () => {
  it('answers an entry only for its version and within its time to live', () => {
    let now = 0;
    const sut = new VersionedCache<string>(10, 1000, () => now);
    sut.set('k', 1, 'v');
    expect(sut.get('k', 1)).toBe('v');
    expect(sut.get('k', 2)).toBeUndefined();
    sut.set('k', 2, 'w');
    now = 1001;
    expect(sut.get('k', 2)).toBeUndefined();
  });

  it('drops the least recently used entry when full', () => {
    const sut = new VersionedCache<number>(2, 1000);
    sut.set('a', 1, 1);
    sut.set('b', 1, 2);
    sut.get('a', 1);
    sut.set('c', 1, 3);
    expect(sut.get('b', 1)).toBeUndefined();
    expect(sut.get('a', 1)).toBe(1);
    expect(sut.size).toBe(2);
  });
});

describe('CellGrid', () => {
  // A deterministic scatter of lots, some on cell edges, in and around the views below.
  const lots: OpenLot[] = [];
  let seed = 7;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let i = 0; i < 3000; i++) {
    const onEdge = i % 10 === 0;
    lots.push(
      lot(
        `id-${String(i).padStart(5, '0')}`,
        onEdge ? 104 + Math.floor(rnd() * 20) * 0.1 : 104 + rnd() * 2,
        9 + rnd() * 2,
        {
          remainingKg: 1 + Math.floor(rnd() * 1000),
          productCode: i % 3 ? 'LUA_ST' : 'HO_TIEU',
        },
      ),
    );
  }
  const views = [
    undefined,
    { minLng: 104.4, minLat: 9.55, maxLng: 105.55, maxLat: 10.55 },
    { minLng: 104.95, minLat: 9.9, maxLng: 105.1, maxLat: 10.0 },
    { minLng: 100, minLat: 0, maxLng: 110, maxLat: 20 },
    { minLng: 104.5, minLat: 9.5, maxLng: 104.6, maxLat: 9.6 },
  ];

  it.each([0.5, 0.1, 0.0123, 0.001])(
    'answers what gridCluster answers over the lots in view, cells of %s°',
    (cellDeg) => {
      const byProduct = (l: OpenLot) => l.productCode === 'LUA_ST';
      const sut = new CellGrid(lots, byProduct, cellDeg);
      for (const bbox of views) {
        const expected = gridCluster(lots, (l) => byProduct(l) && openLotMatcher({ bbox })(l), cellDeg);
        const actual = sut.query(bbox);
        expect(actual.map(({ n, remainingKg, id }) => ({ n, remainingKg, id }))).toEqual(
          expected.map(({ n, remainingKg, id }) => ({ n, remainingKg, id })),
        );
        actual.forEach((c, i) => {
          expect(c.lng).toBeCloseTo(expected[i].lng, 9);
          expect(c.lat).toBeCloseTo(expected[i].lat, 9);
        });
      }
    },
  );
});

describe('CellGrid.lotsIn', () => {
  it('answers exactly the matching lots inside the view', () => {
    const lots = [
      lot('a', 105.0001, 10.0001),
      lot('b', 105.0049, 10.0049),
      lot('c', 105.0051, 10.0),
      lot('d', 105.002, 10.002, { productCode: 'HO_TIEU' }),
    ];
    const sut = new CellGrid(lots, (l) => l.productCode === 'LUA_ST', 0.005);
    expect(
      sut
        .lotsIn({ minLng: 105, minLat: 10, maxLng: 105.005, maxLat: 10.005 })
        .map((l) => l.id)
        .sort(),
    ).toEqual(['a', 'b']);
    expect(
      sut
        .lotsIn({ minLng: 105.0002, minLat: 10, maxLng: 106, maxLat: 11 })
        .map((l) => l.id)
        .sort(),
    ).toEqual(['b', 'c']);
    expect(sut.lotsIn(undefined)).toHaveLength(3);
  });
});
