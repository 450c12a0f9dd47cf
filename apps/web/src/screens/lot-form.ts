import type { Geometry } from 'geojson';
import { api, getSession, type Schema } from '../api';
import { h, onLeave, listener } from '../dom';
import {
  checkboxes,
  checkedValues,
  Errors,
  field,
  flashNext,
  formShell,
  input,
  isWholeNumber,
  select,
  showErrors,
  showServerError,
  value,
} from '../forms';
import { formatNumber } from '../format';
import { t } from '../i18n';
import { locationPicker } from '../location-picker';
import type { Ctx } from '../screen-context';
import { CERTIFICATIONS, productName, productOptions } from './catalogue';
import { orgChooserField } from '../org-chooser';

// ---------- cooperative: lots ----------
export type LotView = Schema<'SupplyLotResponse'>;
export function lotFormScreen(root: HTMLElement, ctx: Ctx, existing?: LotView, presetAreaId?: string): void {
  const location = locationPicker(ctx.map, existing?.location ?? null);
  const areaSelect = select([['', t('noProductionArea')]], existing?.productionAreaId ?? '');
  const areaNote = h('span', { className: 'muted area-note' });
  const session = getSession();
  const areas = new Map<string, { id: string; name: string | null; product: string; boundary: Geometry }>();
  // Staff post for a cooperative that phoned in: they choose it first (its areas then fill the list).
  const actingForOthers = !existing && (session?.user.role === 'staff' || session?.user.role === 'admin');
  const cooperative = actingForOthers
    ? orgChooserField('cooperativeId', t('cooperativeLabel'), t('cooperativeLabel').toLowerCase(), 'cooperatives')
    : null;
  const chooseArea = (id: string, fromMap = false) => {
    const a = areas.get(id);
    if (!a) return;
    areaSelect.value = id;
    areaNote.textContent = fromMap ? t('areaChosenOnMap', { name: a.name ?? productName(ctx, a.product) }) : '';
    // A new lot on an area is most likely that area's product.
    const productEl = form.querySelector<HTMLSelectElement>('[name="product"]');
    if (productEl && !productEl.value) productEl.value = a.product;
    if (!fromMap) ctx.map.fitGeometry(a.boundary, 15);
  };
  // The cooperative's own production areas; a click on one of them on the map picks it.
  const loadAreas = (cooperativeId: string | undefined) =>
    api
      .GET('/api/production-areas', { params: { query: { cooperativeId, limit: 200 } } })
      .then((page) => {
        areas.clear();
        areaSelect.replaceChildren(h('option', { value: '' }, t('noProductionArea')));
        for (const a of page.items) {
          areas.set(a.id, a);
          areaSelect.append(
            h('option', { value: a.id }, `${a.name ?? a.id.slice(0, 8)} (${productName(ctx, a.product)})`),
          );
        }
        if (existing?.productionAreaId) areaSelect.value = existing.productionAreaId;
        else if (presetAreaId) chooseArea(presetAreaId);
      })
      .catch(() => undefined);
  if (cooperative)
    cooperative.onChange((id) => {
      if (id) void loadAreas(id);
      else areaSelect.replaceChildren(h('option', { value: '' }, t('noProductionArea')));
    });
  else
    void loadAreas(
      session?.user.role === 'cooperative' ? (session.user.organizationId ?? undefined) : existing?.cooperativeId,
    );
  areaSelect.addEventListener('change', () => chooseArea(areaSelect.value));
  const areaField = field('productionAreaId', t('productionArea'), areaSelect);
  areaField.append(
    areaNote,
    session?.user.role === 'cooperative'
      ? h('a', { href: '#/areas', className: 'draw-area-link' }, t('drawNewArea'))
      : '',
  );
  ctx.map.areaClickHandler = (id) => chooseArea(id, true);
  onLeave(() => (ctx.map.areaClickHandler = null));

  // Kilograms sold in deals freeze the terms they were sold on (the server refuses changes with 409).
  const committedKg = existing?.committedKg ?? 0;
  const frozen =
    committedKg > 0 ? { disabled: true, title: t('frozenByDeals', { kg: formatNumber(committedKg) }) } : {};
  const productSelect = select(productOptions(ctx, '—'), existing?.product ?? '');
  if (committedKg > 0) Object.assign(productSelect, frozen);
  const form = formShell(
    'lot-form',
    h('h2', {}, existing ? `${t('edit')}: ${productName(ctx, existing.product)}` : t('tabNewLot')),
    committedKg > 0
      ? h('p', { className: 'muted frozen-note' }, t('frozenByDeals', { kg: formatNumber(committedKg) }))
      : null,
    existing?.cooperativeName && session?.user.role !== 'cooperative'
      ? h('p', { className: 'muted acting-for' }, `${t('cooperativeLabel')}: ${existing.cooperativeName}`)
      : null,
    cooperative?.el ?? null,
    field('product', t('product'), productSelect),
    field(
      'quantityKg',
      t('quantityKg'),
      input('number', { min: Math.max(1, committedKg), step: 1, inputmode: 'numeric', value: existing?.quantityKg }),
    ),
    field('harvestFrom', t('harvestFrom'), input('date', { value: existing?.harvestFrom, ...frozen })),
    field('harvestTo', t('harvestTo'), input('date', { value: existing?.harvestTo, ...frozen })),
    // Empty: the product's usual storage time after harvest decides (server side).
    field('availableUntil', t('availableUntil'), input('date', { value: existing?.availableUntil })),
    field(
      'askVndPerKg',
      t('askVndPerKg'),
      input('number', { min: 0, step: 1, inputmode: 'numeric', value: existing?.askVndPerKg, ...frozen }),
    ),
    field(
      'certifications',
      t('certifications'),
      checkboxes('certifications', CERTIFICATIONS, existing?.certifications ?? []),
    ),
    areaField,
    field('location', t('location'), location.el),
    field('note', t('note'), h('textarea', { rows: 2, maxlength: 2000 }, existing?.note ?? '')),
    h(
      'div',
      { className: 'actions' },
      h('button', { type: 'submit', className: 'primary' }, existing ? t('save') : t('create')),
      existing ? h('button', { type: 'button', onclick: () => ctx.navigate('my-lots') }, t('cancel')) : null,
    ),
  );

  form.addEventListener(
    'submit',
    listener(async (e) => {
      e.preventDefault();
      const errors: Errors = {};
      const product = value(form, 'product');
      const quantity = value(form, 'quantityKg');
      const hf = value(form, 'harvestFrom');
      const ht = value(form, 'harvestTo');
      const ask = value(form, 'askVndPerKg');
      const areaId = value(form, 'productionAreaId');
      if (cooperative && !cooperative.value()) errors.cooperativeId = t('errChooseCooperative');
      if (!product) errors.product = t('errRequired', { field: t('product') });
      if (!isWholeNumber(quantity, 1)) errors.quantityKg = t('errPositiveInt', { field: t('quantityKg') });
      else if (Number(quantity) < committedKg)
        errors.quantityKg = t('errBelowCommitted', { kg: formatNumber(committedKg) });
      if (!hf) errors.harvestFrom = t('errRequired', { field: t('harvestFrom') });
      if (!ht) errors.harvestTo = t('errRequired', { field: t('harvestTo') });
      if (hf && ht && ht < hf) errors.harvestTo = t('errWindow');
      const until = value(form, 'availableUntil');
      if (until && ht && until < ht) errors.availableUntil = t('errAvailableUntil');
      if (!isWholeNumber(ask, 0)) errors.askVndPerKg = t('errNonNegativeInt', { field: t('askVndPerKg') });
      if (!location.value && !areaId) errors.location = t('errLocation');
      if (Object.keys(errors).length) {
        showErrors(form, errors);
        return;
      }
      const body: Schema<'CreateSupplyLotDto'> = {
        product,
        quantityKg: Number(quantity),
        harvestFrom: hf,
        harvestTo: ht,
        ...(until ? { availableUntil: until } : {}),
        askVndPerKg: Number(ask),
        certifications: checkedValues(form, 'certifications') as Schema<'CreateSupplyLotDto'>['certifications'],
        note: value(form, 'note') || undefined,
      };
      if (areaId) body.productionAreaId = areaId;
      if (cooperative) body.cooperativeId = cooperative.value();
      if (location.value) body.location = location.value;
      try {
        const saved = existing
          ? await api.PATCH('/api/supply-lots/{id}', { params: { path: { id: existing.id } }, body })
          : await api.POST('/api/supply-lots', { body });
        ctx.map.clearPickMarker();
        flashNext(existing ? t('saved') : t('posted'));
        ctx.navigate('my-lots');
        if (saved.location) ctx.map.showPoint(saved.location, 14);
        ctx.map.refresh();
      } catch (err) {
        showServerError(form, err);
      }
    }),
  );
  root.append(form);
}
