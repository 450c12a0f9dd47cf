import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@agrilink/config';
import { NotificationDeliveriesService, NotificationDispatchService } from '@agrilink/core';
import { NOTIFICATION_EVENTS_CHANNEL, QueueName } from '@agrilink/queue';
import { Queue } from 'bullmq';
import type IORedis from 'ioredis';

const BATCH = 200;
const SWEEP_EVERY_MS = 10_000;

/**
 * Polls the outbox (the notifications commit with the events that caused them, so PostgreSQL is the
 * only trustworthy trigger), plans each notification's deliveries, announces it to the api's event
 * streams over Redis, and enqueues the deliveries. A sweep re-enqueues deliveries Redis lost.
 */
@Injectable()
export class NotificationDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('NotificationDispatcher');
  private timers: NodeJS.Timeout[] = [];
  private dispatching = false;
  private sweeping = false;
  private stopped = false;

  constructor(
    private readonly dispatch: NotificationDispatchService,
    private readonly deliveries: NotificationDeliveriesService,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.Notifications) private readonly queue: Queue,
  ) {}

  onApplicationBootstrap(): void {
    this.timers.push(setInterval(() => void this.tick(), this.config.notificationPollMs));
    this.timers.push(setInterval(() => void this.sweep(), SWEEP_EVERY_MS));
    this.timers.forEach((t) => t.unref());
    void this.tick();
    void this.sweep();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    this.timers.forEach(clearInterval);
  }

  async tick(): Promise<void> {
    if (this.dispatching || this.stopped) return;
    this.dispatching = true;
    try {
      for (;;) {
        const { events, deliveryIds } = await this.dispatch.dispatchPending(BATCH);
        if (events.length) {
          // The queue's own connection: no extra socket per worker for a PUBLISH now and then.
          const redis = (await this.queue.client) as unknown as IORedis;
          const channel = `${this.config.queuePrefix}:${NOTIFICATION_EVENTS_CHANNEL}`;
          for (const e of events) await redis.publish(channel, JSON.stringify(e));
        }
        // Committed before enqueueing: if this fails, the sweep finds them pending in PostgreSQL.
        await this.deliveries.enqueue(deliveryIds);
        if (events.length < BATCH) break;
      }
    } catch (e) {
      this.log.warn(`dispatch failed: ${(e as Error).message}`);
    } finally {
      this.dispatching = false;
    }
  }

  async sweep(): Promise<void> {
    if (this.sweeping || this.stopped) return;
    this.sweeping = true;
    try {
      const ids = await this.deliveries.overdue();
      if (ids.length) {
        await this.deliveries.enqueue(ids);
        this.log.log(`re-enqueued ${ids.length} overdue deliveries`);
      }
    } catch (e) {
      this.log.warn(`sweep failed: ${(e as Error).message}`);
    } finally {
      this.sweeping = false;
    }
  }
}
