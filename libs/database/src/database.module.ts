import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@agrilink/config';
import { DataSource, DataSourceOptions } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';
import { ReadReplicas } from './read-replicas';

@Module({})
export class DatabaseModule {
  static forRoot(entities: DataSourceOptions['entities']): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) =>
            buildDataSourceOptions({
              url: config.databaseUrl,
              entities,
              poolSize: config.databasePoolSize,
              replicaUrls: config.databaseReplicaUrls,
            }),
          dataSourceFactory: async (options) => {
            // Nest passes what useFactory returned; it is never missing.
            if (!options) throw new Error('DatabaseModule: no data source options');
            return guardPoolClients(await new DataSource(options).initialize());
          },
        }),
      ],
      providers: [ReadReplicas],
      exports: [ReadReplicas],
      global: true,
    };
  }
}

/**
 * A pooled connection cut by the server (restart, pg_terminate_backend) can emit a second
 * 'error' after TypeORM has let go of it; with no listener left that would crash the process.
 * A standing listener on every client keeps it a failed request (503) and a replaced connection.
 */
interface Pool {
  on(event: 'connect', cb: (client: { on(e: 'error', cb: () => void): void }) => void): void;
}

export function guardPoolClients(ds: DataSource): DataSource {
  const driver = ds.driver as unknown as { master?: Pool; slaves?: Pool[] };
  for (const pool of [driver.master, ...(driver.slaves ?? [])])
    pool?.on('connect', (client) => client.on('error', () => undefined));
  return ds;
}
