import { DomainError } from '../common/domain-error';

/**
 * "Far outside" the product's typical band: below half its floor or above twice
 * its ceiling. A real spike or slump stays inside that; a typo (7 đ/kg for
 * 7,000) does not. Both the API and the import kind ask this one rule.
 */
export const OUTLIER_BELOW_FACTOR = 0.5;
export const OUTLIER_ABOVE_FACTOR = 2;

export interface PriceBand {
  min: number | null;
  max: number | null;
}

export function outlierBounds(band: PriceBand): { below: number | null; above: number | null } {
  return {
    below: band.min ? Math.ceil(band.min * OUTLIER_BELOW_FACTOR) : null,
    above: band.max ? Math.floor(band.max * OUTLIER_ABOVE_FACTOR) : null,
  };
}

export function isFarOutsideBand(price: number, band: PriceBand): boolean {
  const { below, above } = outlierBounds(band);
  return (below !== null && price < below) || (above !== null && price > above);
}

/** 422 unless the caller says the price is intended; answers whether it is outside the band. */
export function assertPlausiblePrice(
  product: string,
  price: number,
  band: PriceBand,
  confirmOutlier: boolean | undefined,
  field = 'priceVndPerKg',
): boolean {
  if (!isFarOutsideBand(price, band)) return false;
  if (confirmOutlier) return true;
  const { below, above } = outlierBounds(band);
  const message =
    `${field}: ${price} đ/kg is far outside the usual band of ${product} (${band.min ?? '?'}–${band.max ?? '?'} đ/kg); ` +
    `send confirmOutlier: true if it is intended (giá ${price} đ/kg nằm xa ngoài khoảng giá thường gặp; xác nhận nếu đúng)`;
  throw new DomainError('validation', 'PRICE_OBSERVATION.OUTLIER', message, [
    { field, message, band: { min: band.min, max: band.max }, acceptedWithoutConfirmation: { min: below, max: above } },
  ]);
}

/** The middle value (the mean of the two middle ones for an even count), whole đồng. */
export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return Math.round(s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2);
}
