// Staff: lockdown zones (vùng phong tỏa) for matching scenario 2, drawn on the map.
import type { MultiPolygon, Polygon } from 'geojson';
import { api, ApiError, Page } from './api';
import { clear, h } from './dom';
import { drawControls } from './draw';
import { Errors, field, flash, formShell, input, showErrors, showServerError, value } from './forms';
import { formatDate } from './format';
import { t } from './i18n';
import type { Ctx } from './screens';

interface ZoneView {
  id: string;
  code: string;
  name: string;
  polygon: Polygon | MultiPolygon;
  restricted: boolean;
  from: string | null;
  to: string | null;
}

export function zonesScreen(root: HTMLElement, ctx: Ctx): void {
  const draw = drawControls(ctx.map.map, '#b71c1c');
  const restricted = input('checkbox', { checked: true });
  const form = formShell(
    'zone-form',
    h('h2', {}, t('newZone')),
    field('code', t('zoneCode'), input('text', { maxlength: 40, autocapitalize: 'characters', placeholder: 'KG-RACHGIA-1' })),
    field('name', t('zoneName'), input('text', { maxlength: 200 })),
    h('div', { className: 'grid2' }, field('from', t('validFrom'), input('date')), field('to', t('validTo'), input('date'))),
    h('label', { className: 'check' }, restricted, t('restrictedToggle')),
    field('polygon', t('zoneShape'), draw.el),
    h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'primary' }, t('saveZone'))),
  );
  const list = h('div', { className: 'zone-list' });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const errors: Errors = {};
    const code = value(form, 'code').toUpperCase();
    const name = value(form, 'name');
    const from = value(form, 'from');
    const to = value(form, 'to');
    const polygon = draw.get();
    if (!code) errors.code = t('errRequired', { field: t('zoneCode') });
    else if (!/^[A-Z0-9_-]{1,40}$/.test(code)) errors.code = t('errZoneCode');
    if (!name) errors.name = t('errRequired', { field: t('zoneName') });
    if (from && to && to < from) errors.to = t('errWindow');
    if (!polygon) errors.polygon = t('errPolygon');
    if (Object.keys(errors).length) return showErrors(form, errors);
    const body: Record<string, unknown> = { code, name, polygon, restricted: restricted.checked };
    if (from) body.from = from;
    if (to) body.to = to;
    try {
      await api.post<ZoneView>('/zones', body);
      form.reset();
      restricted.checked = true;
      draw.reset();
      showErrors(form, {});
      flash(form, t('zoneSaved', { code }));
      ctx.map.refresh();
      void load();
    } catch (err) {
      showServerError(form, err);
    }
  });

  const load = async () => {
    try {
      const page = await api.get<Page<ZoneView>>('/zones', { limit: 100 });
      clear(list);
      list.append(h('h2', {}, t('zones')));
      if (!page.items.length) return list.append(h('p', { className: 'empty' }, t('noZones')));
      list.append(
        h(
          'ul',
          { className: 'cards' },
          ...page.items.map((z) => {
            const note = h('span', { className: 'muted toggle-note' });
            const toggle = h('input', {
              type: 'checkbox',
              checked: z.restricted,
              className: 'zone-restricted',
              onchange: async (ev: Event) => {
                const box = ev.currentTarget as HTMLInputElement;
                box.disabled = true;
                try {
                  const saved = await api.patch<ZoneView>(`/zones/${z.id}`, { restricted: box.checked });
                  z.restricted = saved.restricted;
                  note.textContent = t('saved');
                  ctx.map.refresh();
                } catch (err) {
                  box.checked = z.restricted;
                  note.textContent = err instanceof ApiError ? t('errServer', { message: err.message }) : t('errNetwork');
                } finally {
                  box.disabled = false;
                }
              },
            });
            return h(
              'li',
              { className: 'card zone-card', 'data-zone-code': z.code },
              h('h3', {}, z.name),
              h('p', { className: 'muted' }, `${t('zoneCode')}: ${z.code} · ${t('activePeriod')}: ${formatDate(z.from)} – ${formatDate(z.to)}`),
              h('label', { className: 'check' }, toggle, t('restrictedToggle'), note),
              h('div', { className: 'actions' }, h('button', { type: 'button', onclick: () => ctx.map.fitGeometry(z.polygon, 14) }, t('showOnMap'))),
            );
          }),
        ),
      );
    } catch (err) {
      clear(list);
      list.append(h('p', { className: 'form-error' }, err instanceof ApiError ? t('errServer', { message: err.message }) : t('errNetwork')));
    }
  };
  root.append(form, list);
  void load();
}
