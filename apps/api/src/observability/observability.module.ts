import { getQueueToken } from '@nestjs/bullmq';
import {
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleDestroy,
  OnModuleInit,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AppConfig } from '@agrilink/config';
import { loggerParams, observeJobDurations, startMetricsServer, watchQueueDepth } from '@agrilink/observability';
import { QueueName } from '@agrilink/queue';
import { Queue } from 'bullmq';
import { LoggerModule } from 'nestjs-pino';
import type { Server } from 'node:http';

/** Queue depth on scrape and job durations from Redis events, for every queue. */
@Injectable()
export class QueueMetrics implements OnModuleInit, OnModuleDestroy {
  private closers: Array<() => unknown> = [];
  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit() {
    const queues = Object.values(QueueName).map((name) =>
      this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }),
    );
    this.closers.push(watchQueueDepth(queues));
    for (const q of queues) this.closers.push(observeJobDurations(q));
  }

  async onModuleDestroy() {
    await Promise.all(this.closers.map((close) => Promise.resolve(close()).catch(() => undefined)));
    this.closers = [];
  }
}

/** With METRICS_PORT set, Prometheus scrapes that internal port without a token; the api port asks for an admin's. */
@Injectable()
export class ApiMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;
  constructor(private readonly config: AppConfig) {}

  onApplicationBootstrap() {
    const port = this.config.metricsPort;
    if (port)
      this.server = startMetricsServer(port, (p) =>
        new Logger('Api').log(`Metrics at http://localhost:${p}/metrics (internal port)`),
      );
  }

  onApplicationShutdown() {
    this.server?.close();
  }
}

/** JSON logs with request ids (pino) and the Prometheus collectors; HTTP parts are wired in configure-operations.ts. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => loggerParams(config.logLevel),
    }),
  ],
  providers: [QueueMetrics, ApiMetricsServer],
})
export class ObservabilityModule {}
