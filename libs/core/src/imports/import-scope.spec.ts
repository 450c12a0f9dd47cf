import type { Actor } from '../common/actor';
import { isVisibleTo } from '../notifications/notifications.service';
import { outsideProvincesMessage, provinceColumnOf, rowProvinceCodes } from './import-scope';

const staff = (provinceCodes: string[] | null): Actor => ({
  userId: 'u',
  email: 'x@test.vn',
  role: 'staff',
  organizationId: null,
  provinceCodes,
});

describe('the province scope of an import row', () => {
  it("takes the row's own provinces, else the province it writes", () => {
    expect(rowProvinceCodes({ values: { provinceCode: '79' } })).toEqual(['79']);
    expect(rowProvinceCodes({ values: {}, provinceCodes: ['91'] })).toEqual(['91']);
    expect(rowProvinceCodes({ values: {} })).toEqual([null]);
  });

  it("lets national staff and the staff of the row's province write it, and tells others why not", () => {
    expect(outsideProvincesMessage(staff(null), ['79'])).toBeNull();
    expect(outsideProvincesMessage(staff([]), [null])).toBeNull();
    expect(outsideProvincesMessage(staff(['79', '91']), ['79'])).toBeNull();
    expect(outsideProvincesMessage(staff(['91']), ['79'])).toBe(
      'Dòng này thuộc tỉnh 79, ngoài địa bàn bạn phụ trách (91): không được ghi',
    );
    expect(outsideProvincesMessage(staff(['91']), [null])).toContain('cấp quốc gia');
    expect(outsideProvincesMessage({ ...staff(['91']), role: 'admin' }, ['79'])).toBeNull();
  });

  it('reports the error in the province column when the kind has one, else in the owner column', () => {
    expect(provinceColumnOf([{ key: 'name' }, { key: 'provinceCode' }])).toBe('provinceCode');
    expect(provinceColumnOf([{ key: 'cooperativeTaxCode' }, { key: 'product' }])).toBe('cooperativeTaxCode');
  });
});

describe('a staff notification pushed to a stream', () => {
  const desk = (provinceCodes: string[]) => ({ audience: 'staff' as const, audienceId: null, provinceCodes });
  it('reaches national staff always, province staff for their provinces only', () => {
    expect(isVisibleTo(staff(null), desk([]))).toBe(true);
    expect(isVisibleTo(staff(['91']), desk(['79', '91']))).toBe(true);
    expect(isVisibleTo(staff(['91']), desk(['79']))).toBe(false);
    expect(isVisibleTo(staff(['91']), desk([]))).toBe(false);
  });
});
