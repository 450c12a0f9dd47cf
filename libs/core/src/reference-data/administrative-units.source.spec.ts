import {
  CurrentMapSource,
  Pre2025MapSource,
  currentProvinceName,
  provinceKey,
  reshapeAdministrativeUnits,
} from './administrative-units.source';

const pre2025: Pre2025MapSource = {
  provinces: [{ idProvince: '91', name: 'Tỉnh Kiên Giang' }],
  districts: [{ idProvince: '91', idDistrict: '899', name: 'Thành phố Rạch Giá' }],
  communes: [
    { idDistrict: '899', idCommune: '30733', name: 'Phường Vĩnh Thanh' },
    { idDistrict: '899', idCommune: '30760', name: 'Phường Vĩnh Thông' },
  ],
};

const mappingRow = (over: Partial<CurrentMapSource['wardMappings'][number]>) => ({
  old_ward_code: '30733',
  old_ward_name: 'Phường Vĩnh Thanh',
  old_district_name: 'Thành phố Rạch Giá',
  old_province_name: 'Tỉnh Kiên Giang',
  new_ward_code: '30742',
  new_ward_name: 'Phường Rạch Giá',
  new_province_name: 'An Giang',
  ...over,
});

const current = (wardMappings: CurrentMapSource['wardMappings']): CurrentMapSource => ({
  provinces: [{ province_code: '91', name: 'An Giang', place_type: 'Tỉnh' }],
  wards: [
    { ward_code: '30742', name: 'Phường Rạch Giá', province_code: '91' },
    { ward_code: '30760', name: 'Phường Vĩnh Thông', province_code: '91' },
  ],
  wardMappings,
});

describe('reshapeAdministrativeUnits', () => {
  it('builds both eras with <era>:<level>:<code> ids, parents and province codes', () => {
    const sut = reshapeAdministrativeUnits(current([]), pre2025);
    const byId = new Map(sut.units.map((u) => [u.id, u]));
    expect(byId.get('current:province:91')).toMatchObject({
      name: 'Tỉnh An Giang',
      parentId: null,
      provinceCode: '91',
    });
    expect(byId.get('current:commune:30742')).toMatchObject({ parentId: 'current:province:91', provinceCode: '91' });
    expect(byId.get('pre2025:district:899')).toMatchObject({ parentId: 'pre2025:province:91', provinceCode: '91' });
    expect(byId.get('pre2025:commune:30733')).toMatchObject({
      parentId: 'pre2025:district:899',
      provinceCode: '91',
      searchText: 'phuong vinh thanh',
    });
    expect(sut.units.map((u) => u.id)).toEqual([...sut.units.map((u) => u.id)].sort());
  });

  it('maps an old commune by its code', () => {
    const sut = reshapeAdministrativeUnits(current([mappingRow({})]), pre2025);
    expect(sut.mappings).toEqual([{ pre2025UnitId: 'pre2025:commune:30733', currentUnitId: 'current:commune:30742' }]);
    expect(sut.unresolvedMappings).toBe(0);
  });

  it('falls back to a unique name match when the old code is missing', () => {
    const sut = reshapeAdministrativeUnits(
      current([
        mappingRow({
          old_ward_code: null,
          old_ward_name: 'Phường Vĩnh Thông',
          new_ward_code: '30760',
          new_ward_name: 'Phường Vĩnh Thông',
        }),
      ]),
      pre2025,
    );
    expect(sut.mappings).toEqual([{ pre2025UnitId: 'pre2025:commune:30760', currentUnitId: 'current:commune:30760' }]);
  });

  it('resolves a new commune whose code is unknown by its name in the province', () => {
    const sut = reshapeAdministrativeUnits(current([mappingRow({ new_ward_code: '99999' })]), pre2025);
    expect(sut.mappings).toEqual([{ pre2025UnitId: 'pre2025:commune:30733', currentUnitId: 'current:commune:30742' }]);
  });

  it('counts rows it cannot resolve and drops duplicates', () => {
    const sut = reshapeAdministrativeUnits(
      current([mappingRow({}), mappingRow({}), mappingRow({ old_ward_code: null, old_ward_name: 'Phường Vĩnh Bảo' })]),
      pre2025,
    );
    expect(sut.mappings).toHaveLength(1);
    expect(sut.unresolvedMappings).toBe(1);
  });
});

describe('province names', () => {
  it.each([
    ['Tỉnh Kiên Giang', 'kien giang'],
    ['Thành phố Cần Thơ', 'can tho'],
    ['TP. Cần Thơ', 'can tho'],
    ['An Giang', 'an giang'],
  ])('keys %s as %s', (name, key) => expect(provinceKey(name)).toBe(key));

  it.each([
    ['An Giang', 'Tỉnh', 'Tỉnh An Giang'],
    ['Thành phố Huế', 'Thành phố Trung Ương', 'Thành phố Huế'],
    ['Cần Thơ', 'Thành phố Trung Ương', 'Thành phố Cần Thơ'],
  ])('names %s (%s) %s', (name, type, expected) => expect(currentProvinceName(name, type)).toBe(expected));
});
