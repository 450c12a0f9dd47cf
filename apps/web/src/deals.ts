// Deals (giao dịch): the cooperative and the buyer see theirs with the delivery status; staff record deliveries.
import { api, ApiError, getSession, type Schema } from './api';
import { clear, h, listener } from './dom';
import { historySection } from './audit';
import { Errors, field, formShell, input, isWholeNumber, showErrors, showServerError, value } from './forms';
import { formatDate, formatNumber, formatTons, formatVndPerKg, statusLabel } from './format';
import { getLang, t } from './i18n';
import type { Ctx } from './screen-context';
import { listView } from './list-view';

type DealView = Schema<'DealResponse'>;
type DeliveryView = Schema<'DeliveryResponse'>;
/** Today in Việt Nam, as the server counts delivery days. */
function todayVn(): string {
  return new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** The deliveries of a deal, with staff's form to record one and to correct one. */
function deliveriesSection(d: DealView, isStaff: boolean, reload: () => void): HTMLElement {
  const list = h('div', { className: 'delivery-list' });
  const box = h('details', { className: 'deliveries' }, h('summary', {}, t('deliveries')), list);
  const render = async () => {
    clear(list);
    try {
      const page = await api.GET('/api/deals/{id}/deliveries', {
        params: { path: { id: d.id }, query: { limit: 100 } },
      });
      list.append(
        page.items.length
          ? h(
              'ul',
              { className: 'deliveries-list' },
              ...page.items.map((x) => {
                const li = h(
                  'li',
                  { className: 'delivery', 'data-delivery-id': x.id },
                  `${formatDate(x.deliveredOn)} · ${formatNumber(x.deliveredKg)} kg`,
                  x.note ? ` · ${x.note}` : '',
                  x.correctedAt ? h('span', { className: 'muted' }, ` (${t('corrected')})`) : null,
                );
                if (isStaff && d.status !== 'cancelled') {
                  li.append(
                    ' ',
                    h(
                      'button',
                      {
                        type: 'button',
                        className: 'link correct-delivery',
                        onclick: () => li.append(correctionForm(d, x, reload)),
                      },
                      t('correctDelivery'),
                    ),
                  );
                }
                return li;
              }),
            )
          : h('p', { className: 'empty' }, t('noDeliveries')),
      );
    } catch (err) {
      list.append(
        h(
          'p',
          { className: 'form-error' },
          err instanceof ApiError ? t('errServer', { message: err.message }) : t('errNetwork'),
        ),
      );
    }
    if (isStaff && (d.status === 'confirmed' || d.status === 'partially_delivered'))
      list.append(deliveryForm(d, reload));
  };
  box.addEventListener('toggle', () => box.open && void render());
  return box;
}

function deliveryForm(d: DealView, done: () => void): HTMLElement {
  const form = formShell(
    'delivery-form',
    h('h4', {}, t('recordDelivery')),
    field(
      'deliveredKg',
      t('deliveredKg'),
      input('number', {
        min: 1,
        step: 1,
        max: d.remainingToDeliverKg,
        inputmode: 'numeric',
        value: d.remainingToDeliverKg,
      }),
    ),
    field('deliveredOn', t('deliveredOn'), input('date', { max: todayVn(), value: todayVn() })),
    field('note', t('deliveryNote'), input('text', { maxlength: 2000 })),
    h(
      'div',
      { className: 'actions' },
      h('button', { type: 'submit', className: 'primary save-delivery' }, t('saveDelivery')),
    ),
  );
  form.addEventListener(
    'submit',
    listener(async (e) => {
      e.preventDefault();
      const errors: Errors = {};
      const kg = value(form, 'deliveredKg');
      if (!isWholeNumber(kg, 1)) errors.deliveredKg = t('errDeliveredKg');
      if (!value(form, 'deliveredOn')) errors.deliveredOn = t('errDeliveredOn');
      if (Object.keys(errors).length) {
        showErrors(form, errors);
        return;
      }
      try {
        await api.POST('/api/deals/{id}/deliveries', {
          params: { path: { id: d.id } },
          body: {
            deliveredKg: Number(kg),
            deliveredOn: value(form, 'deliveredOn'),
            note: value(form, 'note') || undefined,
          },
        });
        done();
      } catch (err) {
        showServerError(form, err);
      }
    }),
  );
  return form;
}

function correctionForm(d: DealView, x: DeliveryView, done: () => void): HTMLElement {
  const form = formShell(
    'correction-form',
    field(
      'deliveredKg',
      t('deliveredKg'),
      input('number', { min: 1, step: 1, inputmode: 'numeric', value: x.deliveredKg }),
    ),
    field('deliveredOn', t('deliveredOn'), input('date', { max: todayVn(), value: x.deliveredOn })),
    field('note', t('deliveryNote'), input('text', { maxlength: 2000, value: x.note ?? '' })),
    field('reason', t('correctionReason'), input('text', { maxlength: 2000 })),
    h(
      'div',
      { className: 'actions' },
      h('button', { type: 'submit', className: 'primary save-correction' }, t('saveCorrection')),
    ),
  );
  form.addEventListener(
    'submit',
    listener(async (e) => {
      e.preventDefault();
      const kg = value(form, 'deliveredKg');
      if (!isWholeNumber(kg, 1)) {
        showErrors(form, { deliveredKg: t('errDeliveredKg') });
        return;
      }
      try {
        await api.PATCH('/api/deals/{id}/deliveries/{deliveryId}', {
          params: { path: { id: d.id, deliveryId: x.id } },
          body: {
            deliveredKg: Number(kg),
            deliveredOn: value(form, 'deliveredOn'),
            note: value(form, 'note'),
            reason: value(form, 'reason') || undefined,
          },
        });
        done();
      } catch (err) {
        showServerError(form, err);
      }
    }),
  );
  return form;
}

/** Cancel in two steps: a reason, then an explicit confirmation naming what returns to the lot. */
function cancelControl(d: DealView, done: () => void): HTMLElement {
  const wrap = h('div', { className: 'cancel-deal' });
  const start = h('button', { type: 'button', className: 'danger cancel-deal-start' }, t('cancelDeal'));
  start.addEventListener('click', () => {
    start.remove();
    const form = formShell(
      'cancel-form',
      h('p', { className: 'warning' }, t('cancelWarning', { tons: formatTons(d.quantityKg) })),
      field('reason', t('cancelReason'), h('textarea', { maxlength: 2000, rows: 2 })),
      h(
        'div',
        { className: 'actions' },
        h('button', { type: 'submit', className: 'danger confirm-cancel' }, t('confirmCancel')),
        h(
          'button',
          {
            type: 'button',
            className: 'keep-deal',
            onclick: () => {
              form.remove();
              wrap.append(start);
            },
          },
          t('keepDeal'),
        ),
      ),
    );
    form.addEventListener(
      'submit',
      listener(async (e) => {
        e.preventDefault();
        const reason = value(form, 'reason');
        if (!reason) {
          showErrors(form, { reason: t('errCancelReason') });
          return;
        }
        try {
          await api.POST('/api/deals/{id}/cancel', { params: { path: { id: d.id } }, body: { reason } });
          done();
        } catch (err) {
          showServerError(form, err);
        }
      }),
    );
    wrap.append(form);
  });
  wrap.append(start);
  return wrap;
}

const names = new Map<string, Promise<string>>();
function orgName(kind: 'cooperatives' | 'buyers', id: string): Promise<string> {
  const key = `${kind}/${id}`;
  if (!names.has(key))
    names.set(
      key,
      api
        .GET(`/api/${kind}/{id}`, { params: { path: { id } } })
        .then((o) => o.name)
        .catch(() => id.slice(0, 8)),
    );
  return names.get(key)!;
}

export function dealsScreen(root: HTMLElement, ctx: Ctx): void {
  const session = getSession();
  const isStaff = session?.user.role === 'staff' || session?.user.role === 'admin';
  const productName = (code: string) => {
    const p = ctx.products.find((x) => x.code === code);
    return p ? (getLang() === 'vi' ? p.nameVi : p.nameEn) : code;
  };
  ctx.map.setFlows({ kind: 'deals' });
  const list = listView({
    name: 'deals',
    title: () => t('tabDeals'),
    path: '/api/deals',
    search: () => t('listSearchParties'),
    filters: [
      {
        name: 'status',
        label: () => t('status'),
        options: () => [
          ['', t('allStatuses')],
          ...['confirmed', 'partially_delivered', 'delivered', 'cancelled'].map(
            (v) => [v, statusLabel('deal', v)] as [string, string],
          ),
        ],
      },
    ],
    columns: [
      { key: 'product', label: () => t('product'), sort: 'product', value: (d) => productName(d.product) },
      { key: 'cooperative', label: () => t('cooperativeLabel'), value: (d) => d.cooperativeName ?? '' },
      { key: 'buyer', label: () => t('buyerLabel'), value: (d) => d.buyerName ?? '' },
      {
        key: 'quantityKg',
        label: () => t('quantityKg'),
        sort: 'quantityKg',
        value: (d) => d.quantityKg,
        numeric: true,
      },
      { key: 'deliveredKg', label: () => t('deliveredKg'), value: (d) => d.deliveredKg ?? 0, numeric: true },
      {
        key: 'priceVndPerKg',
        label: () => t('priceVndPerKgField'),
        sort: 'priceVndPerKg',
        value: (d) => d.priceVndPerKg,
        numeric: true,
      },
      { key: 'valueVnd', label: () => `${t('dealValue')} (đ)`, value: (d) => d.valueVnd, numeric: true },
      { key: 'status', label: () => t('status'), sort: 'status', value: (d) => statusLabel('deal', d.status) },
      {
        key: 'createdAt',
        label: () => t('dealDate'),
        sort: 'createdAt',
        value: (d) => formatDate(d.createdAt.slice(0, 10)),
      },
    ],
    rowId: (d) => d.id,
    cardsClass: 'deal-list',
    card: (d, reloadList) => {
      const parties = h(
        'p',
        { className: 'parties' },
        d.cooperativeName && d.buyerName ? `${d.cooperativeName} → ${d.buyerName}` : '…',
      );
      if (!d.cooperativeName || !d.buyerName)
        void Promise.all([orgName('cooperatives', d.cooperativeId), orgName('buyers', d.buyerId)]).then(
          ([c, b]) => (parties.textContent = `${c} → ${b}`),
        );
      const actions = h('div', { className: 'actions' });
      const reload = () => {
        ctx.map.refresh();
        reloadList();
      };
      if (isStaff && d.status === 'confirmed') actions.append(cancelControl(d, reload));
      return h(
        'li',
        { className: `card deal deal-${d.status}`, 'data-deal-id': d.id },
        h('h3', {}, `${productName(d.product)} · ${formatTons(d.quantityKg)}`),
        parties,
        h('p', {}, `${formatVndPerKg(d.priceVndPerKg)} · ${t('dealValue')}: ${formatNumber(d.valueVnd)} đ`),
        h(
          'p',
          { className: 'deal-status' },
          h('span', { className: `badge ${d.status}` }, statusLabel('deal', d.status)),
          d.status !== 'cancelled'
            ? h(
                'span',
                { className: 'delivered-of' },
                ` ${t('deliveredOf', { delivered: formatTons(d.deliveredKg ?? 0), total: formatTons(d.quantityKg) })}`,
              )
            : '',
          d.status === 'delivered' && d.deliveredAt ? ` · ${formatDate(d.deliveredAt.slice(0, 10))}` : '',
        ),
        d.cancelReason
          ? h('p', { className: 'cancel-reason' }, t('cancelledBecause', { reason: d.cancelReason }))
          : null,
        h('p', { className: 'muted' }, `${t('dealDate')}: ${formatDate(d.createdAt.slice(0, 10))}`),
        deliveriesSection(d, isStaff, reload),
        historySection((query) => api.GET('/api/deals/{id}/history', { params: { path: { id: d.id }, query } })),
        actions,
      );
    },
  });
  // The card list keeps its old hook for the screens and tests that look for it.
  list.el.classList.add('deals');
  root.append(list.el);
}
