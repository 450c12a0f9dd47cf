import { createTestApp, TestApp } from '../support/test-app';
import { INestApplicationContext } from '@nestjs/common';
import { QueueName } from '@agrilink/queue';
import { ensureProduct, makeBuyer, makeCooperative, makePurchaseRequest, makeSupplyLot } from '@agrilink/testing';
import { startInProcessWorker, waitForRun } from '../support/matching';

describe('operations: logs, metrics, headers and the queue board (e2e)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  beforeAll(async () => {
    t = await createTestApp();
    worker = await startInProcessWorker();
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('echoes a given x-request-id and makes one when none is sent', async () => {
    const given = await t.http().get('/api/products').set('x-request-id', 'req-abc-123').expect(200);
    expect(given.headers['x-request-id']).toBe('req-abc-123');
    const made = await t.http().get('/api/products').expect(200);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const hostile = await t.http().get('/api/products').set('x-request-id', 'bad id\twith spaces').expect(200);
    expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves Prometheus metrics with HTTP latency by route, queue depth and the sizes of the matching runs the processor solved', async () => {
    await t.http().get('/api/products').expect(200);
    await t.http().get(`/api/supply-lots/00000000-0000-4000-8000-000000000000`).expect(401);
    // A real run through the real processor: the metrics are its own, not fed by the test.
    await ensureProduct(t.dataSource, { code: 'E2E_METRICS' });
    for (let i = 0; i < 3; i++) {
      await makeSupplyLot(t.dataSource, {
        cooperativeId: (await makeCooperative(t.dataSource)).id,
        productCode: 'E2E_METRICS',
        quantityKg: 5_000 + i,
        askVndPerKg: 6000,
      });
      await makePurchaseRequest(t.dataSource, {
        buyerId: (await makeBuyer(t.dataSource)).id,
        productCode: 'E2E_METRICS',
        quantityKg: 4_000 + i,
        bidVndPerKg: 9000,
      });
    }
    const staff = await t.tokenFor('staff');
    const { body } = await t
      .http()
      .post('/api/matching-runs')
      .auth(staff, { type: 'bearer' })
      .send({ products: ['E2E_METRICS'] })
      .expect(202);
    const run = await waitForRun(t, staff, body.id);
    expect(run.status).toBe('completed');
    await t.http().get('/metrics').expect(401);
    const admin = await t.tokenFor('admin');
    const res = await t.http().get('/metrics').auth(admin, { type: 'bearer' }).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.text).toMatch(/agrilink_http_request_duration_seconds_bucket\{[^}]*route="\/api\/products"/);
    expect(res.text).toMatch(
      /agrilink_http_request_duration_seconds_count\{method="GET",route="\/api\/supply-lots\/:id",status_code="401"\}/,
    );
    expect(res.text).toMatch(/agrilink_queue_jobs\{queue="matching",state="waiting"\} \d+/);
    expect(res.text).toContain(`agrilink_matching_last_run_size{kind="lots"} ${run.size.lots}`);
    expect(res.text).toContain(`agrilink_matching_last_run_size{kind="pairs"} ${run.size.feasiblePairs}`);
    expect(res.text).toMatch(/agrilink_matching_runs_total [1-9]/);
    expect(res.text).toMatch(/agrilink_matching_solve_duration_seconds_count [1-9]/);
    expect(res.text).toContain('agrilink_job_duration_seconds');
    await t.http().get('/api/metrics').auth(admin, { type: 'bearer' }).expect(200);
  });

  it('sends helmet headers with a CSP that lets the map load tiles, data: and blob: images', async () => {
    const res = await t.http().get('/api/products').expect(200);
    const csp = res.headers['content-security-policy'];
    expect(csp).toMatch(/img-src 'self' data: blob: https:\/\/tile\.openstreetmap\.org/);
    expect(csp).toMatch(/style-src 'self' 'unsafe-inline'/);
    expect(csp).toMatch(/script-src 'self'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('shows the queue board to admins only', async () => {
    await t.http().get('/api/admin/queues').expect(401);
    await t.http().get('/api/admin/queues').auth('not-a-token', { type: 'bearer' }).expect(401);
    const staff = await t.tokenFor('staff');
    await t.http().get('/api/admin/queues').auth(staff, { type: 'bearer' }).expect(403);
    const admin = await t.tokenFor('admin');
    const page = await t.http().get('/api/admin/queues').auth(admin, { type: 'bearer' }).expect(200);
    expect(page.text).toMatch(/<html/i);
    const api = await t.http().get('/api/admin/queues/api/queues').auth(admin, { type: 'bearer' }).expect(200);
    expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(Object.values(QueueName).sort());
    // A browser signs in once with ?token= and the board's own calls then carry an HttpOnly cookie.
    const agent = t.http();
    const first = await agent.get(`/api/admin/queues?token=${admin}`).expect(200);
    expect(first.headers['set-cookie']).toEqual(expect.arrayContaining([expect.stringMatching(/HttpOnly/)]));
    await agent.get('/api/admin/queues/api/queues').expect(200);
  });
});
