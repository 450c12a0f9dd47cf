export * from './app-config';
export * from './config.module';
export * from './config.schema';
export * from './validate-env';
export * from './local-secrets';
export * from './permit-signing-key';
