export * from './embedded-postgres';
export * from './data-source-options';
export * from './test-database-guard';
export * from './migrations';
