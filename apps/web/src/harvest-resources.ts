// Máy gặt đập liên hợp, tổ thu hoạch: harvest capacity on file with its service area (communes or a radius),
// which the dashboard sets against the hectares due.
import { api, getSession, type Schema } from './api';
import { clear, h, listener } from './dom';
import { Errors, field, flash, formShell, input, select, showErrors, showServerError, value } from './forms';
import { formatNumber } from './format';
import { t } from './i18n';
import type { Ctx } from './screen-context';
import { deleteButton, editDetails } from './edit-in-place';
import { listView } from './list-view';

const KINDS = ['combine_harvester', 'harvest_team', 'dryer', 'other'] as const;

export function harvestResourcesScreen(root: HTMLElement, ctx: Ctx): void {
  const session = getSession();
  const isStaff = session?.user.role === 'staff' || session?.user.role === 'admin';
  const kindLabel = (k: (typeof KINDS)[number]) => t(`resourceKind_${k}`);
  const coopSelect = select([['', t('independentTeam')]]);
  if (isStaff) {
    void api
      .GET('/api/cooperatives', { params: { query: { limit: 200 } } })
      .then((p) => p.items.forEach((c) => coopSelect.append(h('option', { value: c.id }, c.name))))
      .catch(() => undefined);
  }
  const communes = h('select', { multiple: true, size: 6, className: 'service-communes' });
  const communeNames = new Map<string, string>();
  const province = select([['', '—'], ...ctx.provinces.map((p) => [p.code, p.name] as [string, string])]);
  province.addEventListener(
    'change',
    listener(async () => {
      clear(communes);
      if (!province.value) return;
      const page = await api
        .GET('/api/administrative-units', {
          params: { query: { level: 'commune', provinceCode: province.value, limit: 500 } },
        })
        .catch(() => null);
      for (const u of page?.items ?? []) {
        communeNames.set(u.id, u.name);
        communes.append(h('option', { value: u.id }, u.name));
      }
    }),
  );
  const form = formShell(
    'resource-form',
    h('h2', {}, t('newHarvestResource')),
    h('p', { className: 'muted' }, t('harvestResourceIntro')),
    field('kind', t('resourceKind'), select(KINDS.map((k) => [k, kindLabel(k)] as [string, string]))),
    field('name', t('resourceName'), input('text', { maxlength: 300 })),
    isStaff ? field('cooperativeId', t('cooperative'), coopSelect) : null,
    field('unitCount', t('unitCount'), input('number', { min: 1, step: 1, value: 1 })),
    field(
      'capacityHaPerDay',
      t('capacityHaPerDayField'),
      input('text', { inputmode: 'decimal', maxlength: 12, placeholder: '12,5' }),
    ),
    field('serviceProvince', t('province'), province),
    field('serviceCommuneIds', t('serviceCommunes'), communes),
    field(
      'serviceRadiusKm',
      t('serviceRadiusKm'),
      input('text', { inputmode: 'decimal', maxlength: 6, placeholder: '15' }),
    ),
    h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'primary' }, t('saveResource'))),
  );
  const list = h('div', { className: 'resource-list' });

  form.addEventListener(
    'submit',
    listener(async (e) => {
      e.preventDefault();
      const errors: Errors = {};
      const name = value(form, 'name');
      const cap = value(form, 'capacityHaPerDay').replace(',', '.');
      const radius = value(form, 'serviceRadiusKm').replace(',', '.');
      const units = value(form, 'unitCount');
      if (!name) errors.name = t('errRequired', { field: t('resourceName') });
      if (!/^\d+(\.\d{1,2})?$/.test(cap) || !(Number(cap) > 0)) errors.capacityHaPerDay = t('errCapacity');
      if (radius && !(/^\d+(\.\d)?$/.test(radius) && Number(radius) > 0 && Number(radius) <= 500))
        errors.serviceRadiusKm = t('errRadius');
      if (!/^\d+$/.test(units) || Number(units) < 1) errors.unitCount = t('errUnitCount');
      if (Object.keys(errors).length) {
        showErrors(form, errors);
        return;
      }
      const body: Schema<'CreateHarvestResourceDto'> = {
        kind: value(form, 'kind') as Schema<'CreateHarvestResourceDto'>['kind'],
        name,
        unitCount: Number(units),
        capacityHaPerDay: Number(cap),
        serviceCommuneIds: [...communes.selectedOptions].map((o) => o.value),
      };
      if (radius) body.serviceRadiusKm = Number(radius);
      if (isStaff && coopSelect.value) body.cooperativeId = coopSelect.value;
      try {
        await api.POST('/api/harvest-resources', { body });
        form.reset();
        clear(communes);
        showErrors(form, {});
        flash(form, t('resourceSaved'));
        load();
      } catch (err) {
        showServerError(form, err);
      }
    }),
  );

  const kinds = (): Array<[string, string]> => [
    ['', t('allStatuses')],
    ...KINDS.map((k) => [k, kindLabel(k)] as [string, string]),
  ];
  const view = listView({
    name: 'harvest-resources',
    title: () => t('harvestResources'),
    path: '/api/harvest-resources',
    search: () => t('listSearchNames'),
    filters: [{ name: 'kind', label: () => t('resourceKind'), options: kinds }],
    columns: [
      { key: 'name', label: () => t('resourceName'), sort: 'name', value: (r) => r.name },
      { key: 'kind', label: () => t('resourceKind'), sort: 'kind', value: (r) => kindLabel(r.kind) },
      { key: 'cooperative', label: () => t('cooperative'), value: (r) => r.cooperativeName ?? '' },
      { key: 'unitCount', label: () => t('unitCount'), sort: 'unitCount', value: (r) => r.unitCount, numeric: true },
      {
        key: 'capacityHaPerDay',
        label: () => t('capacityHaPerDayField'),
        sort: 'capacityHaPerDay',
        value: (r) => r.capacityHaPerDay,
        numeric: true,
      },
      {
        key: 'service',
        label: () => t('serviceCommunes'),
        value: (r) =>
          r.serviceCommuneIds.length
            ? r.serviceCommuneIds.map((id) => communeNames.get(id) ?? id.split(':').pop()).join(', ')
            : r.serviceRadiusKm
              ? `${formatNumber(r.serviceRadiusKm, 1)} km`
              : t('serviceOwnCommune'),
      },
    ],
    rowId: (r) => r.id,
    rowClass: () => 'resource-card',
    actions: (r, reload) => {
      const note = h('span', { className: 'muted', role: 'status' });
      return [
        editDetails(
          'resource-edit',
          [
            { name: 'name', label: t('resourceName'), input: input('text', { maxlength: 300, value: r.name }) },
            {
              name: 'unitCount',
              label: t('unitCount'),
              input: input('number', { min: 1, step: 1, value: r.unitCount }),
            },
            {
              name: 'capacityHaPerDay',
              label: t('capacityHaPerDayField'),
              input: input('text', { inputmode: 'decimal', maxlength: 12, value: String(r.capacityHaPerDay) }),
            },
          ],
          async (f) => {
            await api.PATCH('/api/harvest-resources/{id}', {
              params: { path: { id: r.id } },
              body: {
                name: value(f, 'name'),
                unitCount: Number(value(f, 'unitCount')),
                capacityHaPerDay: Number(value(f, 'capacityHaPerDay').replace(',', '.')),
              },
            });
            reload();
          },
        ),
        deleteButton(
          r.name,
          () => api.DELETE('/api/harvest-resources/{id}', { params: { path: { id: r.id } } }),
          note,
          reload,
        ),
        note,
      ];
    },
  });
  const load = () => view.reload();
  list.append(view.el);
  root.append(form, list);
}
