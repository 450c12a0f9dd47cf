import { DomainError } from '../common/domain-error';
import { isoWeek, isoWeekOf, isoWeeksInYear, parseIsoWeek, shiftWeek } from './iso-week';

describe('ISO weeks', () => {
  it.each([
    [2020, 53],
    [2026, 53],
    [2025, 52],
    [2027, 52],
    [2032, 53],
  ])('counts the weeks of %i as %i', (year, weeks) => expect(isoWeeksInYear(year)).toBe(weeks));

  it('finds Monday and Sunday of a week', () => {
    expect(isoWeek(2026, 1)).toMatchObject({ start: '2025-12-29', end: '2026-01-04', label: '2026-W01' });
    expect(isoWeek(2026, 53)).toMatchObject({ start: '2026-12-28', end: '2027-01-03' });
  });

  it('answers the week of a day, across the new year', () => {
    expect(isoWeekOf('2027-01-03').label).toBe('2026-W53');
    expect(isoWeekOf('2027-01-04').label).toBe('2027-W01');
    expect(isoWeekOf('2026-03-04').label).toBe('2026-W10');
    expect(shiftWeek(parseIsoWeek('2027-W01'), -1).label).toBe('2026-W53');
  });

  it('rejects week 53 of a 52-week year, naming the field', () => {
    expect(() => parseIsoWeek('2025-W53')).toThrow(DomainError);
    try {
      parseIsoWeek('2025-W53');
    } catch (e) {
      expect((e as DomainError).kind).toBe('bad_request');
      expect((e as DomainError).details).toEqual([expect.objectContaining({ field: 'week' })]);
    }
    expect(parseIsoWeek('2026-W53').start).toBe('2026-12-28');
    expect(() => parseIsoWeek('2026-W00')).toThrow(DomainError);
    expect(() => parseIsoWeek('2026-10')).toThrow(DomainError);
  });
});
