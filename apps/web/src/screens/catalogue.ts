import { getLang } from '../i18n';
import type { Ctx } from '../screen-context';

export const CERTIFICATIONS = ['VIETGAP', 'GLOBALGAP', 'ORGANIC', 'OCOP', 'HACCP', 'ASC', 'BAP', 'RAINFOREST'] as const;
export const BUYER_TYPES = [
  'wholesale_market',
  'distributor',
  'supermarket',
  'exporter',
  'processor',
  'trader',
  'ecommerce',
] as const;

export const productName = (ctx: Ctx, code: string): string => {
  const p = ctx.products.find((x) => x.code === code);
  return p ? (getLang() === 'vi' ? p.nameVi : p.nameEn) : code;
};
export const productOptions = (ctx: Ctx, first: string): Array<[string, string]> => [
  ['', first],
  ...ctx.products.map((p) => [p.code, getLang() === 'vi' ? p.nameVi : p.nameEn] as [string, string]),
];
