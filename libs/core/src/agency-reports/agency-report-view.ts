// What the agency-report routes answer: plain types, shared by the service and the web app.

export interface AgencyRef {
  id: string;
  name: string;
  kind: 'department' | 'commune' | 'other';
  administrativeUnitId: string | null;
}

export interface AgencyReportLineView {
  productCode: string | null;
  /** The product's Vietnamese name; null on the agency's all-products line. */
  productName: string | null;
  harvestedKg: number | null;
  soldKg: number | null;
  backlogKg: number | null;
  note: string | null;
}

export interface AgencyReportView {
  id: string;
  week: string;
  agency: AgencyRef;
  situation: string;
  difficulties: string;
  proposals: string;
  lines: AgencyReportLineView[];
  revision: number;
  source: 'form' | 'spreadsheet';
  submittedAt: Date;
  submittedByUserId: string | null;
}

export interface MissingAgencyView {
  agency: AgencyRef;
  /** The last reminder sent about this week, if any. */
  lastRemindedAt: Date | null;
  reminderCount: number;
}

/** Who has and has not sent the week's report: what staff chase and what the consolidated report reads. */
export interface AgencyWeekSummary {
  week: string;
  /** Monday and Sunday of the ISO week. */
  start: string;
  end: string;
  submitted: AgencyReportView[];
  missing: MissingAgencyView[];
}

export interface SubmitResult {
  report: AgencyReportView;
  /** false when the same content was sent again (nothing changed, no new revision). */
  changed: boolean;
  created: boolean;
}

export interface AdHocReportView {
  id: string;
  agency: AgencyRef;
  subject: string;
  reportedOn: string;
  content: string;
  submittedByUserId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ReminderScheduleView {
  configured: boolean;
  weekday: number | null;
  hour: number | null;
  minute: number | null;
  timezone: string;
  paused: boolean;
  /** The cron pattern the scheduler runs (minute hour * * weekday). */
  cron: string | null;
  lastFiredAt: Date | null;
  updatedAt: Date | null;
}

export type AgencyTaskStatusName = 'open' | 'in_progress' | 'done' | 'cancelled';

export interface AgencyTaskView {
  id: string;
  title: string;
  assignee: AgencyRef;
  dueOn: string | null;
  status: AgencyTaskStatusName;
  notes: string;
  /** Statuses the caller may move the task to now. */
  nextStatuses: AgencyTaskStatusName[];
  createdByUserId: string | null;
  createdAt: Date;
  updatedAt: Date;
}
