import { h } from '../dom';
import { clearErrors, field, formShell, input, select, showErrors, value } from '../forms';
import { statusLabel } from '../format';
import { t } from '../i18n';
import type { MapFilters } from '../map-view';
import type { Ctx } from '../screen-context';
import { BUYER_TYPES, CERTIFICATIONS, productOptions } from './catalogue';

// ---------- public: map filters ----------
export function mapScreen(root: HTMLElement, ctx: Ctx): void {
  const f = ctx.map.filters;
  const form = formShell(
    'filters',
    h('h2', {}, t('filters')),
    field('product', t('product'), select(productOptions(ctx, t('allProducts')), f.product ?? '')),
    field(
      'certification',
      t('certification'),
      select(
        [['', t('anyCertification')], ...CERTIFICATIONS.map((c) => [c, c] as [string, string])],
        f.certification ?? '',
      ),
    ),
    field(
      'provinceCode',
      t('province'),
      select(
        [['', t('allProvinces')], ...ctx.provinces.map((p) => [p.code, p.name] as [string, string])],
        f.provinceCode ?? '',
      ),
    ),
    field('harvestFrom', t('harvestFrom'), input('date', { value: f.harvestFrom ?? '' })),
    field('harvestTo', t('harvestTo'), input('date', { value: f.harvestTo ?? '' })),
    field(
      'buyerType',
      t('buyerType'),
      select(
        [['', t('allBuyerTypes')], ...BUYER_TYPES.map((b) => [b, statusLabel('buyer', b)] as [string, string])],
        f.buyerType ?? '',
      ),
    ),
    h(
      'div',
      { className: 'actions' },
      h('button', { type: 'submit', className: 'primary' }, t('apply')),
      h('button', { type: 'reset' }, t('reset')),
    ),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const hf = value(form, 'harvestFrom');
    const ht = value(form, 'harvestTo');
    if (hf && ht && ht < hf) {
      showErrors(form, { harvestTo: t('errWindow') });
      return;
    }
    clearErrors(form);
    const filters: MapFilters = {
      product: value(form, 'product') || undefined,
      certification: value(form, 'certification') || undefined,
      provinceCode: value(form, 'provinceCode') || undefined,
      harvestFrom: hf || undefined,
      harvestTo: ht || undefined,
      buyerType: value(form, 'buyerType') || undefined,
    };
    ctx.map.setFilters(filters);
  });
  form.addEventListener('reset', () => window.setTimeout(() => ctx.map.setFilters({}), 0));
  root.append(form);
}
