import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@agrilink/config';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';

@Module({})
export class DatabaseModule {
  static forRoot(entities: Function[]): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) =>
            buildDataSourceOptions({ url: config.databaseUrl, entities, poolSize: config.databasePoolSize }),
          dataSourceFactory: async (options) => guardPoolClients(await new DataSource(options!).initialize()),
        }),
      ],
    };
  }
}

/**
 * A pooled connection cut by the server (restart, pg_terminate_backend) can emit a second
 * 'error' after TypeORM has let go of it; with no listener left that would crash the process.
 * A standing listener on every client keeps it a failed request (503) and a replaced connection.
 */
export function guardPoolClients(ds: DataSource): DataSource {
  const pool = (ds.driver as unknown as { master?: { on(event: 'connect', cb: (client: { on(e: 'error', cb: () => void): void }) => void): void } }).master;
  pool?.on('connect', (client) => client.on('error', () => undefined));
  return ds;
}
