/**
 * Working-day arithmetic on the Vietnamese calendar. Pure functions: the calendar of
 * non-working days is passed in. Asia/Ho_Chi_Minh is UTC+07:00 all year (no DST), so a day
 * is a fixed 24-hour step and "the same time of day" survives any number of steps.
 */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A calendar day in Asia/Ho_Chi_Minh, `YYYY-MM-DD`. */
export type LocalDay = string;

export interface WorkingCalendar {
  isWorkingDay(day: LocalDay): boolean;
}

export function localDay(at: Date): LocalDay {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

export function dayOfWeek(day: LocalDay): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

export function nextDay(day: LocalDay, step = 1): LocalDay {
  return new Date(new Date(`${day}T00:00:00Z`).getTime() + step * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

/** The instant of `time` (HH:MM) on `day` in Asia/Ho_Chi_Minh. */
export function atLocalTime(day: LocalDay, time = '00:00'): Date {
  return new Date(`${day}T${time}:00+07:00`);
}

/** Monday to Friday; the holiday calendar (issue 4) refines it. */
export const weekendCalendar: WorkingCalendar = {
  isWorkingDay: (day) => {
    const dow = dayOfWeek(day);
    return dow !== 0 && dow !== 6;
  },
};

/**
 * `at` moved forward by `days` working days, at the same time of day. Adding 0 returns
 * `at` itself, whatever the day.
 */
export function addWorkingDays(at: Date, days: number, calendar: WorkingCalendar): Date {
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError('days must be a non-negative integer');
  let day = localDay(at);
  let steps = 0;
  for (let left = days; left > 0;) {
    day = nextDay(day);
    steps += 1;
    if (calendar.isWorkingDay(day)) left -= 1;
  }
  return new Date(at.getTime() + steps * DAY_MS);
}

/** Working days d with localDay(from) < d <= localDay(to); 0 when `to` is not after `from`. */
export function workingDaysBetween(from: Date, to: Date, calendar: WorkingCalendar): number {
  const last = localDay(to);
  let count = 0;
  for (let day = nextDay(localDay(from)); day <= last; day = nextDay(day)) {
    if (calendar.isWorkingDay(day)) count += 1;
  }
  return count;
}
