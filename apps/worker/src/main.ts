import 'reflect-metadata';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { validateEnv } from '@agrilink/config';
import { runMigrationsLocked } from '@agrilink/database';
import { assertRedisReachable } from '@agrilink/queue';
import { Logger as PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { WorkerObservabilityModule } from './worker-observability.module';
import { WorkerModule } from './worker.module';

/** Starts the processors in this process; used alone in production and by the api when RUN_WORKER is on. */
// JSON logs and the optional metrics port around the processors.
@Module({ imports: [WorkerModule, WorkerObservabilityModule] })
class WorkerProcessModule {}

export async function startWorker() {
  const ctx = await NestFactory.createApplicationContext(WorkerProcessModule, { bufferLogs: true });
  ctx.useLogger(ctx.get(PinoLogger));
  ctx.enableShutdownHooks();
  await runMigrationsLocked(ctx.get(DataSource));
  return ctx;
}

async function main() {
  const env = validateEnv();
  if (!env.DATABASE_URL) {
    throw new Error('DATABASE_URL is required for a separate worker (the embedded database lives in the api process).');
  }
  await assertRedisReachable(env.REDIS_URL);
  await startWorker();
  new Logger('Worker').log('AgriLink worker is processing jobs');
}

if (require.main === module) {
  main().catch((e) => {
    console.error(`AgriLink worker failed to start: ${e.message}`);
    process.exit(1);
  });
}
