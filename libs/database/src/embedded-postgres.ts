import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Runs PostgreSQL 18 + PostGIS in-process (PGlite, WebAssembly) and serves it
 * over the wire protocol on a loopback port, so TypeORM, migrations and raw
 * queries take exactly the same path as against a server PostgreSQL.
 */
export async function startEmbeddedPostgres(dataDir: string, port = 0): Promise<EmbeddedPostgres> {
  // ESM-only packages: loaded with a real dynamic import from CommonJS (TypeScript would turn
  // import() into require()), so the Function constructor is the point here.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const load = new Function('m', 'return import(m)') as <T>(m: string) => Promise<T>;
  const [{ PGlite }, { postgis }, { PGLiteSocketServer }] = await Promise.all([
    load<typeof import('@electric-sql/pglite')>('@electric-sql/pglite'),
    load<typeof import('@electric-sql/pglite-postgis')>('@electric-sql/pglite-postgis'),
    load<typeof import('@electric-sql/pglite-socket')>('@electric-sql/pglite-socket'),
  ]);
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const db = await PGlite.create({ dataDir: dir, extensions: { postgis } });
  // PGlite is one backend: the socket server queues connections onto it and
  // keeps a transaction's statements together.
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 32 });
  await server.start();
  const actualPort = Number(server.getServerConn().split(':').pop());
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${actualPort}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
