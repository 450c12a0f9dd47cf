// The audit trail read back: staff's audit screen, and the history section of a lot, request or deal.
import { api, ApiError, type Schema } from './api';
import { clear, h, listener } from './dom';
import { field, input, select } from './forms';
import { tr, t } from './i18n';

type AuditLogView = Schema<'AuditLogResponse'>;

const ENTITY_TYPES = [
  'supply_lot',
  'purchase_request',
  'deal',
  'deal_delivery',
  'proposal',
  'cooperative',
  'buyer',
  'matching_run',
  'user',
];

const show = (v: unknown): string =>
  v === null || v === undefined || v === '' ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v);
const when = (iso: string) =>
  new Date(iso).toLocaleString(document.documentElement.lang === 'en' ? 'en-GB' : 'vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
  });

function entry(l: AuditLogView, withEntity: boolean): HTMLElement {
  const context = ['reason', 'dealId']
    .filter((k) => l.changes && l.changes[k] != null)
    .map((k) => `${k}: ${show(l.changes![k])}`);
  return h(
    'li',
    { className: `audit-entry action-${l.action}`, 'data-entity-type': l.entityType },
    h(
      'p',
      { className: 'audit-head' },
      h('time', { datetime: l.at }, when(l.at)),
      ' · ',
      h('strong', { className: 'audit-actor' }, l.actor?.email ?? l.actor?.role ?? t('historySystem')),
      ' · ',
      h('span', { className: 'audit-action' }, tr(`action_${l.action}`, l.action)),
      withEntity ? ` · ${tr(`entity_${l.entityType}`, l.entityType)} ${l.entityId.slice(0, 8)}` : '',
    ),
    l.fields.length
      ? h(
          'ul',
          { className: 'audit-fields' },
          ...l.fields.map((f) =>
            h('li', { 'data-field': f.field }, h('code', {}, f.field), `: ${show(f.before)} → ${show(f.after)}`),
          ),
        )
      : null,
    context.length ? h('p', { className: 'muted' }, context.join(' · ')) : null,
  );
}

/** A pager under a list: "1–20 / 57" with previous and next. */
export function pager(
  page: { total: number; limit: number; offset: number },
  go: (offset: number) => void,
): HTMLElement {
  const from = page.total ? page.offset + 1 : 0;
  const to = Math.min(page.offset + page.limit, page.total);
  return h(
    'div',
    { className: 'pager' },
    h(
      'button',
      {
        type: 'button',
        className: 'page-prev',
        disabled: page.offset <= 0,
        onclick: () => go(Math.max(0, page.offset - page.limit)),
      },
      t('pagePrev'),
    ),
    h('span', { className: 'page-of' }, t('pageOf', { from, to, total: page.total })),
    h(
      'button',
      {
        type: 'button',
        className: 'page-next',
        disabled: to >= page.total,
        onclick: () => go(page.offset + page.limit),
      },
      t('pageNext'),
    ),
  );
}

/** A collapsed "History" section that loads the owner-checked history route (`load`, a typed GET) when opened. */
export function historySection(load: (query: { limit: number }) => Promise<{ items: AuditLogView[] }>): HTMLElement {
  const list = h('div', { className: 'history-list' });
  const details = h('details', { className: 'history' }, h('summary', {}, t('history')), list);
  let loaded = false;
  details.addEventListener(
    'toggle',
    listener(async () => {
      if (!details.open || loaded) return;
      loaded = true;
      list.append(h('p', {}, t('loading')));
      try {
        const page = await load({ limit: 50 });
        clear(list);
        list.append(
          page.items.length
            ? h('ul', { className: 'audit-list' }, ...page.items.map((l) => entry(l, false)))
            : h('p', { className: 'empty' }, t('noHistory')),
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
    }),
  );
  return details;
}

/** Staff: who changed what and when, filtered by entity, user and days. */
export function auditScreen(root: HTMLElement): void {
  const type = select([
    ['', t('auditAllTypes')],
    ...ENTITY_TYPES.map((e) => [e, tr(`entity_${e}`, e)] as [string, string]),
  ]);
  const entityId = input('text', { maxlength: 60 });
  const actorId = input('text', { maxlength: 36 });
  const from = input('date');
  const to = input('date');
  const form = h(
    'form',
    { className: 'form audit-filters', novalidate: true },
    field('entityType', t('auditEntityType'), type),
    field('entityId', t('auditEntityId'), entityId),
    field('actorId', t('auditActorId'), actorId),
    field('from', t('auditFrom'), from),
    field('to', t('auditTo'), to),
    h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'primary' }, t('auditSearch'))),
  );
  const box = h('div', { className: 'audit-results' });
  const load = async (offset = 0) => {
    clear(box);
    box.append(h('p', {}, t('loading')));
    try {
      const page = await api.GET('/api/audit-logs', {
        params: {
          query: {
            entityType: type.value || undefined,
            entityId: entityId.value.trim() || undefined,
            actorId: actorId.value.trim() || undefined,
            from: from.value || undefined,
            to: to.value || undefined,
            limit: 20,
            offset,
          },
        },
      });
      clear(box);
      box.append(
        h(
          'p',
          { className: 'muted audit-count' },
          t('auditCount', {
            from: page.total ? offset + 1 : 0,
            to: Math.min(offset + page.limit, page.total),
            total: page.total,
          }),
        ),
        page.items.length
          ? h('ul', { className: 'audit-list' }, ...page.items.map((l) => entry(l, true)))
          : h('p', { className: 'empty' }, t('noHistory')),
        pager(page, (o) => void load(o)),
      );
    } catch (err) {
      clear(box);
      box.append(
        h(
          'p',
          { className: 'form-error' },
          err instanceof ApiError ? t('errServer', { message: err.message }) : t('errNetwork'),
        ),
      );
    }
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void load(0);
  });
  root.append(h('h2', {}, t('auditTitle')), form, box);
  void load(0);
}
