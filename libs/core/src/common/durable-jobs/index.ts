export * from './durable-jobs';
export * from './durable-jobs.module';
export * from './maintenance.processor';
export * from './non-retryable.error';
export * from './periodic-jobs';
