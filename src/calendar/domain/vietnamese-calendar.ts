import Holidays from 'date-holidays';
import {
  dayOfWeek,
  FIRST_COMPUTABLE_DAY,
  LAST_COMPUTABLE_DAY,
  nextDay,
  type WorkingCalendar,
} from './working-days.js';
import { DAY_MS, localDay, TIME_ZONE, type LocalDay } from '../../common/domain/local-time.js';

/**
 * The Vietnamese working calendar of public servants: Monday to Friday, less the public
 * holidays of the `date-holidays` library (lunar ones included), changed by the official
 * per-year adjustments (extra days off around Tết and 2/9, days in lieu, make-up Saturdays).
 * Pure apart from the library, whose answers are cached per year.
 */

export type CalendarAdjustmentKind = 'DAY_OFF' | 'WORKING_DAY';

export interface CalendarAdjustmentInput {
  day: LocalDay;
  kind: CalendarAdjustmentKind;
  /** Shown by describeDay; optional for callers that only need isWorkingDay. */
  reason?: string | null;
}

export interface DayDescription {
  day: LocalDay;
  working: boolean;
  /** The adjustment's reason, the holiday's Vietnamese name, "Thứ Bảy"/"Chủ nhật", or null. */
  reason: string | null;
}

export interface VietnameseWorkingCalendar extends WorkingCalendar {
  describeDay(day: LocalDay): DayDescription;
}

export const SATURDAY = 'Thứ Bảy';
export const SUNDAY = 'Chủ nhật';

let library: Holidays | undefined;
/** Year → (day → Vietnamese name) of the library's public holidays starting in that year. */
const byYear = new Map<number, ReadonlyMap<LocalDay, string>>();

/**
 * The public holidays the library lists for `year`, one entry per day they cover. Tết comes
 * as one entry from the eve ("Giao thừa") with a 5-day span plus a one-day entry for the
 * first day of the year; every day of the span counts. A day inside a multi-day holiday is
 * named after the last holiday that began within that span on or before it, so 11/2/2024 is
 * "Tết Nguyên Đán", not "Giao thừa".
 */
function holidaysStartingIn(year: number): ReadonlyMap<LocalDay, string> {
  const cached = byYear.get(year);
  if (cached) return cached;
  library ??= new Holidays('VN', { languages: ['vi'], timezone: TIME_ZONE });
  const spans = library
    .getHolidays(year, 'vi')
    .filter((h) => h.type === 'public')
    .map((h) => {
      const first = localDay(h.start);
      const end = localDay(h.end); // exclusive: the library's end is the next midnight
      const days: LocalDay[] = [first];
      // The longest holiday, Tết, is five days; a month bounds the walk whatever the library says.
      for (let d = nextDay(first); d < end && days.length < 31; d = nextDay(d)) days.push(d);
      return { name: h.name, first, days };
    });
  const names = new Map<LocalDay, string>();
  for (const day of new Set(spans.flatMap((s) => s.days))) {
    const periodStart = spans
      .filter((s) => s.days.includes(day))
      .reduce((min, s) => (s.first < min ? s.first : min), day);
    const named = spans
      .filter((s) => s.first >= periodStart && s.first <= day)
      .reduce((best, s) => (s.first > best.first ? s : best));
    names.set(day, named.name);
  }
  byYear.set(year, names);
  return names;
}

/**
 * Paid days off the law added after the library's rules (it follows the Labour Code 2012),
 * each from its first year. A weekend occurrence gives a day in lieu through the adjustments,
 * like every other holiday.
 */
export const STATUTORY_HOLIDAYS_BEYOND_LIBRARY: readonly {
  monthDay: string;
  fromYear: number;
  name: string;
  source: string;
}[] = [
  {
    monthDay: '11-24',
    fromYear: 2026,
    name: 'Ngày Văn hóa Việt Nam',
    source: 'Nghị quyết 80-NQ/TW; Nghị quyết 30/NQ-CP',
  },
];

/** Giao thừa of the lunar new year that falls in `year`, from the library. */
export function lunarNewYearEve(year: number): LocalDay {
  for (const [day, name] of holidaysStartingIn(year)) if (name.startsWith('Giao thừa')) return day;
  throw new RangeError(`no Tết in ${year}`);
}

/**
 * The years among `years` whose Tết has no official adjustment: none of `adjustmentDays` lies
 * within ten days of its Giao thừa, and the built-in table does not cover the year. Official
 * notices settle each Tết separately (extra days off, swaps); until one is entered the
 * calendar knows only the library's five days.
 */
export function yearsWithoutOfficialTet(
  years: readonly number[],
  adjustmentDays: readonly LocalDay[],
  builtInYears: readonly number[],
): number[] {
  return years.filter((year) => {
    if (builtInYears.includes(year)) return false;
    const eve = Date.parse(`${lunarNewYearEve(year)}T00:00:00Z`);
    return !adjustmentDays.some(
      (day) => Math.abs(Date.parse(`${day}T00:00:00Z`) - eve) <= 10 * DAY_MS,
    );
  });
}

/** The Vietnamese name of the public holiday on `day` (the library and the law since), or null. */
export function publicHolidayName(day: LocalDay): string | null {
  if (!(day >= FIRST_COMPUTABLE_DAY && day <= LAST_COMPUTABLE_DAY))
    throw new RangeError(`day ${day} is outside the calendar`);
  const year = Number(day.slice(0, 4));
  // A holiday that began late in the previous year may still cover the first days of this one
  // (never before the calendar's first year, whose days the walk could not reach).
  const previous = day.slice(0, 4) > FIRST_COMPUTABLE_DAY.slice(0, 4) ? year - 1 : year;
  const statutory = STATUTORY_HOLIDAYS_BEYOND_LIBRARY.find(
    (h) => day.slice(5) === h.monthDay && year >= h.fromYear,
  );
  return (
    statutory?.name ??
    holidaysStartingIn(year).get(day) ??
    holidaysStartingIn(previous).get(day) ??
    null
  );
}

/**
 * A day is working iff an adjustment makes it a WORKING_DAY, or no adjustment makes it a
 * DAY_OFF and it is Monday–Friday and not a public holiday.
 */
export function createWorkingCalendar(
  adjustments: readonly CalendarAdjustmentInput[],
): VietnameseWorkingCalendar {
  const working = new Map<LocalDay, CalendarAdjustmentInput>();
  const off = new Map<LocalDay, CalendarAdjustmentInput>();
  for (const a of adjustments) (a.kind === 'WORKING_DAY' ? working : off).set(a.day, a);

  const weekend = (day: LocalDay) => {
    const dow = dayOfWeek(day);
    return dow === 6 ? SATURDAY : dow === 0 ? SUNDAY : null;
  };
  // Asked for the same days over and over (every deadline walks them): each day is worked out
  // once per calendar, the lunar holidays included.
  const known = new Map<LocalDay, boolean>();
  const isWorkingDay = (day: LocalDay) => {
    let works = known.get(day);
    if (works === undefined) {
      works =
        working.has(day) || (!off.has(day) && weekend(day) === null && !publicHolidayName(day));
      if (known.size >= 50_000) known.clear();
      known.set(day, works);
    }
    return works;
  };

  return {
    isWorkingDay,
    describeDay: (day) => {
      const adjustment = working.get(day) ?? off.get(day);
      return {
        day,
        working: isWorkingDay(day),
        reason: adjustment?.reason || publicHolidayName(day) || weekend(day),
      };
    },
  };
}

/** One day of the calendar with the given adjustments (none: the library and weekends). */
export function describeDay(
  day: LocalDay,
  adjustments: readonly CalendarAdjustmentInput[] = [],
): DayDescription {
  return createWorkingCalendar(adjustments.filter((a) => a.day === day)).describeDay(day);
}
