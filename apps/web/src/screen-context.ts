import type { Product } from './api';
import type { SupplyMap } from './map-view';

/** What every screen is handed: the map, the catalogues, navigation. Apart from the screens so they never import each other in a circle. */
export interface Ctx {
  map: SupplyMap;
  products: Product[];
  provinces: Array<{ code: string; name: string }>;
  navigate(route: string): void;
  onSession(): void;
}
