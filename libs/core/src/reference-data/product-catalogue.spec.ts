import { productRows } from './product-catalogue';

describe('product catalogue', () => {
  const sut = productRows();

  it('holds the 27 products of Kiên Giang with unique codes', () => {
    expect(sut).toHaveLength(27);
    expect(new Set(sut.map((p) => p.code)).size).toBe(27);
  });

  it('keeps a price band whose minimum is not above its maximum', () => {
    for (const p of sut) {
      expect(p.typicalPriceMinVnd).toBeGreaterThan(0);
      expect(p.typicalPriceMaxVnd).toBeGreaterThanOrEqual(p.typicalPriceMinVnd!);
    }
  });

  it('folds both names for search', () => {
    expect(sut.find((p) => p.code === 'HO_TIEU_PQ')!.searchText).toContain('ho tieu phu quoc');
  });
});
