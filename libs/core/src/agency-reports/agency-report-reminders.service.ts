import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { JobName, QueueName, RemindAgencyReportsPayload } from '@agrilink/queue';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { assertNational } from '../common/territory/province-scope';
import { assertEntityInProvinces } from '../common/territory/row-provinces';
import { DomainError, messageOf } from '../common/domain-error';
import { assertStaff } from '../common/registry';
import { assertTimezone, dayIn, DEFAULT_SCHEDULE_TIMEZONE } from '../matching-schedules/matching-schedule.rules';
import { NotificationKind } from '../notifications/notification-messages';
import { NotificationsService } from '../notifications/notifications.service';
import { isoWeekOf, parseIsoWeek } from '../reports/iso-week';
import { AgencyReportReminderSchedule } from './agency-report.entity';
import { AgencyRef, AgencyReportsService } from './agency-reports.service';
import type { ReminderScheduleView } from './agency-report-view';
export type { ReminderScheduleView } from './agency-report-view';

/** BullMQ job scheduler id of the weekly reminder. Renaming it leaves the old one firing in Redis. */
export const AGENCY_REMINDER_SCHEDULER = 'agency-reports:remind';

export interface ReminderScheduleInput {
  /** ISO weekday: 1 Monday … 7 Sunday. */
  weekday: number;
  hour: number;
  minute?: number;
  timezone?: string;
  paused?: boolean;
}

export interface ReminderResult {
  week: string;
  reminded: AgencyRef[];
}

/**
 * Đôn đốc: reminders to the agencies whose weekly report is missing, sent by staff now or by a
 * BullMQ job scheduler on the weekday and hour staff set. Each reminder is one notification to
 * the agency (all its users read it; e-mail and the other channels follow their preferences).
 */
@Injectable()
export class AgencyReportRemindersService {
  private readonly log = new Logger('AgencyReportReminders');

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly reports: AgencyReportsService,
    private readonly notifications: NotificationsService,
    @InjectQueue(QueueName.Schedules) private readonly queue: Queue<RemindAgencyReportsPayload>,
  ) {}

  /** Staff remind now: every missing agency of the week, or those named (each must be missing). */
  async remindNow(actor: Actor, weekLabel: string, agencyIds?: string[]): Promise<ReminderResult> {
    assertStaff(actor, 'AGENCY_REPORT', 'remind agencies or set the reminder schedule');
    const week = parseIsoWeek(weekLabel).label;
    // Province staff remind their provinces' agencies only.
    for (const id of new Set(agencyIds ?? []))
      await assertEntityInProvinces(this.dataSource.manager, actor, 'agency', id, 'AGENCY_REPORT');
    const missing = (await this.reports.overview(actor, week)).missing.map((m) => m.agency);
    let targets = missing;
    if (agencyIds?.length) {
      const byId = new Map(missing.map((a) => [a.id, a]));
      const notMissing = agencyIds.filter((id) => !byId.has(id));
      if (notMissing.length) {
        throw DomainError.invalid(
          'AGENCY_REPORT.NOT_MISSING',
          'agencyIds',
          `agencyIds: ${notMissing.join(', ')} owe no report for ${week} (already sent, inactive or unknown)`,
        );
      }
      targets = [...new Set(agencyIds)].flatMap((id) => byId.get(id) ?? []);
    }
    await this.dataSource.transaction(async (em) => {
      for (const a of targets) {
        await em.query(
          `INSERT INTO agency_report_reminders (week, agency_id, trigger, sent_by_user_id) VALUES ($1, $2, 'manual', $3)`,
          [week, a.id, actor.userId],
        );
      }
      await this.notify(em, week, targets);
      if (targets.length)
        await this.audit.record(em, actor, 'remind', 'agency_report_week', week, {
          agencyIds: targets.map((a) => a.id),
        });
    });
    return { week, reminded: targets };
  }

  /**
   * One scheduled iteration (the worker's call): the week of that day in the schedule's time zone,
   * each missing agency reminded once per iteration, even when the job is retried.
   */
  async fireScheduled(scheduledFor: Date): Promise<ReminderResult | null> {
    const s = await this.dataSource.manager.findOneBy(AgencyReportReminderSchedule, { id: 1 });
    if (!s || s.paused) return null;
    const week = isoWeekOf(dayIn(s.timezone, scheduledFor)).label;
    const missing = (await this.reports.forWeek(week)).missing.map((m) => m.agency);
    const reminded = await this.dataSource.transaction(async (em) => {
      const fresh: AgencyRef[] = [];
      for (const a of missing) {
        const rows = await em.query<Array<{ id: string }>>(
          `INSERT INTO agency_report_reminders (week, agency_id, trigger, scheduled_for) VALUES ($1, $2, 'scheduled', $3)
           ON CONFLICT (agency_id, scheduled_for) WHERE scheduled_for IS NOT NULL DO NOTHING RETURNING id`,
          [week, a.id, scheduledFor],
        );
        if (rows.length) fresh.push(a);
      }
      await this.notify(em, week, fresh);
      await em.query(`UPDATE agency_report_reminder_schedules SET last_fired_at = $1 WHERE id = 1`, [scheduledFor]);
      return fresh;
    });
    return { week, reminded };
  }

  async getSchedule(): Promise<ReminderScheduleView> {
    return toScheduleView(await this.dataSource.manager.findOneBy(AgencyReportReminderSchedule, { id: 1 }));
  }

  async setSchedule(actor: Actor, input: ReminderScheduleInput): Promise<ReminderScheduleView> {
    assertStaff(actor, 'AGENCY_REPORT', 'remind agencies or set the reminder schedule');
    assertNational(actor, 'AGENCY_REPORT', 'the reminder schedule');
    const timezone = input.timezone ?? DEFAULT_SCHEDULE_TIMEZONE;
    assertTimezone(timezone);
    const check = (field: string, v: number, min: number, max: number) => {
      if (!Number.isInteger(v) || v < min || v > max)
        throw DomainError.invalid(
          'AGENCY_REPORT.INVALID_SCHEDULE',
          field,
          `${field} must be a whole number from ${min} to ${max}`,
        );
    };
    check('weekday', input.weekday, 1, 7);
    check('hour', input.hour, 0, 23);
    check('minute', input.minute ?? 0, 0, 59);
    const saved = await this.dataSource.transaction(async (em) => {
      const before = await em.findOne(AgencyReportReminderSchedule, {
        where: { id: 1 },
        lock: { mode: 'pessimistic_write' },
      });
      await em.query(
        `INSERT INTO agency_report_reminder_schedules (id, weekday, hour, minute, timezone, paused, updated_by_user_id, updated_at)
         VALUES (1, $1, $2, $3, $4, $5, $6, now())
         ON CONFLICT (id) DO UPDATE SET weekday = EXCLUDED.weekday, hour = EXCLUDED.hour, minute = EXCLUDED.minute, timezone = EXCLUDED.timezone,
           paused = EXCLUDED.paused, updated_by_user_id = EXCLUDED.updated_by_user_id, updated_at = now()`,
        [input.weekday, input.hour, input.minute ?? 0, timezone, input.paused ?? false, actor.userId],
      );
      const after = await em.findOneByOrFail(AgencyReportReminderSchedule, { id: 1 });
      await this.audit.record(
        em,
        actor,
        before ? 'update' : 'create',
        'agency_report_reminder_schedule',
        '1',
        this.audit.diff(before ?? {}, after, ['weekday', 'hour', 'minute', 'timezone', 'paused']),
      );
      return after;
    });
    // Recorded first: if Redis is away now, the worker's reconcile (at start and every minute) catches up.
    await this.reconcile().catch((e: unknown) =>
      this.log.warn(`reminder scheduler not registered yet: ${messageOf(e)}`),
    );
    return toScheduleView(saved);
  }

  /** Makes Redis agree with PostgreSQL: the scheduler exists exactly when an active schedule does. */
  async reconcile(): Promise<void> {
    const s = await this.dataSource.manager.findOneBy(AgencyReportReminderSchedule, { id: 1 });
    if (!s || s.paused) {
      await this.queue.removeJobScheduler(AGENCY_REMINDER_SCHEDULER);
      return;
    }
    await this.queue.upsertJobScheduler(
      AGENCY_REMINDER_SCHEDULER,
      { pattern: cronOf(s), tz: s.timezone },
      {
        name: JobName.RemindAgencyReports,
        data: {},
        opts: { attempts: 5, backoff: { type: 'exponential', delay: 2000 } },
      },
    );
  }

  private async notify(em: EntityManager, week: string, agencies: AgencyRef[]): Promise<void> {
    const w = parseIsoWeek(week);
    await this.notifications.notify(
      em,
      agencies.map((a) => ({
        audience: 'agency' as const,
        audienceId: a.id,
        kind: NotificationKind.AgencyReportReminder,
        title: `Nhắc gửi báo cáo tuần ${week}`,
        body: `${a.name} chưa gửi báo cáo tuần ${week} (${w.start} – ${w.end}) cho Sở Công Thương. Vui lòng gửi tình hình, khó khăn, đề xuất và số liệu trên AgriLink.`,
        data: { week, agencyId: a.id },
      })),
    );
  }
}

/** minute hour * * weekday, with Sunday as cron's 0. */
function cronOf(s: { weekday: number; hour: number; minute: number }): string {
  return `${s.minute} ${s.hour} * * ${s.weekday % 7}`;
}

function toScheduleView(s: AgencyReportReminderSchedule | null): ReminderScheduleView {
  if (!s)
    return {
      configured: false,
      weekday: null,
      hour: null,
      minute: null,
      timezone: DEFAULT_SCHEDULE_TIMEZONE,
      paused: true,
      cron: null,
      lastFiredAt: null,
      updatedAt: null,
    };
  return {
    configured: true,
    weekday: s.weekday,
    hour: s.hour,
    minute: s.minute,
    timezone: s.timezone,
    paused: s.paused,
    cron: cronOf(s),
    lastFiredAt: s.lastFiredAt,
    updatedAt: s.updatedAt,
  };
}
