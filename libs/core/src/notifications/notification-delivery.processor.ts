import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, DelayedError, UnrecoverableError } from 'bullmq';
import { hostname } from 'node:os';
import { DeliverNotificationPayload, isJobNamed, JobName, QueueName } from '@agrilink/queue';
import { NotificationDeliveriesService } from './notification-deliveries.service';

/**
 * Thin: the service claims the delivery in PostgreSQL, sends it, records the attempt. A retry after
 * a failed attempt (or a wait for a dead sender's lease) is the same job moved to `delayed`, so the
 * backoff PostgreSQL computed is the one Redis keeps. A killed worker's job comes back through
 * BullMQ's stalled check and finds the claim (lease) that tells it whether to wait or resend.
 */
@Processor(QueueName.Notifications, {
  concurrency: 4,
  lockDuration: 15_000,
  stalledInterval: 5_000,
  maxStalledCount: 20,
})
export class NotificationDeliveryProcessor extends WorkerHost {
  private readonly workerName = `${hostname()}:${process.pid}`;

  constructor(private readonly deliveries: NotificationDeliveriesService) {
    super();
  }

  async process(job: Job<DeliverNotificationPayload>, token?: string): Promise<string> {
    if (!isJobNamed(job, JobName.DeliverNotification)) throw new UnrecoverableError(`unknown job ${job.name}`);
    const outcome = await this.deliveries.deliver(job.data.deliveryId, this.workerName);
    if ('retryAt' in outcome) {
      await job.moveToDelayed(Math.max(outcome.retryAt.getTime(), Date.now() + 50), token);
      throw new DelayedError();
    }
    return outcome.status;
  }
}
