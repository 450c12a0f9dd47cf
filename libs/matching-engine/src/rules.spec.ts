import { parseDay } from './dates';
import { haversineKm } from './geo';
import {
  contractBonus,
  evaluatePair,
  pairScore,
  ruleDistance,
  ruleLockdown,
  rulePrice,
  ruleQuality,
  ruleSameProduct,
  ruleShelfLife,
  ruleTiming,
  transitDays,
  transportMultiplier,
  transportVndPerKg,
} from './rules';
import type { InstanceLot, InstanceRequest, MatchingInstance, MatchingParams } from './types';

const params = (over: Partial<MatchingParams> = {}): MatchingParams => ({
  objective: 'volume-then-score',
  transportVndPerKgKm: 2,
  kmPerDay: 400,
  maxDistanceKm: null,
  scenario: 1,
  restrictedZones: [],
  scenario2TransportMultiplier: 1.5,
  ...over,
});

describe('haversineKm', () => {
  it.each([
    [10.0, 105.0, 10.0, 105.0, 0, 1e-9],
    [0, 0, 0, 1, 111.195, 0.001],
    [10.01, 105.08, 10.75, 106.62, 187.46, 0.01],
    [0, 0, 0, 180, Math.PI * 6371.0088, 1e-6],
  ])('(%p,%p)-(%p,%p) is %p km', (a, b, c, d, km, tol) => {
    expect(Math.abs(haversineKm(a, b, c, d) - km)).toBeLessThan(tol);
  });
});

describe('transportVndPerKg: floor(rate × m × d + 0.5)', () => {
  it.each([
    [2, 1, 100, 200],
    [2, 1, 100.24, 200],
    [2, 1, 100.25, 201], // 200.5 rounds up
    [2, 1, 100.2499, 200],
    [2, 1.5, 100, 300],
    [2, 1.5, 0.1, 0], // 0.3 rounds down
    [3, 1, 0.5, 2], // 1.5 rounds up
    [0, 1, 500, 0],
  ])('rate %p × m %p × d %p km = %p', (rate, m, d, t) => {
    expect(transportVndPerKg(rate, m, d)).toBe(t);
  });
});

describe('transitDays: ceil(d / kmPerDay)', () => {
  it.each([
    [0, 400, 0],
    [0.001, 400, 1],
    [400, 400, 1],
    [400.0001, 400, 2],
    [1700, 400, 5],
  ])('%p km at %p km/day = %p day(s)', (d, kpd, T) => {
    expect(transitDays(d, kpd)).toBe(T);
  });
});

describe('rule 1: same product', () => {
  it.each([
    ['rice', 'rice', true],
    ['rice', 'shrimp', false],
    ['rice', 'Rice', false],
  ])('%p vs %p → %p', (a, b, ok) => expect(ruleSameProduct(a, b)).toBe(ok));
});

describe('rule 2: timing with transit days', () => {
  const d = (s: string): number => parseDay(s)!;
  it.each([
    // lot window, request window, transit, feasible
    ['2021-09-19', '2021-09-19', '2021-09-10', '2021-09-20', 1, true], // arrives on the last day
    ['2021-09-20', '2021-09-20', '2021-09-10', '2021-09-20', 1, false], // one day late
    ['2021-09-01', '2021-09-05', '2021-09-08', '2021-09-10', 3, true], // leaves on the last day, arrives on the first
    ['2021-09-01', '2021-09-04', '2021-09-08', '2021-09-10', 3, false], // arrives one day early at best
    ['2021-09-10', '2021-09-12', '2021-09-10', '2021-09-12', 0, true],
    ['2021-12-30', '2022-01-02', '2022-01-03', '2022-01-05', 2, true], // across a year end
    ['2024-02-28', '2024-02-28', '2024-03-01', '2024-03-01', 2, true], // leap day counted
    ['2023-02-28', '2023-02-28', '2023-03-01', '2023-03-01', 2, false], // no leap day
  ])('lot %s..%s, request %s..%s, T=%p → %p', (af, at, df, dt, T, ok) => {
    expect(ruleTiming(d(af), d(at), d(df), d(dt), T)).toBe(ok);
  });
});

describe('rule 3: quality', () => {
  it.each([
    [[], [], true],
    [['VIETGAP'], [], true],
    [['VIETGAP', 'OCOP'], ['VIETGAP'], true],
    [['OCOP'], ['VIETGAP'], false],
    [['VIETGAP'], ['VIETGAP', 'GLOBALGAP'], false],
    [[], ['VIETGAP'], false],
  ])('lot %j, required %j → %p', (held, required, ok) => expect(ruleQuality(held, required)).toBe(ok));
});

describe('rule 4: distance caps', () => {
  it.each([
    [100, null, null, true],
    [195, 195, null, true],
    [195.0001, 195, null, false],
    [100, null, 99, false],
    [100, 300, 100, true],
    [0, 0, 0, true],
  ])('d %p, request cap %p, global cap %p → %p', (d, r, g, ok) => expect(ruleDistance(d, r, g)).toBe(ok));
});

describe('rule 5: shelf life', () => {
  it.each([
    [2, 2, true],
    [3, 2, false],
    [0, 0, true],
    [50, undefined, true], // product not listed: no limit
  ])('T %p, shelf %p → %p', (T, shelf, ok) => expect(ruleShelfLife(T, shelf)).toBe(ok));
});

describe('rule 6: price (bonus does not count)', () => {
  it.each([
    [7000, 6607, 393, true], // met to the đồng
    [7000, 6608, 393, false],
    [7000, 7000, 0, true],
  ])('bid %p, ask %p, t %p → %p', (bid, ask, t, ok) => expect(rulePrice(bid, ask, t)).toBe(ok));

  it('keeps a pair out even when a bonus would make its score positive', () => {
    expect(rulePrice(7000, 6700, 301)).toBe(false);
    expect(pairScore(7000, 6700, 301, 500)).toBe(499);
  });
});

describe('rule 7: lockdown (scenario 2)', () => {
  const s2 = params({ scenario: 2, restrictedZones: ['HCM'] });
  it.each([
    [params(), 'KG', 'HCM', false, true], // scenario 1: no lockdown
    [s2, 'KG', 'HCM', false, false],
    [s2, 'KG', 'HCM', true, true], // green lane
    [s2, 'HCM', 'HCM', false, true], // inside the zone
    [s2, 'KG', 'CT', false, true], // no restricted zone touched
    [s2, null, 'HCM', false, false], // null is a zone of its own
    [s2, null, null, false, true],
    [params({ scenario: 2, restrictedZones: ['KG'] }), 'KG', null, false, false],
  ])('%#: lot zone %p → request zone %p, green %p → %p', (p, lz, rz, green, ok) => {
    expect(ruleLockdown(p, lz, rz, green)).toBe(ok);
  });

  it.each([
    [params(), 'KG', 'HCM', 1],
    [s2, 'KG', 'HCM', 1.5],
    [s2, 'HCM', 'HCM', 1.5],
    [s2, 'KG', 'CT', 1],
  ])('%#: multiplier for %p → %p is %p', (p, lz, rz, m) => expect(transportMultiplier(p, lz, rz)).toBe(m));
});

describe('contractBonus', () => {
  const contracts = [
    { cooperativeId: 'C2', buyerId: 'B2', bonusVndPerKg: 100 },
    { cooperativeId: 'C2', buyerId: 'B2', bonusVndPerKg: 300 },
    { cooperativeId: 'C2', buyerId: 'B3', bonusVndPerKg: 999 },
  ];
  it.each([
    ['C2', 'B2', 300], // the largest of duplicates
    ['C2', 'B3', 999],
    ['C1', 'B2', 0],
  ])('%p with %p → %p', (c, b, bonus) => expect(contractBonus(contracts, c, b)).toBe(bonus));
});

describe('evaluatePair', () => {
  const lot: InstanceLot = {
    id: 'L1',
    cooperativeId: 'C1',
    product: 'rice',
    quantityKg: 50000,
    availableFrom: '2021-09-10',
    availableTo: '2021-09-25',
    certifications: ['VIETGAP'],
    askVndPerKg: 6000,
    lat: 10.01,
    lng: 105.08,
    zone: 'KG-RACHGIA',
    greenLane: false,
  };
  const req: InstanceRequest = {
    id: 'R1',
    buyerId: 'B1',
    product: 'rice',
    quantityKg: 200000,
    deliverFrom: '2021-09-12',
    deliverTo: '2021-09-30',
    requiredCertifications: ['VIETGAP'],
    bidVndPerKg: 7000,
    lat: 10.75,
    lng: 106.62,
    zone: 'HCM',
    maxDistanceKm: 300,
  };
  const instance = (over: Partial<MatchingInstance> = {}): MatchingInstance => ({
    version: 1,
    params: params(),
    products: [{ code: 'rice', shelfLifeDays: 90 }],
    lots: [lot],
    requests: [req],
    contracts: [{ cooperativeId: 'C1', buyerId: 'B1', bonusVndPerKg: 150 }],
    ...over,
  });

  it('derives distance, transport, transit, bonus and score from the spec', () => {
    const sut = evaluatePair(instance(), lot, req);
    const d = haversineKm(lot.lat, lot.lng, req.lat, req.lng);
    expect(sut).toEqual({
      feasible: true,
      distanceKm: d,
      multiplier: 1,
      transportVndPerKg: Math.floor(2 * d + 0.5),
      transitDays: 1,
      bonusVndPerKg: 150,
      scoreVndPerKg: 7000 - 6000 - Math.floor(2 * d + 0.5) + 150,
    });
  });

  it('applies the lockdown multiplier to transport in scenario 2', () => {
    const sut = evaluatePair(
      instance({ params: params({ scenario: 2, restrictedZones: ['HCM'] }) }),
      { ...lot, greenLane: true },
      req,
    );
    expect(sut.multiplier).toBe(1.5);
    expect(sut.transportVndPerKg).toBe(Math.floor(2 * 1.5 * sut.distanceKm + 0.5));
    expect(sut.feasible).toBe(true);
  });

  it('rejects a pair of another product', () => {
    expect(evaluatePair(instance(), { ...lot, product: 'shrimp' }, req).feasible).toBe(false);
  });
});
