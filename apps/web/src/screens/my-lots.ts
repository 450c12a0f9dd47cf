import { api, ApiError, getSession } from '../api';
import { historySection } from '../audit';
import { confirmAction } from '../confirm';
import { h } from '../dom';
import { flash } from '../forms';
import { formatDate, formatTons, formatVndPerKg, formatWindow, statusLabel } from '../format';
import { t } from '../i18n';
import { listView } from '../list-view';
import type { Ctx } from '../screen-context';
import { productName, productOptions } from './catalogue';
import { curfewNotice } from './curfew-notice';
import type { LotView } from './lot-form';

const LOT_STATUSES = ['open', 'withdrawn', 'sold_out', 'expired'];
const todayInVietnam = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

/** A cooperative's own lots; staff see every cooperative's (and act for them). */
export function myLotsScreen(root: HTMLElement, ctx: Ctx): void {
  const session = getSession();
  const own = session?.user.role === 'cooperative';
  const status = h('div', { className: 'lot-status-note', role: 'status' });

  const reopen = async (lot: LotView, reload: () => void) => {
    try {
      await api.POST('/api/supply-lots/{id}/reopen', { params: { path: { id: lot.id } } });
      flash(status, t('reopened'));
      ctx.map.refresh();
      reload();
    } catch (e) {
      flash(status, e instanceof ApiError ? t('errServer', { message: e.message }) : t('errNetwork'));
    }
  };
  const withdraw = async (lot: LotView, reload: () => void) => {
    const yes = await confirmAction({
      title: t('confirmWithdrawTitle'),
      message: t('confirmWithdrawText'),
      confirmLabel: t('confirmWithdraw'),
      danger: true,
    });
    if (!yes) return;
    try {
      await api.PATCH('/api/supply-lots/{id}', { params: { path: { id: lot.id } }, body: { withdrawn: true } });
    } catch (e) {
      flash(status, e instanceof ApiError ? t('errServer', { message: e.message }) : t('errNetwork'));
      return;
    }
    ctx.map.refresh();
    reload();
    // The undo stays offered beside the list (the card itself also offers "Mở lại").
    status.replaceChildren(
      h(
        'p',
        { className: 'flash undo-note', role: 'status' },
        `${t('withdrawnUndo')} `,
        h(
          'button',
          { type: 'button', className: 'undo', onclick: () => (status.replaceChildren(), void reopen(lot, reload)) },
          t('undo'),
        ),
      ),
    );
  };

  const list = listView({
    name: 'my-lots',
    title: () => (own ? t('tabMyLots') : t('tabLots')),
    path: '/api/supply-lots',
    fixed: () => ({ cooperativeId: own ? (session?.user.organizationId ?? undefined) : undefined }),
    search: own ? undefined : () => t('listSearchLots'),
    filters: [
      {
        name: 'status',
        label: () => t('status'),
        options: () => [
          ['', t('allStatuses')],
          ...LOT_STATUSES.map((s) => [s, statusLabel('status', s)] as [string, string]),
        ],
      },
      { name: 'product', label: () => t('product'), options: () => productOptions(ctx, t('allProducts')) },
    ],
    columns: [
      { key: 'product', label: () => t('product'), sort: 'product', value: (l) => productName(ctx, l.product) },
      {
        key: 'cooperative',
        label: () => t('cooperativeLabel'),
        sort: 'cooperativeName',
        value: (l) => l.cooperativeName ?? '',
      },
      {
        key: 'quantityKg',
        label: () => t('quantityKg'),
        sort: 'quantityKg',
        value: (l) => l.quantityKg,
        numeric: true,
      },
      {
        key: 'remainingKg',
        label: () => `${t('remaining')} (kg)`,
        sort: 'remainingKg',
        value: (l) => l.remainingKg,
        numeric: true,
      },
      {
        key: 'askVndPerKg',
        label: () => t('askVndPerKg'),
        sort: 'askVndPerKg',
        value: (l) => l.askVndPerKg,
        numeric: true,
      },
      {
        key: 'harvestFrom',
        label: () => t('harvestFrom'),
        sort: 'harvestFrom',
        value: (l) => formatDate(l.harvestFrom),
      },
      { key: 'harvestTo', label: () => t('harvestTo'), value: (l) => formatDate(l.harvestTo) },
      {
        key: 'availableUntil',
        label: () => t('availableUntil'),
        sort: 'availableUntil',
        value: (l) => formatDate(l.availableUntil),
      },
      { key: 'status', label: () => t('status'), sort: 'status', value: (l) => statusLabel('status', l.status) },
      { key: 'certifications', label: () => t('certifications'), value: (l) => l.certifications.join(', ') },
      { key: 'note', label: () => t('note'), value: (l) => l.note ?? '' },
    ],
    extra: [
      h('button', { type: 'button', className: 'primary', onclick: () => ctx.navigate('new-lot') }, t('tabNewLot')),
    ],
    card: (l, reload) =>
      h(
        'li',
        { className: `card lot-${l.status}`, 'data-lot-id': l.id },
        h('h3', {}, productName(ctx, l.product)),
        !own && l.cooperativeName ? h('p', { className: 'coop' }, l.cooperativeName) : null,
        h(
          'p',
          {},
          `${t('remaining')}: ${formatTons(l.remainingKg)} / ${formatTons(l.quantityKg)} · ${formatVndPerKg(l.askVndPerKg)}`,
        ),
        h('p', {}, `${t('harvestWindow')}: ${formatWindow(l.harvestFrom, l.harvestTo)}`),
        l.availableUntil
          ? h(
              'p',
              { className: 'available-until' },
              `${t('availableUntil')}: ${formatDate(l.availableUntil)}`,
              l.backlog ? h('span', { className: 'badge backlog' }, ` · ${t('backlogBadge')}`) : null,
            )
          : null,
        h('p', { className: 'muted lot-status' }, `${t('status')}: ${statusLabel('status', l.status)}`),
        curfewNotice(l),
        l.note ? h('p', { className: 'note' }, l.note) : null,
        historySection((query) => api.GET('/api/supply-lots/{id}/history', { params: { path: { id: l.id }, query } })),
        h(
          'div',
          { className: 'actions' },
          h('button', { type: 'button', onclick: () => ctx.navigate(`edit-lot/${l.id}`) }, t('edit')),
          l.location
            ? h('button', { type: 'button', onclick: () => ctx.map.showPoint(l.location!, 15) }, t('showOnMap'))
            : null,
          l.status === 'open'
            ? h(
                'button',
                { type: 'button', className: 'withdraw', onclick: () => void withdraw(l, reload) },
                t('withdraw'),
              )
            : null,
          l.status === 'withdrawn' && (!l.availableUntil || l.availableUntil >= todayInVietnam()) && l.remainingKg > 0
            ? h('button', { type: 'button', className: 'reopen', onclick: () => void reopen(l, reload) }, t('reopen'))
            : null,
        ),
      ),
    rowId: (l) => l.id,
  });
  root.append(status, list.el);
}
