import { atLocalTime, localDay, type LocalDay } from './local-time.js';

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

/**
 * The first instant after the period (midnight of the next month's first day): the cut-off
 * instant a past period's figures are read as of.
 */
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
