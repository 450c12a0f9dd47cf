// Admin: staff accounts and the provinces each works for (provinces as tenants); none is national (the ministry).
import { api, type Schema } from '../api';
import { clear, h, listener } from '../dom';
import {
  checkboxes,
  checkedValues,
  Errors,
  field,
  flash,
  formShell,
  input,
  showErrors,
  showServerError,
  value,
} from '../forms';
import { t } from '../i18n';

type StaffUser = Schema<'UserListItemDto'>;
export function staffProvincesScreen(root: HTMLElement): void {
  const list = h('div', { className: 'staff-list' });
  let provinces: Array<{ code: string; name: string }> = [];
  const nameOf = (code: string) => provinces.find((p) => p.code === code)?.name ?? code;
  const codes = () => provinces.map((p) => p.code);
  const scopeText = (u: StaffUser) =>
    u.provinceCodes.length ? u.provinceCodes.map(nameOf).join(', ') : t('spNational');

  const provincesField = (checked: string[]) =>
    h(
      'div',
      { className: 'field', 'data-field': 'provinceCodes' },
      h('span', { className: 'label' }, t('spProvinces')),
      checkboxes('provinceCodes', codes(), checked, nameOf),
      h('div', { className: 'field-error', role: 'alert' }),
    );

  const newForm = formShell('staff-form');
  const buildNewForm = () => {
    clear(newForm);
    newForm.append(
      h('h3', {}, t('spNewTitle')),
      field('email', t('spEmail'), input('email', { maxlength: 254, required: true, autocomplete: 'off' })),
      field(
        'password',
        t('spPassword'),
        input('password', { minlength: 8, maxlength: 200, required: true, autocomplete: 'new-password' }),
      ),
      field('displayName', t('spName'), input('text', { maxlength: 200 })),
      provincesField([]),
      h(
        'div',
        { className: 'actions' },
        h('button', { type: 'submit', className: 'primary', 'data-action': 'create-staff' }, t('spCreate')),
      ),
    );
  };
  newForm.addEventListener(
    'submit',
    listener(async (e) => {
      e.preventDefault();
      const errors: Errors = {};
      if (!/^\S+@\S+\.\S+$/.test(value(newForm, 'email'))) errors.email = t('spErrEmail');
      if (value(newForm, 'password').length < 8) errors.password = t('spErrPassword');
      if (Object.keys(errors).length) {
        showErrors(newForm, errors);
        return;
      }
      try {
        const email = value(newForm, 'email');
        const provinceCodes = checkedValues(newForm, 'provinceCodes');
        await api.POST('/api/users', {
          body: {
            email,
            password: value(newForm, 'password'),
            role: 'staff',
            ...(value(newForm, 'displayName') ? { displayName: value(newForm, 'displayName') } : {}),
            ...(provinceCodes.length ? { provinceCodes } : {}),
          },
        });
        buildNewForm();
        flash(root, t('spCreated', { email }));
        void load();
      } catch (err) {
        showServerError(newForm, err);
      }
    }),
  );

  const editForm = (u: StaffUser) => {
    const f = formShell(
      'staff-provinces-form',
      provincesField(u.provinceCodes),
      h('div', { className: 'actions' }, h('button', { type: 'submit', 'data-action': 'save-provinces' }, t('spSave'))),
    );
    f.addEventListener(
      'submit',
      listener(async (e) => {
        e.preventDefault();
        try {
          const saved = await api.PATCH('/api/users/{id}', {
            params: { path: { id: u.id } },
            body: { provinceCodes: checkedValues(f, 'provinceCodes') },
          });
          flash(root, t('spSaved', { email: saved.email }));
          void load();
        } catch (err) {
          showServerError(f, err);
        }
      }),
    );
    return f;
  };

  const load = async () => {
    try {
      const page = await api.GET('/api/users', { params: { query: { role: 'staff', limit: 200 } } });
      clear(list);
      if (!page.items.length) list.append(h('p', { className: 'muted' }, t('spNone')));
      for (const u of page.items) {
        list.append(
          h(
            'details',
            { className: 'staff-item', 'data-user': u.id },
            h(
              'summary',
              {},
              h('strong', {}, u.displayName || u.email),
              ` · ${u.email} · `,
              h('span', { className: 'staff-scope' }, scopeText(u)),
            ),
            editForm(u),
          ),
        );
      }
    } catch (err) {
      showServerError(newForm, err);
    }
  };

  root.append(h('h2', {}, t('spTitle')), h('p', { className: 'muted' }, t('spIntro')), newForm, list);
  void (async () => {
    const page = await api
      .GET('/api/administrative-units', { params: { query: { era: 'current', level: 'province', limit: 100 } } })
      .catch(() => null);
    provinces = (page?.items ?? [])
      .map((p) => ({ code: p.code, name: p.name }))
      .sort((a, b) => a.code.localeCompare(b.code));
    buildNewForm();
    await load();
  })();
}
