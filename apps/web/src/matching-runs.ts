// Staff: the list of matching runs with what each changed against the previous run of its scope,
// and the recurring schedules (lịch ghép nối định kỳ).
import { api, ApiError, type Schema } from './api';
import { clear, h, listener } from './dom';
import { field, formShell, input, showServerError, value } from './forms';
import { formatTons, statusLabel } from './format';
import { t } from './i18n';
import type { Ctx } from './screen-context';

const PAGE = 10;
const when = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString(document.documentElement.lang === 'en' ? 'en-GB' : 'vi-VN') : '—';
const scopeLabel = (key: string) => {
  const [products, provinces] = key.split('|');
  return `${products === '*' ? t('allScope') : products} · ${provinces === '*' ? t('allScope') : provinces}`;
};

/** Runs newest first, paged; a click on a row shows its proposals (via `open`). */
export function runsPanel(_ctx: Ctx, open: (id: string) => void): { el: HTMLElement; reload: () => Promise<void> } {
  const body = h('div', { className: 'runs-body' });
  const el = h('section', { className: 'matching-runs' }, h('h2', {}, t('recentRuns')), body);
  let offset = 0;
  const reload = async () => {
    let page: Schema<'MatchingRunPageResponse'>;
    try {
      page = await api.GET('/api/matching-runs', { params: { query: { limit: PAGE, offset } } });
    } catch (err) {
      clear(body);
      body.append(
        h(
          'p',
          { className: 'form-error' },
          err instanceof ApiError ? t('errServer', { message: err.message }) : t('errNetwork'),
        ),
      );
      return;
    }
    clear(body);
    const rows = page.items.map((r) =>
      h(
        'tr',
        { className: 'run-row', 'data-run-id': r.id, onclick: () => open(r.id) },
        h('td', {}, when(r.createdAt), h('br', {}), h('span', { className: 'muted' }, r.runDay)),
        h('td', {}, r.matchingScheduleId ? t('runScheduled') : (r.requestedByEmail ?? '—')),
        h('td', {}, scopeLabel(r.scopeKey)),
        h('td', {}, statusLabel('run', r.status), r.objective ? ` · ${formatTons(r.objective.matchedKg)}` : ''),
        h(
          'td',
          { className: 'run-diff' },
          r.diff ? t('runDiff', { added: r.diff.added, kept: r.diff.kept, superseded: r.diff.superseded }) : '—',
        ),
      ),
    );
    body.append(
      h(
        'table',
        { className: 'runs-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...[t('runWhen'), t('runWho'), t('runScope'), t('runResult'), t('runChanges')].map((x) => h('th', {}, x)),
          ),
        ),
        h('tbody', {}, ...rows),
      ),
      h(
        'div',
        { className: 'pager' },
        h(
          'button',
          {
            type: 'button',
            disabled: offset === 0,
            onclick: () => ((offset = Math.max(0, offset - PAGE)), void reload()),
          },
          t('previousPage'),
        ),
        h(
          'span',
          { className: 'muted' },
          `${page.total ? offset + 1 : 0}–${offset + page.items.length} / ${page.total}`,
        ),
        h(
          'button',
          { type: 'button', disabled: offset + PAGE >= page.total, onclick: () => ((offset += PAGE), void reload()) },
          t('nextPage'),
        ),
      ),
    );
  };
  void reload();
  return { el, reload };
}

/** Create, pause, resume and delete recurring runs; the scope is the products ticked in the run form. */
export function schedulesPanel(_ctx: Ctx, onChange: () => void): HTMLElement {
  const list = h('div', { className: 'schedules-list' });
  const form = formShell(
    'schedule-form',
    h('h2', {}, t('schedules')),
    field('cron', t('scheduleCron'), input('text', { value: '30 6 * * *', placeholder: '30 6 * * *' })),
    field('timezone', t('scheduleTimezone'), input('text', { value: 'Asia/Ho_Chi_Minh' })),
    h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'primary' }, t('scheduleCreate'))),
  );
  const reload = async () => {
    try {
      const page = await api.GET('/api/matching-schedules', { params: { query: { limit: 100 } } });
      clear(list);
      if (!page.items.length) {
        list.append(h('p', { className: 'empty' }, t('noSchedules')));
        return;
      }
      list.append(
        h(
          'ul',
          { className: 'cards schedules' },
          ...page.items.map((s) =>
            h(
              'li',
              { className: 'card schedule', 'data-schedule-id': s.id },
              h('h3', {}, `${s.cron} · ${s.timezone}`),
              h('p', {}, scopeLabel(s.scopeKey)),
              h(
                'p',
                { className: 'muted' },
                s.paused ? t('schedulePaused') : t('scheduleNext', { when: when(s.nextRunAt) }),
              ),
              h(
                'div',
                { className: 'actions' },
                h(
                  'button',
                  {
                    type: 'button',
                    className: 'toggle',
                    onclick: listener(() =>
                      act(() =>
                        s.paused
                          ? api.POST('/api/matching-schedules/{id}/resume', { params: { path: { id: s.id } } })
                          : api.POST('/api/matching-schedules/{id}/pause', { params: { path: { id: s.id } } }),
                      ),
                    ),
                  },
                  s.paused ? t('scheduleResume') : t('schedulePause'),
                ),
                h(
                  'button',
                  {
                    type: 'button',
                    className: 'delete',
                    onclick: listener(() =>
                      act(() => api.DELETE('/api/matching-schedules/{id}', { params: { path: { id: s.id } } })),
                    ),
                  },
                  t('scheduleDelete'),
                ),
              ),
            ),
          ),
        ),
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
  };
  const act = async (call: () => Promise<unknown>) => {
    try {
      await call();
    } catch {
      /* the list shows the state as it is */
    }
    await reload();
    onChange();
  };
  form.addEventListener(
    'submit',
    listener(async (e) => {
      e.preventDefault();
      // The scope is what the run form above has ticked (no products ticked: every product).
      const products = [
        ...document.querySelectorAll<HTMLInputElement>('.matching-form .checks[data-name="products"] input:checked'),
      ].map((i) => i.value);
      try {
        await api.POST('/api/matching-schedules', {
          body: {
            cron: value(form, 'cron'),
            timezone: value(form, 'timezone') || undefined,
            scope: products.length ? { products } : undefined,
          },
        });
        await reload();
      } catch (err) {
        showServerError(form, err);
      }
    }),
  );
  void reload();
  return h('section', { className: 'matching-schedules' }, form, list);
}
