import { DAY_MS, vnDate, type LocalDay } from '../../common/domain/local-time.js';
import { nextDay, type WorkingCalendar } from '../../calendar/domain/working-days.js';

/** What is stored: a milestone is planned until someone marks it done or drops it. */
export const MILESTONE_STATES = ['PLANNED', 'DONE', 'DROPPED'] as const;
export type MilestoneState = (typeof MILESTONE_STATES)[number];

/**
 * What is shown: a PLANNED milestone whose due day has passed is MISSED, computed from the day
 * (never stored), so it reads missed from the day after it is due whatever ran or did not run,
 * and a period read as of its cut-off sees it missed exactly when it was then.
 */
export const MILESTONE_STATUSES = ['PLANNED', 'MISSED', 'DONE', 'DROPPED'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** How precisely the due time is known: a day ("20/01/2024"), a month, or a year ("trong năm 2024"). */
export const DUE_PRECISIONS = ['DAY', 'MONTH', 'YEAR'] as const;
export type DuePrecision = (typeof DUE_PRECISIONS)[number];

/** A due time as given: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
export const DUE_REGEX = /^(20[0-9]{2}|2100)(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$/;

export interface Due {
  /** As given: `2023-12-30`, `2024-01`, `2024`. */
  text: string;
  precision: DuePrecision;
  /** The day it is due: the day itself, or the last day of the month or year. */
  dueOn: LocalDay;
}

const lastDayOfMonth = (year: number, month: number): LocalDay =>
  new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

/** The due time of `text`, or null when it is not a day, month or year that exists. */
export function parseDue(text: string): Due | null {
  if (!DUE_REGEX.test(text)) return null;
  const [y, m, d] = text.split('-').map(Number);
  if (m === undefined) return { text, precision: 'YEAR', dueOn: `${y}-12-31` };
  if (d === undefined) return { text, precision: 'MONTH', dueOn: lastDayOfMonth(y, m) };
  const day = new Date(Date.UTC(y, m - 1, d));
  if (day.getUTCMonth() !== m - 1) return null; // 2023-02-30
  return { text, precision: 'DAY', dueOn: text };
}

/** The due time as Vietnamese text reads it: "30/12/2023", "tháng 01/2024", "năm 2024". */
export function dueLabel(due: { text: string; precision: DuePrecision }): string {
  switch (due.precision) {
    case 'DAY':
      return vnDate(due.text);
    case 'MONTH':
      return `tháng ${due.text.slice(5, 7)}/${due.text.slice(0, 4)}`;
    case 'YEAR':
      return `năm ${due.text}`;
  }
}

/** The state shown on `today`: MISSED for a PLANNED one past its due day. */
export function milestoneStatus(
  state: MilestoneState,
  dueOn: LocalDay,
  today: LocalDay,
): MilestoneStatus {
  return state === 'PLANNED' && today > dueOn ? 'MISSED' : state;
}

/** Calendar days from the due day to `today` for a missed milestone (1 the day after); else 0. */
export function daysLate(dueOn: LocalDay, today: LocalDay): number {
  return Math.max(0, Math.round((Date.parse(today) - Date.parse(dueOn)) / DAY_MS));
}

/** The SQL of "missed on the day `today`" for the milestone aliased `ms` (`today` a date). */
export const missedMilestoneSql = (ms: string, today: string) =>
  `(${ms}.state = 'PLANNED' AND ${ms}.due_on < ${today})`;

/**
 * The day of the advance reminder: the `days`-th working day before `dueOn` (5 working days
 * before a Wednesday is the Wednesday before); null when `days` is 0 (no advance reminder).
 */
export function advanceReminderDay(
  dueOn: LocalDay,
  days: number,
  calendar: WorkingCalendar,
): LocalDay | null {
  if (days <= 0) return null;
  let day = dueOn;
  for (let left = days; left > 0;) {
    day = nextDay(day, -1);
    if (calendar.isWorkingDay(day)) left -= 1;
  }
  return day;
}

/** Which reminder of a PLANNED milestone is due on `today`, if any. */
export function reminderDueOn(
  dueOn: LocalDay,
  today: LocalDay,
  days: number,
  calendar: WorkingCalendar,
): 'before' | 'due' | null {
  if (today === dueOn) return 'due';
  if (today > dueOn) return null;
  const advance = advanceReminderDay(dueOn, days, calendar);
  // From its day up to the day before the due day, so a day the job did not run is caught up;
  // the idempotency key sends it once.
  return advance !== null && today >= advance ? 'before' : null;
}

/** The moves a user makes: done (with the day), dropped (with a reason). */
export type MilestoneCommand = 'complete' | 'drop';

export function milestoneCommandsFrom(state: MilestoneState): MilestoneCommand[] {
  return state === 'PLANNED' ? ['complete', 'drop'] : [];
}
