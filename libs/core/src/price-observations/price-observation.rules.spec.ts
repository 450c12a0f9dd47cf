import { assertPlausiblePrice, isFarOutsideBand, median } from './price-observation.rules';

describe('price observation rules', () => {
  const rice = { min: 5200, max: 9600 };

  it.each([
    [7, true],
    [2599, true],
    [2600, false],
    [7200, false],
    [19_200, false],
    [19_201, true],
  ])('%i đ/kg of rice far outside its band: %s', (price, expected) => {
    expect(isFarOutsideBand(price, rice)).toBe(expected);
  });

  it('refuses a far-off price unless confirmed, naming the field', () => {
    expect(() => assertPlausiblePrice('LUA_TUOI_CLC', 7, rice, false)).toThrow(
      expect.objectContaining({ code: 'PRICE_OBSERVATION.OUTLIER' }),
    );
    expect(assertPlausiblePrice('LUA_TUOI_CLC', 7, rice, true)).toBe(true);
    expect(assertPlausiblePrice('LUA_TUOI_CLC', 7200, rice, false)).toBe(false);
    expect(isFarOutsideBand(1, { min: null, max: null })).toBe(false);
  });

  it('takes the median so one stray value cannot move the week', () => {
    expect(median([7800, 8200, 7])).toBe(7800);
    expect(median([7800, 8200])).toBe(8000);
    expect(median([])).toBeNull();
  });
});
