import { Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@agrilink/config';
import { loggerParams, metricsRegistry } from '@agrilink/observability';
import { LoggerModule } from 'nestjs-pino';
import { createServer, Server } from 'node:http';

/** A separate worker has no HTTP api: with METRICS_PORT set it serves /metrics (matching sizes, process stats) itself. */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;
  constructor(private readonly config: AppConfig) {}

  onApplicationBootstrap() {
    const port = this.config.metricsPort;
    if (!port) return;
    this.server = createServer(async (req, res) => {
      if (req.url !== '/metrics') {
        res.writeHead(404).end();
        return;
      }
      try {
        res.writeHead(200, { 'Content-Type': metricsRegistry.contentType }).end(await metricsRegistry.metrics());
      } catch {
        res.writeHead(500).end();
      }
    });
    this.server.listen(port, () => new Logger('Worker').log(`Worker metrics at http://localhost:${port}/metrics`));
  }

  onApplicationShutdown() {
    this.server?.close();
  }
}

@Module({
  imports: [LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: (config: AppConfig) => loggerParams(config.logLevel) })],
  providers: [WorkerMetricsServer],
})
export class WorkerObservabilityModule {}
