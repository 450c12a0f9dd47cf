import { api, getSession, Page } from '../api';
import { historySection } from '../audit';
import { clear, h } from '../dom';
import { checkboxes, checkedValues, clearErrors, Errors, field, flash, formShell, input, isWholeNumber, select, showErrors, showServerError, value } from '../forms';
import { formatTons, formatVndPerKg, formatWindow, statusLabel } from '../format';
import { t } from '../i18n';
import { locationPicker } from '../location-picker';
import type { Ctx } from '../screen-context';
import { CERTIFICATIONS, productName, productOptions } from './catalogue';
import { curfewNotice } from './curfew-notice';

// ---------- buyer: purchase requests ----------
interface RequestView {
  id: string;
  product: string;
  quantityKg: number;
  remainingKg: number;
  deliverFrom: string;
  deliverTo: string;
  bidVndPerKg: number;
  status: string;
  requiredCertifications: string[];
}

export function requestsScreen(root: HTMLElement, ctx: Ctx): void {
  const location = locationPicker(ctx.map);
  const form = formShell(
    'request-form',
    h('h2', {}, t('newRequest')),
    field('product', t('product'), select(productOptions(ctx, '—'))),
    field('quantityKg', t('quantityKg'), input('number', { min: 1, step: 1, inputmode: 'numeric' })),
    field('deliverFrom', t('deliverFrom'), input('date')),
    field('deliverTo', t('deliverTo'), input('date')),
    field('bidVndPerKg', t('bidVndPerKg'), input('number', { min: 0, step: 1, inputmode: 'numeric' })),
    field('requiredCertifications', t('requiredCertifications'), checkboxes('requiredCertifications', CERTIFICATIONS)),
    field('maxDistanceKm', t('maxDistanceKm'), input('number', { min: 1, step: 1, inputmode: 'numeric' })),
    field('location', t('location'), location.el),
    h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'primary' }, t('create'))),
  );
  const list = h('div', { className: 'my-requests' });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const errors: Errors = {};
    const product = value(form, 'product');
    const quantity = value(form, 'quantityKg');
    const df = value(form, 'deliverFrom');
    const dt = value(form, 'deliverTo');
    const bid = value(form, 'bidVndPerKg');
    const maxKm = value(form, 'maxDistanceKm');
    if (!product) errors.product = t('errRequired', { field: t('product') });
    if (!isWholeNumber(quantity, 1)) errors.quantityKg = t('errPositiveInt', { field: t('quantityKg') });
    if (!df) errors.deliverFrom = t('errRequired', { field: t('deliverFrom') });
    if (!dt) errors.deliverTo = t('errRequired', { field: t('deliverTo') });
    if (df && dt && dt < df) errors.deliverTo = t('errWindow');
    if (!isWholeNumber(bid, 0)) errors.bidVndPerKg = t('errNonNegativeInt', { field: t('bidVndPerKg') });
    if (maxKm && !isWholeNumber(maxKm, 1)) errors.maxDistanceKm = t('errPositiveInt', { field: t('maxDistanceKm') });
    if (Object.keys(errors).length) return showErrors(form, errors);
    const body: Record<string, unknown> = {
      product,
      quantityKg: Number(quantity),
      deliverFrom: df,
      deliverTo: dt,
      bidVndPerKg: Number(bid),
      requiredCertifications: checkedValues(form, 'requiredCertifications'),
    };
    if (maxKm) body.maxDistanceKm = Number(maxKm);
    if (location.value) body.location = location.value;
    try {
      await api.post('/purchase-requests', body);
      form.reset();
      location.reset();
      clearErrors(form);
      flash(form, t('requestPosted'));
      void loadRequests();
    } catch (err) {
      showServerError(form, err);
    }
  });
  const loadRequests = async () => {
    const session = getSession();
    try {
      const page = await api.get<Page<RequestView>>('/purchase-requests', { buyerId: session?.user.organizationId ?? undefined, limit: 100 });
      clear(list);
      list.append(
        h('h2', {}, t('myRequests')),
        page.items.length
          ? h(
              'ul',
              { className: 'cards' },
              ...page.items.map((r) =>
                h(
                  'li',
                  { className: 'card' },
                  h('h3', {}, productName(ctx, r.product)),
                  h('p', {}, `${t('remaining')}: ${formatTons(r.remainingKg)} / ${formatTons(r.quantityKg)} · ${formatVndPerKg(r.bidVndPerKg)}`),
                  h('p', {}, `${t('deliverWindow')}: ${formatWindow(r.deliverFrom, r.deliverTo)}`),
                  h('p', { className: 'muted' }, `${t('status')}: ${statusLabel('status', r.status)}`),
                  curfewNotice(r),
                  historySection(`/purchase-requests/${r.id}/history`),
                ),
              ),
            )
          : h('p', { className: 'empty' }, t('noResults')),
      );
    } catch {
      clear(list);
    }
  };
  root.append(form, list);
  void loadRequests();
}
