// Loads and offers (hàng cần chở, chào giá vận chuyển): a deal's parties post the load and choose
// an offer; transport operators see open loads in the provinces they serve and offer a vehicle;
// staff see everything.
import { api, ApiError, getSession, type Schema } from '../api';
import { clear, h, listener } from '../dom';
import {
  Errors,
  field,
  flash,
  formShell,
  input,
  isWholeNumber,
  select,
  showErrors,
  showServerError,
  value,
} from '../forms';
import { formatDate, formatNumber, formatTons, formatVnd, statusLabel } from '../format';
import { getLang, t } from '../i18n';
import type { Ctx } from '../screen-context';
import { curfewNotice } from './curfew-notice';

type LoadView = Schema<'LoadResponse'>;
type DealView = Schema<'DealResponse'>;
type VehicleView = Schema<'VehicleResponse'>;
const errorText = (err: unknown) =>
  err instanceof ApiError ? t('errServer', { message: err.message }) : t('errNetwork');
const vnd = (n: number) => formatVnd(n);
const kg = (n: number) => `${formatNumber(n)} kg`;

export function loadsScreen(root: HTMLElement, ctx: Ctx): void {
  const role = getSession()?.user.role;
  const productName = (code: string) => {
    const p = ctx.products.find((x) => x.code === code);
    return p ? (getLang() === 'vi' ? p.nameVi : p.nameEn) : code;
  };
  const province = (code: string | null) => (code ? (ctx.provinces.find((p) => p.code === code)?.name ?? code) : '—');
  const summary = (l: LoadView) => [
    h(
      'h3',
      {},
      `${productName(l.product)} · ${formatTons(l.quantityKg)}`,
      l.refrigerated ? h('span', { className: 'badge refrigerated' }, ` ${t('loadRefrigerated')}`) : null,
    ),
    h(
      'p',
      { className: 'load-route' },
      t('loadRoute', {
        from: province(l.pickup.provinceCode),
        to: province(l.drop.provinceCode),
        km: formatNumber(l.distanceKm),
      }),
    ),
    h('p', {}, t('loadWindow', { from: formatDate(l.earliestPickupOn), to: formatDate(l.latestDeliveryOn) })),
    h(
      'p',
      { className: 'load-status' },
      h('span', { className: `badge ${l.status}` }, statusLabel('load', l.status)),
      ' ',
      t('loadCovered', {
        covered: formatTons(l.coveredKg),
        total: formatTons(l.quantityKg),
        open: formatTons(l.openKg),
      }),
    ),
    ...l.curfews.map((c) => curfewNotice({ curfew: c })),
    l.note ? h('p', { className: 'note' }, l.note) : null,
  ];
  if (role === 'transport') operatorView(root, summary);
  else partyView(root, summary, productName);
}

// ---------- a transport operator's user ----------
function operatorView(root: HTMLElement, summary: (l: LoadView) => Array<HTMLElement | null>): void {
  const open = h('div', { className: 'open-loads' });
  const mine = h('div', { className: 'my-offers' });
  let vehicles: VehicleView[] = [];

  const offerForm = (l: LoadView) => {
    const form = formShell(
      'offer-form',
      h('h4', {}, t('makeOfferTitle')),
      vehicles.length
        ? field(
            'vehicleId',
            t('offerVehicle'),
            select(
              vehicles.map(
                (v) =>
                  [
                    v.id,
                    `${v.plate} · ${formatTons(v.capacityKg)}${v.refrigerated ? ` · ${t('loadRefrigerated')}` : ''}`,
                  ] as [string, string],
              ),
              vehicles[0]?.id,
            ),
          )
        : h('p', { className: 'empty' }, t('offerNoVehicle')),
      field('priceVnd', t('offerPriceVnd'), input('number', { min: 0, step: 1, inputmode: 'numeric' })),
      field(
        'pickupOn',
        t('offerPickupOn'),
        input('date', { min: l.earliestPickupOn, max: l.latestDeliveryOn, value: l.earliestPickupOn }),
      ),
      field(
        'kg',
        t('offerKg'),
        input('number', { min: 1, step: 1, max: l.openKg, inputmode: 'numeric', placeholder: String(l.openKg) }),
      ),
      h(
        'div',
        { className: 'actions' },
        h('button', { type: 'submit', className: 'primary send-offer' }, t('sendOffer')),
      ),
    );
    form.addEventListener(
      'submit',
      listener(async (e) => {
        e.preventDefault();
        const errors: Errors = {};
        const vehicleId = value(form, 'vehicleId');
        const price = value(form, 'priceVnd');
        const amount = value(form, 'kg');
        if (!vehicleId) errors.vehicleId = t('errOfferVehicle');
        if (!isWholeNumber(price, 0)) errors.priceVnd = t('errOfferPrice');
        if (!value(form, 'pickupOn')) errors.pickupOn = t('errOfferDay');
        if (amount && !isWholeNumber(amount, 1)) errors.kg = t('errOfferKg');
        if (Object.keys(errors).length) {
          showErrors(form, errors);
          return;
        }
        try {
          await api.POST('/api/loads/{id}/offers', {
            params: { path: { id: l.id } },
            body: {
              vehicleId,
              priceVnd: Number(price),
              pickupOn: value(form, 'pickupOn'),
              ...(amount ? { kg: Number(amount) } : {}),
            },
          });
          showErrors(form, {});
          flash(form, t('offerSent'));
          void loadMine();
        } catch (err) {
          showServerError(form, err);
        }
      }),
    );
    return form;
  };

  const loadOpen = async () => {
    clear(open);
    open.append(h('h2', {}, t('openLoadsTitle')));
    try {
      const [page, vs] = await Promise.all([
        api.GET('/api/loads', { params: { query: { status: 'open', limit: 100 } } }),
        api.GET('/api/vehicles', { params: { query: { limit: 200 } } }),
      ]);
      vehicles = vs.items.filter((v) => v.status === 'active');
      if (!page.items.length) {
        open.append(h('p', { className: 'empty' }, t('noLoads')));
        return;
      }
      open.append(
        h(
          'ul',
          { className: 'cards load-list' },
          ...page.items.map((l) =>
            h('li', { className: `card load load-${l.status}`, 'data-load-id': l.id }, ...summary(l), offerForm(l)),
          ),
        ),
      );
    } catch (err) {
      open.append(h('p', { className: 'form-error' }, errorText(err)));
    }
  };

  const loadMine = async () => {
    clear(mine);
    mine.append(h('h2', {}, t('myOffersTitle')));
    try {
      const page = await api.GET('/api/load-offers', { params: { query: { limit: 100 } } });
      if (!page.items.length) {
        mine.append(h('p', { className: 'empty' }, t('noOffers')));
        return;
      }
      mine.append(
        h(
          'ul',
          { className: 'offer-list' },
          ...page.items.map((o) =>
            h(
              'li',
              { className: `offer offer-${o.status}`, 'data-offer-id': o.id },
              t('offerLine', {
                operator: o.operatorName ?? '',
                kg: kg(o.kg),
                price: vnd(o.priceVnd),
                day: formatDate(o.pickupOn),
              }),
              ' ',
              h('span', { className: `badge ${o.status}` }, statusLabel('offer', o.status)),
              o.status === 'pending'
                ? h(
                    'button',
                    {
                      type: 'button',
                      className: 'link withdraw-offer',
                      onclick: listener(async () => {
                        await api
                          .POST('/api/load-offers/{id}/withdraw', { params: { path: { id: o.id } } })
                          .catch(() => undefined);
                        void loadMine();
                      }),
                    },
                    t('withdrawOffer'),
                  )
                : null,
            ),
          ),
        ),
      );
    } catch (err) {
      mine.append(h('p', { className: 'form-error' }, errorText(err)));
    }
  };

  root.append(h('div', { className: 'toolbar' }, h('h2', {}, t('tabLoads'))), open, mine);
  void loadOpen();
  void loadMine();
}

// ---------- the seller, the buyer, staff ----------
function partyView(
  root: HTMLElement,
  summary: (l: LoadView) => Array<HTMLElement | null>,
  productName: (code: string) => string,
): void {
  const postBox = h('div', { className: 'post-load' });
  const list = h('div', { className: 'loads' });

  const offersOf = (l: LoadView, reload: () => void) => {
    const box = h('div', { className: 'load-offers' }, h('h4', {}, t('offers')));
    void api
      .GET('/api/loads/{id}/offers', { params: { path: { id: l.id }, query: { limit: 100 } } })
      .then((page) => {
        if (!page.items.length) {
          box.append(h('p', { className: 'empty' }, t('noOffers')));
          return;
        }
        box.append(
          h(
            'ul',
            { className: 'offer-list' },
            ...page.items.map((o) => {
              const li = h(
                'li',
                { className: `offer offer-${o.status}`, 'data-offer-id': o.id },
                t('offerLine', {
                  operator: o.operatorName ?? '',
                  kg: kg(o.kg),
                  price: vnd(o.priceVnd),
                  day: formatDate(o.pickupOn),
                }),
                ' ',
                h('span', { className: `badge ${o.status}` }, statusLabel('offer', o.status)),
                o.source === 'plan' ? h('span', { className: 'muted' }, ` · ${t('offerFromPlan')}`) : null,
              );
              if (o.status === 'pending' && l.status === 'open') {
                const note = h('span', { className: 'form-error offer-error' });
                li.append(
                  ' ',
                  h(
                    'button',
                    {
                      type: 'button',
                      className: 'primary accept-offer',
                      onclick: listener(async () => {
                        try {
                          await api.POST('/api/load-offers/{id}/accept', { params: { path: { id: o.id } } });
                          flash(list, t('offerAccepted'));
                          reload();
                        } catch (err) {
                          note.textContent = errorText(err);
                        }
                      }),
                    },
                    t('acceptOffer'),
                  ),
                  ' ',
                  h(
                    'button',
                    {
                      type: 'button',
                      className: 'decline-offer',
                      onclick: listener(async () => {
                        await api
                          .POST('/api/load-offers/{id}/decline', { params: { path: { id: o.id } } })
                          .catch(() => undefined);
                        reload();
                      }),
                    },
                    t('declineOffer'),
                  ),
                  note,
                );
              }
              return li;
            }),
          ),
        );
      })
      .catch((err) => box.append(h('p', { className: 'form-error' }, errorText(err))));
    return box;
  };

  const loadAll = async () => {
    clear(list);
    list.append(h('h2', {}, t('loadsTitle')));
    let loads: LoadView[] = [];
    try {
      loads = (await api.GET('/api/loads', { params: { query: { limit: 200 } } })).items;
    } catch (err) {
      list.append(h('p', { className: 'form-error' }, errorText(err)));
    }
    void renderPostForm(new Set(loads.filter((l) => l.status !== 'cancelled').map((l) => l.dealId)));
    if (!loads.length) {
      list.append(h('p', { className: 'empty' }, t('noLoads')));
      return;
    }
    list.append(
      h(
        'ul',
        { className: 'cards load-list' },
        ...loads.map((l) =>
          h(
            'li',
            { className: `card load load-${l.status}`, 'data-load-id': l.id },
            ...summary(l),
            l.status !== 'cancelled' ? offersOf(l, () => void loadAll()) : null,
            l.status === 'open' && l.coveredKg === 0
              ? h(
                  'div',
                  { className: 'actions' },
                  h(
                    'button',
                    {
                      type: 'button',
                      className: 'danger cancel-load',
                      onclick: listener(async () => {
                        await api
                          .POST('/api/loads/{id}/cancel', { params: { path: { id: l.id } }, body: {} })
                          .catch(() => undefined);
                        void loadAll();
                      }),
                    },
                    t('cancelLoad'),
                  ),
                )
              : null,
          ),
        ),
      ),
    );
  };

  const renderPostForm = async (posted: Set<string>) => {
    clear(postBox);
    let deals: DealView[] = [];
    try {
      const pages = await Promise.all(
        (['confirmed', 'partially_delivered'] as const).map((status) =>
          api.GET('/api/deals', { params: { query: { status, limit: 200 } } }),
        ),
      );
      deals = pages.flatMap((p) => p.items).filter((d) => !posted.has(d.id) && d.remainingToDeliverKg > 0);
    } catch {
      return;
    }
    if (!deals.length) {
      postBox.append(h('h3', {}, t('postLoadTitle')), h('p', { className: 'empty' }, t('postLoadNoDeal')));
      return;
    }
    const form = formShell(
      'load-form',
      h('h3', {}, t('postLoadTitle')),
      field(
        'dealId',
        t('postLoadDeal'),
        select(
          deals.map(
            (d) => [d.id, `${productName(d.product)} · ${formatTons(d.remainingToDeliverKg)}`] as [string, string],
          ),
          deals[0]?.id,
        ),
      ),
      field('kg', t('postLoadKg'), input('number', { min: 1, step: 1, inputmode: 'numeric' })),
      h(
        'div',
        { className: 'grid2' },
        field('earliestPickupOn', t('earliestPickupOn'), input('date')),
        field('latestDeliveryOn', t('latestDeliveryOn'), input('date')),
      ),
      h('label', { className: 'check' }, input('checkbox', { name: 'refrigerated' }), t('refrigeratedNeeded')),
      h(
        'div',
        { className: 'actions' },
        h('button', { type: 'submit', className: 'primary post-load-submit' }, t('postLoad')),
      ),
    );
    form.addEventListener(
      'submit',
      listener(async (e) => {
        e.preventDefault();
        const amount = value(form, 'kg');
        const from = value(form, 'earliestPickupOn');
        const to = value(form, 'latestDeliveryOn');
        const errors: Errors = {};
        if (amount && !isWholeNumber(amount, 1)) errors.kg = t('errOfferKg');
        if (from && to && to < from) errors.latestDeliveryOn = t('errWindow');
        if (Object.keys(errors).length) {
          showErrors(form, errors);
          return;
        }
        const refrigerated = (form.querySelector('input[name="refrigerated"]') as HTMLInputElement).checked;
        try {
          await api.POST('/api/loads', {
            body: {
              dealId: value(form, 'dealId'),
              ...(amount ? { kg: Number(amount) } : {}),
              ...(from ? { earliestPickupOn: from } : {}),
              ...(to ? { latestDeliveryOn: to } : {}),
              refrigerated,
            },
          });
          flash(list, t('loadPosted'));
          void loadAll();
        } catch (err) {
          showServerError(form, err);
        }
      }),
    );
    postBox.append(form);
  };

  root.append(h('div', { className: 'toolbar' }, h('h2', {}, t('tabLoads'))), postBox, list);
  void loadAll();
}
