import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger as PinoLogger } from 'nestjs-pino';
import { loadConfig } from '@agrilink/config';
import { EmbeddedPostgres, startEmbeddedPostgres } from '@agrilink/database';
import { assertRedisReachable } from '@agrilink/queue';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';
import { prepareDatabase } from './prepare-database';

async function main() {
  const log = new Logger('AgriLink');
  // Read and validated once; with no DATABASE_URL a missing JWT_SECRET is generated once into DATA_DIR.
  const loaded = loadConfig();
  for (const path of loaded.generatedSecrets) log.log(`Generated a secret in ${path} (kept for later starts)`);
  let config = loaded.config;
  // Checked first: a missing Redis is the commonest set-up slip, and the answer should be instant.
  await assertRedisReachable(config.redisUrl);
  let embedded: EmbeddedPostgres | undefined;
  if (!config.databaseUrl) {
    // No server configured: PostgreSQL + PostGIS run in this process (PGlite), data kept on disk.
    embedded = await startEmbeddedPostgres(config.pgliteDataDir);
    config = config.withDatabaseUrl(embedded.url);
    log.log(`No DATABASE_URL: using the embedded PostgreSQL + PostGIS in ${config.pgliteDataDir}`);
  }

  // One-command start (RUN_WORKER) registers the processors in this same context; production runs apps/worker apart.
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ config, worker: config.runWorker }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(PinoLogger));
  configureApp(app);
  await prepareDatabase(app, { embedded: !!embedded });

  const closers: Array<() => Promise<unknown>> = [() => app.close()];
  if (embedded) closers.push(() => embedded.stop());
  // Drain HTTP and jobs (one context), then the embedded database.
  let closing = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      log.log(`${signal}: shutting down`);
      void (async () => {
        for (const close of closers) await close().catch((e: unknown) => log.error(e));
        process.exit(0);
      })();
    });
  }

  await app.listen(config.port, config.host);
  log.log(
    `AgriLink is running at http://localhost:${config.port}/  (API docs: http://localhost:${config.port}/api/docs)`,
  );
}

main().catch((e: unknown) => {
  console.error(`AgriLink failed to start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
