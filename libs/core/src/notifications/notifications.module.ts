import { Module } from '@nestjs/common';
import { NotificationDeliveryProcessor } from './notification-delivery.processor';
import { NotificationDispatchJobs } from './notification-dispatch.jobs';
import { NotificationChannels } from './notification-channels';
import { NotificationDeliveriesService } from './notification-deliveries.service';
import { NotificationDispatchService } from './notification-dispatch.service';
import { NotificationPreferencesService } from './notification-preferences.service';
import { NotificationsService } from './notifications.service';

const PROVIDERS = [
  NotificationsService,
  NotificationChannels,
  NotificationDispatchService,
  NotificationDeliveriesService,
  NotificationPreferencesService,
];

@Module({ providers: PROVIDERS, exports: PROVIDERS })
export class NotificationsModule {}

/** The worker's side: the delivery processor and the outbox's periodic jobs. */
@Module({ imports: [NotificationsModule], providers: [NotificationDeliveryProcessor, NotificationDispatchJobs] })
export class NotificationProcessorsModule {}
