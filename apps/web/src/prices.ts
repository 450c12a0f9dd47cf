// Giá thị trường: staff record observed prices of produce and farm inputs; a price far off its
// product's usual band needs an explicit confirmation (the api answers 422 PRICE_OBSERVATION.OUTLIER).
import { api, ApiError, download, Page } from './api';
import { clear, h } from './dom';
import { Errors, field, flash, formShell, input, isWholeNumber, select, showErrors, showServerError, value } from './forms';
import { formatDate, formatVndPerKg } from './format';
import { INPUT_CATEGORIES } from './harvest-schedule';
import { getLang, t } from './i18n';
import type { Ctx } from './screen-context';

interface PriceObservationView {
  id: string;
  product: string;
  marketName: string;
  provinceCode: string | null;
  observedOn: string;
  priceVndPerKg: number;
  source: string;
  outsideBand: boolean;
}

const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

export function pricesScreen(root: HTMLElement, ctx: Ctx): void {
  const name = (code: string) => {
    const p = ctx.products.find((x) => x.code === code);
    return p ? (getLang() === 'vi' ? p.nameVi : p.nameEn) : code;
  };
  const productSelect = h('select', {});
  productSelect.append(h('option', { value: '' }, '—'));
  for (const [label, inputs] of [[t('produceGroup'), false], [t('inputsGroup'), true]] as const) {
    const group = h('optgroup', { label });
    for (const p of ctx.products.filter((x) => INPUT_CATEGORIES.includes(x.category) === inputs)) group.append(h('option', { value: p.code }, name(p.code)));
    productSelect.append(group);
  }
  const confirm = h('label', { className: 'check confirm-outlier', hidden: true }, h('input', { type: 'checkbox', name: 'confirmOutlier' }), t('confirmOutlier'));
  const form = formShell(
    'price-form',
    h('h2', {}, t('priceObservationTitle')),
    h('p', { className: 'muted' }, t('priceObservationIntro')),
    field('product', t('product'), productSelect),
    field('marketName', t('marketName'), input('text', { maxlength: 300, placeholder: 'Chợ đầu mối nông sản Thủ Đức' })),
    field('priceVndPerKg', t('priceVndPerKgField'), input('text', { inputmode: 'numeric', maxlength: 12, placeholder: '7.200' })),
    field('observedOn', t('observedOn'), input('date', { value: today(), max: today() })),
    field('provinceCode', t('province'), select([['', '—'], ...ctx.provinces.map((p) => [p.code, p.name] as [string, string])])),
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
        { type: 'button', className: 'link price-template', onclick: () => download('/imports/templates/price-observations', 'mau-gia-thi-truong.xlsx').catch((e) => showServerError(form, e)) },
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

  form.addEventListener('submit', async (e) => {
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
    if (Object.keys(errors).length) return showErrors(form, errors);
    const body: Record<string, unknown> = { product, marketName, priceVndPerKg: Number(price), observedOn, source };
    if (value(form, 'provinceCode')) body.provinceCode = value(form, 'provinceCode');
    if (confirm.querySelector('input')!.checked) body.confirmOutlier = true;
    try {
      const saved = await api.post<PriceObservationView>('/price-observations', body);
      unconfirm();
      (form.querySelector('[name="priceVndPerKg"]') as HTMLInputElement).value = '';
      showErrors(form, {});
      flash(form, t('priceSaved', { product: name(saved.product), price: formatVndPerKg(saved.priceVndPerKg) }));
      void load(saved.id);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'PRICE_OBSERVATION.OUTLIER') {
        const band = (err.details[0] as unknown as { band?: { min: number | null; max: number | null } })?.band;
        confirm.hidden = false;
        return showErrors(form, {
          priceVndPerKg: t('outlierWarning', { min: formatVndPerKg(band?.min ?? null), max: formatVndPerKg(band?.max ?? null) }),
        });
      }
      showServerError(form, err);
    }
  });

  const load = async (highlight?: string) => {
    try {
      const page = await api.get<Page<PriceObservationView>>('/price-observations', { limit: 30 });
      clear(list);
      list.append(h('h2', {}, t('recentPrices')));
      if (!page.items.length) return list.append(h('p', { className: 'empty' }, t('noPriceObservations')));
      list.append(
        h(
          'div',
          { className: 'table-wrap' },
          h(
            'table',
            { className: 'report-table price-table' },
            h('thead', {}, h('tr', {}, ...[t('observedOn'), t('product'), t('marketName'), t('priceVndPerKgField'), t('priceSource')].map((c) => h('th', {}, c)))),
            h(
              'tbody',
              {},
              ...page.items.map((o) =>
                h(
                  'tr',
                  { className: `price-row${o.id === highlight ? ' highlight' : ''}`, 'data-id': o.id },
                  h('td', {}, formatDate(o.observedOn)),
                  h('td', {}, name(o.product)),
                  h('td', {}, o.marketName),
                  h('td', { className: 'num' }, formatVndPerKg(o.priceVndPerKg), o.outsideBand ? h('span', { className: 'tag warn' }, ` ${t('outsideBandTag')}`) : null),
                  h('td', {}, o.source),
                ),
              ),
            ),
          ),
        ),
      );
    } catch (err) {
      clear(list);
      list.append(h('p', { className: 'form-error' }, err instanceof ApiError ? t('errServer', { message: err.message }) : t('errNetwork')));
    }
  };
  root.append(form, list);
  void load();
}
