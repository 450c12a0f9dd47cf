import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { DurableJobs, NonRetryableError } from '@agrilink/core';
import { buildDataSourceOptions } from '@agrilink/database';
import { redisConnectionOptions } from '@agrilink/queue';
import { createTestDatabase, TestDatabase } from '@agrilink/testing';

// The durable-job base on its own table, real PostgreSQL and real Redis (a private queue prefix).
describe('durable jobs (integration)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let queue: Queue;
  let sut: DurableJobs;

  beforeAll(async () => {
    db = await createTestDatabase('agrilink_durable_jobs');
    ds = new DataSource(buildDataSourceOptions({ url: db.url, entities: [], poolSize: 4 }));
    await ds.initialize();
    await ds.query(`CREATE TABLE widget_jobs (
      id uuid PRIMARY KEY, status varchar(12) NOT NULL DEFAULT 'queued', progress smallint NOT NULL DEFAULT 0, attempts int NOT NULL DEFAULT 0,
      error text, created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(), finished_at timestamptz)`);
    queue = new Queue('widgets', {
      connection: redisConnectionOptions('redis://127.0.0.1:6379'),
      prefix: `agrilink-test-${randomBytes(4).toString('hex')}`,
    });
    sut = new DurableJobs(ds, {
      noun: 'widget',
      table: 'widget_jobs',
      queue,
      jobName: 'build-widget',
      payload: (id) => ({ widgetId: id }),
      onClaim: 'attempts = attempts + 1, progress = 0',
      errorValue: (m) => m,
      recoverAfterSeconds: 0,
    });
  });
  afterAll(async () => {
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    await ds?.destroy();
    await db?.drop();
  });

  async function row(status = 'queued'): Promise<string> {
    const id = randomUUID();
    await ds.query(`INSERT INTO widget_jobs (id, status, created_at) VALUES ($1, $2, now() - interval '1 minute')`, [
      id,
      status,
    ]);
    return id;
  }
  const read = async (id: string) =>
    (await ds.query(`SELECT status, progress, attempts, error, finished_at FROM widget_jobs WHERE id = $1`, [id]))[0];

  it('claims a queued or running row, counting the attempt, and never a settled one', async () => {
    const queued = await row();
    expect(await sut.claim(queued)).toBe(true);
    expect(await sut.claim(queued)).toBe(true); // a stalled job put back takes its running row again
    expect(await read(queued)).toMatchObject({ status: 'running', attempts: 2 });
    for (const settled of ['completed', 'failed', 'cancelled']) {
      const id = await row(settled);
      expect(await sut.claim(id)).toBe(false);
      expect((await read(id)).status).toBe(settled);
    }
  });

  it('moves progress forward only while the row runs', async () => {
    const id = await row();
    await sut.claim(id);
    await sut.progress(id, 40);
    await sut.progress(id, 20);
    expect((await read(id)).progress).toBe(40);
    await ds.query(`UPDATE widget_jobs SET status = 'completed' WHERE id = $1`, [id]);
    await sut.progress(id, 90);
    expect((await read(id)).progress).toBe(40);
  });

  it('records a failed attempt as queued again, the last one as failed, and leaves a settled row alone', async () => {
    const id = await row();
    await sut.claim(id);
    await sut.recordFailure(id, 'the disk was full', false);
    expect(await read(id)).toMatchObject({ status: 'queued', error: 'the disk was full', finished_at: null });
    await sut.recordFailure(id, 'the disk is still full', true);
    expect(await read(id)).toMatchObject({
      status: 'failed',
      error: 'the disk is still full',
      finished_at: expect.any(Date),
    });
    const done = await row('completed');
    await sut.recordFailure(done, 'late news', true);
    expect(await read(done)).toMatchObject({ status: 'completed', error: null });
  });

  it('fails at once on a NonRetryableError, and leaves an ordinary error to the next attempt', async () => {
    const bad = await row();
    const badJob = await queue.add('build-widget', { widgetId: bad }, { jobId: bad, attempts: 5 });
    const err = await sut
      .runAttempt(badJob, bad, async () => {
        await sut.claim(bad);
        throw new NonRetryableError('the widget drawing is malformed');
      })
      .catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(UnrecoverableError);
    expect(await read(bad)).toMatchObject({ status: 'failed', error: 'the widget drawing is malformed' });

    const flaky = await row();
    const flakyJob = await queue.add('build-widget', { widgetId: flaky }, { jobId: flaky, attempts: 5 });
    const again = await sut
      .runAttempt(flakyJob, flaky, async (onProgress) => {
        await sut.claim(flaky);
        onProgress(30);
        throw new Error('connection reset');
      })
      .catch((e: unknown) => e as Error);
    expect(again).not.toBeInstanceOf(UnrecoverableError);
    expect(again.message).toBe('connection reset');
    expect(await read(flaky)).toMatchObject({ status: 'queued', error: 'connection reset' });
  });

  it('recovers what Redis lost: re-enqueues a pending row without a job, and fails one whose job failed for good', async () => {
    const lost = await row();
    const running = await row('running');
    const settled = await row('completed');
    const failedForGood = await row();
    // A worker that is not ours fails the job on its only attempt, leaving the row pending in PostgreSQL.
    const worker = new Worker('widgets', () => Promise.reject(new Error('gave up')), {
      connection: redisConnectionOptions('redis://127.0.0.1:6379'),
      prefix: queue.opts.prefix,
    });
    try {
      await queue.add('build-widget', { widgetId: failedForGood }, { jobId: failedForGood, attempts: 1 });
      for (let i = 0; i < 100 && (await (await queue.getJob(failedForGood))?.getState()) !== 'failed'; i++)
        await new Promise((r) => setTimeout(r, 50));
    } finally {
      await worker.close();
    }
    expect((await read(failedForGood)).status).toBe('queued');
    await sut.recover();
    expect((await queue.getJob(lost))?.data).toEqual({ widgetId: lost });
    expect((await queue.getJob(running))?.data).toEqual({ widgetId: running });
    expect(await queue.getJob(settled)).toBeUndefined();
    expect(await read(failedForGood)).toMatchObject({ status: 'failed', error: 'gave up' });
  });
});
