// Báo cáo đột xuất: an agency reports one event with its own subject and date; staff read them all.
import { api, getSession } from '../api';
import { clear, h, listener } from '../dom';
import { Errors, field, flash, formShell, input, showErrors, showServerError, value } from '../forms';
import { t } from '../i18n';
import { todayVn, when } from './agency-common';

export function adHocReportsScreen(root: HTMLElement): void {
  const isAgency = getSession()?.user.role === 'agency';
  const list = h('div', { className: 'adhoc-list' });
  root.append(h('h2', {}, t('adHocTitle')));
  if (isAgency) {
    const form = formShell(
      'adhoc-form',
      h('p', { className: 'muted' }, t('adHocIntro')),
      field('subject', t('adHocSubject'), input('text', { maxlength: 300, required: true })),
      field('reportedOn', t('adHocDate'), input('date', { value: todayVn(), max: todayVn(), required: true })),
      field('content', t('adHocContent'), h('textarea', { rows: 6, maxlength: 20000 })),
      h(
        'div',
        { className: 'actions' },
        h('button', { type: 'submit', className: 'primary', 'data-action': 'send-adhoc' }, t('adHocSubmit')),
      ),
    );
    form.addEventListener(
      'submit',
      listener(async (e) => {
        e.preventDefault();
        const errors: Errors = {};
        if (!value(form, 'subject')) errors.subject = t('agErrSubject');
        if (!value(form, 'reportedOn')) errors.reportedOn = t('agErrDate');
        if (!value(form, 'content')) errors.content = t('agErrContent');
        if (Object.keys(errors).length) {
          showErrors(form, errors);
          return;
        }
        try {
          await api.POST('/api/ad-hoc-reports', {
            body: {
              subject: value(form, 'subject'),
              reportedOn: value(form, 'reportedOn'),
              content: value(form, 'content'),
            },
          });
          form.reset();
          (form.querySelector('[name="reportedOn"]') as HTMLInputElement).value = todayVn();
          flash(root, t('adHocSent'));
          void load();
        } catch (err) {
          showServerError(form, err);
        }
      }),
    );
    root.append(form);
  }
  root.append(h('h3', {}, t('adHocList')), list);

  const load = async () => {
    try {
      const page = await api.GET('/api/ad-hoc-reports', { params: { query: { limit: 100 } } });
      clear(list);
      list.append(
        ...(page.items.length
          ? page.items.map((r) =>
              h(
                'details',
                { className: 'adhoc-item' },
                h('summary', {}, h('strong', {}, r.subject), ` · ${r.reportedOn} · ${r.agency.name}`),
                h('p', { className: 'pre' }, r.content),
                h('p', { className: 'muted' }, when(r.createdAt)),
              ),
            )
          : [h('p', { className: 'muted' }, t('adHocNone'))]),
      );
    } catch (err) {
      list.append(h('p', { className: 'form-error' }, String((err as Error).message)));
    }
  };
  void load();
}
