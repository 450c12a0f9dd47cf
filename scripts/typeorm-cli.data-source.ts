// Used only by the TypeORM CLI (`npm run migration:generate`) against a scratch database.
// It lives here, not in libs/database, because it needs core's entities: database never imports core.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ENTITIES } from '@agrilink/core';
import { buildDataSourceOptions } from '@agrilink/database';

export default new DataSource(
  buildDataSourceOptions({
    url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/agrilink_migrations_test',
    entities: ENTITIES,
  }),
);
