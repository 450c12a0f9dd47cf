// Staff: who has and has not sent the week's report, each report's texts and figures, a reminder to
// the missing agencies now, and the weekday and hour they are reminded automatically.
import { api, type Schema } from '../api';
import { clear, h, listener } from '../dom';
import { field, flash, formShell, input, select, showServerError, value } from '../forms';
import { t } from '../i18n';
import { kg, kindLabel, recentWeeks, weekdayLabel, weekTitle, when } from './agency-common';

export function agencyReportsStaffScreen(root: HTMLElement): void {
  const weeks = recentWeeks(12);
  const weekSelect = select(
    weeks.map((w) => [w, w] as [string, string]),
    weeks[0],
  );
  const heading = h('h3', {});
  const submitted = h('div', { className: 'ag-submitted' });
  const missing = h('div', { className: 'ag-missing' });
  const picker = formShell(
    'ag-week-form',
    h('h2', {}, t('agStaffTitle')),
    field('week', t('agWeek'), weekSelect),
    h('div', { className: 'actions' }, h('button', { type: 'submit' }, t('agShowWeek'))),
  );
  picker.addEventListener('submit', (e) => {
    e.preventDefault();
    void load();
  });
  weekSelect.addEventListener('change', () => void load());

  const remind = async (agencyIds?: string[]) => {
    try {
      const res = await api.POST('/api/agency-reports/reminders', {
        body: { week: weekSelect.value, ...(agencyIds ? { agencyIds } : {}) },
      });
      flash(root, t('agReminded', { n: res.reminded.length }));
      await load();
    } catch (err) {
      showServerError(picker, err);
    }
  };

  const reportCard = (r: Schema<'AgencyReportResponse'>) =>
    h(
      'details',
      { className: 'ag-report', 'data-agency': r.agency.id },
      h(
        'summary',
        {},
        h('strong', {}, r.agency.name),
        ` · ${kindLabel(r.agency.kind)} · `,
        h('span', { className: 'muted' }, t('agRevision', { revision: r.revision, at: when(r.submittedAt) })),
      ),
      ...(
        [
          ['agSituation', r.situation],
          ['agDifficulties', r.difficulties],
          ['agProposals', r.proposals],
        ] as const
      ).map(([label, text]) =>
        text ? h('div', { className: 'ag-text' }, h('h4', {}, t(label)), h('p', { className: 'pre' }, text)) : null,
      ),
      r.lines.length
        ? h(
            'table',
            { className: 'ag-figures' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', {}, t('agProduct')),
                h('th', {}, t('agHarvestedKg')),
                h('th', {}, t('agSoldKg')),
                h('th', {}, t('agBacklogKg')),
                h('th', {}, t('agNote')),
              ),
            ),
            h(
              'tbody',
              {},
              ...r.lines.map((l) =>
                h(
                  'tr',
                  {},
                  h('td', {}, l.productName ?? t('agAllProducts')),
                  h('td', {}, kg(l.harvestedKg)),
                  h('td', {}, kg(l.soldKg)),
                  h('td', {}, kg(l.backlogKg)),
                  h('td', {}, l.note ?? ''),
                ),
              ),
            ),
          )
        : null,
    );

  const missingRow = (m: Schema<'MissingAgencyResponse'>) =>
    h(
      'li',
      { className: 'ag-missing-item', 'data-agency': m.agency.id },
      h('strong', {}, m.agency.name),
      ` · ${kindLabel(m.agency.kind)} · `,
      h(
        'span',
        { className: 'muted' },
        m.reminderCount
          ? t('agLastReminded', { n: m.reminderCount, at: when(m.lastRemindedAt) })
          : t('agNeverReminded'),
      ),
      ' ',
      h(
        'button',
        { type: 'button', 'data-action': 'remind', onclick: () => void remind([m.agency.id]) },
        t('agRemind'),
      ),
    );

  const load = async () => {
    try {
      const s = await api.GET('/api/agency-reports', { params: { query: { week: weekSelect.value } } });
      heading.textContent = weekTitle(s.week, s.start, s.end);
      clear(submitted);
      clear(missing);
      submitted.append(
        h('h3', {}, t('agSubmittedList', { n: s.submitted.length })),
        ...(s.submitted.length ? s.submitted.map(reportCard) : [h('p', { className: 'muted' }, t('agNoneSubmitted'))]),
      );
      missing.append(
        h('h3', {}, t('agMissingList', { n: s.missing.length })),
        s.missing.length
          ? h('ul', {}, ...s.missing.map(missingRow))
          : h('p', { className: 'muted' }, t('agNoneMissing')),
      );
      if (s.missing.length)
        missing.append(
          h(
            'button',
            { type: 'button', className: 'primary', 'data-action': 'remind-all', onclick: () => void remind() },
            t('agRemindAll'),
          ),
        );
    } catch (err) {
      showServerError(picker, err);
    }
  };

  root.append(picker, heading, missing, submitted, scheduleForm());
  void load();
}

function scheduleForm(): HTMLElement {
  const note = h('p', { className: 'muted ag-schedule-state', role: 'status' });
  const form = formShell(
    'ag-schedule',
    h('h3', {}, t('agScheduleTitle')),
    note,
    field(
      'weekday',
      t('agWeekday'),
      select(
        [1, 2, 3, 4, 5, 6, 7].map((d) => [String(d), weekdayLabel(d)] as [string, string]),
        '5',
      ),
    ),
    field('hour', t('agHour'), input('number', { min: 0, max: 23, step: 1, value: 9 })),
    field('minute', t('agMinute'), input('number', { min: 0, max: 59, step: 1, value: 0 })),
    h('label', { className: 'check' }, h('input', { type: 'checkbox', name: 'paused' }), t('agPaused')),
    h(
      'div',
      { className: 'actions' },
      h('button', { type: 'submit', 'data-action': 'save-schedule' }, t('agSaveSchedule')),
    ),
  );
  const show = (s: Schema<'ReminderScheduleResponse'>) => {
    if (!s.configured) note.textContent = t('agScheduleNone');
    else if (s.paused) note.textContent = t('agScheduleOff');
    else
      note.textContent = t('agScheduleSaved', {
        time: `${String(s.hour).padStart(2, '0')}:${String(s.minute).padStart(2, '0')}`,
        weekday: weekdayLabel(s.weekday!),
      });
    if (s.configured) {
      (form.querySelector('[name="weekday"]') as HTMLSelectElement).value = String(s.weekday);
      (form.querySelector('[name="hour"]') as HTMLInputElement).value = String(s.hour);
      (form.querySelector('[name="minute"]') as HTMLInputElement).value = String(s.minute);
      (form.querySelector('[name="paused"]') as HTMLInputElement).checked = s.paused;
    }
  };
  form.addEventListener(
    'submit',
    listener(async (e) => {
      e.preventDefault();
      try {
        show(
          await api.PUT('/api/agency-reports/reminder-schedule', {
            body: {
              weekday: Number(value(form, 'weekday')),
              hour: Number(value(form, 'hour')),
              minute: Number(value(form, 'minute') || 0),
              paused: (form.querySelector('[name="paused"]') as HTMLInputElement).checked,
            },
          }),
        );
      } catch (err) {
        showServerError(form, err);
      }
    }),
  );
  void api.GET('/api/agency-reports/reminder-schedule').then(show, (err) => showServerError(form, err));
  return form;
}
