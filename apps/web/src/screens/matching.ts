import { api, ApiError, type Schema } from '../api';
import { h, listener } from '../dom';
import {
  checkboxes,
  checkedValues,
  clearErrors,
  Errors,
  field,
  formShell,
  input,
  isWholeNumber,
  select,
  showErrors,
  showServerError,
  value,
} from '../forms';
import { formatTons, statusLabel } from '../format';
import { t } from '../i18n';
import { runsPanel, schedulesPanel } from '../matching-runs';
import { showProposals } from '../proposals';
import type { Ctx } from '../screen-context';
import { productName } from './catalogue';

// ---------- staff: matching runs ----------
type MatchingRunView = Schema<'MatchingRunResponse'>;

/** Who solved each product of the run and how long it took. */
function partsList(ctx: Ctx, run: MatchingRunView): HTMLElement | null {
  if (!run.parts?.length) return null;
  const seconds = (ms: number | null) =>
    ms === null
      ? '—'
      : (ms / 1000).toLocaleString(document.documentElement.lang === 'en' ? 'en-GB' : 'vi-VN', {
          maximumFractionDigits: 1,
        });
  return h(
    'div',
    { className: 'run-parts' },
    h('p', { className: 'muted' }, t('runParts')),
    h(
      'ul',
      {},
      ...run.parts.map((p) =>
        h(
          'li',
          { 'data-product': p.product, 'data-worker': p.worker ?? '' },
          t('runPartLine', {
            product: productName(ctx, p.product),
            status: statusLabel('run', p.status),
            worker: p.worker ?? t('runPartWaiting'),
            seconds: seconds(p.ms),
          }),
          p.attempts > 1 ? t('runPartRetried', { attempts: p.attempts }) : '',
          // Incremental re-matching: the part started from the earlier run's plan of its product.
          p.warmStartFrom ? t('runPartWarm', { pairs: p.warmPairs ?? 0 }) : '',
          p.status === 'failed' && p.error ? t('runPartError', { error: p.error }) : '',
        ),
      ),
    ),
  );
}

let pollTimer: number | undefined;

export function matchingScreen(root: HTMLElement, ctx: Ctx): void {
  window.clearTimeout(pollTimer);
  const status = h('p', { className: 'run-status', role: 'status' });
  const parts = h('div', { className: 'run-parts-box' });
  const table = h('div', { className: 'proposals' });
  const form = formShell(
    'matching-form',
    h('h2', {}, t('matchingTitle')),
    field(
      'objective',
      t('objective'),
      select(
        [
          ['volume-then-score', t('objective_volume')],
          ['score', t('objective_score')],
        ],
        'volume-then-score',
      ),
    ),
    field(
      'scenario',
      t('scenario'),
      select(
        [
          ['1', t('scenario_1')],
          ['2', t('scenario_2')],
        ],
        '1',
      ),
    ),
    field(
      'products',
      t('products'),
      checkboxes(
        'products',
        ctx.products.map((p) => p.code),
        [],
        (code) => productName(ctx, code),
      ),
    ),
    field(
      'transportVndPerKgKm',
      t('transportVndPerKgKm'),
      input('number', { min: 0, step: 'any', inputmode: 'decimal' }),
    ),
    field('kmPerDay', t('kmPerDay'), input('number', { min: 1, step: 1, inputmode: 'numeric' })),
    field('runDay', t('runDay'), input('date', {})),
    h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'primary' }, t('startRun'))),
  );
  form.addEventListener(
    'submit',
    listener(async (e) => {
      e.preventDefault();
      const errors: Errors = {};
      const transport = value(form, 'transportVndPerKgKm');
      const kmPerDay = value(form, 'kmPerDay');
      if (transport && !(Number(transport) >= 0))
        errors.transportVndPerKgKm = t('errNonNegativeInt', { field: t('transportVndPerKgKm') });
      if (kmPerDay && !isWholeNumber(kmPerDay, 1)) errors.kmPerDay = t('errPositiveInt', { field: t('kmPerDay') });
      if (Object.keys(errors).length) {
        showErrors(form, errors);
        return;
      }
      const params: Record<string, number> = {};
      if (transport) params.transportVndPerKgKm = Number(transport);
      if (kmPerDay) params.kmPerDay = Number(kmPerDay);
      try {
        const run = await api.POST('/api/matching-runs', {
          body: {
            objective: value(form, 'objective') as Schema<'CreateMatchingRunDto'>['objective'],
            scenario: Number(value(form, 'scenario')) as Schema<'CreateMatchingRunDto'>['scenario'],
            products: checkedValues(form, 'products'),
            params,
            ...(value(form, 'runDay') ? { runDay: value(form, 'runDay') } : {}),
          },
        });
        clearErrors(form);
        void poll(run.id);
      } catch (err) {
        showServerError(form, err);
      }
    }),
  );

  const poll = async (id: string) => {
    try {
      const run = await api.GET('/api/matching-runs/{id}', { params: { path: { id } } });
      status.textContent = `${t('runStatus', { id: id.slice(0, 8), status: statusLabel('run', run.status), progress: run.progress ?? 0 })}${run.objective ? ` · ${t('matchedKg', { tons: formatTons(run.objective.matchedKg) })}` : ''}`;
      status.dataset.status = run.status;
      parts.replaceChildren(...[partsList(ctx, run)].filter((x): x is HTMLElement => x !== null));
      if (run.status === 'queued' || run.status === 'running') {
        pollTimer = window.setTimeout(() => void poll(id), 1000);
        return;
      }
      if (run.status === 'completed') {
        ctx.map.setFlows({ matchingRunId: id, kind: 'proposals' });
        await showProposals(
          table,
          ctx,
          (query) => api.GET('/api/matching-runs/{id}/proposals', { params: { path: { id }, query } }),
          'staff',
        );
      }
      void runs.reload();
    } catch (err) {
      status.textContent = err instanceof ApiError ? t('errServer', { message: err.message }) : t('errNetwork');
    }
  };
  const runs = runsPanel(ctx, (id) => void poll(id));
  root.append(
    form,
    status,
    parts,
    table,
    runs.el,
    schedulesPanel(ctx, () => void runs.reload()),
  );
}
