import { addDays } from '../common/dates';
import { DomainError } from '../common/domain-error';

/** An ISO 8601 week (Monday to Sunday), the period of the KH 308 weekly report. */
export interface IsoWeek {
  year: number;
  week: number;
  /** `2026-W10` */
  label: string;
  /** Monday, YYYY-MM-DD */
  start: string;
  /** Sunday, YYYY-MM-DD */
  end: string;
}

/** 53 when 1 January is a Thursday, or a Wednesday in a leap year. */
export function isoWeeksInYear(year: number): number {
  const jan1 = new Date(Date.UTC(year, 0, 1)).getUTCDay();
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
}

export function isoWeek(year: number, week: number): IsoWeek {
  // The Monday of week 1 is the Monday on or before 4 January.
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday1 = addDays(jan4.toISOString().slice(0, 10), -((jan4.getUTCDay() + 6) % 7));
  const start = addDays(monday1, (week - 1) * 7);
  return { year, week, label: `${year}-W${String(week).padStart(2, '0')}`, start, end: addDays(start, 6) };
}

// The value may come straight from a query string or a JSON body, so an absent one is expected here.
export function parseIsoWeek(value: string | null | undefined, field = 'week'): IsoWeek {
  const m = /^(\d{4})-W(\d{2})$/.exec((value ?? '').trim());
  const bad = (why: string) =>
    new DomainError('bad_request', 'VALIDATION.FAILED', `${field} ${why}`, [{ field, message: `${field} ${why}` }]);
  if (!m) throw bad('must be an ISO week YYYY-Www, e.g. 2026-W10');
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (year < 2000 || year > 2100) throw bad('must be a year between 2000 and 2100');
  const max = isoWeeksInYear(year);
  if (week < 1 || week > max)
    throw bad(`must be between ${year}-W01 and ${year}-W${max} (${year} has ${max} ISO weeks)`);
  return isoWeek(year, week);
}

export function isoWeekOf(date: string): IsoWeek {
  const d = new Date(`${date}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(d.getTime() + (3 - dow) * 86400_000);
  const year = thursday.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  const week = 1 + Math.floor((thursday.getTime() - jan1) / (7 * 86400_000));
  return isoWeek(year, week);
}

export function shiftWeek(w: IsoWeek, by: number): IsoWeek {
  return isoWeekOf(addDays(w.start, by * 7));
}
