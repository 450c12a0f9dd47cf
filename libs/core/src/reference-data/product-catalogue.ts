import { foldVietnamese } from '../common/vietnamese-text';
import catalogueFile from './data/products.json';
import inputsFile from './data/agricultural-inputs.json';

/** A product as the database stores it (the `products` table). */
export interface ProductRow {
  code: string;
  nameVi: string;
  nameEn: string;
  category: string;
  unit: string;
  shelfLifeDays: number | null;
  storageDays: number | null;
  storageSource: string | null;
  typicalPriceMinVnd: number | null;
  typicalPriceMaxVnd: number | null;
  searchText: string;
}

/** The catalogue file as gathered (products.json: Kiên Giang, 2021–2024, with dated price evidence). */
export interface CatalogueEntry {
  code: string;
  name_vi: string;
  name_en: string;
  category: string;
  unit: string;
  shelf_life_days?: number | null;
  storage_days?: number | null;
  storage_source?: string | null;
  typical_price_vnd?: { min?: number | null; max?: number | null } | null;
  seasons?: Array<{ name_vi?: string; harvest_months?: number[] }>;
  main_districts?: string[];
}

/** Vật tư nông nghiệp: categories of the inputs the price watch follows (agricultural-inputs.json). */
export const AGRICULTURAL_INPUT_CATEGORIES = ['phan_bon', 'giong', 'thuc_an', 'thuoc_bvtv'] as const;

export function isAgriculturalInput(category: string): boolean {
  return (AGRICULTURAL_INPUT_CATEGORIES as readonly string[]).includes(category);
}

export const PRODUCT_CATALOGUE: readonly CatalogueEntry[] = [
  ...(catalogueFile as { products: CatalogueEntry[] }).products,
  ...(inputsFile as { products: CatalogueEntry[] }).products,
];

export function toProductRow(p: CatalogueEntry): ProductRow {
  const nameVi = p.name_vi.trim();
  const nameEn = p.name_en.trim();
  return {
    code: p.code,
    nameVi,
    nameEn,
    category: p.category,
    unit: p.unit,
    shelfLifeDays: p.shelf_life_days ?? null,
    storageDays: p.storage_days ?? null,
    storageSource: p.storage_source ?? null,
    typicalPriceMinVnd: p.typical_price_vnd?.min ?? null,
    typicalPriceMaxVnd: p.typical_price_vnd?.max ?? null,
    // Both names, so "pepper" and "ho tieu" find HO_TIEU_PQ.
    searchText: foldVietnamese(`${nameVi} ${nameEn}`),
  };
}

export function productRows(): ProductRow[] {
  return PRODUCT_CATALOGUE.map(toProductRow).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
