import type { BuyerType, CooperativeKind } from '@agrilink/core';
import { foldVietnamese } from '@agrilink/core';

/** Certification codes the demo set uses (a subset of common/certifications.ts). */
export type DemoCertification = 'VIETGAP' | 'GLOBALGAP' | 'ORGANIC' | 'OCOP';

// Pending or partial schemes are not certificates a buyer can rely on yet.
const PENDING = /dang chuyen doi|dang danh gia|dang dang ky/;

/**
 * "VietGAP (lúa)" → VIETGAP, "OCOP 4 sao (mật ong)" → OCOP, "Hữu cơ TCVN 11041-2:2017
 * (đang chuyển đổi)" → null (in conversion), "Cánh đồng lớn liên kết" → null.
 */
export function certificationCode(text: string): DemoCertification | null {
  const f = foldVietnamese(text);
  if (PENDING.test(f)) return null;
  if (/globalg\.?a\.?p/.test(f)) return 'GLOBALGAP';
  if (/vietg\.?a\.?p/.test(f)) return 'VIETGAP';
  if (/\bocop\b/.test(f)) return 'OCOP';
  if (/huu co|organic/.test(f)) return 'ORGANIC';
  return null;
}

// Which products a certificate covers, from its bracketed hint: "VietGAP (lúa)".
// Order matters: "tôm khô" before "tôm", "khô cá" before "cá".
const SCOPE: Array<[RegExp, (code: string, category: string) => boolean]> = [
  [/tom kho/, (c) => c === 'TOM_KHO'],
  [/kho ca/, (c) => c === 'KHO_CA'],
  [/nuoc mam/, (c) => c === 'NUOC_MAM'],
  [/mat ong/, (c) => c === 'MAT_ONG'],
  [/ho tieu/, (c) => c === 'HO_TIEU_PQ'],
  [/st25|tom-lua|tom lua/, (c) => c === 'LUA_ST'],
  [/khom/, (c) => c === 'KHOM'],
  [/rau/, (c) => c === 'RAU_AN_LA'],
  [/gao|lua/, (c) => c.startsWith('LUA_') || c === 'GAO_TRANG'],
  [/\btom\b/, (c) => c.startsWith('TOM_') && c !== 'TOM_KHO'],
  [/thuy san/, (_c, cat) => cat === 'thuy_san'],
];

/** Whether a certificate text applies to a product; no hint means the whole cooperative. */
export function certificationCovers(text: string, productCode: string, category: string): boolean {
  const hint = /\(([^)]*)\)/.exec(text);
  if (!hint) return true;
  const f = foldVietnamese(hint[1]);
  for (const [re, covers] of SCOPE) if (re.test(f)) return covers(productCode, category);
  return true;
}

export function certificationsFor(texts: string[], productCode?: string, category?: string): DemoCertification[] {
  const out = new Set<DemoCertification>();
  for (const t of texts) {
    const code = certificationCode(t);
    if (!code) continue;
    if (productCode && !certificationCovers(t, productCode, category ?? '')) continue;
    out.add(code);
  }
  return [...out].sort();
}

/** Buyer types in buyers.json (Vietnamese) → the seven the matching understands. */
const BUYER_TYPES: Record<string, BuyerType> = {
  cho_dau_moi: 'wholesale_market', // chợ đầu mối
  cang_ca: 'wholesale_market', // fishing port with buying yards (vựa)
  chuoi_sieu_thi: 'supermarket',
  sieu_thi: 'supermarket',
  chuoi_bach_hoa: 'supermarket',
  dai_sieu_thi: 'supermarket',
  dai_sieu_thi_si: 'distributor', // cash-and-carry wholesale (MM Mega Market)
  nha_hang_khach_san: 'distributor', // food service: restaurants and hotels
  bep_an_tap_the: 'distributor', // food service: industrial catering
  xuat_khau_gao: 'exporter',
  xuat_khau_gia_vi: 'exporter',
  nha_may_xay_xat: 'processor', // drying and milling
  che_bien_thuy_san: 'processor',
  che_bien_xuat_khau_tom: 'processor',
  che_bien_trai_cay: 'processor',
  thuong_lai_vua: 'trader', // thương lái / vựa
  san_tmdt: 'ecommerce',
};

export function buyerTypeOf(sourceType: string): BuyerType {
  const t = BUYER_TYPES[sourceType];
  if (!t) throw new Error(`demo data: unknown buyer type "${sourceType}"`);
  return t;
}

/** cooperatives.json's `kind` is a sector (trong_trot, thuy_san…); the legal form is in the name. */
export function cooperativeKindOf(name: string): CooperativeKind {
  const f = foldVietnamese(name);
  if (/^(tht|to hop tac)\b/.test(f)) return 'cooperative_group';
  if (/^(ho|nong ho)\b/.test(f)) return 'household';
  if (/^(cong ty|doanh nghiep|dntn)\b/.test(f)) return 'enterprise';
  return 'cooperative';
}

// Liquids are traded by the litre and stored in kg.
const KG_PER_LITRE: Record<string, number> = { MAT_ONG: 1.4, NUOC_MAM: 1.2 };

/** A harvest-plan quantity in its unit (tấn, lít, kg…) → whole kg. */
export function quantityToKg(quantity: number, unit: string, productCode: string): number {
  const u = foldVietnamese(unit);
  const factor =
    u === 'tan'
      ? 1000
      : u === 'ta'
        ? 100
        : u === 'yen'
          ? 10
          : u === 'kg'
            ? 1
            : u === 'lit'
              ? (KG_PER_LITRE[productCode] ?? 1)
              : NaN;
  if (!Number.isFinite(factor)) throw new Error(`demo data: unknown unit "${unit}"`);
  return Math.round(quantity * factor);
}
