import { parseExpression } from 'cron-parser';
import { DomainError } from '../common/domain-error';

export const DEFAULT_SCHEDULE_TIMEZONE = 'Asia/Ho_Chi_Minh';

/** A time zone the runtime knows (IANA name). */
export function assertTimezone(timezone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
  } catch {
    throw DomainError.invalid(
      'MATCHING_SCHEDULE.INVALID_TIMEZONE',
      'timezone',
      `timezone: "${timezone}" is not an IANA time zone such as Asia/Ho_Chi_Minh (múi giờ không hợp lệ)`,
    );
  }
}

/** A cron pattern BullMQ's parser reads, firing at most once a second. Returns the next firing. */
export function assertCron(cron: string, timezone: string): Date {
  const fields = cron.trim().split(/\s+/);
  if (fields.length < 5 || fields.length > 6) {
    throw DomainError.invalid(
      'MATCHING_SCHEDULE.INVALID_CRON',
      'cron',
      'cron: five fields (minute hour day month weekday), or six with seconds first (biểu thức cron không hợp lệ)',
    );
  }
  try {
    return parseExpression(cron, { tz: timezone }).next().toDate();
  } catch (e) {
    throw DomainError.invalid(
      'MATCHING_SCHEDULE.INVALID_CRON',
      'cron',
      `cron: ${(e as Error).message} (biểu thức cron không hợp lệ)`,
    );
  }
}

/** The calendar day of an instant in a time zone (YYYY-MM-DD): a scheduled run's run day. */
export function dayIn(timezone: string, at: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
