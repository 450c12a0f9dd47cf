import { h } from './dom';
import { t } from './i18n';
import type { SupplyMap } from './map-view';

export type LatLng = { lat: number; lng: number };

/**
 * "Pick on the map" for any form that needs a point: a button that puts the map in
 * picking mode and a line saying what was picked. The form reads `value`.
 */
export function locationPicker(map: SupplyMap, initial: LatLng | null = null): { el: HTMLElement; readonly value: LatLng | null; reset(): void } {
  let picked = initial;
  const text = h('span', { className: 'picked-text' }, picked ? t('locationPicked', { lat: picked.lat, lng: picked.lng }) : '');
  const button = h(
    'button',
    {
      type: 'button',
      className: 'pick-button',
      onclick: () => {
        text.textContent = t('pickHint');
        map.startPicking((p) => {
          picked = p;
          text.textContent = t('locationPicked', { lat: p.lat, lng: p.lng });
          map.stopPicking();
        });
      },
    },
    t('pickOnMap'),
  );
  return {
    el: h('div', { className: 'pick' }, button, text),
    get value() {
      return picked;
    },
    reset() {
      picked = null;
      text.textContent = '';
      map.clearPickMarker();
    },
  };
}
