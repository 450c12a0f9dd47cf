import { api, ApiError, getSession, Page } from '../api';
import { historySection } from '../audit';
import { clear, h } from '../dom';
import { formatTons, formatVndPerKg, formatWindow, statusLabel } from '../format';
import { t } from '../i18n';
import type { Ctx } from '../screen-context';
import { productName } from './catalogue';
import { curfewNotice } from './curfew-notice';
import type { LotView } from './lot-form';

export function myLotsScreen(root: HTMLElement, ctx: Ctx): void {
  const session = getSession();
  const box = h('div', {}, h('p', {}, t('loading')));
  root.append(h('div', { className: 'toolbar' }, h('h2', {}, t('tabMyLots')), h('button', { type: 'button', className: 'primary', onclick: () => ctx.navigate('new-lot') }, t('tabNewLot'))), box);
  void api
    .get<Page<LotView>>('/supply-lots', { cooperativeId: session?.user.organizationId ?? undefined, limit: 100 })
    .then((page) => {
      clear(box);
      if (!page.items.length) return box.append(h('p', { className: 'empty' }, t('noResults')));
      box.append(
        h(
          'ul',
          { className: 'cards my-lots' },
          ...page.items.map((l) =>
            h(
              'li',
              { className: 'card', 'data-lot-id': l.id },
              h('h3', {}, productName(ctx, l.product)),
              h('p', {}, `${t('remaining')}: ${formatTons(l.remainingKg)} / ${formatTons(l.quantityKg)} · ${formatVndPerKg(l.askVndPerKg)}`),
              h('p', {}, `${t('harvestWindow')}: ${formatWindow(l.harvestFrom, l.harvestTo)}`),
              l.availableUntil ? h('p', { className: 'available-until' }, `${t('availableUntil')}: ${l.availableUntil}`, l.backlog ? h('span', { className: 'badge backlog' }, ` · ${t('backlogBadge')}`) : null) : null,
              h('p', { className: 'muted' }, `${t('status')}: ${statusLabel('status', l.status)}`),
              curfewNotice(l),
              l.note ? h('p', { className: 'note' }, l.note) : null,
              historySection(`/supply-lots/${l.id}/history`),
              h(
                'div',
                { className: 'actions' },
                h('button', { type: 'button', onclick: () => ctx.navigate(`edit-lot/${l.id}`) }, t('edit')),
                l.location ? h('button', { type: 'button', onclick: () => ctx.map.showPoint(l.location!, 15) }, t('showOnMap')) : null,
                l.status === 'open'
                  ? h(
                      'button',
                      {
                        type: 'button',
                        onclick: async () => {
                          await api.patch(`/supply-lots/${l.id}`, { withdrawn: true }).catch(() => undefined);
                          ctx.map.refresh();
                          ctx.navigate('my-lots');
                        },
                      },
                      t('withdraw'),
                    )
                  : null,
              ),
            ),
          ),
        ),
      );
    })
    .catch((e) => {
      clear(box);
      box.append(h('p', { className: 'form-error' }, e instanceof ApiError ? t('errServer', { message: e.message }) : t('errNetwork')));
    });
}
