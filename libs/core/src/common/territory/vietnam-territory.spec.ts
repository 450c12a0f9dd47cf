import { isInVietnamTerritory } from './vietnam-territory';

describe('isInVietnamTerritory', () => {
  it.each([
    ['Hà Nội', 21.028, 105.854],
    ['Rạch Giá', 10.012, 105.08],
    ['Phú Quốc (Dương Đông)', 10.217, 103.96],
    ['Côn Đảo', 8.683, 106.609],
    ['Thổ Châu', 9.3, 103.475],
    ['Hoàng Sa (Phú Lâm)', 16.834, 112.339],
    ['Trường Sa Lớn', 8.644, 111.92],
    ['Song Tử Tây', 11.43, 114.33],
    ['Bạch Long Vĩ', 20.13, 107.72],
    ['Lũng Cú', 23.36, 105.32],
  ])('accepts %s', (_name, lat, lng) => {
    expect(isInVietnamTerritory({ lat, lng })).toBe(true);
  });

  it.each([
    ['Phnom Penh', 11.5564, 104.9282],
    ['Vientiane', 17.9757, 102.6331],
    ['Bangkok', 13.7563, 100.5018],
    ['Kampot', 10.61, 104.18],
    ['Nanning', 22.817, 108.366],
    ['Manila', 14.5995, 120.9842],
    ['open sea off Nha Trang', 12.0, 111.0],
  ])('refuses %s', (_name, lat, lng) => {
    expect(isInVietnamTerritory({ lat, lng })).toBe(false);
  });
});
