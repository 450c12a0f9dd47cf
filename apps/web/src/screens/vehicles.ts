// Phương tiện: a transport operator's vehicles (staff: every operator's), and which cooperatives each serves.
import './transport.css';
import { api, getSession, type Schema } from '../api';
import { clear, h, listener } from '../dom';
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
} from '../forms';
import { formatNumber } from '../format';
import { t } from '../i18n';

export const VEHICLE_KINDS = ['truck', 'van', 'pickup', 'container_truck', 'tractor_trailer'] as const;
const PLATE = /^\s*\d{2}\s*[A-Za-z]{1,2}\s*-?\s*(\d{3}\s*\.?\s*\d{2}|\d{4})\s*$/;

export type VehicleView = Schema<'VehicleResponse'>;
type AssignmentView = Schema<'VehicleAssignmentResponse'>;
export const kindLabel = (k: (typeof VEHICLE_KINDS)[number]) => t(`kind_${k}`);

export function vehiclesScreen(root: HTMLElement): void {
  const session = getSession();
  const role = session?.user.role;
  const isStaff = role === 'staff' || role === 'admin';
  const canManage = isStaff || role === 'transport';
  const operatorSelect = select([['', '—']]);
  const cooperatives: Array<{ id: string; name: string }> = [];
  if (isStaff) {
    void api
      .GET('/api/transport-operators', { params: { query: { limit: 500 } } })
      .then((p) => p.items.forEach((o) => operatorSelect.append(h('option', { value: o.id }, o.name))))
      .catch(() => undefined);
  }
  const coopsLoaded = canManage
    ? api
        .GET('/api/cooperatives', { params: { query: { limit: 500 } } })
        .then((p) => cooperatives.push(...p.items))
        .catch(() => undefined)
    : Promise.resolve();

  const form = formShell(
    'vehicle-form',
    h('h2', {}, t('addVehicle')),
    h('p', { className: 'muted' }, t('vehiclesIntro')),
    isStaff ? field('operatorId', t('vehicleOperator'), operatorSelect) : null,
    field(
      'plate',
      t('vehiclePlate'),
      input('text', { maxlength: 20, placeholder: t('vehiclePlateHint'), autocomplete: 'off' }),
    ),
    field(
      'kind',
      t('vehicleKind'),
      select(
        VEHICLE_KINDS.map((k) => [k, kindLabel(k)] as [string, string]),
        'truck',
      ),
    ),
    field('capacityKg', t('vehicleCapacity'), input('number', { min: 1, max: 100000, step: 1, placeholder: '8000' })),
    h('label', { className: 'check' }, input('checkbox', { name: 'refrigerated' }), ` ${t('vehicleRefrigerated')}`),
    field('note', t('vehicleNote'), input('text', { maxlength: 500 })),
    h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'primary' }, t('addVehicle'))),
  );
  const list = h('div', { className: 'vehicle-list' });

  form.addEventListener(
    'submit',
    listener(async (e) => {
      e.preventDefault();
      const errors: Errors = {};
      const plate = value(form, 'plate');
      const capacity = value(form, 'capacityKg');
      if (!PLATE.test(plate)) errors.plate = t('errPlate');
      if (!isWholeNumber(capacity, 1) || Number(capacity) > 100000) errors.capacityKg = t('errCapacity');
      if (isStaff && !operatorSelect.value) errors.operatorId = t('errOperator');
      if (Object.keys(errors).length) {
        showErrors(form, errors);
        return;
      }
      const body: Schema<'CreateVehicleDto'> = {
        plate,
        kind: value(form, 'kind') as Schema<'CreateVehicleDto'>['kind'],
        capacityKg: Number(capacity),
        refrigerated: (form.querySelector('[name="refrigerated"]') as HTMLInputElement).checked,
      };
      if (value(form, 'note')) body.note = value(form, 'note');
      if (isStaff) body.operatorId = operatorSelect.value;
      try {
        const v = await api.POST('/api/vehicles', { body });
        form.reset();
        showErrors(form, {});
        flash(form, t('vehicleAdded', { plate: v.plate }));
        void load();
      } catch (err) {
        showServerError(form, err);
      }
    }),
  );

  const assignmentsOf = async (v: VehicleView, box: HTMLElement) => {
    clear(box);
    const items = await api
      .GET('/api/vehicles/{id}/assignments', { params: { path: { id: v.id } } })
      .catch(() => [] as AssignmentView[]);
    const open = items.filter((a) => !a.endedAt);
    if (open.length) {
      box.append(
        h('p', { className: 'muted' }, `${t('assigned')}:`),
        h(
          'ul',
          { className: 'assignments' },
          ...open.map((a) =>
            h(
              'li',
              { 'data-assignment-id': a.id },
              a.cooperativeName,
              canManage
                ? h(
                    'button',
                    {
                      type: 'button',
                      className: 'link end-assignment',
                      onclick: listener(async () => {
                        await api
                          .POST('/api/vehicles/{id}/assignments/{assignmentId}/end', {
                            params: { path: { id: v.id, assignmentId: a.id } },
                          })
                          .catch(() => undefined);
                        void assignmentsOf(v, box);
                      }),
                    },
                    ` ${t('endAssignment')}`,
                  )
                : null,
            ),
          ),
        ),
      );
    }
    if (canManage && v.status === 'active') {
      await coopsLoaded;
      const coop = select([
        ['', '—'],
        ...cooperatives
          .filter((c) => !open.some((a) => a.cooperativeId === c.id))
          .map((c) => [c.id, c.name] as [string, string]),
      ]);
      coop.setAttribute('aria-label', t('assignTo'));
      coop.className = 'assign-coop';
      box.append(
        h(
          'div',
          { className: 'inline-form' },
          coop,
          h(
            'button',
            {
              type: 'button',
              className: 'assign',
              onclick: listener(async () => {
                if (!coop.value) return;
                await api
                  .POST('/api/vehicles/{id}/assignments', {
                    params: { path: { id: v.id } },
                    body: { cooperativeId: coop.value },
                  })
                  .catch(() => undefined);
                void assignmentsOf(v, box);
              }),
            },
            t('assign'),
          ),
        ),
      );
    }
  };

  const load = async () => {
    const page = await api.GET('/api/vehicles', { params: { query: { limit: 500 } } }).catch(() => null);
    clear(list);
    list.append(h('h2', {}, t('vehiclesTitle')));
    if (!page?.items.length) {
      list.append(h('p', { className: 'empty' }, t('noVehicles')));
      return;
    }
    list.append(
      h(
        'ul',
        { className: 'cards vehicles' },
        ...page.items.map((v) => {
          const box = h('div', { className: 'assignment-box' });
          void assignmentsOf(v, box);
          return h(
            'li',
            { className: `card vehicle-card ${v.status}`, 'data-id': v.id, 'data-plate': v.plate },
            h('h3', { className: 'plate' }, v.plate),
            h(
              'p',
              {},
              `${kindLabel(v.kind)} · ${formatNumber(v.capacityKg)} kg${v.refrigerated ? ` · ${t('vehicleRefrigerated')}` : ''}`,
            ),
            h('p', { className: 'muted' }, `${v.operatorName} · ${t(`vehicleStatus_${v.status}`)}`),
            v.note ? h('p', { className: 'note' }, v.note) : null,
            box,
            canManage && v.status === 'active'
              ? h(
                  'button',
                  {
                    type: 'button',
                    className: 'retire',
                    onclick: listener(async () => {
                      if (!window.confirm(t('confirmRetire', { plate: v.plate }))) return;
                      await api
                        .POST('/api/vehicles/{id}/retire', { params: { path: { id: v.id } } })
                        .catch(() => undefined);
                      flash(list, t('vehicleRetired', { plate: v.plate }));
                      void load();
                    }),
                  },
                  t('retireVehicle'),
                )
              : null,
          );
        }),
      ),
    );
  };
  if (canManage) root.append(form);
  root.append(list);
  void load();
}
