import { AppConfig, AppConfigModule } from '@agrilink/config';
import { DatabaseModule } from '@agrilink/database';
import { QueueModule } from '@agrilink/queue';
import { AuditModule } from './audit/audit.module';
import { DurableJobsModule } from './common/durable-jobs/durable-jobs.module';
import { ENTITIES } from './entities';

/**
 * What every root module (the api's, the worker's) stands on, once per Nest context: the
 * configuration, the one DataSource (one pool), the queues, the durable-job registry and the audit
 * trail. Feature modules come on top: the api's controllers, the worker's JobProcessorsModule.
 */
export function coreInfrastructure(config?: AppConfig) {
  return [
    AppConfigModule.forRoot(config),
    DatabaseModule.forRoot(ENTITIES),
    QueueModule.forRoot(),
    DurableJobsModule,
    AuditModule,
  ];
}
