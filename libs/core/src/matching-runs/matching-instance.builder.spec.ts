import { parseInstance, solveMatchingSync } from '@agrilink/matching-engine';
import { buildMatchingInstance, ContractRow, LotRow, RequestRow } from './matching-instance.builder';

const lot = (o: Partial<LotRow>): LotRow => ({
  id: 'L1',
  cooperativeId: 'C1',
  productCode: 'LUA',
  remainingKg: 1000,
  harvestFrom: '2026-12-01',
  harvestTo: '2026-12-10',
  availableFrom: '2026-12-01',
  availableUntil: '2026-12-10',
  certifications: [],
  askVndPerKg: 6000,
  lat: 10,
  lng: 105,
  zone: null,
  greenLane: false,
  version: 1,
  ...o,
});
const request = (o: Partial<RequestRow>): RequestRow => ({
  id: 'R1',
  buyerId: 'B1',
  productCode: 'LUA',
  remainingKg: 1000,
  deliverFrom: '2026-12-01',
  deliverTo: '2026-12-31',
  requiredCertifications: [],
  bidVndPerKg: 8000,
  lat: 10.1,
  lng: 105.1,
  zone: null,
  maxDistanceKm: null,
  version: 1,
  ...o,
});
const build = (contracts: ContractRow[], options = {}) =>
  buildMatchingInstance({
    options,
    lots: [lot({}), lot({ id: 'L2', productCode: 'XOAI' })],
    requests: [request({}), request({ id: 'R2', productCode: 'XOAI' })],
    contracts,
    shelfLifeDays: new Map([
      ['LUA', 90],
      ['XOAI', null],
    ]),
    restrictedZones: ['Z'],
  });

describe('buildMatchingInstance', () => {
  it('builds a valid spec instance offering remaining kilograms, with the spec defaults', () => {
    const sut = parseInstance(build([]));
    expect(sut.params).toMatchObject({
      objective: 'volume-then-score',
      scenario: 1,
      restrictedZones: ['Z'],
      transportVndPerKgKm: 2,
    });
    expect(sut.lots[0]).toMatchObject({ quantityKg: 1000, availableFrom: '2026-12-01' });
    // A product without a shelf life is left out of `products` (no limit).
    expect(sut.products).toEqual([{ code: 'LUA', shelfLifeDays: 90 }]);
  });

  it('passes only the params that were given', () => {
    const sut = parseInstance(
      build([], { objective: 'score', scenario: 2, params: { kmPerDay: 300, maxDistanceKm: undefined } }),
    );
    expect(sut.params).toMatchObject({ objective: 'score', scenario: 2, kmPerDay: 300, maxDistanceKm: null });
  });

  it('applies a contract limited to one product to that product only', () => {
    const sut = build([{ cooperativeId: 'C1', buyerId: 'B1', productCode: 'XOAI', bonusVndPerKg: 500 }]);
    expect(sut.contracts).toEqual([{ cooperativeId: 'C1/XOAI', buyerId: 'B1/XOAI', bonusVndPerKg: 500 }]);
    const plan = solveMatchingSync(parseInstance(sut));
    const rice = plan.allocations.find((a) => a.lotId === 'L1')!;
    const mango = plan.allocations.find((a) => a.lotId === 'L2')!;
    expect(mango.scoreVndPerKg - rice.scoreVndPerKg).toBe(500);
  });

  it('applies a contract without a product to every product, keeping the largest bonus', () => {
    const sut = build([
      { cooperativeId: 'C1', buyerId: 'B1', productCode: null, bonusVndPerKg: 100 },
      { cooperativeId: 'C1', buyerId: 'B1', productCode: 'LUA', bonusVndPerKg: 300 },
      { cooperativeId: 'C9', buyerId: 'B1', productCode: null, bonusVndPerKg: 900 },
    ]);
    expect(sut.contracts).toEqual([
      { cooperativeId: 'C1/LUA', buyerId: 'B1/LUA', bonusVndPerKg: 300 },
      { cooperativeId: 'C1/XOAI', buyerId: 'B1/XOAI', bonusVndPerKg: 100 },
    ]);
  });
});

describe('lot availability in the instance', () => {
  it('offers a backlog lot from the run day to its availableUntil, not only inside its harvest window', () => {
    const sut = buildMatchingInstance({
      options: {},
      lots: [
        lot({
          harvestFrom: '2026-11-01',
          harvestTo: '2026-11-20',
          availableFrom: '2026-12-01',
          availableUntil: '2027-01-31',
        }),
      ],
      requests: [request({ deliverFrom: '2026-12-05', deliverTo: '2026-12-20' })],
      contracts: [],
      shelfLifeDays: new Map([['LUA', 90]]),
      restrictedZones: [],
    });
    expect(sut.lots[0]).toMatchObject({ availableFrom: '2026-12-01', availableTo: '2027-01-31' });
    expect(solveMatchingSync(parseInstance(sut)).objective.matchedKg).toBe(1000);
  });
});
