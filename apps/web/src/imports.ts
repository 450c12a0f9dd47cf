// Bulk import of the districts' spreadsheets (issue 6): upload, progress, row errors, templates.
import { api, ApiError, download, type Schema, multipart } from './api';
import { append, clear, h, onLeave } from './dom';
import { Errors, field, formShell, input, select, showErrors, showServerError, value } from './forms';
import { formatNumber } from './format';
import { t, tr } from './i18n';

export const IMPORT_KINDS = [
  'supply-lots',
  'cooperatives',
  'buyers',
  'purchase-requests',
  'production-areas',
  'inventory-reports',
  'price-observations',
] as const;
// The server default (IMPORT_MAX_FILE_BYTES); a server set higher still answers 413 past its own limit.
const MAX_BYTES = 20 * 1024 * 1024;

type ImportView = Schema<'ImportViewDto'>;

const kindLabel = (k: string) => tr(`importKind_${k.replace(/-/g, '_')}`, k);

export function importsScreen(root: HTMLElement): void {
  let timer: number | undefined;
  onLeave(() => window.clearTimeout(timer));

  const file = input('file', {
    accept: '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv',
  });
  const form = formShell(
    'import-form',
    h('h2', {}, t('importTitle')),
    h('p', { className: 'muted' }, t('importIntro')),
    field(
      'kind',
      t('importKind'),
      select([['', '—'], ...IMPORT_KINDS.map((k) => [k, kindLabel(k)] as [string, string])]),
    ),
    field(
      'mode',
      t('importMode'),
      select(
        [
          ['all-or-nothing', t('importMode_all')],
          ['partial', t('importMode_partial')],
        ],
        'all-or-nothing',
      ),
    ),
    field('file', t('importFile'), file),
    h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'primary' }, t('upload'))),
  );
  const status = h('section', { className: 'import-status', 'aria-live': 'polite' });
  const templates = h(
    'section',
    { className: 'templates' },
    h('h3', {}, t('templates')),
    h('p', { className: 'muted' }, t('templatesNote')),
    h(
      'ul',
      { className: 'template-list' },
      ...IMPORT_KINDS.map((k) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              className: 'link template-link',
              'data-kind': k,
              onclick: () =>
                download(
                  api.file('/api/imports/templates/{kind}', { params: { path: { kind: k } } }),
                  `mau-${k}.xlsx`,
                ).catch((e) => showServerError(form, e)),
            },
            `⬇ ${kindLabel(k)} (.xlsx)`,
          ),
        ),
      ),
    ),
  );

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const errors: Errors = {};
    const kind = value(form, 'kind');
    const f = file.files?.[0];
    if (!kind) errors.kind = t('errRequired', { field: t('importKind') });
    if (!f) errors.file = t('errFileRequired');
    else if (!/\.(xlsx|csv)$/i.test(f.name)) errors.file = t('errFileType');
    else if (f.size === 0) errors.file = t('errFileEmpty');
    else if (f.size > MAX_BYTES) errors.file = t('errFileTooLarge');
    if (Object.keys(errors).length) return showErrors(form, errors);
    const body = new FormData();
    body.append('kind', kind);
    body.append('mode', value(form, 'mode'));
    body.append('file', f!, f!.name);
    try {
      const view = await api.POST('/api/imports', { body: multipart(body) });
      showErrors(form, {});
      window.clearTimeout(timer);
      renderStatus(view);
      status.scrollIntoView({ block: 'nearest' });
      void poll(view.id);
    } catch (err) {
      showServerError(form, err);
    }
  });

  const poll = async (id: string) => {
    let view: ImportView;
    try {
      view = await api.GET('/api/imports/{id}', { params: { path: { id } } });
    } catch (err) {
      clear(status);
      status.append(
        h(
          'p',
          { className: 'form-error' },
          err instanceof ApiError ? t('errServer', { message: err.message }) : t('errNetwork'),
        ),
      );
      return;
    }
    renderStatus(view);
    if (view.status === 'queued' || view.status === 'running') {
      timer = window.setTimeout(() => void poll(id), 700);
      return;
    }
    if (view.invalidRows) await renderRowErrors(view);
  };

  const renderStatus = (v: ImportView) => {
    clear(status);
    status.dataset.status = v.status;
    status.dataset.importId = v.id;
    const n = (x: number | null) => (x === null ? '—' : formatNumber(x));
    append(
      status,
      h('h3', {}, `${kindLabel(v.kind)}: `, h('span', { className: 'file-name' }, v.fileName)),
      h('progress', { max: 100, value: v.progress, className: 'import-progress', 'aria-label': t('progress') }),
      h(
        'p',
        { className: 'import-state' },
        t('importState', { status: tr(`import_${v.status}`, v.status), progress: v.progress }),
      ),
      h(
        'dl',
        { className: 'import-counts' },
        h('dt', {}, t('rowsTotal')),
        h('dd', { 'data-count': 'total' }, n(v.totalRows)),
        h('dt', {}, t('rowsValid')),
        h('dd', { 'data-count': 'valid' }, n(v.validRows)),
        h('dt', {}, t('rowsInvalid')),
        h('dd', { 'data-count': 'invalid' }, n(v.invalidRows)),
        h('dt', {}, t('rowsWritten')),
        h('dd', { 'data-count': 'written' }, n(v.writtenRows)),
        v.updatedRows ? h('dt', {}, t('rowsInserted')) : null,
        v.updatedRows ? h('dd', { 'data-count': 'inserted' }, n(v.insertedRows)) : null,
        v.updatedRows ? h('dt', {}, t('rowsUpdated')) : null,
        v.updatedRows ? h('dd', { 'data-count': 'updated' }, n(v.updatedRows)) : null,
        v.unchangedRows ? h('dt', {}, t('rowsUnchanged')) : null,
        v.unchangedRows ? h('dd', { 'data-count': 'unchanged' }, n(v.unchangedRows)) : null,
      ),
      v.error ? h('p', { className: 'form-error import-error' }, v.error.message) : null,
      (v.status === 'completed' || v.status === 'failed') && v.mode === 'all-or-nothing' && v.invalidRows
        ? h('p', { className: 'muted hint' }, t('nothingWritten'))
        : null,
    );
  };

  const renderRowErrors = async (v: ImportView) => {
    let errs: Schema<'ImportRowErrorsDto'>;
    try {
      errs = await api.GET('/api/imports/{id}/errors', { params: { path: { id: v.id } } });
    } catch {
      return;
    }
    append(
      status,
      h('h3', {}, t('rowErrors', { n: formatNumber(errs.total) })),
      h(
        'div',
        { className: 'actions' },
        h(
          'button',
          {
            type: 'button',
            className: 'download-errors',
            onclick: () =>
              download(
                api.file('/api/imports/{id}/errors', { params: { path: { id: v.id }, query: { format: 'xlsx' } } }),
                `loi-${v.id}.xlsx`,
              ).catch(() => undefined),
          },
          `⬇ ${t('downloadErrors')} (.xlsx)`,
        ),
        h(
          'button',
          {
            type: 'button',
            onclick: () =>
              download(
                api.file('/api/imports/{id}/errors', { params: { path: { id: v.id }, query: { format: 'csv' } } }),
                `loi-${v.id}.csv`,
              ).catch(() => undefined),
          },
          '.csv',
        ),
      ),
      h(
        'div',
        { className: 'table-wrap' },
        h(
          'table',
          { className: 'row-errors' },
          h('thead', {}, h('tr', {}, h('th', {}, t('row')), h('th', {}, t('column')), h('th', {}, t('message')))),
          h(
            'tbody',
            {},
            ...errs.items
              .slice(0, 200)
              .map((e) =>
                h(
                  'tr',
                  {},
                  h('td', { className: 'num' }, e.cell ?? String(e.row)),
                  h('td', {}, e.column),
                  h('td', {}, e.message),
                ),
              ),
          ),
        ),
      ),
      errs.items.length > 200 || errs.truncated ? h('p', { className: 'muted' }, t('moreErrors')) : null,
    );
  };

  root.append(form, status, templates);
}
