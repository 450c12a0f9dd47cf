import { Injectable } from '@nestjs/common';
import { AppConfig } from '@agrilink/config';
import { ChannelAdapter } from './channels/channel';
import { EmailChannel } from './channels/email.channel';
import { SmsChannel } from './channels/sms.channel';
import { ZaloChannel } from './channels/zalo.channel';
import type { NotificationChannel } from './notification-delivery.entity';

/** The configured channels; a channel whose variables are unset is off and gets no deliveries. */
@Injectable()
export class NotificationChannels {
  private readonly adapters: Record<NotificationChannel, ChannelAdapter>;

  constructor(readonly config: AppConfig) {
    const timeout = config.notificationSendTimeoutMs;
    this.adapters = {
      email: new EmailChannel(config.smtpUrl, config.mailFrom, timeout),
      zalo: new ZaloChannel(config.zalo, timeout),
      sms: new SmsChannel(config.smsGateway, timeout),
    };
  }

  get(channel: NotificationChannel): ChannelAdapter {
    return this.adapters[channel];
  }

  enabled(channel: NotificationChannel): boolean {
    return this.adapters[channel].enabled;
  }

  /** A claim outlives the longest send (connect, greeting and socket timeouts run one after another in the worst case). */
  get leaseMs(): number {
    return this.config.notificationSendTimeoutMs * 3 + 5_000;
  }

  zaloTemplate(key: 'proposals' | 'dealConfirmed' | 'deliveryRecorded'): string {
    return this.config.zalo?.templates[key] ?? '';
  }
}
