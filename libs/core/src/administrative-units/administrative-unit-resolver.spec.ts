import { chooseSuccessor, UnitCandidate, unitIdsFor } from './administrative-unit-resolver';
import { currentProvinceCodeOf, pre2025ProvinceCodesOf } from './province-codes';

const square = (lng: number, lat: number, d: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lng - d, lat - d],
      [lng + d, lat - d],
      [lng + d, lat + d],
      [lng - d, lat + d],
      [lng - d, lat - d],
    ],
  ],
});
const candidate = (id: string, over: Partial<UnitCandidate> = {}): UnitCandidate => ({
  id,
  code: id.split(':')[2],
  name: id,
  provinceCode: '01',
  seat: null,
  boundary: null,
  ...over,
});

describe('unitIdsFor', () => {
  it.each([
    ['pre2025:commune:30910', ['pre2025:commune:30910']],
    ['current:commune:30910', ['current:commune:30910']],
    ['30910', ['current:commune:30910', 'pre2025:commune:30910']],
    ['3898', ['current:commune:03898', 'pre2025:commune:03898']],
    ['906', ['pre2025:district:906']],
    ['pre2025:906', ['pre2025:district:906']],
    ['89', ['current:province:89', 'pre2025:province:89']],
    [' 91 ', ['current:province:91', 'pre2025:province:91']],
    ['Xã Thạnh Phước', []],
  ])('reads %s', (input, ids) => {
    expect(unitIdsFor(input)).toEqual(ids);
  });
});

describe('chooseSuccessor', () => {
  const a = candidate('current:commune:00160', {
    seat: { lat: 21.046, lng: 105.799 },
    boundary: square(105.8, 21.045, 0.01),
  });
  const b = candidate('current:commune:00166', {
    seat: { lat: 21.031, lng: 105.79 },
    boundary: square(105.79, 21.03, 0.005),
  });

  it('needs a location', () => {
    expect(chooseSuccessor([a, b], null)).toBeNull();
  });
  it('takes the candidate whose boundary holds the point', () => {
    expect(chooseSuccessor([a, b], { lat: 21.032, lng: 105.791 })?.id).toBe(b.id);
  });
  it('falls back to the nearest seat when no boundary holds it', () => {
    expect(chooseSuccessor([a, b], { lat: 21.06, lng: 105.81 })?.id).toBe(a.id);
  });
  it('does not guess when a candidate has neither boundary nor seat', () => {
    expect(chooseSuccessor([a, candidate('current:commune:00175')], { lat: 21.1, lng: 105.9 })).toBeNull();
  });
});

describe('province codes across the reform', () => {
  it('translates pre-2025 codes and keeps current ones', () => {
    expect(currentProvinceCodeOf('89')).toBe('91');
    expect(currentProvinceCodeOf('91')).toBe('91');
    expect(currentProvinceCodeOf('77')).toBe('79');
    expect(currentProvinceCodeOf('zz')).toBe('zz');
    expect(pre2025ProvinceCodesOf('91')).toEqual(['89', '91']);
  });
});
