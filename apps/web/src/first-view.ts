import type { FeatureCollection } from 'geojson';

/**
 * The whole-country view asks the layers for the country's box (libs/core VIETNAM_BOUNDS, which
 * holds every lot, buyer, zone and flow), not for the box the screen happens to show: then its
 * request is known before the map exists, and index.html's inline script sends the supply layer's
 * while the app's script is still on its way (on Fast 3G that saves the script's download and run,
 * about 1.5 s). Keep the two in step: same box, same zoom rule, same headers.
 */
export const COUNTRY_BBOX = '102.00000,6.00000,117.50000,23.60000';

interface FirstAnswer {
  path: string;
  answer: Promise<FeatureCollection | null>;
}

/**
 * The supply layer's answer index.html already asked for, when it is the one this path asks (taken
 * once: later requests fetch afresh); null otherwise, or when that answer failed.
 */
export function takeFirstAnswer(path: string): Promise<FeatureCollection | null> | null {
  const w = window as unknown as { __agrilinkFirst?: FirstAnswer };
  const first = w.__agrilinkFirst;
  if (!first) return null;
  delete w.__agrilinkFirst;
  // The inline script guesses the map's size from the screen; a wrong guess costs one request, and says so.
  document.body.dataset.firstLayer = first.path === path ? 'used' : 'missed';
  return first.path === path ? first.answer.catch(() => null) : null;
}
