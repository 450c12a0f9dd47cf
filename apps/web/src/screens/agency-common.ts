// Helpers the reporting-duty screens share: ISO weeks in Việt Nam time, dates and kg as people read them.
import { api, type Schema } from '../api';
import { getLang, t, tr } from '../i18n';

export type AgencyListItem = Schema<'AgencyResponse'>;

const DAY_MS = 86_400_000;

/** Today in Việt Nam (UTC+7, no daylight saving). */
export function todayVn(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** ISO week label (2026-W49) of a day. */
export function weekOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7;
  const thursday = new Date(d.getTime() + (3 - dow) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The current week and the ones before it, newest first. */
export function recentWeeks(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++)
    out.push(weekOf(new Date(Date.now() + 7 * 3600_000 - i * 7 * DAY_MS).toISOString().slice(0, 10)));
  return out;
}

export const kg = (n: number | null | undefined) =>
  n === null || n === undefined ? '—' : `${new Intl.NumberFormat(getLang() === 'vi' ? 'vi-VN' : 'en-GB').format(n)} kg`;

export const when = (iso: string | Date | null | undefined) =>
  iso
    ? new Date(iso).toLocaleString(getLang() === 'vi' ? 'vi-VN' : 'en-GB', {
        timeZone: 'Asia/Ho_Chi_Minh',
        dateStyle: 'short',
        timeStyle: 'short',
      })
    : '—';

export const kindLabel = (kind: string) => tr(`agencyKind_${kind}`, kind);
export const taskStatusLabel = (s: string) => tr(`task_${s}`, s);
export const weekdayLabel = (d: number) => tr(`weekday_${d}`, String(d));

export async function loadAgencies(): Promise<AgencyListItem[]> {
  return (await api.GET('/api/agencies', { params: { query: { limit: 500 } } })).items;
}

export function weekTitle(week: string, start: string, end: string): string {
  return t('agWeekOf', { week, start, end });
}
