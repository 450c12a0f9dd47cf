import { api, ApiError, Session, setSession, type Schema } from '../api';
import { clear, h, listener } from '../dom';
import { Errors, field, formShell, input, showErrors, showServerError, value } from '../forms';
import { t } from '../i18n';
import type { Ctx } from '../screen-context';

// ---------- login ----------
export function loginScreen(root: HTMLElement, ctx: Ctx): void {
  // Shown when the server asks: an authenticator code, a first set-up of it, or a new password.
  const totpField = field(
    'totp',
    t('totpCode'),
    input('text', { inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 6, pattern: '[0-9]{6}' }),
  );
  const totpSetup = h('div', { className: 'totp-setup', hidden: true });
  const newPasswordFields = h(
    'div',
    { className: 'new-password', hidden: true },
    h('p', { className: 'hint' }, t('passwordChangeRequired')),
    field('newPassword', t('newPassword'), input('password', { autocomplete: 'new-password', minlength: 12 })),
    field('confirmPassword', t('confirmPassword'), input('password', { autocomplete: 'new-password' })),
  );
  totpField.hidden = true;
  const form = formShell(
    'login',
    h('h2', {}, t('login')),
    field('email', t('email'), input('email', { autocomplete: 'username' })),
    field('password', t('password'), input('password', { autocomplete: 'current-password' })),
    totpSetup,
    totpField,
    newPasswordFields,
    h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'primary' }, t('login'))),
  );
  const raw = (name: string) => (form.querySelector(`[name="${name}"]`) as HTMLInputElement).value;
  form.addEventListener(
    'submit',
    listener(async (e) => {
      e.preventDefault();
      const email = value(form, 'email');
      const password = raw('password');
      const errors: Errors = {};
      if (!email) errors.email = t('errRequired', { field: t('email') });
      else if (!/^[^@\s]+@[^@\s]+$/.test(email)) errors.email = t('errEmail');
      if (!password) errors.password = t('errRequired', { field: t('password') });
      const body: Schema<'LoginDto'> = { email, password };
      if (!totpField.hidden) {
        const code = value(form, 'totp');
        if (!/^\d{6}$/.test(code)) errors.totp = t('errTotpFormat');
        body.totp = code;
      }
      if (!newPasswordFields.hidden) {
        const next = raw('newPassword');
        if (next.length < 12) errors.newPassword = t('errPasswordShort');
        else if (next !== raw('confirmPassword')) errors.confirmPassword = t('errPasswordMismatch');
        body.newPassword = next;
      }
      if (Object.keys(errors).length) {
        showErrors(form, errors);
        return;
      }
      try {
        const session = await api.POST('/api/auth/login', { body });
        setSession(session);
        ctx.onSession();
        ctx.navigate(homeRoute(session));
      } catch (err) {
        if (err instanceof ApiError) {
          if (err.code === 'AUTH.TOTP_REQUIRED' || err.code === 'AUTH.TOTP_INVALID') {
            const first = totpField.hidden;
            totpField.hidden = false;
            (totpField.querySelector('input') as HTMLInputElement).focus();
            showErrors(
              form,
              first && err.code === 'AUTH.TOTP_REQUIRED' ? {} : { totp: t('errTotp') },
              first ? t('totpAsk') : undefined,
            );
            return;
          }
          if (err.code === 'AUTH.TOTP_SETUP_REQUIRED') {
            const d = err.raw as { secret: string; otpauthUrl: string };
            clear(totpSetup);
            totpSetup.append(
              h('p', { className: 'hint' }, t('totpSetupRequired')),
              await totpQr(d.secret, d.otpauthUrl),
            );
            totpSetup.hidden = false;
            totpField.hidden = false;
            showErrors(form, {});
            return;
          }
          if (err.code === 'AUTH.PASSWORD_CHANGE_REQUIRED') {
            newPasswordFields.hidden = false;
            showErrors(form, {}, t('passwordChangeRequired'));
            return;
          }
          if (err.status === 429) {
            showErrors(form, {}, t('errSignInDelayed', { seconds: err.retryAfter ?? 30 }));
            return;
          }
          if (err.status === 401) {
            showErrors(form, {}, t('errLogin'));
            return;
          }
        }
        showServerError(form, err);
      }
    }),
  );
  root.append(form);
}

/** The otpauth:// link as a QR code to scan, with the secret in words for typing it instead. */
export async function totpQr(secret: string, otpauthUrl: string): Promise<HTMLElement> {
  const { toDataURL } = await import('qrcode');
  const src = await toDataURL(otpauthUrl, { margin: 1, width: 200, errorCorrectionLevel: 'M' });
  return h(
    'div',
    { className: 'totp-qr' },
    h('img', { src, alt: t('totpQrAlt'), width: 200, height: 200, 'data-otpauth': otpauthUrl }),
    h(
      'p',
      {},
      t('totpSecretText'),
      ' ',
      h('code', { className: 'totp-secret' }, secret.replace(/(.{4})/g, '$1 ').trim()),
    ),
  );
}

export function homeRoute(s: Session | null): string {
  if (!s) return 'map';
  if (s.user.role === 'cooperative') return 'my-lots';
  if (s.user.role === 'buyer') return 'requests';
  if (s.user.role === 'agency') return 'agency-report';
  return 'matching';
}
