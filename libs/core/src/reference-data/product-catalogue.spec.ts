import { isAgriculturalInput, productRows } from './product-catalogue';

describe('product catalogue', () => {
  const sut = productRows();

  it('holds the 27 products of Kiên Giang and 9 agricultural inputs with unique codes', () => {
    expect(sut).toHaveLength(36);
    expect(new Set(sut.map((p) => p.code)).size).toBe(36);
    expect(sut.filter((p) => isAgriculturalInput(p.category)).map((p) => p.code)).toEqual(
      expect.arrayContaining(['PHAN_URE', 'PHAN_DAP', 'GIONG_LUA', 'THUC_AN_CA', 'THUOC_BVTV']),
    );
  });

  it('keeps a price band whose minimum is not above its maximum', () => {
    for (const p of sut) {
      expect(p.typicalPriceMinVnd).toBeGreaterThan(0);
      expect(p.typicalPriceMaxVnd).toBeGreaterThanOrEqual(p.typicalPriceMinVnd!);
    }
  });

  it('says how long each farm product keeps after harvest, with its source (lúa khô months, mật ong and tiêu a year, fresh shrimp and fish a day)', () => {
    const days = (code: string) => sut.find((p) => p.code === code)!.storageDays;
    // Agricultural inputs are priced by the price watch, not harvested: they have no storage after harvest.
    for (const p of sut.filter((q) => !isAgriculturalInput(q.category))) {
      expect(p.storageDays).toBeGreaterThanOrEqual(1);
      expect(p.storageSource).toEqual(expect.any(String));
    }
    expect(days('LUA_ST')).toBeGreaterThanOrEqual(90);
    expect(days('MAT_ONG')).toBeGreaterThanOrEqual(365);
    expect(days('HO_TIEU_PQ')).toBeGreaterThanOrEqual(365);
    expect(days('TOM_THE')).toBe(1);
    expect(days('CA_BIEN')).toBe(1);
  });

  it('folds both names for search', () => {
    expect(sut.find((p) => p.code === 'HO_TIEU_PQ')!.searchText).toContain('ho tieu phu quoc');
  });
});
