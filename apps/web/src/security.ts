// "Bảo mật / Security": the signed-in user's password, two-step sign-in and sign-out.
import { api, ApiError, getSession, logout, setSession, type Schema } from './api';
import { clear, h, listener } from './dom';
import { Errors, field, flash, flashNext, formShell, input, showErrors, showServerError, value } from './forms';
import { t } from './i18n';
import { notificationPreferencesForm } from './notifications';
import type { Ctx } from './screen-context';
import { totpQr } from './screens/login';

type Me = Schema<'UserViewDto'>;
export function securityScreen(root: HTMLElement, ctx: Ctx): void {
  const section = h('section', { className: 'security' }, h('h2', {}, t('securityTitle')));
  root.append(section);
  const password = passwordForm(ctx);
  const totp = h('div', { className: 'totp' });
  const signOut = h(
    'div',
    { className: 'actions' },
    h(
      'button',
      {
        type: 'button',
        className: 'logout-everywhere',
        onclick: listener(async () => {
          await logout();
          ctx.onSession();
          ctx.navigate('map');
        }),
      },
      t('logout'),
    ),
  );
  section.append(
    h('p', { className: 'who' }, getSession()?.user.email ?? ''),
    password,
    h('h3', {}, t('totpTitle')),
    totp,
    notificationPreferencesForm(),
    h('h3', {}, t('sessionTitle')),
    signOut,
  );
  void api
    .GET('/api/auth/me')
    .then((me) => renderTotp(totp, me))
    .catch((e) => showServerError(password, e));
}

function passwordForm(ctx: Ctx): HTMLFormElement {
  const form = formShell(
    'change-password',
    h('h3', {}, t('changePassword')),
    field('currentPassword', t('currentPassword'), input('password', { autocomplete: 'current-password' })),
    field('newPassword', t('newPassword'), input('password', { autocomplete: 'new-password', minlength: 12 })),
    field('confirmPassword', t('confirmPassword'), input('password', { autocomplete: 'new-password' })),
    h('p', { className: 'hint' }, t('passwordRules')),
    h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'primary' }, t('changePassword'))),
  );
  const raw = (name: string) => (form.querySelector(`[name="${name}"]`) as HTMLInputElement).value;
  form.addEventListener(
    'submit',
    listener(async (e) => {
      e.preventDefault();
      const currentPassword = raw('currentPassword');
      const newPassword = raw('newPassword');
      const errors: Errors = {};
      if (!currentPassword) errors.currentPassword = t('errRequired', { field: t('currentPassword') });
      if (newPassword.length < 12) errors.newPassword = t('errPasswordShort');
      else if (newPassword !== raw('confirmPassword')) errors.confirmPassword = t('errPasswordMismatch');
      if (Object.keys(errors).length) {
        showErrors(form, errors);
        return;
      }
      try {
        // Every session ends with the change; this one continues with the pair it answers.
        const session = await api.POST('/api/auth/change-password', { body: { currentPassword, newPassword } });
        setSession(session);
        ctx.onSession();
        flashNext(t('passwordChanged'));
        ctx.navigate('security');
      } catch (err) {
        if (err instanceof ApiError && err.code === 'AUTH.CURRENT_PASSWORD_WRONG') {
          showErrors(form, { currentPassword: t('errCurrentPassword') });
          return;
        }
        if (err instanceof ApiError && err.status === 429) {
          showErrors(form, {}, t('errSignInDelayed', { seconds: err.retryAfter ?? 30 }));
          return;
        }
        showServerError(form, err);
      }
    }),
  );
  return form;
}

function renderTotp(box: HTMLElement, me: Me): void {
  clear(box);
  if (me.totpEnabled) {
    box.append(h('p', { className: 'totp-on' }, t('totpOn')));
    return;
  }
  box.append(
    h('p', {}, t('totpOff')),
    h(
      'button',
      {
        type: 'button',
        className: 'totp-start',
        onclick: listener(async () => {
          try {
            const setup = await api.POST('/api/auth/totp/setup');
            clear(box);
            box.append(
              h('p', { className: 'hint' }, t('totpScan')),
              await totpQr(setup.secret, setup.otpauthUrl),
              enableForm(box, me),
            );
          } catch (err) {
            flash(box, err instanceof ApiError ? err.message : String(err));
          }
        }),
      },
      t('totpSetUp'),
    ),
  );
}

function enableForm(box: HTMLElement, me: Me): HTMLFormElement {
  const form = formShell(
    'totp-enable',
    field('code', t('totpCode'), input('text', { inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 6 })),
    h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'primary' }, t('totpEnable'))),
  );
  form.addEventListener(
    'submit',
    listener(async (e) => {
      e.preventDefault();
      const code = value(form, 'code');
      if (!/^\d{6}$/.test(code)) {
        showErrors(form, { code: t('errTotpFormat') });
        return;
      }
      try {
        const updated = await api.POST('/api/auth/totp/enable', { body: { code } });
        const session = getSession();
        if (session) setSession({ ...session, user: { ...session.user, totpEnabled: true } });
        renderTotp(box, { ...me, ...updated });
        flash(box, t('totpEnabled'));
      } catch (err) {
        if (err instanceof ApiError && err.code === 'AUTH.TOTP_INVALID') {
          showErrors(form, { code: t('errTotp') });
          return;
        }
        showServerError(form, err);
      }
    }),
  );
  return form;
}
