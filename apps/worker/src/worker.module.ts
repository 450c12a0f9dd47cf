import { Module } from '@nestjs/common';
import { AppConfigModule } from '@agrilink/config';
import { AuditModule, ENTITIES } from '@agrilink/core';
import { DatabaseModule } from '@agrilink/database';
import { QueueModule } from '@agrilink/queue';
import { MatchingWorkerModule } from './matching/matching-worker.module';
import { ImportsWorkerModule } from './imports/imports-worker.module';
import { SchedulesWorkerModule } from './schedules/schedules-worker.module';
import { NotificationsWorkerModule } from './notifications/notifications-worker.module';

/**
 * No HTTP: BullMQ processors that call the same services as the api.
 * Run apart in production (`node dist/apps/worker/src/main.js`), as many as needed on one Redis.
 */
@Module({
  imports: [AppConfigModule, DatabaseModule.forRoot(ENTITIES), QueueModule.forRoot(), AuditModule, MatchingWorkerModule, ImportsWorkerModule, SchedulesWorkerModule, NotificationsWorkerModule],
})
export class WorkerModule {}
