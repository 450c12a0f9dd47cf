import 'reflect-metadata';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, validateEnv } from '@agrilink/config';
import { runMigrationsLocked } from '@agrilink/database';
import { assertRedisReachable } from '@agrilink/queue';
import { Logger as PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { WorkerObservabilityModule } from './worker-observability.module';
import { WorkerModule } from './worker.module';

/**
 * A separate worker process: the processors with JSON logs and the optional metrics port. (With
 * RUN_WORKER the api registers the same processors in its own context instead.)
 */
export async function startWorker(config?: AppConfig) {
  @Module({ imports: [WorkerModule.forRoot(config), WorkerObservabilityModule] })
  class WorkerProcessModule {}
  const ctx = await NestFactory.createApplicationContext(WorkerProcessModule, { bufferLogs: true });
  ctx.useLogger(ctx.get(PinoLogger));
  ctx.enableShutdownHooks();
  await runMigrationsLocked(ctx.get(DataSource));
  return ctx;
}

async function main() {
  const config = new AppConfig(validateEnv());
  if (!config.databaseUrl) {
    throw new Error('DATABASE_URL is required for a separate worker (the embedded database lives in the api process).');
  }
  await assertRedisReachable(config.redisUrl);
  await startWorker(config.withoutReplicas());
  new Logger('Worker').log('AgriLink worker is processing jobs');
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(`AgriLink worker failed to start: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
