import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config';
import { validateEnv } from './validate-env';

/**
 * The one AppConfig of a Nest context. Without an argument it is built from the process's
 * environment when the container is created; a start that already validated it (the api's main,
 * which adds the embedded database's address) passes its own, so nothing is validated twice.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: AppConfigModule,
      global: true,
      providers: [
        config
          ? { provide: AppConfig, useValue: config }
          : { provide: AppConfig, useFactory: () => new AppConfig(validateEnv()) },
      ],
      exports: [AppConfig],
    };
  }
}
