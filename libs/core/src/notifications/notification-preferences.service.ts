import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { Language, NotificationPreference } from './notification-delivery.entity';
import { NotificationChannels } from './notification-channels';
import type { NotificationPreferencesView } from './notification-view';

export type { NotificationPreferencesView };

export type NotificationPreferencesPatch = Partial<
  Pick<NotificationPreferencesView, 'email' | 'zalo' | 'sms' | 'inApp' | 'phone' | 'language'>
>;

const DEFAULTS = { email: true, zalo: false, sms: false, inApp: true, phone: null, language: 'vi' as Language };

@Injectable()
export class NotificationPreferencesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly channels: NotificationChannels,
  ) {}

  async get(actor: Actor): Promise<NotificationPreferencesView> {
    const row = await this.dataSource.getRepository(NotificationPreference).findOneBy({ userId: actor.userId });
    return this.view(row ?? DEFAULTS);
  }

  async update(actor: Actor, patch: NotificationPreferencesPatch): Promise<NotificationPreferencesView> {
    return this.dataSource.transaction(async (em) => {
      // Row lock (or the insert's key) so two tabs saving at once end with one consistent row.
      const current = (await em.findOne(NotificationPreference, {
        where: { userId: actor.userId },
        lock: { mode: 'pessimistic_write' },
      })) ?? { ...DEFAULTS };
      const next = { ...pick(current), ...definedOnly(patch) };
      if (patch.phone !== undefined)
        next.phone = patch.phone === null || patch.phone === '' ? null : normalizePhone(patch.phone);
      if ((next.zalo || next.sms) && !next.phone) {
        throw DomainError.invalid(
          'NOTIFICATION_PREFERENCES.PHONE_REQUIRED',
          'phone',
          'Zalo and SMS need a phone number (phone) / Zalo và SMS cần số điện thoại',
        );
      }
      await em.upsert(NotificationPreference, { userId: actor.userId, ...next }, ['userId']);
      return this.view(next);
    });
  }

  /** For the event stream: a user who turned in-app off gets no live pushes. */
  async inAppEnabled(userId: string): Promise<boolean> {
    const row = await this.dataSource.getRepository(NotificationPreference).findOneBy({ userId });
    return row ? row.inApp : true;
  }

  private view(p: Omit<NotificationPreferencesView, 'available'>): NotificationPreferencesView {
    return {
      ...pick(p),
      available: {
        email: this.channels.enabled('email'),
        zalo: this.channels.enabled('zalo'),
        sms: this.channels.enabled('sms'),
        inApp: true,
      },
    };
  }
}

function pick(p: Omit<NotificationPreferencesView, 'available'>) {
  return { email: p.email, zalo: p.zalo, sms: p.sms, inApp: p.inApp, phone: p.phone, language: p.language };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Vietnamese mobile numbers as ZNS and SMS gateways take them: 84 then nine digits. */
export function normalizePhone(raw: string): string {
  const digits = raw.replace(/[\s().-]/g, '').replace(/^\+/, '');
  const national = digits.startsWith('84') ? digits.slice(2) : digits.startsWith('0') ? digits.slice(1) : digits;
  if (!/^[1-9]\d{8}$/.test(national)) {
    throw DomainError.invalid(
      'NOTIFICATION_PREFERENCES.PHONE_INVALID',
      'phone',
      'phone must be a Vietnamese mobile number, e.g. 0912345678 / số điện thoại không hợp lệ',
    );
  }
  return `84${national}`;
}
