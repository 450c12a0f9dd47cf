import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@agrilink/config';
import { Actor, DomainError } from '@agrilink/core';
import { QueueName } from '@agrilink/queue';
import { Queue } from 'bullmq';
import type IORedis from 'ioredis';
import { createHash, randomBytes } from 'node:crypto';

export const TICKET_TTL_SECONDS = 60;

interface TicketClaims {
  actor: Actor;
  /** When the access token that asked for the ticket expires (ms): the stream ends then. */
  until: number;
}

/**
 * EventSource cannot send an Authorization header, and a bearer token in a URL ends up in access
 * logs and browser history. So the client trades its token for an opaque ticket that lives a minute,
 * works once (GETDEL) and is stored only as its hash; a logged ticket is already spent.
 */
@Injectable()
export class StreamTicketsService {
  constructor(
    private readonly config: AppConfig,
    @InjectQueue(QueueName.Notifications) private readonly queue: Queue,
  ) {}

  async issue(actor: Actor, accessTokenExpiresAt: number): Promise<{ ticket: string; expiresInSeconds: number }> {
    const ticket = randomBytes(32).toString('base64url');
    const claims: TicketClaims = { actor, until: accessTokenExpiresAt };
    await (await this.redis()).set(this.key(ticket), JSON.stringify(claims), 'EX', TICKET_TTL_SECONDS);
    return { ticket, expiresInSeconds: TICKET_TTL_SECONDS };
  }

  async redeem(ticket: string): Promise<TicketClaims> {
    const raw = await (await this.redis()).getdel(this.key(ticket));
    const claims = raw ? (JSON.parse(raw) as TicketClaims) : null;
    if (!claims || claims.until <= Date.now()) {
      throw new DomainError(
        'unauthorized',
        'NOTIFICATION.STREAM_TICKET_INVALID',
        'the stream ticket is invalid, used or expired; ask for a new one (POST /api/notifications/stream-tickets)',
      );
    }
    return claims;
  }

  private key(ticket: string): string {
    return `${this.config.queuePrefix}:stream-ticket:${createHash('sha256').update(ticket).digest('hex')}`;
  }

  private async redis(): Promise<IORedis> {
    return (await this.queue.client) as unknown as IORedis;
  }
}
