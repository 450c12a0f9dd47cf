import { createServer, Server } from 'node:http';
import { metricsRegistry } from './metrics';

/**
 * `/metrics` on a port of its own, without authentication: the port is for the internal network
 * (Prometheus), never published by the reverse proxy. Binds to `host` (all interfaces by default,
 * as a container needs).
 */
export function startMetricsServer(port: number, onListening?: (port: number) => void, host?: string): Server {
  const server = createServer((req, res) => {
    if ((req.url ?? '').split('?')[0] !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404).end();
      return;
    }
    metricsRegistry.metrics().then(
      (text) => res.writeHead(200, { 'Content-Type': metricsRegistry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  server.listen(port, host, () => onListening?.((server.address() as { port: number }).port));
  return server;
}
