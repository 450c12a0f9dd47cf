// Staff: the register of agencies that owe a weekly report (sở, ngành, UBND xã), and their accounts.
import { api, type Schema } from '../api';
import { clear, h, listener } from '../dom';
import { Errors, field, flash, formShell, input, select, showErrors, showServerError, value } from '../forms';
import { t } from '../i18n';
import type { Ctx } from '../screen-context';
import { AgencyListItem, kindLabel, loadAgencies } from './agency-common';

const KINDS = ['department', 'commune', 'other'];

export function agenciesScreen(root: HTMLElement, ctx: Ctx): void {
  const list = h('div', { className: 'agency-list' });
  const provinceName = (code: string | null) => ctx.provinces.find((p) => p.code === code)?.name ?? '';
  const unitSelect = select([['', t('agencyNoUnit')]], '');
  const unitSearch = input('search', {
    id: 'agency-unit-search',
    placeholder: t('agencyUnitSearch'),
    'aria-label': t('agencyUnitSearch'),
  });
  let timer = 0;
  unitSearch.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(
      listener(async () => {
        const q = unitSearch.value.trim();
        if (q.length < 2) return;
        const page = await api
          .GET('/api/administrative-units', { params: { query: { era: 'current', level: 'commune', q, limit: 30 } } })
          .catch(() => null);
        clear(unitSelect);
        unitSelect.append(
          h('option', { value: '' }, t('agencyNoUnit')),
          ...(page?.items ?? []).map((u) =>
            h('option', { value: u.id }, `${u.name}${u.provinceCode ? ` · ${provinceName(u.provinceCode)}` : ''}`),
          ),
        );
        if (page?.items.length) unitSelect.value = page.items[0].id;
      }),
      250,
    );
  });

  const form = formShell(
    'agency-form',
    h('h2', {}, t('agenciesTitle')),
    field(
      'name',
      t('agencyName'),
      input('text', { maxlength: 200, required: true, placeholder: 'Sở Nông nghiệp và Phát triển nông thôn' }),
    ),
    field(
      'kind',
      t('agencyKind'),
      select(
        KINDS.map((k) => [k, kindLabel(k)] as [string, string]),
        'department',
      ),
    ),
    h(
      'div',
      { className: 'field', 'data-field': 'administrativeUnitId' },
      h('label', { for: unitSearch.id }, t('agencyUnit')),
      unitSearch,
      unitSelect,
      h('div', { className: 'field-error', role: 'alert' }),
    ),
    h(
      'div',
      { className: 'actions' },
      h('button', { type: 'submit', className: 'primary', 'data-action': 'create-agency' }, t('agencyCreate')),
    ),
  );
  unitSelect.setAttribute('name', 'administrativeUnitId');
  unitSelect.setAttribute('aria-label', t('agencyUnit'));
  form.addEventListener(
    'submit',
    listener(async (e) => {
      e.preventDefault();
      if (!value(form, 'name')) {
        showErrors(form, { name: t('agErrName') });
        return;
      }
      try {
        const a = await api.POST('/api/agencies', {
          body: {
            name: value(form, 'name'),
            kind: value(form, 'kind') as Schema<'CreateAgencyDto'>['kind'],
            ...(unitSelect.value ? { administrativeUnitId: unitSelect.value } : {}),
          },
        });
        form.reset();
        flash(root, t('agencyCreated', { name: a.name }));
        void load();
      } catch (err) {
        showServerError(form, err);
      }
    }),
  );

  const userForm = (a: AgencyListItem) => {
    const f = formShell(
      'agency-user-form',
      field('email', t('agencyUserEmail'), input('email', { maxlength: 254, required: true, autocomplete: 'off' })),
      field(
        'password',
        t('agencyUserPassword'),
        input('password', { minlength: 8, maxlength: 200, required: true, autocomplete: 'new-password' }),
      ),
      field('displayName', t('agencyUserName'), input('text', { maxlength: 200 })),
      h(
        'div',
        { className: 'actions' },
        h('button', { type: 'submit', 'data-action': 'create-agency-user' }, t('agencyUserCreate')),
      ),
    );
    f.addEventListener(
      'submit',
      listener(async (e) => {
        e.preventDefault();
        const errors: Errors = {};
        if (!/^\S+@\S+\.\S+$/.test(value(f, 'email'))) errors.email = t('agErrEmail');
        if (value(f, 'password').length < 8) errors.password = t('agErrPassword');
        if (Object.keys(errors).length) {
          showErrors(f, errors);
          return;
        }
        try {
          const email = value(f, 'email');
          await api.POST('/api/users', {
            body: {
              email,
              password: value(f, 'password'),
              role: 'agency',
              organizationId: a.id,
              ...(value(f, 'displayName') ? { displayName: value(f, 'displayName') } : {}),
            },
          });
          f.reset();
          flash(root, t('agencyUserCreated', { email }));
        } catch (err) {
          showServerError(f, err);
        }
      }),
    );
    return f;
  };

  const load = async () => {
    try {
      const agencies = await loadAgencies();
      clear(list);
      if (!agencies.length) list.append(h('p', { className: 'muted' }, t('agencyNone')));
      for (const a of agencies) {
        list.append(
          h(
            'details',
            { className: 'agency-item', 'data-agency': a.id },
            h(
              'summary',
              {},
              h('strong', {}, a.name),
              ` · ${kindLabel(a.kind)}${a.administrativeUnitId ? ` · ${a.administrativeUnitId}` : ''} · ${a.active ? t('agencyActive') : t('agencyInactive')}`,
            ),
            h('h4', {}, t('agencyUsers')),
            userForm(a),
          ),
        );
      }
    } catch (err) {
      showServerError(form, err);
    }
  };

  root.append(form, list);
  void load();
}
