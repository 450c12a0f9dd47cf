import { Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@agrilink/config';
import { loggerParams, startMetricsServer } from '@agrilink/observability';
import { LoggerModule } from 'nestjs-pino';
import type { Server } from 'node:http';

/** A separate worker has no HTTP api: with METRICS_PORT set it serves /metrics (matching sizes, process stats) itself. */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;
  constructor(private readonly config: AppConfig) {}

  onApplicationBootstrap() {
    const port = this.config.metricsPort;
    if (!port) return;
    this.server = startMetricsServer(port, (p) =>
      new Logger('Worker').log(`Worker metrics at http://localhost:${p}/metrics`),
    );
  }

  onApplicationShutdown() {
    this.server?.close();
  }
}

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => loggerParams(config.logLevel),
    }),
  ],
  providers: [WorkerMetricsServer],
})
export class WorkerObservabilityModule {}
