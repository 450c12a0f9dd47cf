import { overlapDays, windowDays } from '../reference-data/harvest-calendar';
import { IsoWeek, isoWeekOf, shiftWeek } from './iso-week';

/** The ISO weeks from the week of `from` to the week of `to`, both included. */
export function weeksBetween(from: string, to: string): IsoWeek[] {
  const first = isoWeekOf(from);
  const last = isoWeekOf(to);
  const out: IsoWeek[] = [];
  for (let w = first; w.start <= last.start; w = shiftWeek(w, 1)) out.push(w);
  return out;
}

/** `amount` spread evenly over the days of [from, to]: the share falling in each week (not rounded). */
export function spreadOverWeeks(amount: number, from: string, to: string, weeks: IsoWeek[]): number[] {
  const days = windowDays(from, to);
  return weeks.map((w) => (amount * overlapDays(from, to, w.start, w.end)) / days);
}

/** Rounds to 2 decimals (hectares). */
export const round2 = (x: number) => Math.round(x * 100) / 100;
