// The bell in the header (issue 12 item 5): unread count, the list, mark read, and live updates over
// server-sent events with a single-use ticket; plus the user's notification channels (Security screen).
import { api, ApiError, getSession, type Schema } from './api';
import { clear, h, listener } from './dom';
import { field, flash, formShell, input, select, showErrors, showServerError, value } from './forms';
import { formatNumber } from './format';
import { getLang, t, tr } from './i18n';

type NotificationJson = Schema<'NotificationDto'>;
type Preferences = Schema<'NotificationPreferencesDto'>;

const pad = (n: number) => String(n).padStart(2, '0');

/** dd/mm/yyyy HH:mm in the browser's time (Việt Nam for the people using it). */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

// Stored titles are Vietnamese with an English hint; known kinds are worded here in the UI language.
function titleOf(n: NotificationJson): string {
  const d = n.data ?? {};
  const count = Number(d.proposals ?? (Array.isArray(d.supersededProposalIds) ? d.supersededProposalIds.length : 0));
  if (n.kind === 'delivery.recorded' && d.status === 'delivered') return t('notif_deal_delivered');
  const key = `notif_${n.kind.replace(/\./g, '_')}`;
  const text = tr(key, n.title);
  return text === n.title ? text : text.replace('{count}', formatNumber(count));
}

function bodyOf(n: NotificationJson): string {
  if (getLang() === 'vi') return n.body;
  const d = n.data ?? {};
  if (n.kind === 'proposals.created' && typeof d.quantityKg === 'number')
    return t('notifBody_proposals_created', { kg: formatNumber(d.quantityKg) });
  if (n.kind === 'proposals.superseded') return t('notifBody_proposals_superseded');
  return n.body;
}

/** Where a notification leads: one proposal's card, the proposals screen, or the deals screen. */
function linkOf(n: NotificationJson): { href: string; label: string } | null {
  const d = n.data ?? {};
  const ids = Array.isArray(d.proposalIds)
    ? (d.proposalIds as string[])
    : typeof d.proposalId === 'string'
      ? [d.proposalId]
      : [];
  if (n.kind.startsWith('proposal'))
    return { href: ids.length === 1 ? `#/proposals/${ids[0]}` : '#/proposals', label: t('openProposals') };
  if (n.kind.startsWith('deal') || n.kind.startsWith('delivery')) return { href: '#/deals', label: t('openDeals') };
  if (ids.length)
    return { href: ids.length === 1 ? `#/proposals/${ids[0]}` : '#/proposals', label: t('openProposals') };
  return null;
}

const MAX_BACKOFF_MS = 60_000;

// Drawn, not an emoji: the machines in use may have no emoji font.
function bellIcon(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '22');
  svg.setAttribute('height', '22');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'bell-icon');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute(
    'd',
    'M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2z',
  );
  path.setAttribute('fill', 'currentColor');
  svg.appendChild(path);
  return svg;
}

/** One bell for the page: the header is redrawn on every screen, the bell's node and stream stay. */
export class Bell {
  readonly el: HTMLElement;
  private readonly button: HTMLButtonElement;
  private readonly badge: HTMLElement;
  private readonly panel: HTMLElement;
  private items: NotificationJson[] = [];
  private unread = 0;
  private userId: string | null = null;
  private source: EventSource | null = null;
  private retry: number | undefined;
  private backoffMs = 1_000;
  private everReady = false;

  constructor() {
    this.badge = h('span', { className: 'bell-count', hidden: true, 'aria-hidden': 'true' });
    this.button = h(
      'button',
      {
        type: 'button',
        className: 'bell',
        'aria-haspopup': 'true',
        'aria-expanded': 'false',
        onclick: () => this.toggle(),
      },
      bellIcon(),
      this.badge,
    );
    this.panel = h('div', { className: 'bell-panel', hidden: true, role: 'region' });
    this.el = h('div', { className: 'bell-box' }, this.button, this.panel);
    this.panel.addEventListener('keydown', (e) => {
      if ((e as KeyboardEvent).key === 'Escape') this.toggle(false);
    });
    this.label();
  }

  /** Called whenever the header is drawn: starts for a new signed-in user, stops after sign-out. */
  sync(): void {
    const session = getSession();
    const id = session ? (session.user.id ?? session.user.email) : null;
    if (id === this.userId) return;
    this.stop();
    this.userId = id;
    if (id) {
      void this.load();
      void this.connect();
    }
  }

  private stop(): void {
    this.source?.close();
    this.source = null;
    window.clearTimeout(this.retry);
    this.items = [];
    this.unread = 0;
    this.everReady = false;
    this.toggle(false);
    this.label();
  }

  private label(): void {
    // Re-labelled on each header draw too, so the language switch reaches it.
    this.button.setAttribute(
      'aria-label',
      this.unread ? `${t('notifications')} · ${t('notificationsUnread', { count: this.unread })}` : t('notifications'),
    );
    this.button.title = t('notifications');
    this.panel.setAttribute('aria-label', t('notifications'));
    this.badge.textContent = this.unread > 99 ? '99+' : String(this.unread);
    this.badge.hidden = this.unread === 0;
  }

  relabel(): void {
    this.label();
    if (!this.panel.hidden) this.renderPanel();
  }

  private async load(): Promise<void> {
    const user = this.userId;
    try {
      const page = await api.GET('/api/notifications', { params: { query: { limit: 30 } } });
      if (user !== this.userId) return;
      this.items = page.items;
      this.unread = page.unreadCount;
      this.label();
      if (!this.panel.hidden) this.renderPanel();
    } catch {
      /* the bell stays as it was; the next stream "ready" loads again */
    }
  }

  private async connect(): Promise<void> {
    const user = this.userId;
    let ticket: string;
    try {
      ticket = (await api.POST('/api/notifications/stream-tickets')).ticket;
    } catch (err) {
      // Signed out meanwhile: nothing to reconnect.
      if (err instanceof ApiError && err.status === 401) return;
      this.reconnectLater();
      return;
    }
    if (user !== this.userId || !user) return;
    const source = new EventSource(`/api/notifications/stream?ticket=${encodeURIComponent(ticket)}`);
    this.source = source;
    source.addEventListener('ready', (e) => {
      this.backoffMs = 1_000;
      // After a gap (a new ticket), the list may have missed some: read it again.
      if (this.everReady) void this.load();
      this.everReady = true;
      const data = JSON.parse((e as MessageEvent).data) as { unreadCount: number };
      this.unread = data.unreadCount;
      this.label();
    });
    source.addEventListener('notification', (e) => {
      const n = JSON.parse((e as MessageEvent).data) as NotificationJson;
      if (this.items.some((x) => x.id === n.id)) return;
      this.items.unshift(n);
      if (!n.read) this.unread += 1;
      this.label();
      if (!this.panel.hidden) this.renderPanel();
    });
    // The access token behind the ticket ran out: a new ticket at once (api.ts refreshes the token).
    source.addEventListener('expired', () => {
      source.close();
      if (this.source === source) void this.connect();
    });
    // EventSource would retry with the same, used ticket; reconnect with a fresh one instead.
    source.onerror = () => {
      source.close();
      if (this.source === source) this.reconnectLater();
    };
  }

  private reconnectLater(): void {
    this.source = null;
    window.clearTimeout(this.retry);
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
    this.retry = window.setTimeout(() => void this.connect(), delay);
  }

  private toggle(open = this.panel.hidden): void {
    this.panel.hidden = !open;
    this.button.setAttribute('aria-expanded', String(open));
    if (open) {
      this.renderPanel();
      void this.load();
    }
  }

  private renderPanel(): void {
    clear(this.panel);
    const markAll = h(
      'button',
      {
        type: 'button',
        className: 'link mark-all-read',
        disabled: this.unread === 0,
        onclick: () => void this.markAll(),
      },
      t('markAllRead'),
    );
    this.panel.append(h('div', { className: 'bell-head' }, h('strong', {}, t('notifications')), markAll));
    if (!this.items.length) {
      this.panel.append(h('p', { className: 'empty' }, t('noNotifications')));
      return;
    }
    this.panel.append(
      h(
        'ul',
        { className: 'notification-list' },
        ...this.items.map((n) => {
          const link = linkOf(n);
          return h(
            'li',
            { className: `notification${n.read ? '' : ' unread'}`, 'data-notification-id': n.id, 'data-kind': n.kind },
            h('div', { className: 'notification-title' }, titleOf(n)),
            h('div', { className: 'notification-body' }, bodyOf(n)),
            h(
              'div',
              { className: 'notification-meta' },
              h('time', { datetime: n.createdAt }, formatDateTime(n.createdAt)),
              link
                ? h(
                    'a',
                    { href: link.href, className: 'notification-link', onclick: () => this.toggle(false) },
                    link.label,
                  )
                : null,
              n.read
                ? null
                : h(
                    'button',
                    { type: 'button', className: 'link mark-read', onclick: () => void this.markRead(n) },
                    t('markRead'),
                  ),
            ),
          );
        }),
      ),
    );
  }

  private async markRead(n: NotificationJson): Promise<void> {
    try {
      const updated = await api.POST('/api/notifications/{id}/read', { params: { path: { id: n.id } } });
      const i = this.items.findIndex((x) => x.id === n.id);
      if (i >= 0) this.items[i] = updated;
      if (!n.read) this.unread = Math.max(0, this.unread - 1);
      this.label();
      this.renderPanel();
    } catch (err) {
      flash(this.panel, err instanceof ApiError ? t('errServer', { message: err.message }) : t('errNetwork'));
    }
  }

  private async markAll(): Promise<void> {
    try {
      const res = await api.POST('/api/notifications/read-all');
      this.items = this.items.map((x) => (x.read ? x : { ...x, read: true, readAt: new Date().toISOString() }));
      this.unread = res.unreadCount;
      this.label();
      this.renderPanel();
    } catch (err) {
      flash(this.panel, err instanceof ApiError ? t('errServer', { message: err.message }) : t('errNetwork'));
    }
  }
}

/** E-mail, Zalo, SMS and the bell, the phone for Zalo/SMS and the language of the messages. */
export function notificationPreferencesForm(): HTMLElement {
  const box = h('div', { className: 'notification-preferences' }, h('h3', {}, t('notifPrefsTitle')));
  void api
    .GET('/api/users/me/notification-preferences')
    .then((p) => box.append(preferencesForm(p)))
    .catch((err) =>
      box.append(
        h(
          'p',
          { className: 'form-error' },
          err instanceof ApiError ? t('errServer', { message: err.message }) : t('errNetwork'),
        ),
      ),
    );
  return box;
}

function preferencesForm(p: Preferences): HTMLFormElement {
  const channels = ['email', 'zalo', 'sms', 'inApp'] as const;
  const labels = { email: t('notifEmail'), zalo: t('notifZalo'), sms: t('notifSms'), inApp: t('notifInApp') };
  const form = formShell(
    'notification-preferences-form',
    h(
      'div',
      { className: 'checks' },
      ...channels.map((c) =>
        h(
          'label',
          { className: 'check' },
          h('input', { type: 'checkbox', name: c, checked: p[c] }),
          labels[c],
          p.available[c] ? '' : h('span', { className: 'muted' }, ` ${t('notifUnavailable')}`),
        ),
      ),
    ),
    field(
      'phone',
      t('notifPhone'),
      input('tel', { value: p.phone ?? '', autocomplete: 'tel', inputmode: 'tel', maxlength: 20 }),
    ),
    field(
      'language',
      t('notifLanguage'),
      select(
        [
          ['vi', t('langVi')],
          ['en', t('langEn')],
        ],
        p.language,
      ),
    ),
    h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'primary' }, t('notifPrefsSave'))),
  );
  form.addEventListener(
    'submit',
    listener(async (e) => {
      e.preventDefault();
      const checked = (name: string) => (form.querySelector(`input[name="${name}"]`) as HTMLInputElement).checked;
      const phone = value(form, 'phone');
      if ((checked('zalo') || checked('sms')) && !phone) {
        showErrors(form, { phone: t('errPhoneForChannel') });
        return;
      }
      try {
        await api.PATCH('/api/users/me/notification-preferences', {
          body: {
            email: checked('email'),
            zalo: checked('zalo'),
            sms: checked('sms'),
            inApp: checked('inApp'),
            phone: phone || null,
            language: value(form, 'language') as Schema<'UpdateNotificationPreferencesDto'>['language'],
          },
        });
        showErrors(form, {});
        flash(form, t('notifPrefsSaved'));
      } catch (err) {
        showServerError(form, err);
      }
    }),
  );
  return form;
}
