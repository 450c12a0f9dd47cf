// An agency user's weekly report (báo cáo tuần): the three texts and figures by product, sent for an
// ISO week; sending again replaces it (a new revision when something changed).
import { api, ApiError, download, multipart, type Schema } from '../api';
import { clear, h, listener } from '../dom';
import { Errors, field, flash, formShell, isWholeNumber, select, showErrors, showServerError, value } from '../forms';
import { getLang, t } from '../i18n';
import type { Ctx } from '../screen-context';
import { recentWeeks, weekTitle, when } from './agency-common';

const KG_FIELDS = [
  ['harvestedKg', 'agHarvestedKg'],
  ['soldKg', 'agSoldKg'],
  ['backlogKg', 'agBacklogKg'],
] as const;

export function agencyReportScreen(root: HTMLElement, ctx: Ctx): void {
  const status = h('p', { className: 'ag-status', role: 'status' });
  const lines = h('div', { className: 'ag-lines' });
  const products: Array<[string, string]> = [
    ['', t('agAllProducts')],
    ...ctx.products.map((p) => [p.code, getLang() === 'vi' ? p.nameVi : p.nameEn] as [string, string]),
  ];
  const weekSelect = select(
    recentWeeks(8).map((w) => [w, w] as [string, string]),
    recentWeeks(1)[0],
  );
  const textArea = (name: string) => h('textarea', { name, rows: 4, maxlength: 20000 });

  const addLine = (l?: Schema<'AgencyReportLineResponse'>) => {
    const row = h(
      'div',
      { className: 'ag-line' },
      h('label', {}, t('agProduct'), select(products, l?.productCode ?? '')),
      ...KG_FIELDS.map(([f, label]) =>
        h(
          'label',
          {},
          t(label),
          h('input', { type: 'number', min: 0, step: 1, inputmode: 'numeric', 'data-kg': f, value: l?.[f] ?? '' }),
        ),
      ),
      h(
        'label',
        {},
        t('agNote'),
        h('input', { type: 'text', 'data-note': '1', value: l?.note ?? '', maxlength: 2000 }),
      ),
      h('button', { type: 'button', className: 'link', onclick: () => row.remove() }, t('agRemoveLine')),
    );
    lines.append(row);
  };

  const form = formShell(
    'ag-form',
    h('h2', {}, t('agFormTitle')),
    h('p', { className: 'muted' }, t('agFormIntro')),
    field('week', t('agWeek'), weekSelect),
    status,
    field('situation', t('agSituation'), textArea('situation')),
    field('difficulties', t('agDifficulties'), textArea('difficulties')),
    field('proposals', t('agProposals'), textArea('proposals')),
    h(
      'div',
      { className: 'field', 'data-field': 'lines' },
      h('label', {}, t('agFigures')),
      lines,
      h('div', { className: 'field-error', role: 'alert' }),
    ),
    h(
      'div',
      { className: 'actions' },
      h('button', { type: 'button', onclick: () => addLine() }, t('agAddLine')),
      h('button', { type: 'submit', className: 'primary', 'data-action': 'send-report' }, t('agSubmit')),
    ),
  );

  const fill = (r: Schema<'AgencyReportResponse'> | null) => {
    for (const f of ['situation', 'difficulties', 'proposals'] as const)
      (form.querySelector(`[name="${f}"]`) as HTMLTextAreaElement).value = r?.[f] ?? '';
    clear(lines);
    for (const l of r?.lines ?? []) addLine(l);
    status.textContent = r
      ? t('agStatusSent', { at: when(r.submittedAt), revision: r.revision })
      : t('agStatusNotSent');
    status.dataset.sent = r ? 'yes' : 'no';
  };

  // The week's report overwrites the form when it arrives, so nothing can be typed until then (on a
  // slow phone connection that takes seconds, and what was typed would be lost).
  const setLoading = (loading: boolean) => {
    form.setAttribute('aria-busy', String(loading));
    for (const el of form.querySelectorAll<HTMLTextAreaElement | HTMLButtonElement>('textarea, button'))
      el.disabled = loading;
  };
  const load = async () => {
    const week = weekSelect.value;
    setLoading(true);
    try {
      const summary = await api.GET('/api/agency-reports', { params: { query: { week } } });
      (form.querySelector('.field[data-field="week"] label') as HTMLElement).textContent =
        `${t('agWeek')}: ${weekTitle(summary.week, summary.start, summary.end)}`;
      fill(summary.submitted[0] ?? null);
    } catch (err) {
      showServerError(form, err);
    } finally {
      setLoading(false);
    }
  };
  weekSelect.addEventListener('change', () => void load());

  form.addEventListener(
    'submit',
    listener(async (e) => {
      e.preventDefault();
      const errors: Errors = {};
      const body = {
        situation: value(form, 'situation'),
        difficulties: value(form, 'difficulties'),
        proposals: value(form, 'proposals'),
        lines: [...lines.querySelectorAll<HTMLElement>('.ag-line')].map((row) => {
          const line: Record<string, unknown> = {
            productCode: (row.querySelector('select') as HTMLSelectElement).value || null,
          };
          for (const [f] of KG_FIELDS) {
            const raw = (row.querySelector(`[data-kg="${f}"]`) as HTMLInputElement).value.trim();
            if (raw === '') continue;
            if (!isWholeNumber(raw, 0)) errors.lines = t('agErrKg');
            line[f] = Number(raw);
          }
          const note = (row.querySelector('[data-note]') as HTMLInputElement).value.trim();
          if (note) line.note = note;
          return line;
        }),
      };
      if (!body.situation && !body.difficulties && !body.proposals && !body.lines.length)
        errors.situation = t('agErrEmpty');
      if (Object.keys(errors).length) {
        showErrors(form, errors);
        return;
      }
      try {
        const res = await api.PUT('/api/agency-reports/{week}', { params: { path: { week: weekSelect.value } }, body });
        fill(res.report);
        flash(
          root,
          res.changed ? t('agSubmitted', { week: res.report.week, revision: res.report.revision }) : t('agUnchanged'),
        );
      } catch (err) {
        if (err instanceof ApiError) {
          // lines[0].soldKg → the figures field
          const mapped = new ApiError(
            err.status,
            err.code,
            err.message,
            err.details.map((d) => ({ ...d, field: d.field.startsWith('lines') ? 'lines' : d.field })),
          );
          showServerError(form, mapped);
          return;
        }
        showServerError(form, err);
      }
    }),
  );

  // The same report from the spreadsheet template, filled in offline.
  const fileInput = h('input', { type: 'file', accept: '.xlsx,.csv', name: 'file' });
  const sheetForm = formShell(
    'ag-sheet',
    h('h3', {}, t('agSheetTitle')),
    h('p', { className: 'muted' }, t('agSheetIntro')),
    h(
      'div',
      { className: 'actions' },
      h(
        'button',
        {
          type: 'button',
          'data-action': 'download-template',
          onclick: () =>
            void download(api.file('/api/agency-reports/template'), 'mau-bao-cao-tuan.xlsx').catch((err) =>
              showServerError(sheetForm, err),
            ),
        },
        t('agSheetTemplate'),
      ),
    ),
    field('file', t('agSheetFile'), fileInput),
    h(
      'div',
      { className: 'actions' },
      h('button', { type: 'submit', 'data-action': 'upload-report' }, t('agSheetUpload')),
    ),
  );
  sheetForm.addEventListener(
    'submit',
    listener(async (e) => {
      e.preventDefault();
      const file = fileInput.files?.[0];
      if (!file) {
        showErrors(sheetForm, { file: t('agSheetFile') });
        return;
      }
      const body = new FormData();
      body.append('file', file);
      try {
        const res = await api.PUT('/api/agency-reports/{week}/spreadsheet', {
          params: { path: { week: weekSelect.value } },
          body: multipart(body),
        });
        fill(res.report);
        flash(
          root,
          res.changed ? t('agSubmitted', { week: res.report.week, revision: res.report.revision }) : t('agUnchanged'),
        );
      } catch (err) {
        showServerError(sheetForm, err);
      }
    }),
  );

  root.append(form, sheetForm);
  void load();
}
