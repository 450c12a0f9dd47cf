// Staff and admins enrol and look after the people who sign in: cooperatives', buyers', transport
// operators' and agencies' users (staff), and staff and admins too (admins only; the API decides).
import { api, ApiError, getSession, type Schema } from '../api';
import { confirmAction } from '../confirm';
import { h, listener } from '../dom';
import { Errors, field, flash, formShell, input, select, showErrors, showServerError, value } from '../forms';
import { formatDate } from '../format';
import { t, tr } from '../i18n';
import { listView } from '../list-view';
import { OrganizationKind, orgChooserField } from '../org-chooser';

type Role = Schema<'CreateUserDto'>['role'];

const ORGANIZATION_OF: Partial<Record<Role, OrganizationKind>> = {
  cooperative: 'cooperatives',
  buyer: 'buyers',
  transport: 'transport-operators',
  agency: 'agencies',
};
const ROLES: Role[] = ['cooperative', 'buyer', 'transport', 'agency', 'staff', 'admin'];
const roleLabel = (r: string) => tr(`role_${r}`, r);

/**
 * One part of the new-user form: its element, and what it adds to the request body. New parts
 * (a staff user's provinces, say) are one more entry in `parts`, nothing else changes.
 */
export interface UserFormPart {
  el: HTMLElement;
  collect(body: Partial<Schema<'CreateUserDto'>>, errors: Errors, role: Role): void;
  onRole?(role: Role): void;
}

export function usersScreen(root: HTMLElement): void {
  const isAdmin = getSession()?.user.role === 'admin';
  const creatable = ROLES.filter((r) => isAdmin || ORGANIZATION_OF[r]);
  const roleSelect = select(
    creatable.map((r) => [r, roleLabel(r)]),
    'cooperative',
  );
  const org = orgChooserField(
    'organizationId',
    t('organizationLabel'),
    t('organizationLabel').toLowerCase(),
    ORGANIZATION_OF.cooperative!,
  );
  const parts: UserFormPart[] = [
    {
      el: field('email', t('userEmail'), input('email', { maxlength: 254, autocomplete: 'off' })),
      collect(body, errors) {
        const email = value(form, 'email');
        if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = t('errEmail');
        body.email = email;
      },
    },
    {
      el: field('displayName', t('userDisplayName'), input('text', { maxlength: 200 })),
      collect(body) {
        if (value(form, 'displayName')) body.displayName = value(form, 'displayName');
      },
    },
    {
      el: field('role', t('userRole'), roleSelect),
      collect(body) {
        body.role = roleSelect.value as Role;
      },
    },
    {
      el: org.el,
      collect(body, errors, role) {
        if (!ORGANIZATION_OF[role]) return;
        if (!org.value()) errors.organizationId = t('errChooseOrganization');
        body.organizationId = org.value();
      },
      onRole: (role) => org.setKind(ORGANIZATION_OF[role] ?? null),
    },
    {
      el: field(
        'password',
        t('userPassword'),
        input('password', { minlength: 8, maxlength: 200, autocomplete: 'new-password' }),
      ),
      collect(body, errors) {
        const password = form.querySelector<HTMLInputElement>('[name="password"]')!.value;
        if (password.length < 8) errors.password = t('errPassword');
        body.password = password;
      },
    },
  ];
  const form = formShell(
    'user-form',
    h('h2', {}, t('newUser')),
    ...parts.map((p) => p.el),
    h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'primary' }, t('create'))),
  );
  roleSelect.addEventListener('change', () => parts.forEach((p) => p.onRole?.(roleSelect.value as Role)));

  const status = h('div', { className: 'user-status', role: 'status' });
  const list = listView({
    name: 'users',
    title: () => t('usersTitle'),
    path: '/api/users',
    search: () => t('listSearchUsers'),
    filters: [
      {
        name: 'role',
        label: () => t('userRole'),
        options: () => [['', t('allRoles')], ...ROLES.map((r) => [r, roleLabel(r)] as [string, string])],
      },
      {
        name: 'active',
        label: () => t('accountState'),
        options: () => [
          ['', t('allStatuses')],
          ['true', t('userActive')],
          ['false', t('userDisabled')],
        ],
      },
    ],
    columns: [
      { key: 'email', label: () => t('userEmail'), sort: 'email', value: (u) => u.email },
      { key: 'displayName', label: () => t('userDisplayName'), sort: 'displayName', value: (u) => u.displayName ?? '' },
      { key: 'role', label: () => t('userRole'), sort: 'role', value: (u) => roleLabel(u.role) },
      { key: 'organization', label: () => t('organizationLabel'), value: (u) => u.organizationName ?? '' },
      { key: 'active', label: () => t('accountState'), value: (u) => (u.active ? t('userActive') : t('userDisabled')) },
      {
        key: 'createdAt',
        label: () => t('createdAt'),
        sort: 'createdAt',
        value: (u) => formatDate(u.createdAt.slice(0, 10)),
      },
    ],
    rowId: (u) => u.id,
    rowClass: (u) => (u.active ? 'user-active' : 'user-disabled'),
    actions: (u, reload) => {
      const manageable = isAdmin || !!ORGANIZATION_OF[u.role];
      if (!manageable) return [];
      const report = (e: unknown) =>
        flash(status, e instanceof ApiError ? t('errServer', { message: e.message }) : t('errNetwork'));
      return [
        u.active
          ? h(
              'button',
              {
                type: 'button',
                className: 'danger disable-user',
                onclick: listener(async () => {
                  if (
                    !(await confirmAction({
                      title: t('confirmDisableTitle', { email: u.email }),
                      message: t('confirmDisableText'),
                      confirmLabel: t('disableUser'),
                      danger: true,
                    }))
                  )
                    return;
                  await api.POST('/api/users/{id}/disable', { params: { path: { id: u.id } } }).then(reload, report);
                }),
              },
              t('disableUser'),
            )
          : h(
              'button',
              {
                type: 'button',
                className: 'enable-user',
                onclick: () =>
                  void api.POST('/api/users/{id}/enable', { params: { path: { id: u.id } } }).then(reload, report),
              },
              t('enableUser'),
            ),
        h(
          'button',
          {
            type: 'button',
            className: 'reset-password',
            onclick: listener(async () => {
              if (
                !(await confirmAction({
                  title: t('confirmResetTitle', { email: u.email }),
                  message: t('confirmResetText'),
                  confirmLabel: t('resetPassword'),
                }))
              )
                return;
              try {
                const res = await api.POST('/api/users/{id}/reset-password', { params: { path: { id: u.id } } });
                // Shown once, not in a fleeting flash: the person at the desk copies it down.
                status.replaceChildren(
                  h(
                    'p',
                    { className: 'temporary-password' },
                    t('temporaryPassword', { email: u.email, password: res.temporaryPassword }),
                  ),
                );
              } catch (e) {
                report(e);
              }
            }),
          },
          t('resetPassword'),
        ),
      ];
    },
  });

  form.addEventListener(
    'submit',
    listener(async (e) => {
      e.preventDefault();
      const errors: Errors = {};
      const body: Partial<Schema<'CreateUserDto'>> = {};
      const role = roleSelect.value as Role;
      for (const p of parts) p.collect(body, errors, role);
      if (Object.keys(errors).length) {
        showErrors(form, errors);
        return;
      }
      try {
        // The parts refused a form without email, role or password above.
        const created = await api.POST('/api/users', { body: body as Schema<'CreateUserDto'> });
        form.reset();
        roleSelect.value = 'cooperative';
        parts.forEach((p) => p.onRole?.('cooperative'));
        showErrors(form, {});
        flash(form, t('userCreated', { email: created.email }));
        list.reload();
      } catch (err) {
        showServerError(form, err);
      }
    }),
  );
  root.append(form, status, list.el);
}
