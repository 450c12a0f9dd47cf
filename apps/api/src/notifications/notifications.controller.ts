import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, NotificationsService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ListNotificationsQueryDto } from './notification.dto';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** Own notifications (the user's, its organisation's, or the staff desk's), newest first, with `unreadCount`. */
  @Get()
  list(@CurrentActor() actor: Actor, @Query() q: ListNotificationsQueryDto) {
    return this.notifications.list(actor, q);
  }

  @Post(':id/read')
  @HttpCode(200)
  read(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.notifications.markRead(actor, id);
  }
}
