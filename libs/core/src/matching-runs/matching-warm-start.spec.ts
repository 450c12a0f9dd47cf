import { parseInstance } from '@agrilink/matching-engine';
import { buildMatchingInstance } from './matching-instance.builder';
import type { MatchingRunOptions } from './matching-run.entity';
import { toWarmStart, wantsWarmStart, warmStartScope } from './matching-warm-start';

/** The scope of a run as the service computes it at split: its options and the engine's reading of its instance. */
const scopeOf = (options: MatchingRunOptions, restrictedZones: string[] = []) =>
  warmStartScope(
    options,
    parseInstance(
      buildMatchingInstance({
        options,
        lots: [],
        requests: [],
        contracts: [],
        shelfLifeDays: new Map(),
        restrictedZones,
      }),
    ).params,
  );

describe('warmStartScope: which earlier runs a run may start from', () => {
  const base: MatchingRunOptions = { products: ['LUA_ST', 'XOAI'], provinceCodes: ['91', '86'] };

  it.each<[string, MatchingRunOptions]>([
    ['products and provinces listed in another order', { products: ['XOAI', 'LUA_ST'], provinceCodes: ['86', '91'] }],
    [
      'the defaults written out',
      { ...base, objective: 'volume-then-score', scenario: 1, params: { transportVndPerKgKm: 2 } },
    ],
    ['a forced cold run (a cold run is still a start for the next)', { ...base, warmStart: false }],
  ])('is the same for %s', (_name, other) => {
    expect(scopeOf(other)).toBe(scopeOf(base));
  });

  it.each<[string, MatchingRunOptions]>([
    ['another product set', { ...base, products: ['LUA_ST'] }],
    ['all products', { provinceCodes: base.provinceCodes }],
    ['another province set', { ...base, provinceCodes: ['91'] }],
    ['the whole country', { products: base.products }],
    ['another objective', { ...base, objective: 'score' }],
    ['the lockdown scenario', { ...base, scenario: 2 }],
    ['another transport price', { ...base, params: { transportVndPerKgKm: 3 } }],
    ['a distance cap', { ...base, params: { maxDistanceKm: 150 } }],
    ['another km per day', { ...base, params: { kmPerDay: 250 } }],
    ['another scenario-2 multiplier', { ...base, params: { scenario2TransportMultiplier: 2 } }],
  ])('differs for %s', (_name, other) => {
    expect(scopeOf(other)).not.toBe(scopeOf(base));
  });

  it("leaves the day's data out: restricted zones change between runs of one scope", () => {
    expect(scopeOf(base, ['CT16-HCM'])).toBe(scopeOf(base, []));
  });
});

describe('wantsWarmStart', () => {
  it.each<[MatchingRunOptions, boolean]>([
    [{}, true],
    [{ warmStart: true }, true],
    [{ warmStart: false }, false],
  ])('%j → %s', (options, expected) => {
    expect(wantsWarmStart(options)).toBe(expected);
  });
});

describe('toWarmStart', () => {
  it("reads PostgreSQL's bigint kilograms as numbers and drops empty allocations", () => {
    const sut = toWarmStart([
      { lotId: 'L1', requestId: 'R1', quantityKg: '12000' },
      { lotId: 'L2', requestId: 'R1', quantityKg: 0 },
    ]);
    expect(sut).toEqual({ allocations: [{ lotId: 'L1', requestId: 'R1', quantityKg: 12000 }] });
  });

  it('is no start at all when the earlier run proposed nothing for the product', () => {
    expect(toWarmStart([])).toBeNull();
  });
});
