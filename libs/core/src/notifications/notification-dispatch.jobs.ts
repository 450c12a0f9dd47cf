import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import type IORedis from 'ioredis';
import { AppConfig } from '@agrilink/config';
import { JobName, NOTIFICATION_EVENTS_CHANNEL, QueueName } from '@agrilink/queue';
import { PeriodicJobs } from '../common/durable-jobs/periodic-jobs';
import { NotificationDeliveriesService } from './notification-deliveries.service';
import { NotificationDispatchService } from './notification-dispatch.service';

const BATCH = 200;
const RECOVER_EVERY_MS = 10_000;

/**
 * Two periodic jobs. The outbox poll (the notifications commit with the events that caused them,
 * so PostgreSQL is the only trustworthy trigger) plans each notification's deliveries, announces it
 * to the api's event streams over Redis, and enqueues the deliveries. The recovery re-enqueues
 * deliveries Redis lost.
 */
@Injectable()
export class NotificationDispatchJobs implements OnModuleInit {
  private readonly log = new Logger('NotificationDispatch');

  constructor(
    private readonly dispatch: NotificationDispatchService,
    private readonly deliveries: NotificationDeliveriesService,
    private readonly config: AppConfig,
    private readonly periodic: PeriodicJobs,
    @InjectQueue(QueueName.Notifications) private readonly queue: Queue,
  ) {}

  onModuleInit(): void {
    this.periodic.register({
      name: JobName.DispatchNotifications,
      repeat: { every: this.config.notificationPollMs },
      run: () => this.dispatchPending(),
    });
    this.periodic.register({
      name: JobName.RecoverNotificationDeliveries,
      repeat: { every: RECOVER_EVERY_MS },
      run: () => this.recover(),
    });
  }

  async dispatchPending(): Promise<number> {
    let dispatched = 0;
    for (;;) {
      const { events, deliveryIds } = await this.dispatch.dispatchPending(BATCH);
      if (events.length) {
        // The queue's own connection: no extra socket per worker for a PUBLISH now and then.
        const redis = (await this.queue.client) as unknown as IORedis;
        const channel = `${this.config.queuePrefix}:${NOTIFICATION_EVENTS_CHANNEL}`;
        for (const e of events) await redis.publish(channel, JSON.stringify(e));
      }
      // Committed before enqueueing: if this fails, the recovery finds them pending in PostgreSQL.
      await this.deliveries.enqueue(deliveryIds);
      dispatched += events.length;
      if (events.length < BATCH) return dispatched;
    }
  }

  async recover(): Promise<number> {
    const ids = await this.deliveries.overdue();
    if (ids.length) {
      await this.deliveries.enqueue(ids);
      this.log.log(`re-enqueued ${ids.length} overdue deliveries`);
    }
    return ids.length;
  }
}
