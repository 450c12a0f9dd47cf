import { Module } from '@nestjs/common';
import { NotificationChannels } from './notification-channels';
import { NotificationDeliveriesService } from './notification-deliveries.service';
import { NotificationDispatchService } from './notification-dispatch.service';
import { NotificationPreferencesService } from './notification-preferences.service';
import { NotificationsService } from './notifications.service';

const PROVIDERS = [NotificationsService, NotificationChannels, NotificationDispatchService, NotificationDeliveriesService, NotificationPreferencesService];

@Module({ providers: PROVIDERS, exports: PROVIDERS })
export class NotificationsModule {}
