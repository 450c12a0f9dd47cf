// A processor's or trader's stock (hàng tồn kho): report it, and offer it for sale. An offered
// report is sold as a supply lot (matching, map, proposals, deals); deals reduce what remains.
import { api, ApiError, getSession } from './api';
import { clear, h, listener } from './dom';
import { field, formShell, input, isWholeNumber, select, showErrors, showServerError, value, Errors } from './forms';
import { formatTons, formatVndPerKg, statusLabel } from './format';
import { getLang, t } from './i18n';
import type { Ctx } from './screen-context';

export function stockScreen(root: HTMLElement, ctx: Ctx): void {
  const name = (code: string) => {
    const p = ctx.products.find((x) => x.code === code);
    return p ? (getLang() === 'vi' ? p.nameVi : p.nameEn) : code;
  };
  const list = h('div', { className: 'stock-list' });
  const form = formShell(
    'stock-form',
    h('h2', {}, t('tabStock')),
    field(
      'product',
      t('product'),
      select([['', '—'], ...ctx.products.map((p) => [p.code, name(p.code)] as [string, string])], ''),
    ),
    field('quantityKg', t('quantityKg'), input('number', { min: 1, step: 1, inputmode: 'numeric' })),
    field('reportedAt', t('stockCountedOn'), input('date', { value: new Date().toISOString().slice(0, 10) })),
    field('askVndPerKg', t('askVndPerKg'), input('number', { min: 0, step: 1, inputmode: 'numeric' })),
    field('availableUntil', t('availableUntil'), input('date', {})),
    h('p', { className: 'muted' }, t('stockOfferHint')),
    h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'primary' }, t('create'))),
  );
  const reload = async () => {
    try {
      const session = getSession();
      const page = await api.GET('/api/inventory-reports', {
        params: { query: { buyerId: session?.user.organizationId ?? undefined, limit: 100 } },
      });
      clear(list);
      if (!page.items.length) {
        list.append(h('p', { className: 'empty' }, t('noResults')));
        return;
      }
      list.append(
        h(
          'ul',
          { className: 'cards stock' },
          ...page.items.map((r) =>
            h(
              'li',
              { className: 'card stock-report', 'data-report-id': r.id },
              h('h3', {}, `${name(r.product)} · ${formatTons(r.quantityKg)}`),
              h('p', { className: 'muted' }, `${t('stockCountedOn')}: ${r.reportedAt}`),
              r.offer
                ? h(
                    'p',
                    { className: 'stock-offer' },
                    `${formatVndPerKg(r.offer.askVndPerKg)} · ${t('availableUntil')}: ${r.offer.availableUntil} · ${statusLabel('status', r.offer.status)} · ${t('stockSold')}: ${formatTons(r.offer.soldKg)} · ${t('remaining')}: ${formatTons(r.offer.remainingKg)}`,
                  )
                : h('p', { className: 'muted' }, t('stockNotOffered')),
              r.offer && r.offer.status !== 'withdrawn'
                ? h(
                    'div',
                    { className: 'actions' },
                    h(
                      'button',
                      {
                        type: 'button',
                        onclick: listener(async () => {
                          await api
                            .PATCH('/api/inventory-reports/{id}', {
                              params: { path: { id: r.id } },
                              body: { offer: null },
                            })
                            .catch(() => undefined);
                          void reload();
                        }),
                      },
                      t('withdraw'),
                    ),
                  )
                : null,
            ),
          ),
        ),
      );
    } catch (err) {
      clear(list);
      list.append(
        h(
          'p',
          { className: 'form-error' },
          err instanceof ApiError ? t('errServer', { message: err.message }) : t('errNetwork'),
        ),
      );
    }
  };
  form.addEventListener(
    'submit',
    listener(async (e) => {
      e.preventDefault();
      const errors: Errors = {};
      const product = value(form, 'product');
      const qty = value(form, 'quantityKg');
      const ask = value(form, 'askVndPerKg');
      const until = value(form, 'availableUntil');
      if (!product) errors.product = t('errRequired', { field: t('product') });
      if (!isWholeNumber(qty, 1)) errors.quantityKg = t('errPositiveInt', { field: t('quantityKg') });
      if (!value(form, 'reportedAt')) errors.reportedAt = t('errRequired', { field: t('stockCountedOn') });
      // Both or neither: an ask and a last day make an offer.
      if ((ask || until) && !(ask && until))
        errors[ask ? 'availableUntil' : 'askVndPerKg'] = t('errRequired', {
          field: ask ? t('availableUntil') : t('askVndPerKg'),
        });
      if (ask && !isWholeNumber(ask, 0)) errors.askVndPerKg = t('errNonNegativeInt', { field: t('askVndPerKg') });
      if (Object.keys(errors).length) {
        showErrors(form, errors);
        return;
      }
      try {
        await api.POST('/api/inventory-reports', {
          body: {
            product,
            quantityKg: Number(qty),
            reportedAt: value(form, 'reportedAt'),
            ...(ask && until ? { offer: { askVndPerKg: Number(ask), availableUntil: until } } : {}),
          },
        });
        ctx.map.refresh();
        await reload();
      } catch (err) {
        showServerError(form, err);
      }
    }),
  );
  void reload();
  root.append(form, list);
}
