import { Actor, isStaff } from '../common/actor';
import { isDateOnly } from '../common/dates';
import { DomainError } from '../common/domain-error';
import { AGENCY_TASK_STATUSES, AgencyTaskStatus } from './agency-task.entity';

/** Where a task may go from each status, and who may move it there. */
const TRANSITIONS: Record<AgencyTaskStatus, Partial<Record<AgencyTaskStatus, 'anyone' | 'staff'>>> = {
  open: { in_progress: 'anyone', done: 'anyone', cancelled: 'staff' },
  in_progress: { open: 'anyone', done: 'anyone', cancelled: 'staff' },
  // Reopened when the work turns out unfinished.
  done: { in_progress: 'anyone' },
  cancelled: { open: 'staff' },
};

export function allowedNextStatuses(from: AgencyTaskStatus, actor: Actor): AgencyTaskStatus[] {
  return (Object.entries(TRANSITIONS[from]) as Array<[AgencyTaskStatus, 'anyone' | 'staff']>)
    .filter(([, who]) => who === 'anyone' || isStaff(actor))
    .map(([s]) => s);
}

export function assertTransition(from: AgencyTaskStatus, to: AgencyTaskStatus, actor: Actor): void {
  if (!AGENCY_TASK_STATUSES.includes(to))
    throw DomainError.invalid(
      'AGENCY_TASK.INVALID_STATUS',
      'status',
      `status must be one of ${AGENCY_TASK_STATUSES.join(', ')}`,
    );
  if (from === to) return;
  const who = TRANSITIONS[from][to];
  if (!who) {
    throw new DomainError(
      'conflict',
      'AGENCY_TASK.INVALID_TRANSITION',
      `a task ${from} cannot become ${to} (allowed: ${Object.keys(TRANSITIONS[from]).join(', ') || 'none'})`,
      {
        field: 'status',
        from,
        to,
      },
    );
  }
  if (who === 'staff' && !isStaff(actor))
    throw new DomainError('forbidden', 'AGENCY_TASK.FORBIDDEN', `only staff may move a task from ${from} to ${to}`, {
      field: 'status',
    });
}

export function normalizeTaskTitle(title: unknown): string {
  const v = String(title ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!v) throw DomainError.invalid('AGENCY_TASK.TITLE_REQUIRED', 'title', 'title must not be empty');
  if (v.length > 300)
    throw DomainError.invalid('AGENCY_TASK.TITLE_TOO_LONG', 'title', 'title must be at most 300 characters');
  return v;
}

export function normalizeTaskNotes(notes: unknown): string {
  const v = String(notes ?? '')
    .replace(/\r\n?/g, '\n')
    .trim();
  if (v.length > 20_000)
    throw DomainError.invalid('AGENCY_TASK.NOTES_TOO_LONG', 'notes', 'notes must be at most 20000 characters');
  return v;
}

export function assertDueOn(dueOn: string | null | undefined): string | null {
  if (dueOn === null || dueOn === undefined) return null;
  if (!isDateOnly(dueOn) || dueOn < '2000-01-01' || dueOn > '2100-12-31')
    throw DomainError.invalid(
      'AGENCY_TASK.INVALID_DUE_DATE',
      'dueOn',
      'dueOn must be a date YYYY-MM-DD between 2000 and 2100',
    );
  return dueOn;
}
