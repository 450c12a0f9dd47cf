// Used only by the TypeORM CLI (`npm run migration:generate`) against a scratch database.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../../core/src/entities';
import { buildDataSourceOptions } from './data-source-options';

export default new DataSource(
  buildDataSourceOptions({
    url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/agrilink_migrations_test',
    entities: ENTITIES,
  }),
);
