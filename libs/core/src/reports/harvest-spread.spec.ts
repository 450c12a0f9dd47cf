import { spreadOverWeeks, weeksBetween } from './harvest-spread';

describe('spreadOverWeeks', () => {
  const weeks = weeksBetween('2026-03-02', '2026-03-22'); // W10, W11, W12

  it.each([
    ['a two-week window split half and half', 600_000, '2026-03-02', '2026-03-15', [300_000, 300_000, 0]],
    ['a window inside one week', 7_000, '2026-03-10', '2026-03-12', [0, 7_000, 0]],
    ['a window straddling two weeks by days', 10_000, '2026-03-07', '2026-03-11', [4_000, 6_000, 0]],
    ['a window partly before the weeks asked', 14_000, '2026-02-23', '2026-03-08', [7_000, 0, 0]],
  ])('%s', (_name, amount, from, to, expected) => {
    const sut = spreadOverWeeks(amount, from, to, weeks);
    expected.forEach((e, i) => expect(sut[i]).toBeCloseTo(e, 6));
  });

  it('lists the ISO weeks across a year end', () => {
    expect(weeksBetween('2026-12-28', '2027-01-10').map((w) => w.label)).toEqual(['2026-W53', '2027-W01']);
  });
});
