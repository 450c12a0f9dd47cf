import { Body, Controller, Get, Query, Req, Res } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  Actor,
  isVisibleTo,
  NotificationDeliveriesService,
  NotificationEvent,
  NotificationPreferencesService,
  NotificationsService,
} from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Public } from '../auth/public.decorator';
import {
  NotificationDeliveryDto,
  NotificationDeliveryPageDto,
  ListDeliveriesQueryDto,
  ListNotificationsQueryDto,
  MarkAllReadDto,
  NotificationDto,
  NotificationPageDto,
  NotificationPreferencesDto,
  StreamQueryDto,
  StreamTicketDto,
  UpdateNotificationPreferencesDto,
} from './notification.dto';
import { NotificationStreamHub } from './notification-stream.hub';
import { StreamTicketsService } from './stream-tickets.service';
import { ApiController, IdParam, Route } from '../common/routes';

const HEARTBEAT_MS = 25_000;

@ApiController('notifications')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly deliveries: NotificationDeliveriesService,
    private readonly preferences: NotificationPreferencesService,
    private readonly tickets: StreamTicketsService,
    private readonly hub: NotificationStreamHub,
    private readonly jwt: JwtService,
  ) {}

  /** Own notifications (the user's, its organisation's, or the staff desk's), newest first, with `unreadCount`. */
  @Route('get', undefined, { summary: "The caller's notifications, newest first", ok: NotificationPageDto })
  list(@CurrentActor() actor: Actor, @Query() q: ListNotificationsQueryDto) {
    return this.notifications.list(actor, q);
  }

  @Route('post', 'read-all', {
    status: 200,
    summary: "Mark all of the caller's notifications read",
    ok: MarkAllReadDto,
  })
  readAll(@CurrentActor() actor: Actor) {
    return this.notifications.markAllRead(actor);
  }

  @Route('post', ':id/read', {
    status: 200,
    summary: 'Mark one notification read',
    ok: NotificationDto,
    errors: { 404: 'NOTIFICATION.NOT_FOUND' },
  })
  read(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.notifications.markRead(actor, id);
  }

  /** A one-minute, single-use ticket for the event stream, bound to the caller and ending with the caller's access token. */
  @Route('post', 'stream-tickets', {
    status: 200,
    summary: 'A single-use ticket for the notification stream',
    ok: StreamTicketDto,
  })
  streamTicket(@CurrentActor() actor: Actor, @Req() req: Request) {
    const token = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
    const exp = this.jwt.decode<{ exp?: number } | null>(token)?.exp;
    return this.tickets.issue(actor, exp ? exp * 1000 : Date.now() + 15 * 60_000);
  }

  /**
   * Server-sent events: `ready` (with unreadCount), then one `notification` event per new notification
   * of the caller's inbox, a comment every 25 s, and `expired` when the access token behind the ticket
   * runs out (the client then takes a new ticket). Authenticated by `?ticket=`, never by a token in the URL.
   */
  @Public()
  @Get('stream')
  @ApiOperation({ summary: 'Live notifications (server-sent events)' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'text/event-stream of NotificationDto events', schema: { type: 'string' } })
  async stream(@Query() q: StreamQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { actor, until } = await this.tickets.redeem(q.ticket);
    const live = await this.preferences.inAppEnabled(actor.userId);
    const { unreadCount } = await this.notifications.list(actor, { limit: 1, unread: true });
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write(`retry: 5000\nevent: ready\ndata: ${JSON.stringify({ unreadCount, live })}\n\n`);
    const send = (e: NotificationEvent) => {
      if (!live || !isVisibleTo(actor, e)) return;
      const view: NotificationDto = {
        id: e.id,
        kind: e.kind,
        title: e.title,
        body: e.body,
        data: e.data,
        read: false,
        readAt: null,
        createdAt: e.createdAt as unknown as Date,
      };
      res.write(`id: ${e.id}\nevent: notification\ndata: ${JSON.stringify(view)}\n\n`);
    };
    const unsubscribe = await this.hub.subscribe(send);
    const heartbeat = setInterval(() => res.write(`: keep-alive\n\n`), HEARTBEAT_MS);
    const expiry = setTimeout(
      () => {
        res.write(`event: expired\ndata: {}\n\n`);
        res.end();
      },
      Math.max(0, Math.min(until - Date.now(), 2 ** 31 - 1)),
    );
    const close = () => {
      clearInterval(heartbeat);
      clearTimeout(expiry);
      unsubscribe();
    };
    req.on('close', close);
    res.on('close', close);
  }

  /** Outgoing messages (e-mail, Zalo, SMS) and their attempts; `status=failed` shows what never went out. */
  @Route('get', 'deliveries', {
    roles: ['admin'],
    summary: 'E-mail and SMS deliveries of notifications (staff)',
    ok: NotificationDeliveryPageDto,
  })
  listDeliveries(@Query() q: ListDeliveriesQueryDto) {
    return this.deliveries.list(q);
  }

  /** Send a failed message again, with a fresh set of attempts. */
  @Route('post', 'deliveries/:id/retry', {
    roles: ['admin'],
    status: 200,
    summary: 'Send a failed delivery again',
    ok: NotificationDeliveryDto,
    errors: { 404: 'NOTIFICATION_DELIVERY.NOT_FOUND', 409: 'Only a failed delivery is retried' },
  })
  retryDelivery(@IdParam() id: string) {
    return this.deliveries.retry(id);
  }
}

/** Each user's channels; lives beside the notifications, under the user's own path. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('users/me/notification-preferences')
export class NotificationPreferencesController {
  constructor(private readonly preferences: NotificationPreferencesService) {}

  @Route('get', undefined, { summary: "The caller's notification preferences", ok: NotificationPreferencesDto })
  get(@CurrentActor() actor: Actor) {
    return this.preferences.get(actor);
  }

  @Route('patch', undefined, {
    summary: "Change the caller's notification preferences",
    ok: NotificationPreferencesDto,
  })
  update(@CurrentActor() actor: Actor, @Body() dto: UpdateNotificationPreferencesDto) {
    return this.preferences.update(actor, dto);
  }
}
