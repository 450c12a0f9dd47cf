// Staff: lockdown zones (vùng phong tỏa) for matching scenario 2, drawn on the map.
import { api, ApiError, type Schema } from './api';
import { clear, h, listener } from './dom';
import { drawControls } from './draw';
import { Errors, field, flash, formShell, input, showErrors, showServerError, value } from './forms';
import { formatDate } from './format';
import { t } from './i18n';
import type { Ctx } from './screen-context';
import { historySection } from './audit';
import { communePicker } from './screens/commune-picker';
import { confirmAction } from './confirm';
import { deleteButton, editDetails } from './edit-in-place';

type ZoneView = Schema<'ZoneResponse'>;
export function zonesScreen(root: HTMLElement, ctx: Ctx): void {
  const draw = drawControls(ctx.map.map, '#b71c1c');
  const restricted = input('checkbox', { checked: true });
  const communes = communePicker();
  const form = formShell(
    'zone-form',
    h('h2', {}, t('newZone')),
    field(
      'code',
      t('zoneCode'),
      input('text', { maxlength: 40, autocapitalize: 'characters', placeholder: 'KG-RACHGIA-1' }),
    ),
    field('name', t('zoneName'), input('text', { maxlength: 200 })),
    h(
      'div',
      { className: 'grid2' },
      field('from', t('validFrom'), input('date')),
      field('to', t('validTo'), input('date')),
    ),
    h('label', { className: 'check' }, restricted, t('restrictedToggle')),
    field('polygon', t('zoneShape'), draw.el),
    field('administrativeUnitIds', t('zoneByCommunes'), communes.el),
    h(
      'fieldset',
      { className: 'curfew' },
      h('legend', {}, t('zoneCurfew')),
      h(
        'div',
        { className: 'grid2' },
        field('curfewFrom', t('zoneCurfewFrom'), input('time', { step: 60 })),
        field('curfewTo', t('zoneCurfewTo'), input('time', { step: 60 })),
      ),
    ),
    h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'primary' }, t('saveZone'))),
  );
  const list = h('div', { className: 'zone-list' });

  form.addEventListener(
    'submit',
    listener(async (e) => {
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
      const unitIds = communes.get();
      if (!polygon && !unitIds.length) errors.polygon = t('errZoneExtent');
      const curfewFrom = value(form, 'curfewFrom');
      const curfewTo = value(form, 'curfewTo');
      if ((curfewFrom || curfewTo) && (!curfewFrom || !curfewTo || curfewFrom === curfewTo))
        errors.curfewTo = t('errZoneCurfew');
      if (Object.keys(errors).length) {
        showErrors(form, errors);
        return;
      }
      const body: Schema<'CreateZoneDto'> = { code, name, restricted: restricted.checked };
      if (polygon) body.polygon = polygon;
      if (unitIds.length) body.administrativeUnitIds = unitIds;
      if (curfewFrom && curfewTo) body.curfew = { allowedFrom: curfewFrom, allowedTo: curfewTo };
      if (from) body.from = from;
      if (to) body.to = to;
      try {
        await api.POST('/api/zones', { body });
        form.reset();
        restricted.checked = true;
        draw.reset();
        communes.reset();
        showErrors(form, {});
        flash(form, t('zoneSaved', { code }));
        ctx.map.refresh();
        void load();
      } catch (err) {
        showServerError(form, err);
      }
    }),
  );

  const load = async () => {
    try {
      const page = await api.GET('/api/zones', { params: { query: { limit: 100 } } });
      clear(list);
      list.append(h('h2', {}, t('zones')));
      if (!page.items.length) {
        list.append(h('p', { className: 'empty' }, t('noZones')));
        return;
      }
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
              onchange: listener(async (ev: Event) => {
                const box = ev.currentTarget as HTMLInputElement;
                box.disabled = true;
                try {
                  const saved = await api.PATCH('/api/zones/{id}', {
                    params: { path: { id: z.id } },
                    body: { restricted: box.checked },
                  });
                  z.restricted = saved.restricted;
                  note.textContent = t('saved');
                  ctx.map.refresh();
                } catch (err) {
                  box.checked = z.restricted;
                  note.textContent =
                    err instanceof ApiError ? t('errServer', { message: err.message }) : t('errNetwork');
                } finally {
                  box.disabled = false;
                }
              }),
            });
            return h(
              'li',
              { className: 'card zone-card', 'data-zone-code': z.code },
              h('h3', {}, z.name),
              h(
                'p',
                { className: 'muted' },
                `${t('zoneCode')}: ${z.code} · ${t('activePeriod')}: ${formatDate(z.from)} – ${formatDate(z.to)}`,
              ),
              h('label', { className: 'check' }, toggle, t('restrictedToggle'), note),
              z.administrativeUnitIds.length
                ? h(
                    'p',
                    { className: 'zone-communes' },
                    `${t('zoneByCommunes')}: ${t('zoneCommunesCount', { n: z.administrativeUnitIds.length })}`,
                  )
                : null,
              curfewEditor(z, () => void load()),
              editDetails(
                'zone-edit',
                [
                  { name: 'name', label: t('zoneName'), input: input('text', { maxlength: 200, value: z.name }) },
                  { name: 'from', label: t('validFrom'), input: input('date', { value: z.from ?? undefined }) },
                  { name: 'to', label: t('validTo'), input: input('date', { value: z.to ?? undefined }) },
                ],
                async (f) => {
                  const name = value(f, 'name');
                  if (!name) throw new Error(t('errRequired', { field: t('zoneName') }));
                  await api.PATCH('/api/zones/{id}', {
                    params: { path: { id: z.id } },
                    body: { name, from: value(f, 'from') || null, to: value(f, 'to') || null },
                  });
                  ctx.map.refresh();
                  void load();
                },
              ),
              h(
                'div',
                { className: 'actions' },
                z.polygon
                  ? h(
                      'button',
                      { type: 'button', className: 'show-zone', onclick: () => ctx.map.fitGeometry(z.polygon!, 14) },
                      t('showOnMap'),
                    )
                  : null,
                !z.to || z.to >= todayVn()
                  ? h(
                      'button',
                      {
                        type: 'button',
                        className: 'danger end-zone',
                        onclick: listener(async () => {
                          const yes = await confirmAction({
                            title: t('endZone'),
                            message: `${z.name} (${z.code})`,
                            confirmLabel: t('endZone'),
                            danger: true,
                          });
                          if (!yes) return;
                          try {
                            await api.POST('/api/zones/{id}/end', { params: { path: { id: z.id } }, body: {} });
                            note.textContent = t('zoneEnded', { code: z.code });
                            ctx.map.refresh();
                            void load();
                          } catch (err) {
                            note.textContent =
                              err instanceof ApiError ? t('errServer', { message: err.message }) : t('errNetwork');
                          }
                        }),
                      },
                      t('endZone'),
                    )
                  : null,
                deleteButton(
                  z.name,
                  () => api.DELETE('/api/zones/{id}', { params: { path: { id: z.id } } }),
                  note,
                  () => {
                    flash(form, t('zoneDeleted', { name: z.name }));
                    ctx.map.refresh();
                    void load();
                  },
                ),
              ),
              historySection((query) => api.GET('/api/zones/{id}/history', { params: { path: { id: z.id }, query } })),
            );
          }),
        ),
      );
    } catch (err) {
      clear(list);
      list.append(
        h(
          'p',
          { className: 'form-error' },
          err instanceof ApiError ? t('errServer', { message: err.message }) : t('errNetwork'),
        ),
      );
    }
  };
  root.append(form, list);
  void load();
}

/** Today in Việt Nam (UTC+7), as the server counts a zone's days. */
function todayVn(): string {
  return new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** The zone's traffic hours, editable in place. */
function curfewEditor(z: ZoneView, saved: () => void): HTMLElement {
  const from = input('time', { step: 60, value: z.curfew?.allowedFrom ?? '', 'aria-label': t('zoneCurfewFrom') });
  const to = input('time', { step: 60, value: z.curfew?.allowedTo ?? '', 'aria-label': t('zoneCurfewTo') });
  const note = h('span', { className: 'muted curfew-note' });
  const save = h(
    'button',
    {
      type: 'button',
      className: 'save-curfew',
      onclick: listener(async () => {
        const a = from.value.slice(0, 5);
        const b = to.value.slice(0, 5);
        if ((a || b) && (!a || !b || a === b)) return void (note.textContent = t('errZoneCurfew'));
        try {
          await api.PATCH('/api/zones/{id}', {
            params: { path: { id: z.id } },
            body: { curfew: a && b ? { allowedFrom: a, allowedTo: b } : null },
          });
          note.textContent = t('saved');
          saved();
        } catch (err) {
          note.textContent = err instanceof ApiError ? t('errServer', { message: err.message }) : t('errNetwork');
        }
      }),
    },
    t('editCurfew'),
  );
  return h(
    'div',
    { className: 'zone-curfew' },
    h('span', {}, `${t('zoneCurfew')}: `),
    from,
    ' – ',
    to,
    ' ',
    save,
    note,
  );
}
