// Staff: plan which truck takes which loads on a day (kế hoạch điều xe), see the trips on the map
// against one truck per load, and turn the plan into load offers in one action.
import L from 'leaflet';
import { api, ApiError, type Schema } from '../api';
import { clear, h, onLeave, listener } from '../dom';
import { field, formShell, input, select, showServerError, value } from '../forms';
import { formatDate, formatNumber, formatTons, formatVnd } from '../format';
import { t, tr } from '../i18n';
import type { Ctx } from '../screen-context';

const COLORS = [
  '#1565c0',
  '#2e7d32',
  '#c62828',
  '#6a1b9a',
  '#ef6c00',
  '#00838f',
  '#4e342e',
  '#ad1457',
  '#558b2f',
  '#283593',
];
const vnd = (n: number | null | undefined) => formatVnd(n);
const clock = (min: number) => {
  const m = Math.max(0, Math.round(min));
  return `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}${m >= 1440 ? ' (+1)' : ''}`;
};
const short = (id: string) => id.slice(0, 8);
const tomorrow = () => new Date(Date.now() + 7 * 3600_000 + 86_400_000).toISOString().slice(0, 10);

export function transportPlansScreen(root: HTMLElement, ctx: Ctx, openId?: string): void {
  const layer = L.layerGroup().addTo(ctx.map.map);
  let timer = 0;
  onLeave(() => {
    window.clearTimeout(timer);
    layer.remove();
  });
  const status = h('p', { className: 'tp-status', role: 'status' });
  const detail = h('div', { className: 'tp-detail' });
  const recent = h('div', { className: 'tp-recent' });
  const form = formShell(
    'tp-form',
    h('h2', {}, t('tpTitle')),
    h('p', { className: 'muted' }, t('tpIntro')),
    field('date', t('tpDate'), input('date', { value: tomorrow(), required: true })),
    field(
      'province',
      t('tpProvince'),
      select([['', '—'], ...ctx.provinces.map((p) => [p.code, p.name] as [string, string])], ''),
    ),
    h(
      'div',
      { className: 'actions' },
      h('button', { type: 'submit', className: 'primary', 'data-action': 'run-plan' }, t('tpRun')),
    ),
  );
  form.addEventListener(
    'submit',
    listener(async (e) => {
      e.preventDefault();
      const date = value(form, 'date');
      if (!date) {
        status.textContent = t('tpErrDate');
        return;
      }
      const province = value(form, 'province');
      try {
        const plan = await api.POST('/api/transport-plans', {
          body: { date, ...(province ? { provinceCodes: [province] } : {}) },
        });
        void poll(plan.id);
      } catch (err) {
        showServerError(form, err);
      }
    }),
  );

  const poll = async (id: string) => {
    window.clearTimeout(timer);
    try {
      const plan = await api.GET('/api/transport-plans/{id}', { params: { path: { id } } });
      status.textContent = t('tpStatus', {
        id: short(id),
        status: tr(`tp_${plan.status}`, plan.status),
        progress: plan.progress,
      });
      status.dataset.status = plan.status;
      if (plan.status === 'queued' || plan.status === 'running') {
        timer = window.setTimeout(() => void poll(id), 800);
        return;
      }
      showPlan(plan);
      void loadRecent();
    } catch (err) {
      status.textContent = err instanceof ApiError ? t('errServer', { message: err.message }) : t('errNetwork');
    }
  };

  const showPlan = (plan: TransportPlanView) => {
    clear(detail);
    layer.clearLayers();
    if (plan.status === 'failed') {
      detail.append(h('p', { className: 'form-error' }, plan.error ?? ''));
      return;
    }
    const saving =
      plan.baselineCostVnd && plan.costVnd !== null && plan.costVnd < plan.baselineCostVnd
        ? Math.round((1000 * (plan.baselineCostVnd - plan.costVnd)) / plan.baselineCostVnd) / 10
        : 0;
    const vehicles = new Set(plan.trips.map((x) => x.vehicleId)).size;
    detail.append(
      h('h3', {}, `${formatDate(plan.date)} · ${tr(`tpMethod_${plan.method}`, plan.method ?? '')}`),
      h(
        'dl',
        { className: 'tp-figures' },
        h('dt', {}, t('tpCost')),
        h('dd', { 'data-figure': 'cost' }, vnd(plan.costVnd)),
        h('dt', {}, t('tpBaseline')),
        h(
          'dd',
          { 'data-figure': 'baseline' },
          vnd(plan.baselineCostVnd),
          plan.baselinePlannedKg !== null && plan.baselinePlannedKg !== plan.plannedKg
            ? ` (${t('tpCarries', { tons: formatTons(plan.baselinePlannedKg) })})`
            : '',
        ),
        h('dt', {}, t('tpLowerBound')),
        h('dd', { 'data-figure': 'lower-bound' }, vnd(plan.lowerBoundVnd)),
      ),
      h('p', { className: 'tp-saving' }, savingText(plan, saving)),
      h('p', {}, t('tpPlanned', { tons: formatTons(plan.plannedKg ?? 0), trips: plan.trips.length, vehicles })),
    );
    detail.append(offersBlock(plan));
    detail.append(h('h3', {}, t('tpTrips')));
    if (!plan.trips.length) detail.append(h('p', { className: 'muted' }, t('tpNoTrips')));
    const list = h('ol', { className: 'tp-trips' });
    const bounds: L.LatLngExpression[] = [];
    plan.trips.forEach((trip, i) => {
      const color = COLORS[i % COLORS.length];
      const path = trip.stops.map((s) => [s.location.lat, s.location.lng] as L.LatLngTuple);
      bounds.push(...path);
      const line = L.polyline(path, { color, weight: 3, opacity: 0.8, className: 'tp-route' }).addTo(layer);
      line.bindTooltip(`${trip.plate} · ${formatTons(trip.kg)}`);
      for (const s of trip.stops) {
        if (s.kind === 'depot-back') continue;
        const label = s.kind === 'pickup' ? t('tpStopPickup') : s.kind === 'drop' ? t('tpStopDrop') : t('tpStopDepot');
        L.circleMarker([s.location.lat, s.location.lng], {
          radius: s.kind === 'drop' ? 7 : 5,
          color,
          weight: 2,
          fillColor: s.kind === 'drop' ? color : '#fff',
          fillOpacity: 1,
          className: `tp-stop tp-stop-${s.kind}`,
        })
          .bindTooltip(
            `${label} · ${clock(s.arriveMin)}${s.loadIds.length ? ` · ${s.loadIds.map(short).join(', ')}` : ''}`,
          )
          .addTo(layer);
      }
      list.append(
        tripItem(trip, color, () =>
          ctx.map.fitPoints(
            trip.stops.map((s) => s.location),
            12,
          ),
        ),
      );
    });
    detail.append(list);
    if (plan.unplanned.length) {
      detail.append(
        h('h3', {}, t('tpUnplanned')),
        h(
          'ul',
          { className: 'tp-unplanned' },
          ...plan.unplanned.map((u) =>
            h(
              'li',
              {},
              `${t('tpLoad', { id: short(u.loadId) })} · ${formatTons(u.kg)} · ${tr(`tpReason_${u.reason}`, u.reason)}`,
            ),
          ),
        ),
      );
    }
    if (bounds.length)
      ctx.map.fitPoints(
        bounds.map((b) => ({ lat: (b as L.LatLngTuple)[0], lng: (b as L.LatLngTuple)[1] })),
        11,
      );
  };

  const offersBlock = (plan: TransportPlanView): HTMLElement => {
    const box = h('div', { className: 'tp-offers' });
    if (plan.offersMadeAt) {
      box.append(
        h(
          'p',
          { className: 'tp-offers-made' },
          t('tpOffersAlready', {
            count: plan.offersCount ?? 0,
            when: new Date(plan.offersMadeAt).toLocaleString(
              document.documentElement.lang === 'en' ? 'en-GB' : 'vi-VN',
            ),
          }),
        ),
      );
      return box;
    }
    const parts = plan.trips.reduce((a, x) => a + x.parts.length, 0);
    if (plan.status !== 'completed' || parts === 0) return box;
    // Two steps, in the page (no browser dialog): the action says what it will do before it does it.
    const button = h(
      'button',
      { type: 'button', className: 'primary', 'data-action': 'make-offers' },
      t('tpMakeOffers'),
    );
    const confirm = h(
      'button',
      { type: 'button', className: 'primary', 'data-action': 'confirm-offers', hidden: true },
      t('tpConfirmButton'),
    );
    const question = h('p', { className: 'tp-confirm', hidden: true }, t('tpConfirmOffers', { count: parts }));
    button.addEventListener('click', () => {
      button.hidden = true;
      question.hidden = false;
      confirm.hidden = false;
    });
    confirm.addEventListener(
      'click',
      listener(async () => {
        confirm.setAttribute('disabled', '');
        try {
          const res = await api.POST('/api/transport-plans/{id}/offers', { params: { path: { id: plan.id } } });
          clear(box);
          box.append(
            h('p', { className: 'tp-offers-made', role: 'status' }, t('tpOffersMade', { count: res.offers.length })),
          );
          if (res.skipped.length) {
            box.append(
              h('p', {}, t('tpOffersSkipped', { count: res.skipped.length })),
              h(
                'ul',
                {},
                ...res.skipped.map((x) => h('li', {}, `${t('tpLoad', { id: short(x.loadId) })}: ${x.message}`)),
              ),
            );
          }
          void loadRecent();
        } catch (err) {
          confirm.removeAttribute('disabled');
          box.append(h('p', { className: 'form-error' }, err instanceof ApiError ? err.message : t('errNetwork')));
        }
      }),
    );
    box.append(button, question, confirm);
    return box;
  };

  const loadRecent = async () => {
    try {
      const page = await api.GET('/api/transport-plans', { params: { query: { limit: 10 } } });
      clear(recent);
      recent.append(h('h3', {}, t('tpRecent')));
      if (!page.items.length) {
        recent.append(h('p', { className: 'muted' }, t('tpNone')));
        return;
      }
      recent.append(
        h(
          'ul',
          { className: 'tp-recent-list' },
          ...page.items.map((p) =>
            h(
              'li',
              {},
              h(
                'a',
                { href: `#/transport-plans/${p.id}`, 'data-plan-id': p.id },
                `${formatDate(p.date)} · ${tr(`tp_${p.status}`, p.status)}${p.costVnd !== null ? ` · ${vnd(p.costVnd)} / ${vnd(p.baselineCostVnd)}` : ''}${p.offersMadeAt ? ' ✓' : ''}`,
              ),
            ),
          ),
        ),
      );
    } catch {
      /* the list is a convenience; the form still works */
    }
  };

  root.append(form, status, detail, recent);
  void loadRecent();
  if (openId) void poll(openId);
}

/** Cheaper for the same kilograms, or dearer because it carries more than one truck per load can. */
type TransportPlanView = Schema<'TransportPlanResponse'>;

function savingText(plan: TransportPlanView, saving: number): string {
  const more = (plan.plannedKg ?? 0) - (plan.baselinePlannedKg ?? plan.plannedKg ?? 0);
  if (more > 0) return t('tpCarriesMore', { tons: formatTons(more) });
  return saving > 0 ? t('tpSaving', { pct: formatNumber(saving, 1) }) : t('tpNoSaving');
}

function tripItem(trip: Schema<'TransportPlanTripResponse'>, color: string, show: () => void): HTMLElement {
  const pickups = trip.stops.filter((s) => s.kind === 'pickup').length;
  const loads = [...new Set(trip.parts.map((p) => p.loadId))];
  return h(
    'li',
    { className: 'tp-trip', 'data-vehicle-id': trip.vehicleId, style: `border-left: 4px solid ${color}` },
    h('strong', {}, t('tpTripLine', { plate: trip.plate, operator: trip.operatorName })),
    trip.refrigerated ? h('span', { className: 'badge' }, ` ${t('tpRefrigerated')}`) : null,
    h('br', {}),
    t('tpTripLoad', {
      kg: formatTons(trip.kg),
      capacity: formatTons(trip.capacityKg),
      km: formatNumber(trip.distanceKm, 1),
      cost: vnd(trip.costVnd),
    }),
    h('br', {}),
    h(
      'span',
      { className: 'muted' },
      t('tpTripStops', { pickups, start: clock(trip.startMin), end: clock(trip.endMin) }),
      ' · ',
      loads.map((id) => t('tpLoad', { id: short(id) })).join(', '),
    ),
    ' ',
    h('button', { type: 'button', className: 'link', onclick: show }, t('tpShowTrip')),
  );
}
