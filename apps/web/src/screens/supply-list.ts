import { api, ApiError } from '../api';
import { clear, h, listener } from '../dom';
import { input, select } from '../forms';
import { formatTons, formatVndPerKg, formatWindow } from '../format';
import { getLang, t } from '../i18n';
import type { Ctx } from '../screen-context';
import { productOptions } from './catalogue';

// ---------- public: searchable supply list ----------
export function listScreen(root: HTMLElement, ctx: Ctx): void {
  const q = input('search', { placeholder: t('searchPlaceholder'), 'aria-label': t('search') });
  const product = select(productOptions(ctx, t('allProducts')));
  product.setAttribute('aria-label', t('product'));
  const results = h('div', { className: 'results' });
  let offset = 0;
  const limit = 20;
  const load = async () => {
    clear(results);
    results.append(h('p', {}, t('loading')));
    try {
      const page = await api.GET('/api/map/supply-list', {
        params: { query: { q: q.value.trim() || undefined, product: product.value || undefined, limit, offset } },
      });
      clear(results);
      if (!page.items.length) {
        results.append(h('p', { className: 'empty' }, t('noResults')));
        return;
      }
      results.append(
        h(
          'p',
          { className: 'muted' },
          t('showing', { from: offset + 1, to: offset + page.items.length, total: page.total }),
        ),
        h(
          'ul',
          { className: 'cards supply-list' },
          ...page.items.map((i) =>
            h(
              'li',
              { className: 'card', 'data-lot-id': i.id },
              h('h3', {}, getLang() === 'vi' ? i.productNameVi : i.productNameEn),
              h('p', { className: 'coop' }, i.cooperativeName),
              h('p', {}, `${t('remaining')}: ${formatTons(i.remainingKg)} · ${formatVndPerKg(i.askVndPerKg)}`),
              h('p', {}, `${t('harvestWindow')}: ${formatWindow(i.harvestFrom, i.harvestTo)}`),
              i.certifications.length ? h('p', { className: 'muted' }, i.certifications.join(', ')) : null,
              i.note ? h('p', { className: 'note' }, i.note) : null,
              h(
                'button',
                {
                  type: 'button',
                  onclick: () => {
                    ctx.navigate('map');
                    ctx.map.showPoint(i.location, 15);
                  },
                },
                t('showOnMap'),
              ),
            ),
          ),
        ),
        h(
          'div',
          { className: 'actions' },
          h(
            'button',
            {
              type: 'button',
              disabled: offset === 0,
              onclick: listener(() => ((offset = Math.max(0, offset - limit)), load())),
            },
            t('prev'),
          ),
          h(
            'button',
            {
              type: 'button',
              disabled: offset + limit >= page.total,
              onclick: listener(() => ((offset += limit), load())),
            },
            t('next'),
          ),
        ),
      );
    } catch (e) {
      clear(results);
      results.append(
        h(
          'p',
          { className: 'form-error' },
          e instanceof ApiError ? t('errServer', { message: e.message }) : t('errNetwork'),
        ),
      );
    }
  };
  const form = h(
    'form',
    {
      className: 'form search',
      onsubmit: (e: Event) => {
        e.preventDefault();
        offset = 0;
        void load();
      },
    },
    h('h2', {}, t('tabList')),
    q,
    product,
    h('button', { type: 'submit', className: 'primary' }, t('search')),
  );
  root.append(form, results);
  void load();
}
