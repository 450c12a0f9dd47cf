import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '@agrilink/config';
import { MatchingSchedulesService } from '@agrilink/core';
import { JobName, QueueName } from '@agrilink/queue';

/** BullMQ job scheduler id of the lot expiry job. Renaming it leaves the old one firing in Redis. */
export const SUPPLY_LOT_EXPIRY_SCHEDULER = 'supply-lots:expire';
const RECONCILE_EVERY_MS = 60_000;

/**
 * Registers the job schedulers at start and keeps Redis in line with PostgreSQL (a Redis that
 * lost its data gets every active schedule back within a minute). Upserts are idempotent, so any
 * number of workers may do this at once.
 */
@Injectable()
export class SchedulesBootstrap implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('SchedulesBootstrap');
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectQueue(QueueName.Schedules) private readonly queue: Queue,
    private readonly schedules: MatchingSchedulesService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.tick();
    this.timer = setInterval(() => void this.tick(), RECONCILE_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    try {
      await this.queue.upsertJobScheduler(
        SUPPLY_LOT_EXPIRY_SCHEDULER,
        { pattern: this.config.supplyLotExpiryCron, tz: 'Asia/Ho_Chi_Minh' },
        { name: JobName.ExpireSupplyLots, data: {}, opts: { attempts: 5, backoff: { type: 'exponential', delay: 2000 } } },
      );
      await this.schedules.reconcile();
    } catch (e) {
      this.log.warn(`job schedulers not reconciled yet: ${(e as Error).message}`);
    }
  }
}
