import { Module } from '@nestjs/common';
import { NotificationsModule } from '@agrilink/core';
import { NotificationsController } from './notifications.controller';

@Module({ imports: [NotificationsModule], controllers: [NotificationsController] })
export class NotificationsApiModule {}
