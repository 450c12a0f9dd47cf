import { provinceCodeAt } from './province-outlines';

describe('provinceCodeAt', () => {
  it.each([
    ['Rạch Giá, now An Giang, before Kiên Giang', { lat: 10.01, lng: 105.09 }, '91', '91'],
    ['Bạc Liêu, now Cà Mau', { lat: 9.29, lng: 105.72 }, '96', '95'],
    ['Hà Giang, now Tuyên Quang', { lat: 22.82, lng: 104.98 }, '08', '02'],
    ['Hà Nội', { lat: 21.03, lng: 105.85 }, '01', '01'],
  ])('places %s in its current and its pre-2025 province', (_name, p, current, old) => {
    expect(provinceCodeAt(p, 'current')).toBe(current);
    expect(provinceCodeAt(p, 'pre2025')).toBe(old);
  });

  it('finds no province off the outlines (Phnom Penh, the open sea)', () => {
    expect(provinceCodeAt({ lat: 11.5564, lng: 104.9282 })).toBeNull();
    expect(provinceCodeAt({ lat: 12.5, lng: 111 })).toBeNull();
  });
});
