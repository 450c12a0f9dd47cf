export * from './embedded-postgres';
export * from './data-source-options';
export * from './database.module';
export * from './migrate';
export * from './test-database-guard';
export * from './migrations';
export * from './read-replicas';
