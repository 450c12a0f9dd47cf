import { parseVietnameseDate, parseVietnameseNumber, parseWholeNumber } from './cell-values';

describe('Vietnamese cell values', () => {
  it.each([
    ['1.234,5', 1234.5],
    ['50.000', 50000],
    ['1.234.567', 1234567],
    ['7,5', 7.5],
    ['1,234.5', 1234.5],
    ['7.5', 7.5],
    ['0.125', 0.125],
    [' 12 000 ', 12000],
    ['7.200đ', 7200],
    [42, 42],
  ])('reads %p as %p', (raw, value) => expect(parseVietnameseNumber(raw as any)).toEqual({ ok: true, value }));

  it.each(['abc', '1.23.4', '1,2,3,4x', ''])('rejects %p', (raw) => expect(parseVietnameseNumber(raw).ok).toBe(false));

  it('wants whole kilograms', () => {
    expect(parseWholeNumber('1.234,5').ok).toBe(false);
    expect(parseWholeNumber('-5', { min: 1 })).toEqual({ ok: false, message: 'phải lớn hơn hoặc bằng 1' });
  });

  it.each([
    ['05/03/2026', '2026-03-05'],
    ['5/3/2026', '2026-03-05'],
    ['05-03-2026', '2026-03-05'],
    ['2026-03-05', '2026-03-05'],
    [new Date(Date.UTC(2026, 2, 5)), '2026-03-05'],
    [46086, '2026-03-05'],
  ])('reads the date %p', (raw, iso) => expect(parseVietnameseDate(raw as any)).toEqual({ ok: true, value: iso }));

  it('rejects days that do not exist', () => {
    expect(parseVietnameseDate('30/02/2026').ok).toBe(false);
    expect(parseVietnameseDate('2026/13/01').ok).toBe(false);
  });
});
