import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@agrilink/config';
import { NotificationEvent } from '@agrilink/core';
import { NOTIFICATION_EVENTS_CHANNEL, redisConnectionOptions } from '@agrilink/queue';
import IORedis from 'ioredis';

type Listener = (e: NotificationEvent) => void;

/**
 * One Redis subscription per api process, opened with the first stream: workers PUBLISH each
 * dispatched notification, and every connected client whose inbox it belongs to gets it.
 */
@Injectable()
export class NotificationStreamHub implements OnModuleDestroy {
  private readonly log = new Logger('NotificationStreamHub');
  private readonly listeners = new Set<Listener>();
  private subscriber?: IORedis;

  constructor(private readonly config: AppConfig) {}

  get channel(): string {
    return `${this.config.queuePrefix}:${NOTIFICATION_EVENTS_CHANNEL}`;
  }

  async subscribe(listener: Listener): Promise<() => void> {
    if (!this.subscriber) {
      this.subscriber = new IORedis({ ...redisConnectionOptions(this.config.redisUrl), lazyConnect: true });
      this.subscriber.on('error', (e) => this.log.warn(`event subscription: ${e.message}`));
      this.subscriber.on('message', (_channel, text) => {
        let event: NotificationEvent;
        try {
          event = JSON.parse(text) as NotificationEvent;
        } catch {
          return;
        }
        for (const l of this.listeners) l(event);
      });
      await this.subscriber.connect();
      await this.subscriber.subscribe(this.channel);
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get connections(): number {
    return this.listeners.size;
  }

  async onModuleDestroy(): Promise<void> {
    this.listeners.clear();
    await this.subscriber?.quit().catch(() => undefined);
  }
}
