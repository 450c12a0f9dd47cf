import { getQueueToken } from '@nestjs/bullmq';
import { Module, OnModuleDestroy, OnModuleInit, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AppConfig } from '@agrilink/config';
import { loggerParams, observeJobDurations, watchQueueDepth } from '@agrilink/observability';
import { QueueName } from '@agrilink/queue';
import { Queue } from 'bullmq';
import { LoggerModule } from 'nestjs-pino';

/** Queue depth on scrape and job durations from Redis events, for every queue. */
@Injectable()
export class QueueMetrics implements OnModuleInit, OnModuleDestroy {
  private closers: Array<() => unknown> = [];
  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit() {
    const queues = Object.values(QueueName).map((name) => this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
    this.closers.push(watchQueueDepth(queues));
    for (const q of queues) this.closers.push(observeJobDurations(q));
  }

  async onModuleDestroy() {
    await Promise.all(this.closers.map((close) => Promise.resolve(close()).catch(() => undefined)));
    this.closers = [];
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
  providers: [QueueMetrics],
})
export class ObservabilityModule {}
