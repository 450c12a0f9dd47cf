// What the inbox and the preferences answer. Types only, so the web app imports them as they are
// (`import type`); no import from an entity: the web app type-checks this file without TypeORM's decorators.

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  read: boolean;
  readAt: Date | null;
  createdAt: Date;
}

export interface NotificationPreferencesView {
  email: boolean;
  zalo: boolean;
  sms: boolean;
  inApp: boolean;
  phone: string | null;
  language: 'vi' | 'en';
  /** Which channels this installation has configured; a chosen channel that is off sends nothing. */
  available: { email: boolean; zalo: boolean; sms: boolean; inApp: boolean };
}
