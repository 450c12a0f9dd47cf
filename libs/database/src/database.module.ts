import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@agrilink/config';
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
        }),
      ],
    };
  }
}
