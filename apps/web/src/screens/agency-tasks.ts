// Tasks given to agencies (nhiệm vụ): staff assign them; the agency moves its own along with notes.
import { api, getSession, type Schema } from '../api';
import { clear, h, listener } from '../dom';
import { Errors, field, flash, formShell, input, select, showErrors, showServerError, value } from '../forms';
import { t } from '../i18n';
import { AgencyListItem, loadAgencies, taskStatusLabel, todayVn } from './agency-common';

const STATUSES = ['open', 'in_progress', 'done', 'cancelled'];

export function agencyTasksScreen(root: HTMLElement): void {
  const staff = getSession()?.user.role !== 'agency';
  const list = h('div', { className: 'task-list' });
  const filter = select(
    [['', t('taskAllStatuses')], ...STATUSES.map((s) => [s, taskStatusLabel(s)] as [string, string])],
    '',
  );
  filter.addEventListener('change', () => void load());
  root.append(h('h2', {}, staff ? t('tasksTitle') : t('myTasksTitle')));

  const load = async () => {
    try {
      const page = await api.GET('/api/tasks', {
        params: {
          query: { status: (filter.value || undefined) as Schema<'TaskResponse'>['status'] | undefined, limit: 200 },
        },
      });
      clear(list);
      list.append(...(page.items.length ? page.items.map(card) : [h('p', { className: 'muted' }, t('taskNone'))]));
    } catch (err) {
      list.append(h('p', { className: 'form-error' }, String((err as Error).message)));
    }
  };

  const card = (task: Schema<'TaskResponse'>) => {
    const overdue = task.dueOn && task.dueOn < todayVn() && (task.status === 'open' || task.status === 'in_progress');
    const form = formShell(
      'task-card',
      h(
        'h3',
        {},
        task.title,
        ' ',
        h(
          'span',
          { className: `badge status-${task.status}`, 'data-status': task.status },
          taskStatusLabel(task.status),
        ),
        task.dueOn
          ? h(
              'span',
              { className: overdue ? 'badge warn' : 'muted' },
              ` ${t('taskDue', { date: task.dueOn })}${overdue ? ` · ${t('taskOverdue')}` : ''}`,
            )
          : null,
      ),
      staff ? h('p', { className: 'muted' }, `${t('taskAssignee')}: ${task.assignee.name}`) : null,
      field(
        'status',
        t('taskStatus'),
        select(
          [
            [task.status, taskStatusLabel(task.status)],
            ...task.nextStatuses.map((s) => [s, taskStatusLabel(s)] as [string, string]),
          ],
          task.status,
        ),
      ),
      field('notes', t('taskNotes'), h('textarea', { rows: 3, maxlength: 20000 }, task.notes)),
      h('div', { className: 'actions' }, h('button', { type: 'submit', 'data-action': 'save-task' }, t('taskSave'))),
    );
    form.dataset.task = task.id;
    form.addEventListener(
      'submit',
      listener(async (e) => {
        e.preventDefault();
        const patch: Record<string, string> = {};
        if (value(form, 'status') !== task.status) patch.status = value(form, 'status');
        if (value(form, 'notes') !== task.notes) patch.notes = value(form, 'notes');
        try {
          const saved = await api.PATCH('/api/tasks/{id}', { params: { path: { id: task.id } }, body: patch });
          form.replaceWith(card(saved));
          flash(root, t('taskSaved'));
        } catch (err) {
          showServerError(form, err);
        }
      }),
    );
    return form;
  };

  if (staff) void createForm(root, () => void load());
  root.append(field('filter', t('taskStatus'), filter), list);
  void load();
}

async function createForm(root: HTMLElement, reload: () => void): Promise<void> {
  let agencies: AgencyListItem[] = [];
  try {
    agencies = (await loadAgencies()).filter((a) => a.active);
  } catch {
    /* the list below still loads */
  }
  const form = formShell(
    'task-create',
    h('h3', {}, t('taskCreate')),
    field('title', t('taskTitle'), input('text', { maxlength: 300, required: true })),
    field(
      'assigneeAgencyId',
      t('taskAssignee'),
      select([['', t('agencyPick')], ...agencies.map((a) => [a.id, a.name] as [string, string])], ''),
    ),
    field('dueOn', t('taskDueOn'), input('date')),
    field('notes', t('taskNotes'), h('textarea', { rows: 2, maxlength: 20000 })),
    h(
      'div',
      { className: 'actions' },
      h('button', { type: 'submit', className: 'primary', 'data-action': 'create-task' }, t('taskCreate')),
    ),
  );
  form.addEventListener(
    'submit',
    listener(async (e) => {
      e.preventDefault();
      const errors: Errors = {};
      if (!value(form, 'title')) errors.title = t('agErrTitle');
      if (!value(form, 'assigneeAgencyId')) errors.assigneeAgencyId = t('agErrAssignee');
      if (Object.keys(errors).length) {
        showErrors(form, errors);
        return;
      }
      try {
        await api.POST('/api/tasks', {
          body: {
            title: value(form, 'title'),
            assigneeAgencyId: value(form, 'assigneeAgencyId'),
            ...(value(form, 'dueOn') ? { dueOn: value(form, 'dueOn') } : {}),
            notes: value(form, 'notes'),
          },
        });
        form.reset();
        flash(root, t('taskCreated'));
        reload();
      } catch (err) {
        showServerError(form, err);
      }
    }),
  );
  root.querySelector('h2')?.after(form);
}
