import { Logger } from '@nestjs/common';
import { Job, Queue, UnrecoverableError, WaitingChildrenError } from 'bullmq';
import { DataSource } from 'typeorm';
import { NonRetryableError } from './non-retryable.error';
import { messageOf } from '../domain-error';

/**
 * What one kind of durable job needs to say about itself. PostgreSQL is the record: a row of
 * `table` with `status` in queued → running → (completed | failed | …); Redis only carries the
 * job, whose id is the row's id, so a repeated enqueue collapses.
 */
export interface DurableJobKind {
  /** Readable name for logs: 'matching run', 'import'. */
  noun: string;
  /** The table holding the record (status, error, progress, created_at, updated_at, finished_at). */
  table: string;
  queue: Queue;
  jobName: string;
  payload(id: string): Record<string, string>;
  /** Extra SET clauses when a worker takes a row (e.g. `attempts = attempts + 1`). */
  onClaim?: string;
  /** The value written to `error` when an attempt fails: text, or an object for a jsonb column. */
  errorValue(message: string): string | Record<string, unknown>;
  /** A row younger than this is left to the enqueue that is still on its way. */
  recoverAfterSeconds?: number;
  /**
   * True when the row's job is in Redis but can never move on (it waits for children that Redis
   * lost): recovery removes that job and enqueues the row again.
   */
  isStuck?(id: string, state: string): Promise<boolean>;
}

/** Statuses a job row is in while its work is owed. */
const PENDING = `('queued', 'running')`;

/**
 * Claim, progress, failure, final attempt and recovery of one kind of durable job, written once
 * (matching runs and imports use it; so can any new kind). Each step is one guarded UPDATE: a row
 * already settled (completed, failed, cancelled) is never taken or changed again. Two attempts may
 * both claim a running row (a stalled job put back while the first still runs); the kind's own write
 * transaction settles which one counts (matching: the run's row lock in the results writer).
 */
export class DurableJobs {
  private readonly log: Logger;

  constructor(
    private readonly dataSource: DataSource,
    readonly kind: DurableJobKind,
  ) {
    this.log = new Logger(`DurableJobs:${kind.table}`);
  }

  /** Takes the row for this attempt (queued, or running after a worker died); false when there is nothing to do. */
  async claim(id: string): Promise<boolean> {
    const extra = this.kind.onClaim ? `, ${this.kind.onClaim}` : '';
    const rows = await this.dataSource.query<unknown[]>(
      `UPDATE ${this.kind.table} SET status = 'running', updated_at = now()${extra} WHERE id = $1 AND status IN ${PENDING} RETURNING id`,
      [id],
    );
    // The pg driver answers [rows, count] for UPDATE … RETURNING through TypeORM.
    const claimed = Array.isArray(rows[0]) ? (rows[0] as unknown[]) : rows;
    return claimed.length > 0;
  }

  /** Progress in percent on the row (what the api shows), only forward and only while it runs. */
  async progress(id: string, percent: number): Promise<void> {
    const p = Math.min(100, Math.max(0, Math.round(percent)));
    await this.dataSource.query(
      `UPDATE ${this.kind.table} SET progress = $2 WHERE id = $1 AND status = 'running' AND progress < $2`,
      [id, p],
    );
  }

  /** A failed attempt: back to queued while the queue will retry, failed (with the error) when it will not. */
  async recordFailure(id: string, message: string, final: boolean): Promise<void> {
    const error = this.kind.errorValue(message.slice(0, 4000));
    await this.dataSource.query(
      `UPDATE ${this.kind.table} SET status = $2::varchar, error = $3, updated_at = now(),
              finished_at = CASE WHEN $2::varchar = 'failed' THEN now() ELSE finished_at END
        WHERE id = $1 AND status IN ${PENDING}`,
      [id, final ? 'failed' : 'queued', typeof error === 'string' ? error : JSON.stringify(error)],
    );
  }

  /**
   * Hands the row's job to Redis. With `waitMs` the caller (a request) waits at most that long:
   * if Redis is away the add goes on in the background and recovery redoes it anyway.
   */
  async enqueue(id: string, waitMs?: number): Promise<void> {
    const add = this.kind.queue.add(this.kind.jobName, this.kind.payload(id), { jobId: id });
    add.catch((e: unknown) =>
      this.log.warn(
        `enqueue of ${this.kind.noun} ${id} failed (${messageOf(e)}); it stays queued in PostgreSQL and recovery will retry`,
      ),
    );
    if (waitMs === undefined) {
      await add;
      return;
    }
    await Promise.race([add.catch(() => undefined), new Promise((r) => setTimeout(r, waitMs).unref())]);
  }

  /**
   * Makes Redis agree with PostgreSQL: a pending row with no job (Redis lost it, or the api could
   * not reach Redis) is enqueued again; one whose job failed for good is failed; one whose job
   * finished without settling the row (it saw a state that has since changed) is run again, and so
   * is one whose job the kind calls stuck (it waits for children that Redis lost).
   */
  async recover(): Promise<number> {
    const pending: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM ${this.kind.table} WHERE status IN ${PENDING} AND created_at < now() - make_interval(secs => $1) ORDER BY created_at LIMIT 1000`,
      [this.kind.recoverAfterSeconds ?? 3],
    );
    let fixed = 0;
    for (const { id } of pending) {
      const job = await this.kind.queue.getJob(id);
      const state = job ? await job.getState() : 'missing';
      if (!job || state === 'missing') await this.enqueue(id);
      else if (state === 'failed') await this.recordFailure(id, job.failedReason || 'the job failed', true);
      else if (state === 'completed') {
        await job.remove();
        await this.enqueue(id);
      } else if (this.kind.isStuck && (await this.kind.isStuck(id, state))) {
        const removed = await job.remove().then(
          () => true,
          (e: unknown) => {
            this.log.warn(`could not remove the stuck job of ${this.kind.noun} ${id}: ${messageOf(e)}`);
            return false;
          },
        );
        if (!removed) continue;
        await this.enqueue(id);
      } else continue;
      fixed++;
    }
    if (fixed) this.log.log(`re-enqueued or settled ${fixed} ${this.kind.noun}(s)`);
    return fixed;
  }

  /**
   * The processor's side of one attempt: runs `work`, reports progress on the row and the job,
   * and on an error records it; the attempt is final when the error is a NonRetryableError or
   * the job has no attempt left, and then BullMQ is told not to retry. A WaitingChildrenError (the
   * job waits for its children) passes through unrecorded.
   */
  async runAttempt<T>(job: Job, id: string, work: (onProgress: (percent: number) => void) => Promise<T>): Promise<T> {
    let last = -1;
    const onProgress = (percent: number) => {
      const p = Math.round(percent);
      if (p <= last) return;
      last = p;
      void job.updateProgress(p).catch(() => undefined);
      void this.progress(id, p).catch(() => undefined);
    };
    try {
      return await work(onProgress);
    } catch (e) {
      // A step that waits for its child jobs (a fanned-out matching run) has not failed: BullMQ runs it again once they are done.
      if (e instanceof WaitingChildrenError) throw e;
      const err = e as Error;
      const final =
        err instanceof NonRetryableError ||
        err instanceof UnrecoverableError ||
        job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      this.log.warn(
        `${this.kind.noun} ${id} attempt ${job.attemptsMade + 1} failed${final ? ' for good' : ''}: ${err.message}`,
      );
      await this.recordFailure(id, err.message, final).catch((x: unknown) =>
        this.log.error(`could not record the failure of ${this.kind.noun} ${id}: ${messageOf(x)}`),
      );
      throw final && !(err instanceof UnrecoverableError) ? new UnrecoverableError(err.message) : err;
    }
  }
}
