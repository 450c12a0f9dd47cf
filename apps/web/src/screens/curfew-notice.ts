// The zone and curfew hours of a lot or request, shown to its owner wherever it is listed.
import { h } from '../dom';
import { t } from '../i18n';

export interface Curfew {
  zoneCode: string;
  zoneName: string;
  allowedFrom: string;
  allowedTo: string;
}

/** A line naming the zone and its traffic hours; just the zone when it has no curfew; nothing outside zones. */
export function curfewNotice(row: object): HTMLElement | null {
  // Lots and requests carry `zone` and `curfew` (the api derives both); older views may not type them.
  const item = row as { zone?: string | null; curfew?: Curfew | null };
  if (item.curfew) {
    return h(
      'p',
      { className: 'notice curfew-notice', role: 'note', 'data-zone': item.curfew.zoneCode },
      t('curfewNotice', {
        zone: `${item.curfew.zoneName} (${item.curfew.zoneCode})`,
        from: item.curfew.allowedFrom,
        to: item.curfew.allowedTo,
      }),
    );
  }
  if (item.zone)
    return h('p', { className: 'notice zone-notice', 'data-zone': item.zone }, t('zoneNotice', { zone: item.zone }));
  return null;
}
