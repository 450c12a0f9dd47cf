import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '@agrilink/config';
import { JobName, QueueName } from '@agrilink/queue';
import { PeriodicJobs } from '../common/durable-jobs/periodic-jobs';
import { AgencyReportRemindersService } from '../agency-reports/agency-report-reminders.service';
import { MatchingSchedulesService } from '../matching-schedules/matching-schedules.service';

/** BullMQ job scheduler id of the lot expiry job. Renaming it leaves the old one firing in Redis. */
export const SUPPLY_LOT_EXPIRY_SCHEDULER = 'supply-lots:expire';
const RECONCILE_EVERY_MS = 60_000;

/**
 * Keeps the schedules queue's job schedulers in line with PostgreSQL: at start, and as a periodic
 * job once a minute (a Redis that lost its data gets every active schedule back within a minute).
 * Upserts are idempotent, so any number of workers may do this at once.
 */
@Injectable()
export class SchedulesJobs implements OnModuleInit, OnApplicationBootstrap {
  private readonly log = new Logger('Schedules');

  constructor(
    @InjectQueue(QueueName.Schedules) private readonly queue: Queue,
    private readonly schedules: MatchingSchedulesService,
    private readonly reminders: AgencyReportRemindersService,
    private readonly config: AppConfig,
    private readonly periodic: PeriodicJobs,
  ) {}

  onModuleInit(): void {
    this.periodic.register({
      name: JobName.ReconcileSchedules,
      repeat: { every: RECONCILE_EVERY_MS },
      run: () => this.reconcile(),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.reconcile().catch((e: unknown) =>
      this.log.warn(`job schedulers not reconciled yet: ${e instanceof Error ? e.message : String(e)}`),
    );
  }

  async reconcile(): Promise<{ upserted: number; removed: number }> {
    await this.queue.upsertJobScheduler(
      SUPPLY_LOT_EXPIRY_SCHEDULER,
      { pattern: this.config.supplyLotExpiryCron, tz: 'Asia/Ho_Chi_Minh' },
      {
        name: JobName.ExpireSupplyLots,
        data: {},
        opts: { attempts: 5, backoff: { type: 'exponential', delay: 2000 } },
      },
    );
    await this.reminders.reconcile();
    return this.schedules.reconcile();
  }
}
