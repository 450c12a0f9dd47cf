// Production areas (vùng sản xuất): a cooperative draws its fields on the map, then posts lots on them.
import { api, ApiError, getSession, type Schema } from './api';
import { clear, h, listener } from './dom';
import { areaHectares, drawControls } from './draw';
import {
  checkboxes,
  checkedValues,
  Errors,
  field,
  flash,
  formShell,
  input,
  select,
  showErrors,
  showServerError,
  value,
} from './forms';
import { formatNumber } from './format';
import { getLang, t } from './i18n';
import { productColor } from './map-view';
import type { Ctx } from './screen-context';
import { CERTIFICATIONS } from './screens/catalogue';
import { historySection } from './audit';
import { deleteButton, editDetails } from './edit-in-place';
import { INPUT_CATEGORIES, scheduleEditor, scheduleSummary } from './harvest-schedule';

export type AreaView = Schema<'ProductionAreaResponse'>;
export function areasScreen(root: HTMLElement, ctx: Ctx): void {
  const session = getSession();
  const isStaff = session?.user.role === 'staff' || session?.user.role === 'admin';
  const productName = (code: string) => {
    const p = ctx.products.find((x) => x.code === code);
    return p ? (getLang() === 'vi' ? p.nameVi : p.nameEn) : code;
  };
  const productSelect = select([
    ['', '—'],
    ...ctx.products
      .filter((p) => !INPUT_CATEGORIES.includes(p.category))
      .map((p) => [p.code, productName(p.code)] as [string, string]),
  ]);
  const areaHa = input('text', { inputmode: 'decimal', maxlength: 12, placeholder: '8,5' });
  const draw = drawControls(ctx.map.map, productColor(productSelect.value || 'X'), (p) => {
    // The drawn size, as a starting value the cooperative may correct to its declared area.
    if (!areaHa.value) areaHa.value = String(Math.max(0.01, Math.round(areaHectares(p) * 100) / 100));
  });
  const coopSelect = select([['', '—']]);
  if (isStaff) {
    void api
      .GET('/api/cooperatives', { params: { query: { limit: 200 } } })
      .then((page) => page.items.forEach((c) => coopSelect.append(h('option', { value: c.id }, c.name))))
      .catch(() => undefined);
  }
  const schedule = scheduleEditor(
    ctx.products,
    () => productSelect.value,
    async () => {
      const coopId = isStaff ? coopSelect.value : session?.user.organizationId;
      if (!coopId) return undefined;
      try {
        return (
          (await api.GET('/api/cooperatives/{id}', { params: { path: { id: coopId } } })).provinceCode ?? undefined
        );
      } catch {
        return undefined;
      }
    },
  );
  const form = formShell(
    'area-form',
    h('h2', {}, t('newArea')),
    h('p', { className: 'muted' }, t('newAreaIntro')),
    isStaff ? field('cooperativeId', t('cooperative'), coopSelect) : null,
    field('name', t('areaName'), input('text', { maxlength: 300 })),
    field('product', t('product'), productSelect),
    field('boundary', t('areaShape'), draw.el),
    field('areaHa', t('areaHaField'), areaHa),
    field('growingAreaCode', t('growingAreaCode'), input('text', { maxlength: 60, placeholder: 'VN-KGOR-0012' })),
    field('certifications', t('certifications'), checkboxes('certifications', CERTIFICATIONS)),
    field('harvestSchedule', t('harvestSchedule'), schedule.el),
    h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'primary' }, t('saveArea'))),
  );
  const list = h('div', { className: 'area-list' });

  form.addEventListener(
    'submit',
    listener(async (e) => {
      e.preventDefault();
      const errors: Errors = {};
      const product = value(form, 'product');
      const ha = value(form, 'areaHa').replace(',', '.');
      const code = value(form, 'growingAreaCode');
      const boundary = draw.get();
      const cooperativeId = isStaff ? value(form, 'cooperativeId') : '';
      if (isStaff && !cooperativeId) errors.cooperativeId = t('errRequired', { field: t('cooperative') });
      if (!product) errors.product = t('errRequired', { field: t('product') });
      if (!/^\d+(\.\d{1,2})?$/.test(ha) || !(Number(ha) > 0)) errors.areaHa = t('errAreaHa');
      if (code && !/^[A-Za-z0-9][A-Za-z0-9._/-]{0,59}$/.test(code)) errors.growingAreaCode = t('errGrowingAreaCode');
      if (!boundary) errors.boundary = t('errPolygon');
      const seasons = schedule.get();
      if ('error' in seasons) errors.harvestSchedule = seasons.error;
      if (!boundary || Object.keys(errors).length) {
        showErrors(form, errors);
        return;
      }
      const body: Schema<'CreateProductionAreaDto'> = {
        product,
        name: value(form, 'name') || undefined,
        areaHa: Number(ha),
        boundary,
        certifications: checkedValues(form, 'certifications') as Schema<'CreateProductionAreaDto'>['certifications'],
      };
      if (code) body.growingAreaCode = code;
      if (cooperativeId) body.cooperativeId = cooperativeId;
      if ('entries' in seasons && seasons.entries.length) body.harvestSchedule = seasons.entries;
      try {
        const saved = await api.POST('/api/production-areas', { body });
        form.reset();
        draw.reset();
        schedule.reset();
        showErrors(form, {});
        flash(form, t('areaSaved'));
        ctx.map.refresh();
        ctx.map.fitGeometry(saved.boundary, 15);
        void load(saved.id);
      } catch (err) {
        showServerError(form, err);
      }
    }),
  );

  const load = async (highlight?: string) => {
    try {
      const page = await api.GET('/api/production-areas', {
        params: {
          query: { cooperativeId: isStaff ? undefined : (session?.user.organizationId ?? undefined), limit: 100 },
        },
      });
      clear(list);
      list.append(h('h2', {}, isStaff ? t('productionAreas') : t('myAreas')));
      if (!page.items.length) {
        list.append(h('p', { className: 'empty' }, t('noAreas')));
        return;
      }
      list.append(
        h(
          'ul',
          { className: 'cards' },
          ...page.items.map((a) => {
            const note = h('p', { className: 'muted card-note', role: 'status' });
            return h(
              'li',
              { className: `card area-card${a.id === highlight ? ' highlight' : ''}`, 'data-area-id': a.id },
              h('h3', {}, a.name || productName(a.product)),
              h('p', {}, `${productName(a.product)} · ${formatNumber(a.areaHa, 2)} ha`),
              a.cooperativeName && isStaff ? h('p', { className: 'muted' }, a.cooperativeName) : null,
              a.growingAreaCode
                ? h('p', { className: 'muted' }, `${t('growingAreaCode')}: ${a.growingAreaCode}`)
                : null,
              scheduleSummary(a.harvestSchedule ?? []),
              h(
                'div',
                { className: 'actions' },
                h('button', { type: 'button', onclick: () => ctx.map.fitGeometry(a.boundary, 15) }, t('showOnMap')),
                !isStaff
                  ? h(
                      'button',
                      {
                        type: 'button',
                        className: 'primary post-lot-here',
                        onclick: () => ctx.navigate(`new-lot/${a.id}`),
                      },
                      t('postLotHere'),
                    )
                  : null,
                deleteButton(
                  a.name || productName(a.product),
                  () => api.DELETE('/api/production-areas/{id}', { params: { path: { id: a.id } } }),
                  note,
                  () => {
                    flash(list, t('areaDeleted'));
                    ctx.map.refresh();
                    void load();
                  },
                ),
              ),
              note,
              editDetails(
                'area-edit',
                [
                  { name: 'name', label: t('areaName'), input: input('text', { maxlength: 200, value: a.name ?? '' }) },
                  {
                    name: 'growingAreaCode',
                    label: t('growingAreaCode'),
                    input: input('text', { maxlength: 40, value: a.growingAreaCode ?? '' }),
                  },
                ],
                async (f) => {
                  await api.PATCH('/api/production-areas/{id}', {
                    params: { path: { id: a.id } },
                    body: { name: value(f, 'name') || null, growingAreaCode: value(f, 'growingAreaCode') || null },
                  });
                  ctx.map.refresh();
                  void load(a.id);
                },
              ),
              historySection((query) =>
                api.GET('/api/production-areas/{id}/history', { params: { path: { id: a.id }, query } }),
              ),
            );
          }),
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
  root.append(form, list);
  void load();
}
