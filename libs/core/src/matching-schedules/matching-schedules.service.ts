import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource, Repository } from 'typeorm';
import { FireMatchingSchedulePayload, JobName, QueueName } from '@agrilink/queue';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import {
  assertCoversAllProvinces,
  provinceSubsetCondition,
  scopedProvinceCodes,
} from '../common/territory/province-scope';
import { DomainError, messageOf } from '../common/domain-error';
import { Page, PageQuery } from '../common/page';
import { paginate } from '../common/paginate';
import { MatchingRunOptions, matchingScopeKey } from '../matching-runs/matching-run.entity';
import { MatchingRunsService } from '../matching-runs/matching-runs.service';
import { MatchingSchedule } from './matching-schedule.entity';
import { assertCron, assertTimezone, dayIn, DEFAULT_SCHEDULE_TIMEZONE } from './matching-schedule.rules';

export interface MatchingScheduleInput {
  cron: string;
  timezone?: string;
  scope?: { products?: string[]; provinceCodes?: string[] };
  objective?: MatchingRunOptions['objective'];
  scenario?: MatchingRunOptions['scenario'];
  params?: MatchingRunOptions['params'];
}

export interface MatchingScheduleView {
  id: string;
  cron: string;
  timezone: string;
  scope: { products: string[]; provinceCodes: string[] };
  scopeKey: string;
  options: MatchingRunOptions;
  paused: boolean;
  /** Next firing when active (from the cron pattern), null when paused. */
  nextRunAt: Date | null;
  lastFiredAt: Date | null;
  lastRunId: string | null;
  createdByUserId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toMatchingScheduleView(s: MatchingSchedule): MatchingScheduleView {
  let nextRunAt: Date | null = null;
  if (!s.paused) {
    try {
      nextRunAt = assertCron(s.cron, s.timezone);
    } catch {
      nextRunAt = null;
    }
  }
  return {
    id: s.id,
    cron: s.cron,
    timezone: s.timezone,
    scope: { products: s.options.products ?? [], provinceCodes: s.options.provinceCodes ?? [] },
    scopeKey: s.scopeKey,
    options: s.options,
    paused: s.paused,
    nextRunAt,
    lastFiredAt: s.lastFiredAt,
    lastRunId: s.lastRunId,
    createdByUserId: s.createdByUserId,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

/** BullMQ job scheduler id of a schedule. Renaming it strands the schedulers already in Redis. */
export const schedulerIdOf = (scheduleId: string) => `matching-schedule:${scheduleId}`;

/**
 * Recurring matching runs (staff). Each active schedule is one BullMQ job scheduler: Redis makes one
 * job per iteration whatever the number of api and worker processes, and the run row is unique per
 * (schedule, iteration time) in PostgreSQL, so even a job retried after a crash yields one run.
 */
@Injectable()
export class MatchingSchedulesService {
  private readonly log = new Logger('MatchingSchedules');

  constructor(
    @InjectRepository(MatchingSchedule) private readonly schedules: Repository<MatchingSchedule>,
    @InjectQueue(QueueName.Schedules) private readonly queue: Queue<FireMatchingSchedulePayload>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly runs: MatchingRunsService,
  ) {}

  async create(actor: Actor, input: MatchingScheduleInput): Promise<MatchingScheduleView> {
    const timezone = input.timezone ?? DEFAULT_SCHEDULE_TIMEZONE;
    assertTimezone(timezone);
    const cron = input.cron.trim().replace(/\s+/g, ' ');
    assertCron(cron, timezone);
    const provinceCodes = scopedProvinceCodes(
      actor,
      input.scope?.provinceCodes,
      'MATCHING_SCHEDULE',
      'scope.provinceCodes',
    );
    const options = await this.runs.cleanOptions({
      ...(input.objective ? { objective: input.objective } : {}),
      ...(input.scenario ? { scenario: input.scenario } : {}),
      ...(input.scope?.products?.length ? { products: input.scope.products } : {}),
      ...(provinceCodes ? { provinceCodes } : {}),
      ...(input.params ? { params: input.params } : {}),
    });
    const saved = await this.dataSource.transaction(async (em) => {
      const s = await em.save(
        em.create(MatchingSchedule, {
          cron,
          timezone,
          options,
          scopeKey: matchingScopeKey(options),
          paused: false,
          createdByUserId: actor.userId,
        }),
      );
      await this.audit.record(em, actor, 'create', 'matching_schedule', s.id, { cron, timezone, options });
      return s;
    });
    // Recorded first: if Redis is away now, the worker's reconcile at start (and every minute) adds it.
    await this.upsertScheduler(saved).catch((e: unknown) =>
      this.log.warn(`scheduler for ${saved.id} not registered yet: ${messageOf(e)}`),
    );
    return toMatchingScheduleView(saved);
  }

  list(filter: PageQuery & { paused?: boolean }, actor?: Actor): Promise<Page<MatchingScheduleView>> {
    const qb = this.schedules.createQueryBuilder('s').orderBy('s.createdAt', 'DESC').addOrderBy('s.id', 'ASC');
    const scope = provinceSubsetCondition(
      actor,
      `ARRAY(SELECT jsonb_array_elements_text(COALESCE(s.options->'provinceCodes', '[]'::jsonb)))`,
    );
    if (scope) qb.andWhere(scope.sql, scope.params);
    if (filter.paused !== undefined) qb.andWhere('s.paused = :paused', { paused: filter.paused });
    return paginate(qb, filter, toMatchingScheduleView);
  }

  async get(id: string, actor?: Actor): Promise<MatchingScheduleView> {
    const s = await this.load(id);
    if (actor) assertCoversAllProvinces(actor, s.options.provinceCodes ?? [], 'MATCHING_SCHEDULE');
    return toMatchingScheduleView(s);
  }

  async setPaused(actor: Actor, id: string, paused: boolean): Promise<MatchingScheduleView> {
    const s = await this.dataSource.transaction(async (em) => {
      const row = await em.findOne(MatchingSchedule, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw DomainError.notFound('MATCHING_SCHEDULE', id);
      assertCoversAllProvinces(actor, row.options.provinceCodes ?? [], 'MATCHING_SCHEDULE');
      if (row.paused !== paused) {
        row.paused = paused;
        await em.save(row);
        await this.audit.record(em, actor, paused ? 'pause' : 'resume', 'matching_schedule', id, {
          paused: [!paused, paused],
        });
      }
      return row;
    });
    if (paused) await this.removeScheduler(id);
    else
      await this.upsertScheduler(s).catch((e: unknown) =>
        this.log.warn(`scheduler for ${id} not registered yet: ${messageOf(e)}`),
      );
    return toMatchingScheduleView(s);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const row = await em.findOne(MatchingSchedule, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw DomainError.notFound('MATCHING_SCHEDULE', id);
      assertCoversAllProvinces(actor, row.options.provinceCodes ?? [], 'MATCHING_SCHEDULE');
      await em.delete(MatchingSchedule, { id });
      await this.audit.record(em, actor, 'delete', 'matching_schedule', id, {
        cron: row.cron,
        timezone: row.timezone,
        options: row.options,
      });
    });
    await this.removeScheduler(id);
  }

  /**
   * One iteration of a schedule (the worker's call): the run for that time, created at most once.
   * A schedule paused or deleted since Redis made the job fires nothing.
   */
  async fire(scheduleId: string, scheduledFor: Date): Promise<string | null> {
    const s = await this.schedules.findOneBy({ id: scheduleId });
    if (!s || s.paused) return null;
    const runId = await this.runs.createScheduled(s.id, s.options, scheduledFor, dayIn(s.timezone, scheduledFor));
    if (runId) {
      await this.schedules.update({ id: s.id }, { lastFiredAt: scheduledFor, lastRunId: runId });
    }
    return runId;
  }

  /** Makes Redis agree with PostgreSQL: every active schedule has its scheduler, and no other matching scheduler is left. */
  async reconcile(): Promise<{ upserted: number; removed: number }> {
    const active = await this.schedules.findBy({ paused: false });
    for (const s of active) await this.upsertScheduler(s);
    const wanted = new Set(active.map((s) => schedulerIdOf(s.id)));
    let removed = 0;
    for (const js of await this.queue.getJobSchedulers(0, -1)) {
      const key = (js as { key?: string; id?: string }).key ?? (js as { id?: string }).id ?? '';
      if (key.startsWith('matching-schedule:') && !wanted.has(key)) {
        await this.queue.removeJobScheduler(key);
        removed++;
      }
    }
    return { upserted: active.length, removed };
  }

  private async upsertScheduler(s: MatchingSchedule): Promise<void> {
    await this.queue.upsertJobScheduler(
      schedulerIdOf(s.id),
      { pattern: s.cron, tz: s.timezone },
      {
        name: JobName.FireMatchingSchedule,
        data: { matchingScheduleId: s.id },
        opts: { attempts: 5, backoff: { type: 'exponential', delay: 1000 } },
      },
    );
  }

  private async removeScheduler(id: string): Promise<void> {
    await this.queue
      .removeJobScheduler(schedulerIdOf(id))
      .catch((e: unknown) => this.log.warn(`could not remove scheduler ${id}: ${messageOf(e)}`));
  }

  private async load(id: string): Promise<MatchingSchedule> {
    const s = await this.schedules.findOneBy({ id });
    if (!s) throw DomainError.notFound('MATCHING_SCHEDULE', id);
    return s;
  }
}
