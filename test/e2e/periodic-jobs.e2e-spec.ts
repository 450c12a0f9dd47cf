import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JobName, QueueName, redisConnectionOptions } from '@agrilink/queue';
import { startInProcessWorker, waitFor } from '../support/matching';
import { createTestApp, TestApp } from '../support/test-app';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Work shared by the whole deployment recurs as BullMQ job schedulers on the maintenance queue (one
 * job per iteration however many processes run), not as a timer in each process (issue 16, item 6).
 */
describe('periodic work as job schedulers (e2e, real worker)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let maintenance: Queue;

  beforeAll(async () => {
    t = await createTestApp();
    worker = await startInProcessWorker();
    maintenance = new Queue(QueueName.Maintenance, {
      connection: redisConnectionOptions(REDIS_URL),
      prefix: t.queuePrefix,
    });
  }, 60_000);

  afterAll(async () => {
    await maintenance.close();
    await worker.close();
    await t.close();
  });

  it('registers a scheduler for each periodic job, the supply lot change log trim among them', async () => {
    const ids = await waitFor(async () => {
      const schedulers = await maintenance.getJobSchedulers();
      const keys = schedulers.map((s) => s.key);
      return keys.includes(JobName.TrimSupplyLotChanges) ? keys : null;
    }, 'the maintenance schedulers');
    expect(ids).toEqual(
      expect.arrayContaining([JobName.RecoverDurableJobs, JobName.ReconcileSchedules, JobName.TrimSupplyLotChanges]),
    );
  });

  it("trims the change log's old rows when the trim job runs, and keeps the recent ones", async () => {
    const [old, recent] = ['00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-0000000000a2'];
    await t.dataSource.query(
      `INSERT INTO supply_lot_changes (lot_id, changed_at) VALUES ($1, now() - interval '1 hour'), ($2, now())`,
      [old, recent],
    );
    // The iteration its scheduler would make, taken by the real maintenance processor.
    await maintenance.add(JobName.TrimSupplyLotChanges, {}, { removeOnComplete: true });
    await waitFor(async () => {
      const rows: Array<{ lot_id: string }> = await t.dataSource.query(
        `SELECT lot_id FROM supply_lot_changes WHERE lot_id = ANY($1::uuid[])`,
        [[old, recent]],
      );
      return rows.length === 1 && rows[0].lot_id === recent;
    }, 'the old change-log row to be trimmed');
  });
});
