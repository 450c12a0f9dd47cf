import {
  buyerTypeOf,
  certificationCode,
  certificationCovers,
  certificationsFor,
  cooperativeKindOf,
  quantityToKg,
} from './demo-normalisers';
import { DEMO_BUYERS, DEMO_COOPERATIVES } from './demo-data-set';

describe('certificationCode', () => {
  it.each([
    ['VietGAP (lúa)', 'VIETGAP'],
    ['GlobalGAP', 'GLOBALGAP'],
    ['OCOP 4 sao (mật ong)', 'OCOP'],
    ['Hữu cơ TCVN 11041-2:2017 (một phần diện tích)', 'ORGANIC'],
    ['Hữu cơ TCVN 11041-2:2017 (đang chuyển đổi)', null],
    ['Tôm-lúa hữu cơ (chứng nhận nhóm, đang đánh giá)', null],
    ['Mã số vùng trồng (đang đăng ký)', null],
    ['Cánh đồng lớn liên kết', null],
    ['Nhãn hiệu tập thể Khóm Tắc Cậu (thành viên)', null],
  ])('reads "%s" as %s', (text, code) => expect(certificationCode(text)).toBe(code));

  it('recognises every certification text of the demo cooperatives or leaves it as text', () => {
    const texts = DEMO_COOPERATIVES.flatMap((c) => c.certifications);
    expect(texts.filter((t) => /vietgap|ocop/i.test(t)).every((t) => certificationCode(t) !== null)).toBe(true);
  });
});

describe('certificationCovers', () => {
  it.each([
    ['VietGAP (lúa)', 'LUA_TUOI_CLC', 'lua_gao', true],
    ['VietGAP (lúa)', 'KHOM', 'trai_cay', false],
    ['OCOP 4 sao (tôm khô)', 'TOM_KHO', 'che_bien', true],
    ['OCOP 4 sao (tôm khô)', 'TOM_SU', 'thuy_san', false],
    ['VietGAP (tôm)', 'TOM_SU', 'thuy_san', true],
    ['VietGAP (thủy sản)', 'SO_HUYET', 'thuy_san', true],
    ['GlobalGAP', 'KHOM', 'trai_cay', true],
  ])('%s covers %s: %s', (text, code, category, expected) =>
    expect(certificationCovers(text, code, category)).toBe(expected),
  );

  it('gives a product only the certificates that cover it', () => {
    expect(certificationsFor(['VietGAP (lúa)', 'OCOP 3 sao (khóm sấy)'], 'KHOM', 'trai_cay')).toEqual(['OCOP']);
    expect(certificationsFor(['VietGAP (lúa)', 'OCOP 3 sao (khóm sấy)'])).toEqual(['OCOP', 'VIETGAP']);
  });
});

describe('buyerTypeOf', () => {
  it.each([
    ['cho_dau_moi', 'wholesale_market'],
    ['chuoi_sieu_thi', 'supermarket'],
    ['dai_sieu_thi_si', 'distributor'],
    ['xuat_khau_gao', 'exporter'],
    ['nha_may_xay_xat', 'processor'],
    ['thuong_lai_vua', 'trader'],
    ['san_tmdt', 'ecommerce'],
  ])('maps %s to %s', (source, type) => expect(buyerTypeOf(source)).toBe(type));

  it('knows every type in buyers.json', () => {
    for (const b of DEMO_BUYERS) expect(() => buyerTypeOf(b.type)).not.toThrow();
  });

  it('refuses an unknown type rather than guessing', () =>
    expect(() => buyerTypeOf('cho_online')).toThrow(/unknown buyer type/));
});

describe('cooperativeKindOf', () => {
  it.each([
    ['HTX Nông nghiệp Thạnh Phước Lợi', 'cooperative'],
    ['Tổ hợp tác rau an toàn Vĩnh Thông', 'cooperative_group'],
    ['THT Khóm Tắc Cậu', 'cooperative_group'],
    ['Công ty TNHH Nông sản Xanh', 'enterprise'],
  ])('reads the legal form of %s as %s', (name, kind) => expect(cooperativeKindOf(name)).toBe(kind));

  it('makes all 40 demo HTX cooperatives', () => {
    expect(DEMO_COOPERATIVES.map((c) => cooperativeKindOf(c.name)).every((k) => k === 'cooperative')).toBe(true);
  });
});

describe('quantityToKg', () => {
  it.each([
    [2940, 'tấn', 'LUA_TUOI_CLC', 2_940_000],
    [3, 'tạ', 'HEO_HOI', 300],
    [3000, 'lít', 'MAT_ONG', 4200],
    [120000, 'lít', 'NUOC_MAM', 144_000],
    [12.5, 'kg', 'MUC', 13],
  ])('%d %s of %s is %d kg', (q, unit, code, kg) => expect(quantityToKg(q, unit, code)).toBe(kg));

  it('refuses an unknown unit', () => expect(() => quantityToKg(1, 'bao', 'GAO_TRANG')).toThrow(/unknown unit/));
});
