import { INestApplicationContext } from '@nestjs/common';
import { NotificationsService } from '@agrilink/core';
import { makeCooperative } from '@agrilink/testing';
import { startInProcessWorker, waitFor } from '../support/matching';
import { createTestApp, TestApp } from '../support/test-app';

/** The bell's live updates: a notification dispatched by the worker reaches a connected client over Redis pub/sub and SSE. */
describe('notification stream: server-sent events with a single-use ticket (e2e)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let base: string;
  let coop: string;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp({ NOTIFICATION_POLL_MS: '100' });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as any).port}`;
    worker = await startInProcessWorker();
    coop = (await makeCooperative(t.dataSource)).id;
    token = await t.tokenFor('cooperative', coop);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  const ticket = async () =>
    (await t.http().post('/api/notifications/stream-tickets').auth(token, { type: 'bearer' }).expect(200)).body
      .ticket as string;

  it("delivers a new notification of my organisation to my open stream, and not another organisation's", async () => {
    const ac = new AbortController();
    const res = await fetch(`${base}/api/notifications/stream?ticket=${encodeURIComponent(await ticket())}`, {
      signal: ac.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    let text = '';
    const reader = res.body!.getReader();
    const pump = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        text += Buffer.from(value).toString('utf8');
      }
    })();
    await waitFor(() => text.includes('event: ready'), 'the ready event', 10_000, 20);
    const other = (await makeCooperative(t.dataSource)).id;
    await t.dataSource.transaction((em) =>
      t.app.get(NotificationsService).notify(em, [
        {
          audience: 'cooperative',
          audienceId: other,
          kind: 'proposal.accepted',
          title: 'không phải của tôi',
          body: '-',
        },
        {
          audience: 'cooperative',
          audienceId: coop,
          kind: 'proposal.accepted',
          title: 'Bên mua đã chấp nhận đề xuất',
          body: '1.000 kg',
        },
      ]),
    );
    await waitFor(() => text.includes('event: notification'), 'the pushed notification', 15_000, 20);
    await new Promise((r) => setTimeout(r, 300));
    const events = text.split('\n\n').filter((e) => e.includes('event: notification'));
    expect(events).toHaveLength(1);
    const data = JSON.parse(
      events[0]
        .split('\n')
        .find((l) => l.startsWith('data: '))!
        .slice(6),
    );
    expect(data).toMatchObject({ kind: 'proposal.accepted', title: 'Bên mua đã chấp nhận đề xuất', read: false });
    ac.abort();
    await pump;
  }, 40_000);

  it('refuses a used, unknown or missing ticket', async () => {
    const once = await ticket();
    const first = await fetch(`${base}/api/notifications/stream?ticket=${once}`);
    expect(first.status).toBe(200);
    await first.body?.cancel();
    expect((await fetch(`${base}/api/notifications/stream?ticket=${once}`)).status).toBe(401);
    expect((await fetch(`${base}/api/notifications/stream?ticket=nope`)).status).toBe(401);
    expect((await fetch(`${base}/api/notifications/stream`)).status).toBe(400);
    await t.http().post('/api/notifications/stream-tickets').expect(401);
  });
});
