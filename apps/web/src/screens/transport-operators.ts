// Staff keep the register of transport units (đơn vị vận tải): who carries how much, where, and
// whether they hold the green lane (luồng xanh) during a lockdown.
import { api, type Schema } from '../api';
import { h, listener } from '../dom';
import { Errors, field, flash, formShell, input, isWholeNumber, showErrors, showServerError, value } from '../forms';
import { t } from '../i18n';
import { deleteButton, editDetails } from '../edit-in-place';
import { listView } from '../list-view';
import type { Ctx } from '../screen-context';

const words = (s: string) =>
  s
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);

export function transportOperatorsScreen(root: HTMLElement, ctx: Ctx): void {
  const provinceName = (code: string) => ctx.provinces.find((p) => p.code === code)?.name ?? code;
  const green = input('checkbox');
  const form = formShell(
    'operator-form',
    h('h2', {}, t('newTransportOperator')),
    field('name', t('operatorName'), input('text', { maxlength: 300 })),
    field('vehicleCount', t('vehicleCount'), input('number', { min: 1, step: 1, value: 1, inputmode: 'numeric' })),
    field('capacityKg', t('capacityKg'), input('number', { min: 1, step: 1, inputmode: 'numeric' })),
    field(
      'vehicleTypes',
      t('vehicleTypes'),
      input('text', { maxlength: 300, placeholder: 'truck, refrigerated_truck' }),
    ),
    field('serviceProvinceCodes', t('serviceProvinces'), input('text', { maxlength: 300, placeholder: '91, 92, 79' })),
    field('contactName', t('contactName'), input('text', { maxlength: 200 })),
    field('contactPhone', t('contactPhone'), input('tel', { maxlength: 30 })),
    h('label', { className: 'check' }, green, t('greenLaneOperator')),
    h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'primary' }, t('create'))),
  );
  const list = listView({
    name: 'transport-operators',
    title: () => t('transportOperatorsTitle'),
    path: '/api/transport-operators',
    search: () => t('listSearchNames'),
    filters: [
      {
        name: 'greenLane',
        label: () => t('greenLaneOperator'),
        options: () => [
          ['', t('allStatuses')],
          ['true', t('yes')],
          ['false', t('no')],
        ],
      },
      {
        name: 'provinceCode',
        label: () => t('province'),
        options: () => [['', '—'], ...ctx.provinces.map((p) => [p.code, p.name] as [string, string])],
      },
    ],
    columns: [
      { key: 'name', label: () => t('operatorName'), sort: 'name', value: (o) => o.name },
      {
        key: 'vehicleCount',
        label: () => t('vehicleCount'),
        sort: 'vehicleCount',
        value: (o) => o.vehicleCount,
        numeric: true,
      },
      {
        key: 'capacityKg',
        label: () => t('capacityKg'),
        sort: 'capacityKg',
        value: (o) => o.capacityKg,
        numeric: true,
      },
      { key: 'vehicleTypes', label: () => t('vehicleTypes'), value: (o) => o.vehicleTypes.join(', ') },
      {
        key: 'provinces',
        label: () => t('serviceProvinces'),
        value: (o) => o.serviceProvinceCodes.map(provinceName).join(', '),
      },
      { key: 'greenLane', label: () => t('greenLaneOperator'), value: (o) => (o.greenLane ? t('yes') : t('no')) },
      {
        key: 'contact',
        label: () => t('contactName'),
        value: (o) => [o.contactName, o.contactPhone].filter(Boolean).join(' · '),
      },
    ],
    rowId: (o) => o.id,
    actions: (o, reload) => {
      const note = h('span', { className: 'muted', role: 'status' });
      return [
        editDetails(
          'operator-edit',
          [
            { name: 'name', label: t('operatorName'), input: input('text', { maxlength: 300, value: o.name }) },
            {
              name: 'vehicleCount',
              label: t('vehicleCount'),
              input: input('number', { min: 1, step: 1, value: o.vehicleCount }),
            },
            {
              name: 'capacityKg',
              label: t('capacityKg'),
              input: input('number', { min: 1, step: 1, value: o.capacityKg }),
            },
          ],
          async (f) => {
            await api.PATCH('/api/transport-operators/{id}', {
              params: { path: { id: o.id } },
              body: {
                name: value(f, 'name'),
                vehicleCount: Number(value(f, 'vehicleCount')),
                capacityKg: Number(value(f, 'capacityKg')),
              },
            });
            reload();
          },
        ),
        deleteButton(
          o.name,
          () => api.DELETE('/api/transport-operators/{id}', { params: { path: { id: o.id } } }),
          note,
          reload,
        ),
        note,
      ];
    },
  });
  form.addEventListener(
    'submit',
    listener(async (e) => {
      e.preventDefault();
      const errors: Errors = {};
      const name = value(form, 'name');
      const count = value(form, 'vehicleCount');
      const capacity = value(form, 'capacityKg');
      if (!name) errors.name = t('errRequired', { field: t('operatorName') });
      if (!isWholeNumber(count, 1)) errors.vehicleCount = t('errPositiveInt', { field: t('vehicleCount') });
      if (!isWholeNumber(capacity, 1)) errors.capacityKg = t('errPositiveInt', { field: t('capacityKg') });
      if (Object.keys(errors).length) {
        showErrors(form, errors);
        return;
      }
      const body: Schema<'CreateTransportOperatorDto'> = {
        name,
        vehicleCount: Number(count),
        capacityKg: Number(capacity),
        vehicleTypes: words(value(form, 'vehicleTypes')),
        serviceProvinceCodes: words(value(form, 'serviceProvinceCodes')),
        greenLane: green.checked,
      };
      if (value(form, 'contactName')) body.contactName = value(form, 'contactName');
      if (value(form, 'contactPhone')) body.contactPhone = value(form, 'contactPhone');
      try {
        await api.POST('/api/transport-operators', { body });
        form.reset();
        showErrors(form, {});
        flash(form, t('saved2'));
        list.reload();
      } catch (err) {
        showServerError(form, err);
      }
    }),
  );
  root.append(form, list.el);
}
