import { Module } from '@nestjs/common';
import { NotificationsModule } from '@agrilink/core';
import { NotificationPreferencesController, NotificationsController } from './notifications.controller';
import { NotificationStreamHub } from './notification-stream.hub';
import { StreamTicketsService } from './stream-tickets.service';

@Module({
  imports: [NotificationsModule],
  controllers: [NotificationsController, NotificationPreferencesController],
  providers: [NotificationStreamHub, StreamTicketsService],
})
export class NotificationsApiModule {}
