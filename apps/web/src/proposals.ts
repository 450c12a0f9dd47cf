// Proposals as cards for the people answering them: which of my lots or requests, the delivery days,
// the other party's contact; paged, filtered and sorted by the server (no first-200 cut).
import { api, ApiError, getSession, type Schema } from './api';
import { pager } from './audit';
import { clear, h, listener } from './dom';
import { formatDate, formatTons, formatVndPerKg, formatWindow, statusLabel } from './format';
import { getLang, t } from './i18n';
import type { Ctx } from './screen-context';
import { confirmAction } from './confirm';
import { listView } from './list-view';

type Side = 'staff' | 'party';
type ProposalCard = Schema<'ProposalCardResponse'>;
type ProposalPage = Schema<'ProposalPageResponse'>;
const PAGE = 20;

function productName(ctx: Ctx, code: string): string {
  const p = ctx.products.find((x) => x.code === code);
  return p ? (getLang() === 'vi' ? p.nameVi : p.nameEn) : code;
}

const answerable = (p: ProposalCard) =>
  ['proposed', 'accepted_by_seller', 'accepted_by_buyer'].includes(p.status) || (p.status === 'accepted' && false);

function contactLine(party: ProposalCard['cooperative']): HTMLElement | null {
  const c = party.contact;
  if (!c) return null;
  const bits = [c.name, c.phone, c.email].filter(Boolean) as string[];
  if (!bits.length) return null;
  return h(
    'p',
    { className: 'contact' },
    `${t('contactOf', { name: party.name })}: `,
    ...bits.flatMap((b, i) => [
      i ? ' · ' : '',
      b === c.phone
        ? h('a', { href: `tel:${b.replace(/\s/g, '')}` }, b)
        : b === c.email
          ? h('a', { href: `mailto:${b}` }, b)
          : b,
    ]),
  );
}

export function proposalCard(ctx: Ctx, p: ProposalCard, side: Side, after: () => void): HTMLElement {
  const actions = h('div', { className: 'actions' });
  const act = async (action: 'confirm' | 'accept' | 'reject') => {
    if (
      action === 'reject' &&
      !(await confirmAction({
        title: t('confirmRejectTitle'),
        message: t('confirmRejectText'),
        confirmLabel: t('confirmReject'),
        danger: true,
      }))
    )
      return;
    try {
      const path = { id: p.id };
      if (action === 'confirm') await api.POST('/api/proposals/{id}/confirm', { params: { path }, body: {} });
      else if (action === 'accept') await api.POST('/api/proposals/{id}/accept', { params: { path }, body: {} });
      else await api.POST('/api/proposals/{id}/reject', { params: { path }, body: {} });
      actions.textContent = action === 'confirm' ? t('confirmed') : action === 'accept' ? t('accepted') : t('rejected');
      ctx.map.refresh();
      // A confirmed proposal leaves the 'accepted' list staff work from: its card stays, saying so, until the next reload.
      if (action !== 'confirm') after();
    } catch (err) {
      actions.textContent = err instanceof ApiError ? t('errServer', { message: err.message }) : t('errNetwork');
    }
  };
  if (side === 'staff' && p.status === 'accepted')
    actions.append(
      h(
        'button',
        { type: 'button', className: 'primary confirm', onclick: listener(() => act('confirm')) },
        t('confirm'),
      ),
    );
  else if (side === 'staff' && answerable(p)) actions.append(h('span', { className: 'muted' }, t('awaitingParties')));
  const mineAccepted = (p.mySide === 'seller' && p.sellerAcceptedAt) || (p.mySide === 'buyer' && p.buyerAcceptedAt);
  if (side === 'party' && answerable(p) && !mineAccepted) {
    actions.append(
      h('button', { type: 'button', className: 'primary accept', onclick: listener(() => act('accept')) }, t('accept')),
      h('button', { type: 'button', className: 'reject', onclick: listener(() => act('reject')) }, t('reject')),
    );
  } else if (side === 'party' && (mineAccepted || p.status === 'accepted')) {
    // The list reloads after an answer: the card keeps saying what this side did.
    actions.append(h('span', { className: 'muted' }, t('accepted')));
  }
  if (p.status === 'confirmed') actions.append(h('span', { className: 'muted' }, t('confirmed')));
  const lotLabel = p.mySide === 'seller' ? t('yourLot') : t('theirLot');
  const requestLabel = p.mySide === 'buyer' ? t('yourRequest') : t('theirRequest');
  return h(
    'li',
    { className: `card proposal proposal-${p.status}`, 'data-proposal-id': p.id },
    h(
      'h3',
      {},
      h(
        'a',
        { href: `#/proposals/${p.id}`, className: 'open-proposal' },
        `${productName(ctx, p.product)} · ${formatTons(p.quantityKg)}`,
      ),
    ),
    h('p', { className: 'parties' }, `${p.cooperative.name || t('seller')} → ${p.buyer.name || t('buyer')}`),
    p.lot
      ? h(
          'p',
          { className: `about-lot${p.mySide === 'seller' ? ' mine' : ''}` },
          `${lotLabel}: ${formatTons(p.lot.remainingKg)} / ${formatTons(p.lot.quantityKg)} · ${formatWindow(p.lot.harvestFrom, p.lot.harvestTo)}${p.lot.note ? ` · ${p.lot.note}` : ''}`,
        )
      : null,
    p.request
      ? h(
          'p',
          { className: `about-request${p.mySide === 'buyer' ? ' mine' : ''}` },
          `${requestLabel}: ${formatTons(p.request.remainingKg)} / ${formatTons(p.request.quantityKg)} · ${formatWindow(p.request.deliverFrom, p.request.deliverTo)}`,
        )
      : null,
    p.delivery
      ? h(
          'p',
          { className: 'delivery-window' },
          t('deliveryDays', { window: formatWindow(p.delivery.from, p.delivery.to), days: p.delivery.transitDays }),
        )
      : null,
    h(
      'p',
      {},
      `${t('askPrice')}: ${formatVndPerKg(p.askVndPerKg)} · ${t('bidPrice')}: ${formatVndPerKg(p.bidVndPerKg)} · ${t('distance')}: ${Math.round(p.distanceKm)} km`,
    ),
    p.mySide !== 'seller' ? contactLine(p.cooperative) : null,
    p.mySide !== 'buyer' ? contactLine(p.buyer) : null,
    h(
      'p',
      { className: 'muted status' },
      `${t('status')}: ${statusLabel('proposal', p.status)} · ${formatDate(p.createdAt.slice(0, 10))}`,
    ),
    p.reasons?.length
      ? h(
          'details',
          { className: 'reasons' },
          h('summary', {}, t('reasons')),
          h('ul', {}, ...p.reasons.map((r) => h('li', {}, getLang() === 'vi' ? r.vi : r.en))),
        )
      : null,
    actions,
  );
}

/** A page of proposals from `load` (a typed GET of a run's proposals, say), with its pager. */
export async function showProposals(
  box: HTMLElement,
  ctx: Ctx,
  load: (query: { limit: number; offset: number }) => Promise<ProposalPage>,
  side: Side,
  offset = 0,
): Promise<void> {
  clear(box);
  box.append(h('p', {}, t('loading')));
  let page: ProposalPage;
  try {
    page = await load({ limit: PAGE, offset });
  } catch (err) {
    clear(box);
    box.append(
      h(
        'p',
        { className: 'form-error' },
        err instanceof ApiError && err.status === 404 ? t('errNotAvailable') : t('errNetwork'),
      ),
    );
    return;
  }
  clear(box);
  box.append(h('h2', {}, t('proposals')));
  if (!page.items.length) {
    box.append(h('p', { className: 'empty' }, t('noProposals')));
    return;
  }
  const reload = () => void showProposals(box, ctx, load, side, offset);
  box.append(
    h('ul', { className: 'cards proposal-list' }, ...page.items.map((p) => proposalCard(ctx, p, side, reload))),
    pager(page, (o) => void showProposals(box, ctx, load, side, o)),
  );
}

export function proposalsScreen(root: HTMLElement, ctx: Ctx, id?: string): void {
  const role = getSession()?.user.role;
  const side: Side = role === 'staff' || role === 'admin' ? 'staff' : 'party';
  const box = h('div', { className: 'proposals' });
  ctx.map.setFlows({ kind: 'proposals' });
  if (id) {
    // Opened from an e-mail or notification link.
    root.append(h('p', {}, h('a', { href: '#/proposals', className: 'back' }, t('allProposals'))), box);
    void api
      .GET('/api/proposals/{id}', { params: { path: { id } } })
      .then((p) =>
        box.append(
          h(
            'ul',
            { className: 'cards proposal-list single' },
            proposalCard(ctx, p, side, () => ctx.navigate(`proposals/${id}`)),
          ),
        ),
      )
      .catch(() => box.append(h('p', { className: 'form-error proposal-missing' }, t('proposalNotFound'))));
    return;
  }
  // Staff start from the proposals both sides accepted: those wait for confirmation.
  const statuses = [
    'proposed',
    'accepted_by_seller',
    'accepted_by_buyer',
    'accepted',
    'confirmed',
    'rejected',
    'stale',
    'superseded',
  ];
  const list = listView({
    name: 'proposals',
    title: () => t('tabProposals'),
    path: '/api/proposals',
    search: () => t('listSearchParties'),
    defaultSort: '-createdAt',
    filters: [
      {
        name: 'status',
        label: () => t('status'),
        value: side === 'staff' ? 'accepted' : '',
        options: () => [
          ['', t('allStatuses')],
          ...statuses.map((s) => [s, statusLabel('proposal', s)] as [string, string]),
        ],
      },
      {
        name: 'product',
        label: () => t('product'),
        options: () => [
          ['', t('allProducts')],
          ...ctx.products.map((p) => [p.code, productName(ctx, p.code)] as [string, string]),
        ],
      },
    ],
    columns: [
      { key: 'product', label: () => t('product'), sort: 'product', value: (p) => productName(ctx, p.product) },
      { key: 'cooperative', label: () => t('cooperativeLabel'), value: (p) => p.cooperative.name },
      { key: 'buyer', label: () => t('buyerLabel'), value: (p) => p.buyer.name },
      {
        key: 'quantityKg',
        label: () => t('quantityKg'),
        sort: 'quantityKg',
        value: (p) => p.quantityKg,
        numeric: true,
      },
      { key: 'askVndPerKg', label: () => t('askPrice'), value: (p) => p.askVndPerKg, numeric: true },
      { key: 'bidVndPerKg', label: () => t('bidPrice'), value: (p) => p.bidVndPerKg, numeric: true },
      {
        key: 'scoreVndPerKg',
        label: () => t('proposalScore'),
        sort: 'scoreVndPerKg',
        value: (p) => p.scoreVndPerKg,
        numeric: true,
      },
      {
        key: 'distanceKm',
        label: () => t('distance'),
        sort: 'distanceKm',
        value: (p) => Math.round(p.distanceKm),
        numeric: true,
      },
      { key: 'status', label: () => t('status'), sort: 'status', value: (p) => statusLabel('proposal', p.status) },
      {
        key: 'createdAt',
        label: () => t('dealDate'),
        sort: 'createdAt',
        value: (p) => formatDate(p.createdAt.slice(0, 10)),
      },
    ],
    rowId: (p) => p.id,
    cardsClass: 'proposal-list',
    card: (p, reload) => proposalCard(ctx, p, side, reload),
  });
  list.el.classList.add('proposals');
  root.append(list.el);
}
