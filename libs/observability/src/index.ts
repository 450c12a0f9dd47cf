export * from './logging';
export * from './metrics';
export * from './queue-metrics';
export * from './metrics-server';
