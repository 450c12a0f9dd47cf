import { api, ApiError } from './api';
import type { components } from './api/schema';
import { h } from './dom';
import { t } from './i18n';
import type { SupplyMap } from './map-view';

export interface LatLng {
  lat: number;
  lng: number;
}
type ResolvedPlace = components['schemas']['ResolvedPlaceResponse'];

/** "Phường Rạch Giá, Tỉnh An Giang (trước 1/7/2025: …)": what the server's reverse lookup found. */
export function placeText(r: ResolvedPlace): string {
  if (!r.commune && !r.province) return t('pickedUnknown');
  const now = r.commune
    ? t('pickedPlace', { commune: r.commune.name, province: r.province?.name ?? '' })
    : t('pickedProvinceOnly', { province: r.province?.name ?? '' });
  const old = r.pre2025;
  if (!old.communes.length && !old.province) return now;
  const communes = old.communes.map((c) => c.name).join(', ');
  const districts = [...new Set(old.communes.map((c) => c.districtName).filter((d): d is string => !!d))].join(', ');
  const before = [communes, districts, old.province?.name].filter(Boolean).join(', ');
  return `${now} (${t('pickedOld', { units: before })})`;
}

/**
 * "Pick on the map" for any form that needs a point: a button that puts the map in
 * picking mode and a line saying what was picked, with the commune the server finds there,
 * so the user can check it. The form reads `value`.
 */
export function locationPicker(
  map: SupplyMap,
  initial: LatLng | null = null,
): { el: HTMLElement; readonly value: LatLng | null; reset(): void } {
  let picked = initial;
  let asked = 0;
  const text = h(
    'span',
    { className: 'picked-text' },
    picked ? t('locationPicked', { lat: picked.lat, lng: picked.lng }) : '',
  );
  const place = h('span', { className: 'picked-place', role: 'status', 'aria-live': 'polite' });
  const lookUp = async (p: LatLng) => {
    const mine = ++asked;
    place.textContent = t('pickLookingUp');
    try {
      const r = await api.GET('/api/administrative-units/resolve', { params: { query: { lat: p.lat, lng: p.lng } } });
      if (mine !== asked) return;
      place.textContent = placeText(r);
      map.labelPick(r.commune?.name ?? r.province?.name ?? '');
    } catch (e) {
      if (mine !== asked) return;
      place.textContent =
        e instanceof ApiError && e.code === 'ADMINISTRATIVE_UNIT.OUTSIDE_VIETNAM'
          ? t('pickedOutside')
          : t('pickedUnknown');
    }
  };
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
          void lookUp(p);
        });
      },
    },
    t('pickOnMap'),
  );
  if (initial) void lookUp(initial);
  return {
    el: h('div', { className: 'pick' }, button, text, h('br'), place),
    get value() {
      return picked;
    },
    reset() {
      picked = null;
      asked++;
      text.textContent = '';
      place.textContent = '';
      map.clearPickMarker();
    },
  };
}
