import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';
import { MIGRATIONS } from './migrations';

export interface DatabaseOptions {
  url: string;
  entities: DataSourceOptions['entities'];
  poolSize?: number;
  logging?: boolean;
  /** Hot standbys of `url`; reads reach them only through `readFromReplica` (read-replicas.ts). */
  replicaUrls?: string[];
}

/** The one place the TypeORM connection is described; schema only ever changes by migration. */
export function buildDataSourceOptions(opts: DatabaseOptions): DataSourceOptions {
  const replicas = opts.replicaUrls ?? [];
  return {
    type: 'postgres',
    ...(replicas.length
      ? // Everything on the primary unless asked: a query builder's SELECT would otherwise go to a replica even inside a write.
        {
          replication: {
            master: { url: opts.url },
            slaves: replicas.map((url) => ({ url })),
            defaultMode: 'master' as const,
          },
        }
      : { url: opts.url }),
    entities: opts.entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+; no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    namingStrategy: new SnakeNamingStrategy(),
    logging: opts.logging ? ['error', 'warn', 'migration'] : ['error'],
    extra: { max: opts.poolSize ?? 10, connectionTimeoutMillis: 10000 },
  };
}
