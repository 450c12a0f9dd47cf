// Giá thị trường: staff record observed prices of produce and farm inputs; a price far off its
// product's usual band needs an explicit confirmation (the api answers 422 PRICE_OBSERVATION.OUTLIER).
import { api, ApiError, download, type Schema } from './api';
import { h, listener } from './dom';
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
} from './forms';
import { formatDate, formatVndPerKg } from './format';
import { INPUT_CATEGORIES } from './harvest-schedule';
import { getLang, t } from './i18n';
import type { Ctx } from './screen-context';
import { deleteButton, editDetails } from './edit-in-place';
import { listView } from './list-view';

const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

export function pricesScreen(root: HTMLElement, ctx: Ctx): void {
  const name = (code: string) => {
    const p = ctx.products.find((x) => x.code === code);
    return p ? (getLang() === 'vi' ? p.nameVi : p.nameEn) : code;
  };
  const productSelect = h('select', {});
  productSelect.append(h('option', { value: '' }, '—'));
  for (const [label, inputs] of [
    [t('produceGroup'), false],
    [t('inputsGroup'), true],
  ] as const) {
    const group = h('optgroup', { label });
    for (const p of ctx.products.filter((x) => INPUT_CATEGORIES.includes(x.category) === inputs))
      group.append(h('option', { value: p.code }, name(p.code)));
    productSelect.append(group);
  }
  const confirm = h(
    'label',
    { className: 'check confirm-outlier', hidden: true },
    h('input', { type: 'checkbox', name: 'confirmOutlier' }),
    t('confirmOutlier'),
  );
  const form = formShell(
    'price-form',
    h('h2', {}, t('priceObservationTitle')),
    h('p', { className: 'muted' }, t('priceObservationIntro')),
    field('product', t('product'), productSelect),
    field(
      'marketName',
      t('marketName'),
      input('text', { maxlength: 300, placeholder: 'Chợ đầu mối nông sản Thủ Đức' }),
    ),
    field(
      'priceVndPerKg',
      t('priceVndPerKgField'),
      input('text', { inputmode: 'numeric', maxlength: 12, placeholder: '7.200' }),
    ),
    field('observedOn', t('observedOn'), input('date', { value: today(), max: today() })),
    field(
      'provinceCode',
      t('province'),
      select([['', '—'], ...ctx.provinces.map((p) => [p.code, p.name] as [string, string])]),
    ),
    field('source', t('priceSource'), input('text', { maxlength: 300, placeholder: 'Phòng Kinh tế xã' })),
    confirm,
    h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'primary' }, t('savePrice'))),
    h(
      'p',
      { className: 'muted' },
      t('importPricesHint'),
      ' ',
      h(
        'button',
        {
          type: 'button',
          className: 'link price-template',
          onclick: listener(() =>
            download(
              api.file('/api/imports/templates/{kind}', { params: { path: { kind: 'price-observations' } } }),
              'mau-gia-thi-truong.xlsx',
            ).catch((e) => showServerError(form, e)),
          ),
        },
        `⬇ ${t('downloadPriceTemplate')}`,
      ),
    ),
  );
  const list = h('div', { className: 'price-list' });

  // A changed price or product needs its own confirmation.
  const unconfirm = () => {
    confirm.hidden = true;
    confirm.querySelector('input')!.checked = false;
  };
  productSelect.addEventListener('change', unconfirm);
  form.querySelector('[name="priceVndPerKg"]')!.addEventListener('input', unconfirm);

  form.addEventListener(
    'submit',
    listener(async (e) => {
      e.preventDefault();
      const errors: Errors = {};
      const product = value(form, 'product');
      const price = value(form, 'priceVndPerKg').replace(/[.\s]/g, '');
      const marketName = value(form, 'marketName');
      const source = value(form, 'source');
      const observedOn = value(form, 'observedOn');
      if (!product) errors.product = t('errRequired', { field: t('product') });
      if (!marketName) errors.marketName = t('errRequired', { field: t('marketName') });
      if (!source) errors.source = t('errRequired', { field: t('priceSource') });
      if (!isWholeNumber(price, 1)) errors.priceVndPerKg = t('errPrice');
      if (!observedOn) errors.observedOn = t('errDate');
      if (Object.keys(errors).length) {
        showErrors(form, errors);
        return;
      }
      const body: Schema<'CreatePriceObservationDto'> = {
        product,
        marketName,
        priceVndPerKg: Number(price),
        observedOn,
        source,
      };
      if (value(form, 'provinceCode')) body.provinceCode = value(form, 'provinceCode');
      if (confirm.querySelector('input')!.checked) body.confirmOutlier = true;
      try {
        const saved = await api.POST('/api/price-observations', { body });
        unconfirm();
        (form.querySelector('[name="priceVndPerKg"]') as HTMLInputElement).value = '';
        showErrors(form, {});
        flash(form, t('priceSaved', { product: name(saved.product), price: formatVndPerKg(saved.priceVndPerKg) }));
        load(saved.id);
      } catch (err) {
        if (err instanceof ApiError && err.code === 'PRICE_OBSERVATION.OUTLIER') {
          const band = (err.details[0] as unknown as { band?: { min: number | null; max: number | null } })?.band;
          confirm.hidden = false;
          showErrors(form, {
            priceVndPerKg: t('outlierWarning', {
              min: formatVndPerKg(band?.min ?? null),
              max: formatVndPerKg(band?.max ?? null),
            }),
          });
          return;
        }
        showServerError(form, err);
      }
    }),
  );

  let highlighted: string | undefined;
  const view = listView({
    name: 'price-observations',
    title: () => t('recentPrices'),
    path: '/api/price-observations',
    search: () => t('listSearchPrices'),
    filters: [
      {
        name: 'product',
        label: () => t('product'),
        options: () => [['', t('allProducts')], ...ctx.products.map((p) => [p.code, name(p.code)] as [string, string])],
      },
    ],
    tableClass: 'report-table price-table',
    columns: [
      { key: 'observedOn', label: () => t('observedOn'), sort: 'observedOn', value: (o) => formatDate(o.observedOn) },
      { key: 'product', label: () => t('product'), sort: 'product', value: (o) => name(o.product) },
      { key: 'marketName', label: () => t('marketName'), sort: 'marketName', value: (o) => o.marketName },
      {
        key: 'priceVndPerKg',
        label: () => t('priceVndPerKgField'),
        sort: 'priceVndPerKg',
        numeric: true,
        value: (o) => o.priceVndPerKg,
        cell: (o) =>
          h(
            'span',
            {},
            formatVndPerKg(o.priceVndPerKg),
            o.outsideBand ? h('span', { className: 'tag warn' }, ` ${t('outsideBandTag')}`) : null,
          ),
      },
      { key: 'source', label: () => t('priceSource'), value: (o) => o.source },
    ],
    rowId: (o) => o.id,
    rowClass: (o) => `price-row${o.id === highlighted ? ' highlight' : ''}`,
    actions: (o, reload) => {
      const note = h('span', { className: 'muted', role: 'status' });
      return [
        editDetails(
          'price-edit',
          [
            {
              name: 'marketName',
              label: t('marketName'),
              input: input('text', { maxlength: 200, value: o.marketName }),
            },
            {
              name: 'priceVndPerKg',
              label: t('priceVndPerKgField'),
              input: input('number', { min: 1, step: 1, inputmode: 'numeric', value: o.priceVndPerKg }),
            },
            { name: 'source', label: t('priceSource'), input: input('text', { maxlength: 200, value: o.source }) },
          ],
          async (f) => {
            // The band was checked when the price was first written; an edit keeps the user's word.
            await api.PATCH('/api/price-observations/{id}', {
              params: { path: { id: o.id } },
              body: {
                marketName: value(f, 'marketName'),
                priceVndPerKg: Number(value(f, 'priceVndPerKg')),
                source: value(f, 'source'),
                confirmOutlier: true,
              },
            });
            reload();
          },
        ),
        deleteButton(
          `${name(o.product)} · ${o.marketName}`,
          () => api.DELETE('/api/price-observations/{id}', { params: { path: { id: o.id } } }),
          note,
          reload,
        ),
        note,
      ];
    },
  });
  const load = (highlight?: string) => {
    highlighted = highlight;
    view.reload();
  };
  list.append(view.el);
  root.append(form, list);
}
