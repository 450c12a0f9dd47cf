import { Module } from '@nestjs/common';
import { NotificationsModule } from '@agrilink/core';
import { NotificationDeliveryProcessor } from './notification-delivery.processor';
import { NotificationDispatcher } from './notification-dispatcher';

@Module({ imports: [NotificationsModule], providers: [NotificationDeliveryProcessor, NotificationDispatcher] })
export class NotificationsWorkerModule {}
