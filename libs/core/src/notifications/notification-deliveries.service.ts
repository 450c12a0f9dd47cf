import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@agrilink/config';
import { DeliverNotificationPayload, JobName, QueueName } from '@agrilink/queue';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { DomainError, messageOf } from '../common/domain-error';
import { Page, PageQuery, pageBounds } from '../common/page';
import { ChannelSendError } from './channels/channel';
import {
  DeliveryStatus,
  NotificationChannel,
  NotificationDelivery,
  NotificationDeliveryAttempt,
} from './notification-delivery.entity';
import { NotificationChannels } from './notification-channels';

export type DeliverOutcome =
  | { status: 'sent' | 'failed' | 'gone' }
  /** Not due yet (a retry's backoff, or another sender's live lease): try again at `retryAt`. */
  | { status: 'pending' | 'sending'; retryAt: Date };

export interface NotificationDeliveryView {
  id: string;
  notificationId: string;
  kind: string;
  userId: string | null;
  channel: NotificationChannel;
  address: string;
  subject: string;
  status: DeliveryStatus;
  attempts: number;
  maxAttempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  sentAt: Date | null;
  failedAt: Date | null;
  createdAt: Date;
  attemptLog: Array<{
    attempt: number;
    outcome: string;
    error: string | null;
    startedAt: Date;
    finishedAt: Date | null;
  }>;
}

export interface NotificationDeliveryFilter extends PageQuery {
  status?: DeliveryStatus;
  channel?: NotificationChannel;
}

const MAX_BACKOFF_MS = 6 * 3600_000;

/**
 * Sends one delivery exactly once: a claim (`sending`, a lease and a fresh token, attempt counted and
 * logged) is taken in a transaction before anything leaves; only the claim holder may mark it sent.
 * A sender that dies leaves `sending` behind; when its lease runs out the next claim logs that attempt
 * `abandoned` and sends again under the same idempotency key (the e-mail's Message-ID).
 */
@Injectable()
export class NotificationDeliveriesService {
  private readonly log = new Logger('NotificationDeliveries');

  constructor(
    private readonly dataSource: DataSource,
    private readonly channels: NotificationChannels,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.Notifications) private readonly queue: Queue<DeliverNotificationPayload>,
  ) {}

  /**
   * The delivery id is the job id: while a job for it waits, is delayed or runs, adding it again is a
   * no-op; finished jobs are removed, so the sweeper can put back one that Redis lost.
   */
  async enqueue(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.queue.addBulk(
      ids.map((deliveryId) => ({
        name: JobName.DeliverNotification,
        data: { deliveryId },
        opts: {
          jobId: deliveryId,
          removeOnComplete: true,
          removeOnFail: true,
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000 },
        },
      })),
    );
  }

  async deliver(id: string, worker: string): Promise<DeliverOutcome> {
    const claim = await this.claim(id, worker);
    if (!('delivery' in claim)) return claim;
    const { delivery: d, token } = claim;
    try {
      const res = await this.channels.get(d.channel).send({
        deliveryId: d.id,
        idempotencyKey: d.idempotencyKey,
        address: d.address,
        subject: d.subject,
        text: d.bodyText,
        html: d.bodyHtml,
        payload: d.payload,
      });
      await this.dataSource.transaction(async (em) => {
        const [, changed] = await em.query<[unknown[], number]>(
          `UPDATE notification_deliveries SET status = 'sent', sent_at = now(), provider_message_id = $3, lease_until = NULL, claim_token = NULL, last_error = NULL, updated_at = now()
           WHERE id = $1 AND claim_token = $2 RETURNING id`,
          [d.id, token, res.providerMessageId],
        );
        // TypeORM answers an UPDATE with [rows, affected count].
        if (!changed) this.log.warn(`delivery ${d.id}: sent after its claim was taken over`);
        await em.query(
          `UPDATE notification_delivery_attempts SET outcome = 'sent', finished_at = now() WHERE delivery_id = $1 AND attempt = $2`,
          [d.id, d.attempts],
        );
      });
      return { status: 'sent' };
    } catch (e) {
      const err = e instanceof ChannelSendError ? e : new ChannelSendError((e as Error).message, false);
      const final = err.permanent || d.attempts >= d.maxAttempts;
      const retryAt = new Date(Date.now() + this.backoffMs(d.attempts));
      await this.dataSource.transaction(async (em) => {
        await em.query(
          final
            ? `UPDATE notification_deliveries SET status = 'failed', failed_at = now(), last_error = $3, lease_until = NULL, claim_token = NULL, updated_at = now() WHERE id = $1 AND claim_token = $2`
            : `UPDATE notification_deliveries SET status = 'pending', next_attempt_at = $4, last_error = $3, lease_until = NULL, claim_token = NULL, updated_at = now() WHERE id = $1 AND claim_token = $2`,
          final ? [d.id, token, err.message.slice(0, 2000)] : [d.id, token, err.message.slice(0, 2000), retryAt],
        );
        await em.query(
          `UPDATE notification_delivery_attempts SET outcome = 'error', error = $3, finished_at = now() WHERE delivery_id = $1 AND attempt = $2`,
          [d.id, d.attempts, err.message.slice(0, 2000)],
        );
      });
      this.log.warn(
        `delivery ${d.id} (${d.channel}) attempt ${d.attempts}/${d.maxAttempts} failed${final ? ' for good' : ''}: ${err.message}`,
      );
      return final ? { status: 'failed' } : { status: 'pending', retryAt };
    }
  }

  private async claim(
    id: string,
    worker: string,
  ): Promise<DeliverOutcome | { delivery: NotificationDelivery; token: string }> {
    return this.dataSource.transaction(async (em) => {
      const d = await em.findOne(NotificationDelivery, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!d) return { status: 'gone' as const };
      if (d.status === 'sent' || d.status === 'failed') return { status: d.status };
      const [{ now }] = await em.query<Array<{ now: Date }>>(`SELECT now() AS now`);
      if (d.status === 'pending' && d.nextAttemptAt > now)
        return { status: 'pending' as const, retryAt: d.nextAttemptAt };
      if (d.status === 'sending' && d.leaseUntil && d.leaseUntil > now)
        return { status: 'sending' as const, retryAt: d.leaseUntil };
      if (d.status === 'sending') {
        // Its sender died mid-send; whether the message left is unknown, so it is sent again under the same key.
        await em.query(
          `UPDATE notification_delivery_attempts SET outcome = 'abandoned', error = 'the sender stopped before recording a result', finished_at = now() WHERE delivery_id = $1 AND outcome = 'sending'`,
          [id],
        );
        if (d.attempts >= d.maxAttempts) {
          await em.query(
            `UPDATE notification_deliveries SET status = 'failed', failed_at = now(), lease_until = NULL, claim_token = NULL, last_error = 'the sender stopped during the last attempt', updated_at = now() WHERE id = $1`,
            [id],
          );
          return { status: 'failed' as const };
        }
      }
      const [[row]] = await em.query<[[{ attempts: number; claim_token: string }]]>(
        `UPDATE notification_deliveries SET status = 'sending', attempts = attempts + 1, lease_until = now() + make_interval(secs => $2::double precision / 1000),
           claim_token = gen_random_uuid(), updated_at = now() WHERE id = $1 RETURNING attempts, claim_token`,
        [id, this.channels.leaseMs],
      );
      await em.insert(NotificationDeliveryAttempt, { deliveryId: id, attempt: row.attempts, worker });
      d.attempts = row.attempts;
      return { delivery: d, token: row.claim_token };
    });
  }

  backoffMs(attempt: number): number {
    return Math.min(this.config.notificationRetryBaseMs * 2 ** Math.max(0, attempt - 1), MAX_BACKOFF_MS);
  }

  /** Deliveries that should be in the queue but may not be (Redis restarted, a worker died before enqueueing). */
  async overdue(graceMs = 30_000, limit = 500): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM notification_deliveries
       WHERE (status = 'pending' AND next_attempt_at <= now() - make_interval(secs => $1::double precision / 1000))
          OR (status = 'sending' AND lease_until <= now() - interval '1 second')
       ORDER BY next_attempt_at LIMIT $2`,
      [graceMs, limit],
    );
    return rows.map((r) => r.id);
  }

  async list(filter: NotificationDeliveryFilter): Promise<Page<NotificationDeliveryView>> {
    const { limit, offset } = pageBounds(filter);
    const qb = this.dataSource
      .getRepository(NotificationDelivery)
      .createQueryBuilder('d')
      .leftJoinAndSelect('d.notification', 'n')
      .orderBy('d.createdAt', 'DESC')
      .addOrderBy('d.id', 'ASC');
    if (filter.status) qb.andWhere('d.status = :status', { status: filter.status });
    if (filter.channel) qb.andWhere('d.channel = :channel', { channel: filter.channel });
    const [rows, total] = await qb.take(limit).skip(offset).getManyAndCount();
    const attempts = rows.length
      ? await this.dataSource
          .getRepository(NotificationDeliveryAttempt)
          .find({ where: rows.map((r) => ({ deliveryId: r.id })), order: { attempt: 'ASC' } })
      : [];
    return {
      items: rows.map((d) =>
        toNotificationDeliveryView(
          d,
          attempts.filter((a) => a.deliveryId === d.id),
        ),
      ),
      total,
      limit,
      offset,
    };
  }

  /** An admin sends a failed message again (after fixing an address or the SMTP settings): a fresh set of tries. */
  async retry(id: string): Promise<NotificationDeliveryView> {
    const [, changed] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE notification_deliveries SET status = 'pending', max_attempts = attempts + $2, next_attempt_at = now(), failed_at = NULL, updated_at = now()
       WHERE id = $1 AND status = 'failed' RETURNING id`,
      [id, this.config.notificationMaxAttempts],
    );
    if (!changed) {
      const exists = await this.dataSource.getRepository(NotificationDelivery).existsBy({ id });
      if (!exists) throw DomainError.notFound('NOTIFICATION_DELIVERY', id);
      throw new DomainError('conflict', 'NOTIFICATION_DELIVERY.NOT_FAILED', 'only a failed delivery can be retried');
    }
    // The answer shows the accepted state, read before a fast worker can claim it.
    const accepted = await this.get(id);
    // If Redis is away the worker's sweeper enqueues it later; PostgreSQL already says pending.
    await this.enqueue([id]).catch((e: unknown) => this.log.warn(`retry of ${id} not enqueued yet: ${messageOf(e)}`));
    return accepted;
  }

  async get(id: string): Promise<NotificationDeliveryView> {
    const d = await this.dataSource
      .getRepository(NotificationDelivery)
      .findOne({ where: { id }, relations: { notification: true } });
    if (!d) throw DomainError.notFound('NOTIFICATION_DELIVERY', id);
    const attempts = await this.dataSource
      .getRepository(NotificationDeliveryAttempt)
      .find({ where: { deliveryId: id }, order: { attempt: 'ASC' } });
    return toNotificationDeliveryView(d, attempts);
  }
}

function toNotificationDeliveryView(
  d: NotificationDelivery,
  attempts: NotificationDeliveryAttempt[],
): NotificationDeliveryView {
  return {
    id: d.id,
    notificationId: d.notificationId,
    kind: d.notification?.kind ?? '',
    userId: d.userId,
    channel: d.channel,
    address: d.address,
    subject: d.subject,
    status: d.status,
    attempts: d.attempts,
    maxAttempts: d.maxAttempts,
    nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt : null,
    lastError: d.lastError,
    sentAt: d.sentAt,
    failedAt: d.failedAt,
    createdAt: d.createdAt,
    attemptLog: attempts.map((a) => ({
      attempt: a.attempt,
      outcome: a.outcome,
      error: a.error,
      startedAt: a.startedAt,
      finishedAt: a.finishedAt,
    })),
  };
}
