import { FIRST_YEAR, LAST_YEAR } from '../../common/domain/accepted-years.js';
import { DAY_MS, localDay, type LocalDay } from '../../common/domain/local-time.js';

/**
 * Working-day arithmetic on the Vietnamese calendar. Pure functions: the calendar of
 * non-working days is passed in. Asia/Ho_Chi_Minh is UTC+07:00 all year (no DST), so a day
 * is a fixed 24-hour step and "the same time of day" survives any number of steps.
 */

/**
 * The days the calendar computes over: the accepted years with a year's margin either side, for
 * deadlines counted past 2100 and holidays that straddle a new year. Every day-by-day walk stays
 * inside, so none can run away (a walk from 9999-12-31 used to never end).
 */
export const FIRST_COMPUTABLE_DAY: LocalDay = `${FIRST_YEAR - 1}-01-01`;
export const LAST_COMPUTABLE_DAY: LocalDay = `${LAST_YEAR + 1}-12-31`;
/** More than the days between the two ends: a walk that takes this many steps is a bug. */
const MAX_WALK_STEPS = 40_000;

const DAY_FORMAT = /^\d{4}-\d{2}-\d{2}$/;

function assertComputable(day: LocalDay): LocalDay {
  if (!DAY_FORMAT.test(day) || day < FIRST_COMPUTABLE_DAY || day > LAST_COMPUTABLE_DAY)
    throw new RangeError(
      `day ${day} is outside the calendar (${FIRST_COMPUTABLE_DAY} to ${LAST_COMPUTABLE_DAY})`,
    );
  return day;
}

export interface WorkingCalendar {
  isWorkingDay(day: LocalDay): boolean;
}

export function dayOfWeek(day: LocalDay): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/** The day `step` days after `day`; a RangeError when either is outside the calendar. */
export function nextDay(day: LocalDay, step = 1): LocalDay {
  assertComputable(day);
  const at = new Date(Date.parse(`${day}T00:00:00Z`) + step * DAY_MS);
  return assertComputable(Number.isNaN(at.getTime()) ? 'invalid' : at.toISOString().slice(0, 10));
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
  const from = assertComputable(localDay(at));
  // A wave of letters due the same day asks the same walk a thousand times: it is remembered per
  // calendar (a calendar never changes; a changed one is a new object).
  let walks = WALKS.get(calendar);
  if (!walks) WALKS.set(calendar, (walks = new Map()));
  const key = `${from}+${days}`;
  let steps = walks.get(key);
  if (steps === undefined) {
    steps = 0;
    let day = from;
    for (let left = days; left > 0;) {
      day = nextDay(day);
      steps += 1;
      if (steps > MAX_WALK_STEPS) throw new RangeError(`no ${days} working days after ${day}`);
      if (calendar.isWorkingDay(day)) left -= 1;
    }
    if (walks.size >= MAX_REMEMBERED_WALKS) walks.clear();
    walks.set(key, steps);
  }
  return new Date(at.getTime() + steps * DAY_MS);
}

/** addWorkingDays' walks, per calendar: day and count → calendar days walked. */
const WALKS = new WeakMap<WorkingCalendar, Map<string, number>>();
const MAX_REMEMBERED_WALKS = 20_000;

/**
 * Working days d with localDay(from) < d <= localDay(to); 0 when `to` is not after `from`. A
 * RangeError, before any walk, when `to` is after `from` and either is outside the calendar.
 */
export function workingDaysBetween(from: Date, to: Date, calendar: WorkingCalendar): number {
  const first = localDay(from);
  const last = localDay(to);
  if (last <= first) return 0;
  assertComputable(first);
  assertComputable(last);
  let count = 0;
  let steps = 0;
  for (let day = nextDay(first); day <= last; day = nextDay(day)) {
    steps += 1;
    if (steps > MAX_WALK_STEPS) throw new RangeError(`too many days from ${first} to ${last}`);
    if (calendar.isWorkingDay(day)) count += 1;
  }
  return count;
}
