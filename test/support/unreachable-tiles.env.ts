// Imported first by suites that check the map without a tile server: the configuration
// is validated when the config module loads, so these variables must be set before it.
export const UNREACHABLE_TILE_URL = 'http://127.0.0.1:9/tiles/{z}/{x}/{y}.png';
export const TEST_TILE_ATTRIBUTION = 'Test tiles (none reachable)';
Object.assign(process.env, { MAP_TILE_URL: UNREACHABLE_TILE_URL, MAP_TILE_ATTRIBUTION: TEST_TILE_ATTRIBUTION });
