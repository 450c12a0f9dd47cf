import { api, getSession, type Schema } from '../api';
import { historySection } from '../audit';
import { confirmAction } from '../confirm';
import { h, listener } from '../dom';
import {
  checkboxes,
  checkedValues,
  clearErrors,
  Errors,
  field,
  flash,
  flashNext,
  formShell,
  input,
  isWholeNumber,
  select,
  showErrors,
  showServerError,
  value,
} from '../forms';
import { formatDate, formatTons, formatVndPerKg, formatWindow, statusLabel } from '../format';
import { t } from '../i18n';
import { listView } from '../list-view';
import { locationPicker } from '../location-picker';
import { orgChooserField } from '../org-chooser';
import type { Ctx } from '../screen-context';
import { CERTIFICATIONS, productName, productOptions } from './catalogue';
import { curfewNotice } from './curfew-notice';

// ---------- buyer (and staff acting for a buyer): purchase requests ----------
type RequestView = Schema<'PurchaseRequestResponse'>;
const REQUEST_STATUSES = ['open', 'withdrawn', 'fulfilled'];

/** The list of requests with the new-request form; `editId` opens one request in the form instead. */
export function requestsScreen(root: HTMLElement, ctx: Ctx, editId?: string): void {
  if (editId) {
    void api
      .GET('/api/purchase-requests/{id}', { params: { path: { id: encodeURIComponent(editId) } } })
      .then((r) => root.append(requestForm(ctx, r)))
      .catch(() => root.append(h('p', { className: 'form-error', role: 'alert' }, t('noResults'))));
    return;
  }
  const session = getSession();
  const own = session?.user.role === 'buyer';
  const form = requestForm(ctx, undefined, () => list.reload());
  const cancel = async (r: RequestView, reload: () => void, note: HTMLElement) => {
    const yes = await confirmAction({
      title: t('confirmCancelRequestTitle'),
      message: t('confirmCancelRequestText'),
      confirmLabel: t('confirmCancelRequest'),
      danger: true,
    });
    if (!yes) return;
    try {
      await api.PATCH('/api/purchase-requests/{id}', { params: { path: { id: r.id } }, body: { withdrawn: true } });
      flashNext(t('requestCancelled'));
      reload();
      ctx.map.refresh();
    } catch (e) {
      flash(note, e instanceof Error ? e.message : String(e));
    }
  };
  const list = listView({
    name: 'requests',
    title: () => t('myRequests'),
    path: '/api/purchase-requests',
    fixed: () => ({ buyerId: own ? (session?.user.organizationId ?? undefined) : undefined }),
    search: own ? undefined : () => t('listSearchRequests'),
    filters: [
      {
        name: 'status',
        label: () => t('status'),
        options: () => [
          ['', t('allStatuses')],
          ...REQUEST_STATUSES.map((s) => [s, statusLabel('status', s)] as [string, string]),
        ],
      },
      { name: 'product', label: () => t('product'), options: () => productOptions(ctx, t('allProducts')) },
    ],
    columns: [
      { key: 'product', label: () => t('product'), sort: 'product', value: (r) => productName(ctx, r.product) },
      { key: 'buyer', label: () => t('buyerLabel'), sort: 'buyerName', value: (r) => r.buyerName ?? '' },
      {
        key: 'quantityKg',
        label: () => t('quantityKg'),
        sort: 'quantityKg',
        value: (r) => r.quantityKg,
        numeric: true,
      },
      {
        key: 'remainingKg',
        label: () => `${t('remaining')} (kg)`,
        sort: 'remainingKg',
        value: (r) => r.remainingKg,
        numeric: true,
      },
      {
        key: 'bidVndPerKg',
        label: () => t('bidVndPerKg'),
        sort: 'bidVndPerKg',
        value: (r) => r.bidVndPerKg,
        numeric: true,
      },
      {
        key: 'deliverFrom',
        label: () => t('deliverFrom'),
        sort: 'deliverFrom',
        value: (r) => formatDate(r.deliverFrom),
      },
      { key: 'deliverTo', label: () => t('deliverTo'), sort: 'deliverTo', value: (r) => formatDate(r.deliverTo) },
      { key: 'status', label: () => t('status'), sort: 'status', value: (r) => statusLabel('status', r.status) },
      {
        key: 'requiredCertifications',
        label: () => t('requiredCertifications'),
        value: (r) => r.requiredCertifications.join(', '),
      },
    ],
    rowId: (r) => r.id,
    card: (r, reload) => {
      const note = h('div', { className: 'card-note', role: 'status' });
      return h(
        'li',
        { className: `card request-${r.status}`, 'data-request-id': r.id },
        h('h3', {}, productName(ctx, r.product)),
        !own && r.buyerName ? h('p', { className: 'buyer' }, r.buyerName) : null,
        h(
          'p',
          {},
          `${t('remaining')}: ${formatTons(r.remainingKg)} / ${formatTons(r.quantityKg)} · ${formatVndPerKg(r.bidVndPerKg)}`,
        ),
        h('p', {}, `${t('deliverWindow')}: ${formatWindow(r.deliverFrom, r.deliverTo)}`),
        h('p', { className: 'muted request-status' }, `${t('status')}: ${statusLabel('status', r.status)}`),
        curfewNotice(r),
        r.note ? h('p', { className: 'note' }, r.note) : null,
        historySection((query) =>
          api.GET('/api/purchase-requests/{id}/history', { params: { path: { id: r.id }, query } }),
        ),
        note,
        r.status === 'open'
          ? h(
              'div',
              { className: 'actions' },
              h(
                'button',
                { type: 'button', className: 'edit-request', onclick: () => ctx.navigate(`requests/${r.id}`) },
                t('edit'),
              ),
              h(
                'button',
                { type: 'button', className: 'cancel-request', onclick: () => void cancel(r, reload, note) },
                t('cancelRequest'),
              ),
            )
          : null,
      );
    },
  });
  root.append(form, list.el);
}

function requestForm(ctx: Ctx, existing?: RequestView, saved?: () => void): HTMLFormElement {
  const session = getSession();
  const location = locationPicker(ctx.map, existing?.location ?? null);
  const buyer =
    !existing && (session?.user.role === 'staff' || session?.user.role === 'admin')
      ? orgChooserField('buyerId', t('buyerLabel'), t('buyerLabel').toLowerCase(), 'buyers')
      : null;
  // Kilograms already in deals fix the product and the price they were bought at.
  const frozen = existing && existing.committedKg > 0 ? { disabled: true } : {};
  const product = select(productOptions(ctx, '—'), existing?.product ?? '');
  if (existing && existing.committedKg > 0) product.disabled = true;
  const form = formShell(
    existing ? 'request-form request-edit' : 'request-form',
    h('h2', {}, existing ? `${t('editRequest')}: ${productName(ctx, existing.product)}` : t('newRequest')),
    existing?.buyerName && session?.user.role !== 'buyer'
      ? h('p', { className: 'muted acting-for' }, `${t('buyerLabel')}: ${existing.buyerName}`)
      : null,
    buyer?.el ?? null,
    field('product', t('product'), product),
    field(
      'quantityKg',
      t('quantityKg'),
      input('number', {
        min: Math.max(1, existing?.committedKg ?? 1),
        step: 1,
        inputmode: 'numeric',
        value: existing?.quantityKg,
      }),
    ),
    field('deliverFrom', t('deliverFrom'), input('date', { value: existing?.deliverFrom, ...frozen })),
    field('deliverTo', t('deliverTo'), input('date', { value: existing?.deliverTo, ...frozen })),
    field(
      'bidVndPerKg',
      t('bidVndPerKg'),
      input('number', { min: 0, step: 1, inputmode: 'numeric', value: existing?.bidVndPerKg, ...frozen }),
    ),
    field(
      'requiredCertifications',
      t('requiredCertifications'),
      checkboxes('requiredCertifications', CERTIFICATIONS, existing?.requiredCertifications ?? []),
    ),
    field(
      'maxDistanceKm',
      t('maxDistanceKm'),
      input('number', { min: 1, step: 1, inputmode: 'numeric', value: existing?.maxDistanceKm ?? undefined }),
    ),
    field('location', t('location'), location.el),
    field('note', t('note'), h('textarea', { rows: 2, maxlength: 2000 }, existing?.note ?? '')),
    h(
      'div',
      { className: 'actions' },
      h('button', { type: 'submit', className: 'primary' }, existing ? t('save') : t('create')),
      existing ? h('button', { type: 'button', onclick: () => ctx.navigate('requests') }, t('cancel')) : null,
    ),
  );
  form.addEventListener(
    'submit',
    listener(async (e) => {
      e.preventDefault();
      const errors: Errors = {};
      const productCode = value(form, 'product');
      const quantity = value(form, 'quantityKg');
      const df = value(form, 'deliverFrom');
      const dt = value(form, 'deliverTo');
      const bid = value(form, 'bidVndPerKg');
      const maxKm = value(form, 'maxDistanceKm');
      if (buyer && !buyer.value()) errors.buyerId = t('errChooseBuyer');
      if (!productCode) errors.product = t('errRequired', { field: t('product') });
      if (!isWholeNumber(quantity, 1)) errors.quantityKg = t('errPositiveInt', { field: t('quantityKg') });
      if (!df) errors.deliverFrom = t('errRequired', { field: t('deliverFrom') });
      if (!dt) errors.deliverTo = t('errRequired', { field: t('deliverTo') });
      if (df && dt && dt < df) errors.deliverTo = t('errWindow');
      if (!isWholeNumber(bid, 0)) errors.bidVndPerKg = t('errNonNegativeInt', { field: t('bidVndPerKg') });
      if (maxKm && !isWholeNumber(maxKm, 1)) errors.maxDistanceKm = t('errPositiveInt', { field: t('maxDistanceKm') });
      if (Object.keys(errors).length) {
        showErrors(form, errors);
        return;
      }
      const body: Schema<'UpdatePurchaseRequestDto'> = {
        quantityKg: Number(quantity),
        requiredCertifications: checkedValues(
          form,
          'requiredCertifications',
        ) as Schema<'UpdatePurchaseRequestDto'>['requiredCertifications'],
        note: value(form, 'note') || (existing?.note ? null : undefined),
      };
      // Terms frozen by deals are not sent: the server keeps them, and refuses a change of them.
      if (!frozen.disabled)
        Object.assign(body, { product: productCode, deliverFrom: df, deliverTo: dt, bidVndPerKg: Number(bid) });
      if (maxKm) body.maxDistanceKm = Number(maxKm);
      if (location.value) body.location = location.value;
      if (buyer) body.buyerId = buyer.value();
      try {
        if (existing) {
          await api.PATCH('/api/purchase-requests/{id}', { params: { path: { id: existing.id } }, body });
          flashNext(t('requestSaved'));
          ctx.navigate('requests');
        } else {
          // A new request is never frozen: every term above is in the body.
          await api.POST('/api/purchase-requests', { body: body as Schema<'CreatePurchaseRequestDto'> });
          form.reset();
          location.reset();
          clearErrors(form);
          flash(form, t('requestPosted'));
          saved?.();
        }
        ctx.map.refresh();
      } catch (err) {
        showServerError(form, err);
      }
    }),
  );
  return form;
}
