import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import type { TestApp } from './test-app';

/** The real BullMQ worker in this process, on the env createTestApp() set (same database, same queue prefix). */
export async function startInProcessWorker(): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(WorkerModule.forRoot(), { logger: ['error'] });
}

export async function waitForRun(
  t: TestApp,
  token: string,
  id: string,
  until: string[] = ['completed', 'failed'],
  timeoutMs = 40_000,
): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  let last: any;
  while (Date.now() < deadline) {
    const res = await t.http().get(`/api/matching-runs/${id}`).auth(token, { type: 'bearer' });
    last = res.body;
    if (res.status === 200 && until.includes(res.body.status)) return res.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`run ${id} did not reach ${until.join('/')} in time; last seen ${JSON.stringify(last)}`);
}

export async function waitFor<T>(
  probe: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  what: string,
  timeoutMs = 40_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}
