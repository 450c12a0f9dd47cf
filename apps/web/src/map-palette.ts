/**
 * The map's one colour scheme: supply (lots and production areas) by product, in circles;
 * buyers by type, in diamonds; clusters neutral. Markers and the legend are both drawn from
 * these objects, so the legend cannot say a colour the map does not use.
 */

export type MarkerShape = 'circle' | 'diamond' | 'cluster';

// Kelly's colours of maximum contrast, less white, black, grey and the darkest (those are the
// buyers' and the clusters'): twenty, so the catalogue's products rarely share one, and products
// of one category (next to each other in the catalogue) never. Buyers use the dark set below, in a diamond.
export const PRODUCT_PALETTE = [
  '#f3c300',
  '#875692',
  '#f38400',
  '#a1caf1',
  '#be0032',
  '#c2b280',
  '#008856',
  '#e68fac',
  '#0067a5',
  '#f99379',
  '#604e97',
  '#f6a600',
  '#b3446c',
  '#dcd300',
  '#882d17',
  '#8db600',
  '#654522',
  '#e25822',
  '#5fa8a0',
  '#2d6a4f',
];

let catalogueOrder = new Map<string, number>();

/** The catalogue's codes in order: products next to each other in it (a product family) get different colours. */
export function setProductOrder(codes: string[]): boolean {
  const next = new Map([...codes].sort().map((c, i) => [c, i] as [string, number]));
  const changed = next.size !== catalogueOrder.size || [...next].some(([c, i]) => catalogueOrder.get(c) !== i);
  catalogueOrder = next;
  return changed;
}

/** A stable colour per product code, so a product looks the same on every screen. */
export function productColor(code: string): string {
  const i = catalogueOrder.get(code);
  if (i !== undefined) return PRODUCT_PALETTE[i % PRODUCT_PALETTE.length];
  let hash = 0;
  for (let k = 0; k < code.length; k++) hash = (hash * 31 + code.charCodeAt(k)) >>> 0;
  return PRODUCT_PALETTE[hash % PRODUCT_PALETTE.length];
}

export const BUYER_STYLES: Record<string, { color: string; shape: MarkerShape }> = {
  wholesale_market: { color: '#000000', shape: 'diamond' },
  distributor: { color: '#1a237e', shape: 'diamond' },
  supermarket: { color: '#880e4f', shape: 'diamond' },
  exporter: { color: '#1b5e20', shape: 'diamond' },
  processor: { color: '#4e342e', shape: 'diamond' },
  trader: { color: '#bf360c', shape: 'diamond' },
  ecommerce: { color: '#4a148c', shape: 'diamond' },
};
export const OTHER_BUYER = { color: '#455a64', shape: 'diamond' as MarkerShape };

export function buyerStyle(type: string | undefined): { color: string; shape: MarkerShape } {
  return (type && BUYER_STYLES[type]) || OTHER_BUYER;
}

export const CLUSTER_COLOR = '#546e7a';
export const BUYER_SIZE = 16;

/** The SVG of a buyer's diamond; the same markup draws its legend swatch. */
export function diamondSvg(color: string, size: number, pathClass: string): string {
  const m = size / 2;
  return `<svg width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" aria-hidden="true" focusable="false"><path class="${pathClass}" d="M${m} 1 L${size - 1} ${m} L${m} ${size - 1} L1 ${m} Z" fill="${color}" stroke="#fff" stroke-width="2"/></svg>`;
}
