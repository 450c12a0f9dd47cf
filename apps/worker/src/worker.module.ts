import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@agrilink/config';
import { coreInfrastructure, JobProcessorsModule } from '@agrilink/core';

/**
 * No HTTP: the BullMQ processors and periodic jobs over the same core modules as the api.
 * Run apart in production (`node dist/apps/worker/src/main.js`), as many as needed on one Redis.
 */
@Module({})
export class WorkerModule {
  /** `config`: already validated by the caller; else read from the environment. */
  static forRoot(config?: AppConfig): DynamicModule {
    return { module: WorkerModule, imports: [...coreInfrastructure(config), JobProcessorsModule] };
  }
}
