import { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { QueueName } from '@agrilink/queue';
import { ensureProduct, makePurchaseRequest, makeSupplyLot } from '@agrilink/testing';
import { startInProcessWorker, waitFor } from '../support/matching';
import { createTestApp, TestApp } from '../support/test-app';

describe('matching schedules (e2e, BullMQ job schedulers, two workers)', () => {
  let t: TestApp;
  let workers: INestApplicationContext[] = [];
  let staff: string;
  let coop: string;

  beforeAll(async () => {
    t = await createTestApp();
    // Two worker processes' worth of Nest contexts on the same Redis prefix and database.
    workers = [await startInProcessWorker(), await startInProcessWorker()];
    staff = await t.tokenFor('staff');
    coop = await t.tokenFor(
      'cooperative',
      (
        await makeSupplyLot(t.dataSource, {
          productCode: (await ensureProduct(t.dataSource, { code: 'E2E_SCHED' })).code,
        })
      ).cooperativeId,
    );
    await makePurchaseRequest(t.dataSource, { productCode: 'E2E_SCHED' });
  });

  afterAll(async () => {
    for (const w of workers) await w.close();
    await t?.close();
  });

  const runsOf = async (id: string) =>
    (
      await t
        .http()
        .get(`/api/matching-runs?matchingScheduleId=${id}&limit=100`)
        .auth(staff, { type: 'bearer' })
        .expect(200)
    ).body;

  it('fires each iteration once with two workers up, runs it, and stops when paused; delete removes the scheduler', async () => {
    const created = await t
      .http()
      .post('/api/matching-schedules')
      .auth(staff, { type: 'bearer' })
      .send({ cron: '*/2 * * * * *', scope: { products: ['e2e_sched'] } })
      .expect(201);
    expect(created.body).toMatchObject({
      timezone: 'Asia/Ho_Chi_Minh',
      paused: false,
      scope: { products: ['E2E_SCHED'], provinceCodes: [] },
      nextRunAt: expect.any(String),
    });
    const id = created.body.id;
    await waitFor(
      async () => (await runsOf(id)).items.filter((r: any) => r.status === 'completed').length >= 3,
      'three scheduled runs',
      30_000,
      250,
    );
    const paused = await t
      .http()
      .post(`/api/matching-schedules/${id}/pause`)
      .auth(staff, { type: 'bearer' })
      .expect(200);
    expect(paused.body).toMatchObject({ paused: true, nextRunAt: null });
    await new Promise((r) => setTimeout(r, 2_500));
    const page = await runsOf(id);
    const settled = page.total;
    await new Promise((r) => setTimeout(r, 3_000));
    expect((await runsOf(id)).total).toBe(settled);

    // One run per iteration: distinct iteration times two seconds apart, each fired by one job.
    const times = page.items.map((r: any) => Date.parse(r.scheduledFor)).sort((a: number, b: number) => a - b);
    expect(new Set(times).size).toBe(times.length);
    for (let i = 1; i < times.length; i++) expect((times[i] - times[i - 1]) % 2000).toBe(0);
    const [{ n, iterations }] = await t.dataSource.query(
      `SELECT count(*)::int AS n, count(DISTINCT scheduled_for)::int AS iterations FROM matching_runs WHERE matching_schedule_id = $1`,
      [id],
    );
    expect(n).toBe(iterations);
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Schedules));
    const fired = (await queue.getJobs(['completed'], 0, -1)).filter((j) => j.data?.matchingScheduleId === id);
    expect(fired.length).toBeGreaterThanOrEqual(n);
    expect(fired.filter((j) => j.returnvalue?.matchingRunId).length).toBe(n);
    expect(new Set(fired.map((j) => j.processedBy ?? j.id)).size).toBeGreaterThan(0);
    // Scheduled runs are runs like any other: over their scope, with who/what recorded.
    expect(page.items[0]).toMatchObject({
      matchingScheduleId: id,
      requestedByUserId: null,
      scopeKey: 'E2E_SCHED|*',
      runDay: expect.any(String),
    });

    const list = await t.http().get('/api/matching-schedules').auth(staff, { type: 'bearer' }).expect(200);
    expect(list.body.items.map((s: any) => s.id)).toContain(id);
    await t.http().post(`/api/matching-schedules/${id}/resume`).auth(staff, { type: 'bearer' }).expect(200);
    expect((await queue.getJobSchedulers()).map((s: any) => s.key ?? s.id)).toContain(`matching-schedule:${id}`);
    await t.http().delete(`/api/matching-schedules/${id}`).auth(staff, { type: 'bearer' }).expect(204);
    expect((await queue.getJobSchedulers()).map((s: any) => s.key ?? s.id)).not.toContain(`matching-schedule:${id}`);
    await t.http().get(`/api/matching-schedules/${id}`).auth(staff, { type: 'bearer' }).expect(404);
  });

  it('is for staff only and names a bad cron or time zone', async () => {
    await t
      .http()
      .post('/api/matching-schedules')
      .auth(coop, { type: 'bearer' })
      .send({ cron: '0 6 * * *' })
      .expect(403);
    await t.http().get('/api/matching-schedules').auth(coop, { type: 'bearer' }).expect(403);
    const cron = await t
      .http()
      .post('/api/matching-schedules')
      .auth(staff, { type: 'bearer' })
      .send({ cron: '61 6 * * *' })
      .expect(422);
    expect(cron.body).toMatchObject({ code: 'MATCHING_SCHEDULE.INVALID_CRON', details: [{ field: 'cron' }] });
    const tz = await t
      .http()
      .post('/api/matching-schedules')
      .auth(staff, { type: 'bearer' })
      .send({ cron: '0 6 * * *', timezone: 'Mars/Olympus' })
      .expect(422);
    expect(tz.body.details[0].field).toBe('timezone');
    await t
      .http()
      .post('/api/matching-schedules')
      .auth(staff, { type: 'bearer' })
      .send({ cron: '0 6 * * *', scope: { products: ['NOPE'] } })
      .expect(422);
  });
});
