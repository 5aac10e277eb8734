import { atLocalTime, DAY_MS, localDay, type LocalDay } from './local-time.js';

/**
 * Reporting periods: calendar months of Asia/Ho_Chi_Minh, written `YYYY-MM`. Pilots report per
 * period, a period is locked as a whole, and a past period is read as of its end.
 */
export type Period = string;

/** The period a local day falls in. */
export function periodOf(day: LocalDay): Period {
  return day.slice(0, 7);
}

/** The period `now` falls in, Asia/Ho_Chi_Minh. */
export function currentPeriod(now: Date): Period {
  return periodOf(localDay(now));
}

/** The period `months` months after `period` (before, when negative). */
export function shiftPeriod(period: Period, months: number): Period {
  const [y, m] = period.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export const previousPeriod = (period: Period): Period => shiftPeriod(period, -1);
export const nextPeriod = (period: Period): Period => shiftPeriod(period, 1);

/** The first instant of the period: midnight of its first day. */
export function periodStart(period: Period): Date {
  return atLocalTime(`${period}-01`);
}

/** The first instant after the period: midnight of the next month's first day. */
export function periodEnd(period: Period): Date {
  return periodStart(nextPeriod(period));
}

/** `2023-12` → `12/2023`, as Vietnamese writes a month after "tháng". */
export function periodMonthYear(period: Period): string {
  const [y, m] = period.split('-');
  return `${m}/${y}`;
}

/** `2024-01` → "tháng 01/2024". */
export function periodLabel(period: Period): string {
  return `tháng ${periodMonthYear(period)}`;
}

/**
 * The report cut-off day of a period: the policy's day of the month, or the month's last day
 * when the month is shorter. Report reminders go out on it.
 */
export function cutoffDay(period: Period, dayOfMonth: number): LocalDay {
  const [year, month] = period.split('-').map(Number);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(Math.max(1, Math.trunc(dayOfMonth)), lastDay);
  return `${period}-${String(day).padStart(2, '0')}`;
}

/** The days a period's cut-off day may be set to; null is the end of the month. */
export const PERIOD_CUTOFF_DAY_MIN = 1;
export const PERIOD_CUTOFF_DAY_MAX = 31;

/**
 * The cut-off instant of a period, as of which its report is read: the last instant (…23:59:59.999)
 * of day `day` of the month in Asia/Ho_Chi_Minh, clamped to the month (31 in February is its
 * last day), or of the month's last day when `day` is null. Inclusive: what happened at or
 * before it counts, and days overdue are counted up to and including its day.
 */
export function periodCutoff(period: Period, day: number | null): Date {
  const last = cutoffDay(period, day ?? PERIOD_CUTOFF_DAY_MAX);
  return new Date(atLocalTime(last).getTime() + DAY_MS - 1);
}

/**
 * The instant period P's report is read as of at `now`: its cut-off instant once that has
 * passed, `now` before (a period not yet cut off reads what has happened so far).
 */
export function periodAsOf(period: Period, now: Date, day: number | null): Date {
  const cutoff = periodCutoff(period, day);
  return now < cutoff ? new Date(now) : cutoff;
}
