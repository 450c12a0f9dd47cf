export * from './logging';
export * from './metrics';
export * from './queue-metrics';
