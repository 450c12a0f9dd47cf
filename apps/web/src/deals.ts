// Deals (giao dịch): the cooperative and the buyer see theirs with the delivery status; staff record deliveries.
import { api, ApiError, getSession, Page } from './api';
import { clear, h } from './dom';
import { formatDate, formatNumber, formatTons, formatVndPerKg, statusLabel } from './format';
import { getLang, t } from './i18n';
import type { Ctx } from './screens';

interface DealView {
  id: string;
  supplyLotId: string;
  purchaseRequestId: string;
  cooperativeId: string;
  buyerId: string;
  product: string;
  quantityKg: number;
  priceVndPerKg: number;
  valueVnd: number;
  status: 'confirmed' | 'delivered' | 'cancelled';
  deliveredKg: number | null;
  deliveredAt: string | null;
  createdAt: string;
}

const names = new Map<string, Promise<string>>();
function orgName(kind: 'cooperatives' | 'buyers', id: string): Promise<string> {
  const key = `${kind}/${id}`;
  if (!names.has(key)) names.set(key, api.get<{ name: string }>(`/${kind}/${id}`).then((o) => o.name).catch(() => id.slice(0, 8)));
  return names.get(key)!;
}

export function dealsScreen(root: HTMLElement, ctx: Ctx): void {
  const session = getSession();
  const isStaff = session?.user.role === 'staff' || session?.user.role === 'admin';
  const status = h('select', { 'aria-label': t('status') }, ...[['', t('allStatuses')], ['confirmed', statusLabel('deal', 'confirmed')], ['delivered', statusLabel('deal', 'delivered')], ['cancelled', statusLabel('deal', 'cancelled')]].map(([v, l]) => h('option', { value: v }, l)));
  const box = h('div', { className: 'deals' });
  const productName = (code: string) => {
    const p = ctx.products.find((x) => x.code === code);
    return p ? (getLang() === 'vi' ? p.nameVi : p.nameEn) : code;
  };
  ctx.map.setFlows({ kind: 'deals' });

  const load = async () => {
    clear(box);
    box.append(h('p', {}, t('loading')));
    let page: Page<DealView>;
    try {
      page = await api.get<Page<DealView>>('/deals', { status: status.value || undefined, limit: 100 });
    } catch (err) {
      clear(box);
      box.append(h('p', { className: 'form-error' }, err instanceof ApiError ? t('errServer', { message: err.message }) : t('errNetwork')));
      return;
    }
    clear(box);
    if (!page.items.length) return box.append(h('p', { className: 'empty' }, t('noDeals')));
    const total = page.items.filter((d) => d.status !== 'cancelled').reduce((s, d) => s + d.quantityKg, 0);
    const delivered = page.items.filter((d) => d.status === 'delivered').reduce((s, d) => s + (d.deliveredKg ?? d.quantityKg), 0);
    box.append(
      h('p', { className: 'muted' }, t('dealsSummary', { n: page.total, tons: formatTons(total), delivered: formatTons(delivered) })),
      h(
        'ul',
        { className: 'cards deal-list' },
        ...page.items.map((d) => {
          const parties = h('p', { className: 'parties' }, '…');
          void Promise.all([orgName('cooperatives', d.cooperativeId), orgName('buyers', d.buyerId)]).then(([c, b]) => (parties.textContent = `${c} → ${b}`));
          const actions = h('div', { className: 'actions' });
          if (isStaff && d.status === 'confirmed') {
            actions.append(
              h(
                'button',
                {
                  type: 'button',
                  className: 'primary mark-delivered',
                  onclick: async () => {
                    try {
                      await api.patch(`/deals/${d.id}`, { status: 'delivered', deliveredKg: d.quantityKg, deliveredAt: new Date().toISOString() });
                      ctx.map.refresh();
                      void load();
                    } catch (err) {
                      actions.textContent = err instanceof ApiError ? t('errServer', { message: err.message }) : t('errNetwork');
                    }
                  },
                },
                t('markDelivered'),
              ),
            );
          }
          return h(
            'li',
            { className: `card deal deal-${d.status}`, 'data-deal-id': d.id },
            h('h3', {}, `${productName(d.product)} · ${formatTons(d.quantityKg)}`),
            parties,
            h('p', {}, `${formatVndPerKg(d.priceVndPerKg)} · ${t('dealValue')}: ${formatNumber(d.valueVnd)} đ`),
            h('p', { className: 'deal-status' }, h('span', { className: `badge ${d.status}` }, statusLabel('deal', d.status)), d.status === 'delivered' ? ` ${formatTons(d.deliveredKg ?? d.quantityKg)}${d.deliveredAt ? ` · ${formatDate(d.deliveredAt.slice(0, 10))}` : ''}` : ''),
            h('p', { className: 'muted' }, `${t('dealDate')}: ${formatDate(d.createdAt.slice(0, 10))}`),
            actions,
          );
        }),
      ),
    );
  };
  status.addEventListener('change', () => void load());
  root.append(h('div', { className: 'toolbar' }, h('h2', {}, t('tabDeals')), status), box);
  void load();
}
