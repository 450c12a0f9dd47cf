import { DomainError } from '../common/domain-error';
import { crossesRestrictedZone, normalizeTransportPlanInput, splitTripCost } from './transport-plans.rules';

describe('normalizeTransportPlanInput', () => {
  it('keeps a day, sorts and dedupes provinces', () => {
    expect(normalizeTransportPlanInput({ date: '2026-12-03', provinceCodes: ['91', ' 89', '91'] })).toEqual({
      date: '2026-12-03',
      provinceCodes: ['89', '91'],
      params: {},
    });
  });

  it.each([
    [{ date: '2026-02-30' }, 'TRANSPORT_PLAN.INVALID_DATE', 'date'],
    [{ date: '3026-01-01' }, 'TRANSPORT_PLAN.INVALID_DATE', 'date'],
    [{ date: 20261203 }, 'TRANSPORT_PLAN.INVALID_DATE', 'date'],
    [{ date: '2026-12-03', provinceCodes: 'KG' }, 'TRANSPORT_PLAN.INVALID_PROVINCES', 'provinceCodes'],
    [{ date: '2026-12-03', provinceCodes: ['Kiên Giang'] }, 'TRANSPORT_PLAN.INVALID_PROVINCES', 'provinceCodes'],
    [{ date: '2026-12-03', vndPerKmByKind: { truck: 1.5 } }, 'TRANSPORT_PLAN.INVALID_RATE', 'vndPerKmByKind.truck'],
    [{ date: '2026-12-03', vndPerKmByKind: [1] }, 'TRANSPORT_PLAN.INVALID_RATE', 'vndPerKmByKind'],
  ])('refuses %j with %s on %s', (raw, code, field) => {
    try {
      normalizeTransportPlanInput(raw);
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe(code);
      expect((e as DomainError).details).toEqual([expect.objectContaining({ field })]);
    }
  });
});

describe('splitTripCost', () => {
  it.each([
    [100, [1, 1, 1], [34, 33, 33]],
    [1_000_001, [3_000, 1_000], [750_001, 250_000]],
    [7, [5], [7]],
    [0, [2, 3], [0, 0]],
  ])('%p VND over %p kg is %p', (cost, kgs, out) => {
    expect(splitTripCost(cost, kgs)).toEqual(out);
  });
});

describe('crossesRestrictedZone', () => {
  it.each([
    [[], [], false],
    [['KG-1'], ['KG-1'], false],
    [['KG-1'], [], true],
    [[], ['HCM'], true],
    [['KG-1'], ['HCM'], true],
  ])('pickup %p, drop %p → %p', (a, b, out) => {
    expect(crossesRestrictedZone(a, b)).toBe(out);
  });
});
